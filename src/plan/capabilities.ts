import type { EdmType } from '../metadata/catalog.ts';
import { edmType, type EdmFamily } from '../metadata/edm-types.ts';

/** What an argument must be: text, a whole number, or a date. */
export type ArgKind = 'string' | 'integer' | 'date';

/** A SQL Server function that has an OData equivalent in `$filter`. */
export interface FunctionCapability {
  readonly odata: string;
  readonly args: readonly ArgKind[];
  readonly returns: EdmType;
  /** Index of an argument SQL counts from 1 and OData from 0 (SUBSTRING's start): a literal or parameter, shifted by one. */
  readonly zeroBasedArg?: number;
}

/** A function we know and deliberately do not push down, with the reason. */
export interface UnsupportedFunction {
  readonly unsupported: string;
}

/**
 * Which SQL functions translate to which OData functions (the same names exist in OData v3 and v4).
 * Functions not listed are ESQL_UNSUPPORTED ("the local engine will run it").
 */
export const FUNCTIONS: Readonly<Record<string, FunctionCapability | UnsupportedFunction>> = {
  UPPER: { odata: 'toupper', args: ['string'], returns: 'Edm.String' },
  LOWER: { odata: 'tolower', args: ['string'], returns: 'Edm.String' },
  // SQL Server's LEN ignores trailing spaces and OData's length counts them; Epicor trims its strings.
  LEN: { odata: 'length', args: ['string'], returns: 'Edm.Int32' },
  SUBSTRING: { odata: 'substring', args: ['string', 'integer', 'integer'], returns: 'Edm.String', zeroBasedArg: 1 },
  TRIM: { odata: 'trim', args: ['string'], returns: 'Edm.String' },
  LTRIM: { unsupported: "LTRIM trims the left side only and OData's trim trims both sides" },
  RTRIM: { unsupported: "RTRIM trims the right side only and OData's trim trims both sides" },
  YEAR: { odata: 'year', args: ['date'], returns: 'Edm.Int32' },
  MONTH: { odata: 'month', args: ['date'], returns: 'Edm.Int32' },
  DAY: { odata: 'day', args: ['date'], returns: 'Edm.Int32' },
};

/** The EDM type a literal or parameter argument is encoded as, per argument kind. */
export const ARG_TYPE: Readonly<Record<ArgKind, EdmType>> = {
  string: 'Edm.String',
  integer: 'Edm.Int32',
  date: 'Edm.DateTime',
};

/** The EDM families (src/metadata/edm-types.ts) whose values fit an argument kind. */
const ARG_FAMILIES: Readonly<Record<ArgKind, readonly EdmFamily[]>> = {
  string: ['string'],
  integer: ['integer'],
  date: ['datetime', 'date'],
};

/** Whether a column or function result of `type` fits an argument of `kind`. */
export function fitsArg(type: EdmType, kind: ArgKind): boolean {
  const family = edmType(type)?.family;
  return family !== undefined && ARG_FAMILIES[kind].includes(family);
}
