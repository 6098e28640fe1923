/**
 * The one table of EDM primitive types: everything the driver knows about a type is a row here, and
 * {@link EdmType} is its list of keys. The literal encoder (src/odata/literals.ts), the row converters
 * (src/engine/convert.ts), the function capabilities (src/plan/capabilities.ts) and the EDMX reader
 * (src/epicor/edmx-columns.ts) read it; adding a type is one row, and every switch over families then
 * fails to compile until it handles a new family.
 */

/** What kind of value a type holds; code branches on families, not on type names. */
export type EdmFamily = 'string' | 'integer' | 'decimal' | 'float' | 'boolean' | 'datetime' | 'date' | 'time' | 'guid' | 'binary';

/**
 * The JavaScript value a result cell of the type becomes: `date` is a `Date`, `number` a number (an
 * Int64 beyond 2^53 and a decimal stay strings with DecimalsAsStrings), `string` the text Epicor sent.
 */
export type JsValueKind = 'string' | 'number' | 'boolean' | 'date';

/**
 * How the text of a value is written (the body of a literal, and a BAQ parameter in the query string).
 * `instant`: UTC without offset (`2024-03-01T00:00:00`), as Epicor's v1 dates travel; `instant-z`: UTC
 * with `Z`; `day`: the UTC calendar day (`2024-03-01`).
 */
export type LiteralBody = 'text' | 'integer' | 'decimal' | 'float' | 'boolean' | 'instant' | 'instant-z' | 'day' | 'guid';

/** A literal form: `prefix` + the body (inside single quotes, quotes doubled, when `quoted`) + `suffix`. */
export interface LiteralForm {
  readonly prefix: string;
  readonly quoted: boolean;
  readonly suffix: string;
  readonly body: LiteralBody;
}

export interface EdmTypeInfo {
  readonly family: EdmFamily;
  readonly js: JsValueKind;
  /** The SQL Server type a column of this type has (for typing in SQLite and for `columns[].type` later). */
  readonly sqlType: string;
  /** Inclusive range of an integer type. */
  readonly range?: readonly [min: bigint, max: bigint];
  /** The literal form per API version; absent when values of the type cannot be written in a filter yet. */
  readonly literal?: { readonly v1: LiteralForm; readonly v2: LiteralForm };
}

const form = (body: LiteralBody, prefix = '', quoted = false, suffix = ''): LiteralForm => ({ prefix, quoted, suffix, body });
const same = (f: LiteralForm) => ({ v1: f, v2: f });

// OData v3 (Epicor's v1) also defines the suffixes `L` (Int64), `d` (Double) and `f` (Single), but they are
// optional and Epicor reads bare numbers, so v1 writes them bare as v2 does; `M` is kept on decimals,
// without which v3 reads `1.5` as a Double and compares inexactly.
const INTEGER = same(form('integer'));
const FLOAT = same(form('float'));

/** The EDM types, as they appear in EDMX (`Type="Edm.String"`). */
export const EDM_TYPES = {
  'Edm.String': { family: 'string', js: 'string', sqlType: 'nvarchar', literal: same(form('text', '', true)) },
  'Edm.Boolean': { family: 'boolean', js: 'boolean', sqlType: 'bit', literal: same(form('boolean')) },
  'Edm.Byte': { family: 'integer', js: 'number', sqlType: 'tinyint', range: [0n, 255n], literal: INTEGER },
  // SQL Server has no signed tinyint: smallint holds every SByte.
  'Edm.SByte': { family: 'integer', js: 'number', sqlType: 'smallint', range: [-128n, 127n], literal: INTEGER },
  'Edm.Int16': { family: 'integer', js: 'number', sqlType: 'smallint', range: [-32768n, 32767n], literal: INTEGER },
  'Edm.Int32': { family: 'integer', js: 'number', sqlType: 'int', range: [-2147483648n, 2147483647n], literal: INTEGER },
  'Edm.Int64': { family: 'integer', js: 'number', sqlType: 'bigint', range: [-9223372036854775808n, 9223372036854775807n], literal: INTEGER },
  'Edm.Decimal': { family: 'decimal', js: 'number', sqlType: 'decimal', literal: { v1: form('decimal', '', false, 'M'), v2: form('decimal') } },
  'Edm.Double': { family: 'float', js: 'number', sqlType: 'float', literal: FLOAT },
  'Edm.Single': { family: 'float', js: 'number', sqlType: 'real', literal: FLOAT },
  'Edm.DateTime': { family: 'datetime', js: 'date', sqlType: 'datetime2', literal: { v1: form('instant', 'datetime', true), v2: form('instant-z') } },
  'Edm.DateTimeOffset': { family: 'datetime', js: 'date', sqlType: 'datetimeoffset', literal: { v1: form('instant-z', 'datetimeoffset', true), v2: form('instant-z') } },
  // v1 has no date literal: a day is the datetime of its midnight (UTC).
  'Edm.Date': { family: 'date', js: 'string', sqlType: 'date', literal: { v1: form('instant', 'datetime', true), v2: form('day') } },
  'Edm.Time': { family: 'time', js: 'string', sqlType: 'time' },
  'Edm.TimeOfDay': { family: 'time', js: 'string', sqlType: 'time' },
  'Edm.Guid': { family: 'guid', js: 'string', sqlType: 'uniqueidentifier', literal: { v1: form('guid', 'guid', true), v2: form('guid') } },
  'Edm.Binary': { family: 'binary', js: 'string', sqlType: 'varbinary' },
} as const satisfies Record<string, EdmTypeInfo>;

/** EDM primitive type names as they appear in EDMX (`Type="Edm.String"`): the keys of {@link EDM_TYPES}. */
export type EdmType = keyof typeof EDM_TYPES;

/**
 * The row of a type, or undefined for a name outside the table: callers treat that as a type they know
 * nothing about (a catalog read back from the cache is not checked type by type).
 *
 * @example
 * ```ts
 * edmType('Edm.Int16')?.range; // [-32768n, 32767n]
 * edmType('Edm.Decimal')?.literal?.v1.suffix; // 'M'
 * ```
 */
export function edmType(type: string): EdmTypeInfo | undefined {
  return isEdmType(type) ? EDM_TYPES[type] : undefined;
}

/** True when `name` is one of the EDM types of the table (an EDMX `Type` attribute, for example). */
export function isEdmType(name: string): name is EdmType {
  return Object.hasOwn(EDM_TYPES, name);
}
