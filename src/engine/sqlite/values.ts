/**
 * Values as the local SQLite database holds them (see functions.ts): TEXT, INTEGER (arriving as
 * `bigint`, the functions are registered with `safeIntegers` so an INTEGER is told from a REAL), REAL
 * (`number`), BLOB and NULL. Integer results are returned as `bigint` so SQLite stores INTEGER: a
 * `number` would come back as REAL and `LEN(x) / 2` would stop being integer division.
 */
import { SqlServerFunctionError } from './function-error.ts';

/** The type of a value as the engine knows it, used to type computed columns. */
export type SqlValueType = 'string' | 'integer' | 'decimal' | 'float' | 'boolean' | 'datetime' | 'date' | 'unknown';

/** A value as a registered function receives it. */
export type SqlArg = string | number | bigint | Uint8Array | null;

/** A value as a registered function returns it. */
export type SqlResult = string | number | bigint | Uint8Array | null;

/** What every function may read besides its arguments: the query's start time. */
export interface FunctionContext {
  readonly now: Date;
  /** What SCOPE_IDENTITY() answers: the connection's last inserted integer key, read when the query starts. */
  readonly scopeIdentity?: number | null;
}

/** One SQL Server function: its entry in the public table plus its implementation. */
export interface FunctionDefinition {
  readonly sqlite: string;
  readonly minArgs: number;
  /** `Infinity` for variadic functions (CONCAT, COALESCE). */
  readonly maxArgs: number;
  readonly returns: (argTypes: readonly SqlValueType[]) => SqlValueType;
  readonly deterministic: boolean;
  readonly impl: (args: readonly SqlArg[], ctx: FunctionContext) => SqlResult;
}

export const fixed = (t: SqlValueType) => (): SqlValueType => t;
export const sameAs = (i: number, fallback: SqlValueType = 'unknown') => (types: readonly SqlValueType[]): SqlValueType =>
  types[i] ?? fallback;

/** SQL Server's data type precedence (highest first) among our types, for COALESCE, IIF, ISNULL. */
const PRECEDENCE: readonly SqlValueType[] = ['datetime', 'date', 'float', 'decimal', 'integer', 'boolean', 'string'];

/** The result type of an expression mixing `types` (CASE, COALESCE): the one of highest precedence. */
export function highestType(types: readonly SqlValueType[]): SqlValueType {
  let best: SqlValueType = 'unknown';
  for (const t of types) {
    if (t === 'unknown') continue;
    if (best === 'unknown' || PRECEDENCE.indexOf(t) < PRECEDENCE.indexOf(best)) best = t;
  }
  return best;
}

export const isNull = (v: SqlArg): v is null => v === null;

/** An integer result as SQLite INTEGER. */
export function int(n: number | bigint): bigint {
  return typeof n === 'bigint' ? n : BigInt(Math.trunc(n));
}

export const bool = (b: boolean): bigint => (b ? 1n : 0n);

/** Text of a value as SQL Server's implicit conversion to nvarchar gives it for numbers and text. */
export function toText(v: Exclude<SqlArg, null>): string {
  if (typeof v === 'string') return v;
  if (typeof v === 'bigint') return v.toString();
  if (typeof v === 'number') return numberText(v);
  return Buffer.from(v).toString('latin1');
}

/** A REAL as text without exponent for ordinary magnitudes ('0.1', '1234.5'), as a decimal renders. */
export function numberText(n: number): string {
  if (Object.is(n, -0)) return '0';
  const s = String(n);
  if (!/e/i.test(s)) return s;
  return Math.abs(n) >= 1e21 ? s : n.toFixed(20).replace(/\.?0+$/, '');
}

/** A numeric argument (an integer count, a length) as a JS number, or an error naming the function. */
export function toNumber(v: Exclude<SqlArg, null>, fn: string): number {
  if (typeof v === 'number') return v;
  if (typeof v === 'bigint') return Number(v);
  if (typeof v === 'string') {
    const t = v.trim();
    if (/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(t)) return Number(t);
  }
  throw new SqlServerFunctionError(245, `Conversion failed when converting the value '${toText(v)}' to a number in ${fn}.`);
}

/** An int argument: SQL Server converts a decimal to int by truncation. */
export const toInt = (v: Exclude<SqlArg, null>, fn: string): number => Math.trunc(toNumber(v, fn));
