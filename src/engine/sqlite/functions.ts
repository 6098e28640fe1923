/**
 * SQL Server's functions for the local engine, registered on a per-query better-sqlite3 database under
 * `ss_`-prefixed names so SQLite's built-ins are never shadowed.
 *
 * Values are as the local database holds them: text TEXT; integers INTEGER; decimals and floats REAL;
 * booleans INTEGER 0/1; dates and datetimes TEXT `YYYY-MM-DDTHH:MM:SS.SSS` (no zone; a date alone is
 * `YYYY-MM-DDT00:00:00.000`); NULL. Date parts arrive as text ('day', 'mm', 'yy'...). A SQL Server error
 * becomes a thrown {@link SqlServerFunctionError} with SQL Server's message and number.
 *
 * @example
 * ```ts
 * const db = new Database(':memory:');
 * registerSqlServerFunctions(db, { now: () => queryStart });
 * db.prepare("SELECT ss_dateadd('month', 1, '2024-01-31T00:00:00.000') AS d").get();
 * // { d: '2024-02-29T00:00:00.000' }
 * db.prepare("SELECT * FROM t WHERE ss_fold(State) = ss_fold('MN ')").all(); // SQL Server's `=`
 * ```
 */
import type Database from 'better-sqlite3';
import { collationKey } from './collation.ts';
import { CONVERSION_FUNCTIONS, CONVERSION_HELPERS } from './conversion-functions.ts';
import { DATE_FUNCTIONS } from './date-functions.ts';
import { format } from './format.ts';
import { IDENTITY_FUNCTIONS } from './identity-functions.ts';
import { like } from './like.ts';
import { MATH_FUNCTIONS } from './math-functions.ts';
import { NULL_FUNCTIONS } from './null-functions.ts';
import { MAX_TEXT_LENGTH, STRING_FUNCTIONS } from './string-functions.ts';
import { LOCAL_LIMIT, SqlServerFunctionError } from './function-error.ts';
import { bool, fixed, toText, type FunctionContext, type FunctionDefinition, type SqlArg, type SqlValueType } from './values.ts';

export type { SqlValueType } from './values.ts';
export { LOCAL_LIMIT, SqlServerFunctionError, UNSUPPORTED } from './function-error.ts';
export { convertedType } from './conversion-functions.ts';

/** What the engine needs to know of a function: its SQLite name, arity, result type and determinism. */
export interface SqlServerFunctionSpec {
  readonly sqlite: string;
  readonly minArgs: number;
  /** `Infinity` for CONCAT, CONCAT_WS and COALESCE. */
  readonly maxArgs: number;
  /** The result type from the argument types: LEN is integer, DATEADD its date argument's type. */
  readonly returns: (argTypes: readonly SqlValueType[]) => SqlValueType;
  readonly deterministic: boolean;
}

const FORMAT: FunctionDefinition = { sqlite: 'ss_format', minArgs: 2, maxArgs: 3, returns: fixed('string'), deterministic: true, impl: format };

const DEFINITIONS: Readonly<Record<string, FunctionDefinition>> = {
  ...STRING_FUNCTIONS, FORMAT, ...DATE_FUNCTIONS, ...MATH_FUNCTIONS, ...CONVERSION_FUNCTIONS, ...NULL_FUNCTIONS, ...IDENTITY_FUNCTIONS,
};

const HELPER_DEFINITIONS: Readonly<Record<string, FunctionDefinition>> = {
  ...CONVERSION_HELPERS,
  /** The collation key: compare, group, sort and join strings on `ss_fold(x)` (collation.ts). */
  ss_fold: {
    sqlite: 'ss_fold', minArgs: 1, maxArgs: 1, returns: (t) => t[0] ?? 'unknown', deterministic: true,
    impl: ([x]) => (typeof x === 'string' ? collationKey(x) : (x ?? null)),
  },
  /** `ss_like(value, pattern[, escape])`: SQL Server's LIKE, 1/0/NULL (like.ts). */
  ss_like: {
    sqlite: 'ss_like', minArgs: 2, maxArgs: 3, returns: fixed('boolean'), deterministic: true,
    impl: ([v, p, e]) => {
      if (v === null || p === null || e === null || v === undefined || p === undefined) return null;
      return bool(like(toText(v), toText(p), e === undefined ? undefined : toText(e)));
    },
  },
};

