/**
 * How to ORDER BY a string column cheaply without changing the result. Strings sort by the
 * case-insensitive collation key (`odata_ci_key`, a JavaScript call per row: about a second per million
 * rows). When a column's values make a cheaper order identical, that is used instead:
 * - `binary`: no lower-case letters, none of `[\]^_\``, only ASCII. Then lower-casing keeps the order and
 *   no two values differ only in case, so plain binary order is the same, and it can use the primary-key
 *   index (paging a million rows by key stays fast).
 * - `nocase`: only ASCII. SQLite's NOCASE folds ASCII case exactly as the key does.
 * - `key`: anything else.
 * The answer is cached per database until its `total_changes()` moves (any insert, update or delete).
 */
import type Database from 'better-sqlite3';
import type { QuerySource } from './types.ts';

export type StringOrder = 'binary' | 'nocase' | 'key';
export type StringOrderOf = (column: string) => StringOrder;

const NOT_BINARY_SAFE = '*[]a-z[\\^_`]*';
const NOT_ASCII = '*[^\u0001-\u007f]*';
const caches = new WeakMap<Database.Database, { changes: number; orders: Map<string, StringOrder> }>();

/**
 * @example
 * const orderOf = stringOrderOf(db, source);
 * orderOf('Company') // 'binary' when every Company is an upper-case code such as 'EPIC06'
 */
export function stringOrderOf(db: Database.Database, source: QuerySource): StringOrderOf {
  return (column) => {
    const cache = currentCache(db);
    const key = `${source.from}\u0000${paramsKey(source.params)}\u0000${column}`;
    let order = cache.orders.get(key);
    if (order === undefined) {
      order = measure(db, source, column);
      cache.orders.set(key, order);
    }
    return order;
  };
}

function currentCache(db: Database.Database): { changes: number; orders: Map<string, StringOrder> } {
  const changes = Number((db.prepare('SELECT total_changes() AS "c"').get() as { c: number }).c);
  const cache = caches.get(db);
  if (cache && cache.changes === changes) return cache;
  const fresh = { changes, orders: new Map<string, StringOrder>() };
  caches.set(db, fresh);
  return fresh;
}

function measure(db: Database.Database, source: QuerySource, column: string): StringOrder {
  const quoted = `"${column.replace(/"/g, '""')}"`;
  const exists = (pattern: string): boolean =>
    db.prepare(`SELECT 1 FROM ${source.from} WHERE ${quoted} GLOB @__pattern LIMIT 1`).get({ ...source.params, __pattern: pattern }) !== undefined;
  if (exists(NOT_ASCII)) return 'key';
  return exists(NOT_BINARY_SAFE) ? 'nocase' : 'binary';
}

function paramsKey(params: Readonly<Record<string, unknown>>): string {
  return Object.entries(params)
    .map(([k, v]) => `${k}=${typeof v}:${String(v)}`)
    .join('&');
}

/** The ORDER BY expression for a string column under `order`. */
export function stringOrderSql(quotedColumn: string, order: StringOrder): string {
  if (order === 'binary') return quotedColumn;
  return order === 'nocase' ? `${quotedColumn} COLLATE NOCASE` : `odata_ci_key(${quotedColumn})`;
}
