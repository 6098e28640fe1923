import type { EdmType } from '../metadata/catalog.ts';
import { edmType, type EdmFamily } from '../metadata/edm-types.ts';
import type { CountOption } from '../odata/request.ts';
import type { ApiVersion } from '../odata/version.ts';

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

/** What one protocol version of Epicor's OData can express: the planner pushes down only these. */
export interface ODataCapabilities {
  /** SQL functions (upper-case names) that translate to OData functions in `$filter`. */
  readonly functions: Readonly<Record<string, FunctionCapability | UnsupportedFunction>>;
  /** `LIKE '%x%'`: OData v4's `contains(Name,'x')` or v3's `substringof('x',Name) eq true`. */
  readonly contains: 'contains' | 'substringof';
  /** How a count is asked for. */
  readonly count: CountOption;
  /** Comparison operators of `$filter` (SQL's = <> < <= > >=, IN and BETWEEN are written with these). */
  readonly operators: readonly ('eq' | 'ne' | 'lt' | 'le' | 'gt' | 'ge' | 'and' | 'or' | 'not')[];
}

// The same function names exist in OData v3 and v4.
const FUNCTIONS: ODataCapabilities['functions'] = {
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

const OPERATORS: ODataCapabilities['operators'] = ['eq', 'ne', 'lt', 'le', 'gt', 'ge', 'and', 'or', 'not'];

/**
 * The capability table, per API version: v1 speaks OData v3 (Epicor's `/api/v1`), v2 OData v4. Literal
 * forms per version live with the EDM types (src/odata/literals.ts).
 *
 * @example
 * ```ts
 * CAPABILITIES.v1.contains; // 'substringof'
 * CAPABILITIES.v2.count;    // 'count'
 * ```
 */
export const CAPABILITIES: Readonly<Record<ApiVersion, ODataCapabilities>> = {
  v1: { functions: FUNCTIONS, contains: 'substringof', count: 'inlinecount', operators: OPERATORS },
  v2: { functions: FUNCTIONS, contains: 'contains', count: 'count', operators: OPERATORS },
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
