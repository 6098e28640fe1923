/**
 * The `$filter` functions the simulator evaluates, as data: protocol versions, argument types, result
 * type and the SQLite expression. String matching ignores case like Epicor's SQL Server collation, through
 * the functions registered in sqlite-functions.ts; trailing spaces count in them, as in SQL Server's LIKE
 * and CHARINDEX over nvarchar, except in length() (see there). OData positions are 0-based, SQLite's
 * 1-based.
 */
import type { ValueType } from './expr.ts';
import type { ODataVersion } from './types.ts';

export interface FunctionSpec {
  readonly versions: readonly ODataVersion[];
  readonly args: readonly ValueType[];
  /** Arguments that may be left out at the end (substring's length). */
  readonly optional?: number;
  readonly result: ValueType;
  readonly sql: (args: readonly string[]) => string;
  /** Said when the function exists only in the other version. */
  readonly otherVersionHint?: string;
  /**
   * A string test that, when argument `pattern` is an ASCII literal, is SQLite's LIKE (which ignores
   * ASCII case like the collation) on argument `subject`: same answer, no JavaScript call per row.
   */
  readonly like?: { readonly subject: number; readonly pattern: number; readonly shape: (escaped: string) => string };
  /** The same expression when the first argument cannot end in a space (cheaper: no rtrim). */
  readonly unpaddedSql?: (args: readonly string[]) => string;
}

const BOTH: readonly ODataVersion[] = ['v1', 'v2'];
const datePart = (format: string) => (a: readonly string[]) => `CAST(strftime('${format}', ${a[0]}) AS INTEGER)`;
const datePartSpec = (format: string): FunctionSpec => ({ versions: BOTH, args: ['datetime'], result: 'number', sql: datePart(format) });
const mathSpec = (fn: string): FunctionSpec => ({ versions: BOTH, args: ['number'], result: 'number', sql: (a) => `${fn}(${a[0]})` });
const stringTest = (fn: string, shape: (p: string) => string): FunctionSpec => ({
  versions: BOTH,
  args: ['string', 'string'],
  result: 'boolean',
  sql: (a) => `${fn}(${a[0]}, ${a[1]})`,
  like: { subject: 0, pattern: 1, shape },
});

export const FUNCTIONS: Readonly<Record<string, FunctionSpec>> = {
  contains: {
    ...stringTest('odata_contains', (p) => `%${p}%`),
    versions: ['v2'],
    otherVersionHint: "contains is OData v4; on v1 (OData v3) write substringof('text', Property).",
  },
  substringof: {
    versions: ['v1'],
    args: ['string', 'string'],
    result: 'boolean',
    sql: (a) => `odata_contains(${a[1]}, ${a[0]})`,
    like: { subject: 1, pattern: 0, shape: (p) => `%${p}%` },
    otherVersionHint: "substringof is OData v3; on v2 (OData v4) write contains(Property, 'text').",
  },
  startswith: stringTest('odata_startswith', (p) => `${p}%`),
  endswith: stringTest('odata_endswith', (p) => `%${p}`),
  indexof: { versions: BOTH, args: ['string', 'string'], result: 'number', sql: (a) => `odata_indexof(${a[0]}, ${a[1]})` },
  tolower: { versions: BOTH, args: ['string'], result: 'string', sql: (a) => `odata_lower(${a[0]})` },
  toupper: { versions: BOTH, args: ['string'], result: 'string', sql: (a) => `odata_upper(${a[0]})` },
  trim: { versions: BOTH, args: ['string'], result: 'string', sql: (a) => `trim(${a[0]})` },
  // SQL Server's LEN, which the .NET OData stack over Entity Framework translates length() to (assumed),
  // does not count trailing spaces.
  length: {
    versions: BOTH,
    args: ['string'],
    result: 'number',
    sql: (a) => `length(rtrim(${a[0]}, ' '))`,
    unpaddedSql: (a) => `length(${a[0]})`,
  },
  concat: { versions: BOTH, args: ['string', 'string'], result: 'string', sql: (a) => `(${a[0]} || ${a[1]})` },
  substring: {
    versions: BOTH,
    args: ['string', 'number', 'number'],
    optional: 1,
    result: 'string',
    sql: (a) => (a.length === 3 ? `substr(${a[0]}, (${a[1]}) + 1, ${a[2]})` : `substr(${a[0]}, (${a[1]}) + 1)`),
  },
  year: datePartSpec('%Y'),
  month: datePartSpec('%m'),
  day: datePartSpec('%d'),
  hour: datePartSpec('%H'),
  minute: datePartSpec('%M'),
  second: datePartSpec('%S'),
  round: mathSpec('round'),
  floor: mathSpec('floor'),
  ceiling: mathSpec('ceil'),
};
