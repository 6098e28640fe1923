/**
 * ISNULL, COALESCE, NULLIF, IIF. The engine may render these with SQLite's own IFNULL, COALESCE, NULLIF
 * and CASE; these keep SQL Server's rules where SQLite's differ: NULLIF compares strings as the collation
 * does (NULLIF('MN', 'mn ') is NULL), and values pass through with their storage class (an INTEGER stays
 * INTEGER).
 */
import { collationEquals } from './collation.ts';
import { highestType, toNumber, type FunctionDefinition, type SqlArg, type SqlResult } from './values.ts';

/** SQL Server's `=` on two non-NULL values: strings by the collation, a string against a number as a number. */
export function sqlEquals(a: Exclude<SqlArg, null>, b: Exclude<SqlArg, null>): boolean {
  if (typeof a === 'string' && typeof b === 'string') return collationEquals(a, b);
  if (typeof a === 'bigint' && typeof b === 'bigint') return a === b;
  if (a instanceof Uint8Array || b instanceof Uint8Array) {
    return a instanceof Uint8Array && b instanceof Uint8Array && Buffer.from(a).equals(Buffer.from(b));
  }
  return toNumber(a, 'nullif') === toNumber(b, 'nullif');
}

const truthy = (v: SqlArg | undefined): boolean => v !== null && v !== undefined && (typeof v === 'string' ? toNumber(v, 'iif') !== 0 : Number(v) !== 0);

const def = (sqlite: string, minArgs: number, maxArgs: number, returns: FunctionDefinition['returns'], impl: FunctionDefinition['impl']): FunctionDefinition =>
  ({ sqlite, minArgs, maxArgs, returns, deterministic: true, impl });

export const NULL_FUNCTIONS: Readonly<Record<string, FunctionDefinition>> = {
  // ISNULL takes the first argument's type (SQL Server converts the replacement to it).
  ISNULL: def('ss_isnull', 2, 2, (t) => t[0] ?? 'unknown', ([a, b]) => (a === null || a === undefined ? (b ?? null) : a)),
  COALESCE: def('ss_coalesce', 2, Infinity, highestType, (args) => args.find((v) => v !== null) ?? null),
  NULLIF: def('ss_nullif', 2, 2, (t) => t[0] ?? 'unknown', ([a, b]): SqlResult =>
    a === null || a === undefined ? null : b === null || b === undefined ? a : sqlEquals(a, b) ? null : a),
  /** CHOOSE(i, a, b, ...): the i-th value (1-based), NULL when i is out of range or NULL. */
  CHOOSE: def('ss_choose', 2, Infinity, (t) => highestType(t.slice(1)), ([i, ...values]) => {
    if (i === null || i === undefined) return null;
    const k = Math.trunc(toNumber(i, 'choose'));
    return values[k - 1] ?? null;
  }),
  IIF: def('ss_iif', 3, 3, (t) => highestType(t.slice(1)), ([c, a, b]) => (truthy(c) ? (a ?? null) : (b ?? null))),
};