const spec = ({ sqlite, minArgs, maxArgs, returns, deterministic }: FunctionDefinition): SqlServerFunctionSpec =>
  Object.freeze({ sqlite, minArgs, maxArgs, returns, deterministic });

/** The scalar functions, keyed by SQL Server's upper-case name. */
export const SQLSERVER_FUNCTIONS: Readonly<Record<string, SqlServerFunctionSpec>> = Object.freeze(
  Object.fromEntries(Object.entries(DEFINITIONS).map(([name, d]) => [name, spec(d)])),
);

/**
 * Functions the engine writes into generated SQL that are not SQL Server calls, keyed by SQLite name:
 * `ss_fold`, `ss_like`, `ss_convert(value, type[, style[, sourceType]])`, `ss_try_convert(...)`,
 * `ss_try_cast(value, type)`. For the conversions `returns` is 'unknown': use `convertedType(type)`.
 */
export const SQLITE_HELPERS: Readonly<Record<string, SqlServerFunctionSpec>> = Object.freeze(
  Object.fromEntries(Object.entries(HELPER_DEFINITIONS).map(([name, d]) => [name, spec(d)])),
);

/** The aggregates, keyed by SQL Server's name. `WITHIN GROUP (ORDER BY x)` is `ss_string_agg(v, sep ORDER BY x)`. */
export const SQLSERVER_AGGREGATES: Readonly<Record<string, SqlServerFunctionSpec>> = Object.freeze({
  STRING_AGG: spec({ sqlite: 'ss_string_agg', minArgs: 2, maxArgs: 2, returns: fixed('string'), deterministic: true, impl: () => null }),
});

export interface RegisterOptions {
  /** The query's start time: GETDATE and its kin return it all through the statement. Read once, here. */
  readonly now?: () => Date;
  /** The connection's last inserted integer key, for SCOPE_IDENTITY() (NULL when absent). Read once, here. */
  readonly scopeIdentity?: () => number | null;
}

function register(db: Database.Database, d: FunctionDefinition, ctx: FunctionContext): void {
  const options = { deterministic: d.deterministic, safeIntegers: true };
  if (!Number.isFinite(d.maxArgs)) {
    db.function(d.sqlite, { ...options, varargs: true }, (...args: SqlArg[]) => {
      if (args.length < d.minArgs) throw new SqlServerFunctionError(174, `The ${d.sqlite.slice(3)} function requires ${d.minArgs} to n arguments.`);
      return d.impl(args, ctx);
    });
    return;
  }
  // One registration per arity, so SQLite itself rejects a wrong number of arguments when preparing.
  for (let n = d.minArgs; n <= d.maxArgs; n++) {
    const fn = (...args: SqlArg[]) => d.impl(args, ctx);
    Object.defineProperty(fn, 'length', { value: n });
    db.function(d.sqlite, options, fn);
  }
}

/**
 * Registers every function of SQLSERVER_FUNCTIONS, SQLITE_HELPERS and SQLSERVER_AGGREGATES on `db`.
 *
 * @example
 * registerSqlServerFunctions(db, { now: () => new Date('2024-02-29T12:00:00Z') });
 * db.prepare('SELECT ss_len(?) AS n').get('MN  '); // { n: 2 }
 */
export function registerSqlServerFunctions(db: Database.Database, options: RegisterOptions = {}): void {
  const ctx: FunctionContext = { now: (options.now ?? (() => new Date()))(), scopeIdentity: options.scopeIdentity?.() ?? null };
  for (const d of Object.values(DEFINITIONS)) register(db, d, ctx);
  for (const d of Object.values(HELPER_DEFINITIONS)) register(db, d, ctx);
  // better-sqlite3 takes the aggregate's arity from `step.length` (3: the total, the value, the separator).
  const step = (acc: string | null, value: SqlArg, separator: SqlArg): string | null => {
    if (value === null) return acc;
    const next = acc === null ? toText(value) : acc + (separator === null ? '' : toText(separator)) + toText(value);
    if (next.length > MAX_TEXT_LENGTH) {
      throw new SqlServerFunctionError(LOCAL_LIMIT, `STRING_AGG aggregation result exceeded the local engine's limit of ${MAX_TEXT_LENGTH} characters.`);
    }
    return next;
  };
  db.aggregate('ss_string_agg', {
    deterministic: true,
    safeIntegers: true,
    start: () => null,
    step: step as unknown as (total: null, next: null) => null,
  });
}
