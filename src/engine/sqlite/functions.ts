// PLACEHOLDER until the sql-functions branch lands: the agreed API with a few functions.
import type Database from 'better-sqlite3';

export type SqlValueType = 'string' | 'integer' | 'decimal' | 'float' | 'boolean' | 'datetime' | 'date' | 'unknown';

export interface SqlServerFunction {
  readonly sqlite: string;
  readonly minArgs: number;
  readonly maxArgs: number;
  readonly returns: (argTypes: readonly SqlValueType[]) => SqlValueType;
  readonly deterministic: boolean;
}

const fixed = (t: SqlValueType) => () => t;
const first = (args: readonly SqlValueType[]): SqlValueType => args[0] ?? 'unknown';

export const SQLSERVER_FUNCTIONS: Readonly<Record<string, SqlServerFunction>> = {
  LEN: { sqlite: 'ss_len', minArgs: 1, maxArgs: 1, returns: fixed('integer'), deterministic: true },
  CHARINDEX: { sqlite: 'ss_charindex', minArgs: 2, maxArgs: 3, returns: fixed('integer'), deterministic: true },
  UPPER: { sqlite: 'ss_upper', minArgs: 1, maxArgs: 1, returns: fixed('string'), deterministic: true },
  LOWER: { sqlite: 'ss_lower', minArgs: 1, maxArgs: 1, returns: fixed('string'), deterministic: true },
  ISNULL: { sqlite: 'ss_isnull', minArgs: 2, maxArgs: 2, returns: first, deterministic: true },
  YEAR: { sqlite: 'ss_year', minArgs: 1, maxArgs: 1, returns: fixed('integer'), deterministic: true },
};

export const SQLSERVER_AGGREGATES: Readonly<Record<string, SqlServerFunction>> = {};

const fold = (v: unknown): unknown => (typeof v === 'string' ? v.replace(/ +$/, '').toLowerCase() : v);

export function registerSqlServerFunctions(db: Database.Database, _options: { now?: () => Date } = {}): void {
  const o = { deterministic: true };
  db.function('ss_fold', o, fold);
  db.function('ss_like', { deterministic: true, varargs: true }, (v: unknown, p: unknown) => {
    if (typeof v !== 'string' || typeof p !== 'string') return null;
    const re = new RegExp(`^${p.replace(/[.*+?^${}()|\\]/g, '\\$&').replace(/%/g, '.*').replace(/_/g, '.')}$`, 'is');
    return re.test(v) ? 1 : 0;
  });
  db.function('ss_len', o, (v: unknown) => (typeof v === 'string' ? v.replace(/ +$/, '').length : null));
  db.function('ss_charindex', { deterministic: true, varargs: true }, (a: unknown, b: unknown) => (typeof a === 'string' && typeof b === 'string' ? b.toLowerCase().indexOf(a.toLowerCase()) + 1 : null));
  db.function('ss_upper', o, (v: unknown) => (typeof v === 'string' ? v.toUpperCase() : v));
  db.function('ss_lower', o, (v: unknown) => (typeof v === 'string' ? v.toLowerCase() : v));
  db.function('ss_isnull', o, (a: unknown, b: unknown) => a ?? b);
  db.function('ss_year', o, (v: unknown) => (typeof v === 'string' ? Number(v.slice(0, 4)) : null));
}
