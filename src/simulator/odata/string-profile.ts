/**
 * What a string column's values allow, so that comparing and ordering by the collation stays cheap.
 * Strings compare by the collation key (`odata_ci_key`, a JavaScript call per row: about a second per
 * million rows), which ignores case and trailing spaces. When a column's values make a cheaper form give
 * the same answer, that form is used instead:
 * - `padded(column)`: whether some value ends in a space. When none does, an equality test against an
 *   ASCII literal needs no `rtrim` on the column (filter-to-sql.ts).
 * - `order(column)`, the ORDER BY form:
 *   - `binary`: no lower-case letters, none of `[\]^_\``, only ASCII, no trailing space. Then
 *     lower-casing keeps the order and no two values differ only in case or trailing spaces, so plain
 *     binary order is the same, and it can use the primary-key index (paging a million rows by key
 *     stays fast).
 *   - `nocase`: only ASCII, no trailing space. SQLite's NOCASE folds ASCII case exactly as the key does.
 *   - `unpadded`: only ASCII, some trailing spaces: NOCASE over the value without them.
 *   - `key`: anything else.
 * Each answer is measured on first use (a scan that stops at the first value that rules the cheap form
 * out) and cached per database until its `total_changes()` moves (any insert, update or delete).
 */
import type Database from 'better-sqlite3';
import { assertNever } from './assert-never.ts';
import type { QuerySource } from './types.ts';

export type StringOrder = 'binary' | 'nocase' | 'unpadded' | 'key';

export interface StringProfile {
  readonly order: (column: string) => StringOrder;
  readonly padded: (column: string) => boolean;
}

/** For SQL compiled without a database: the general forms, always right. */
export const UNKNOWN_STRINGS: StringProfile = { order: () => 'key', padded: () => true };

const NOT_BINARY_SAFE = '*[]a-z[\\^_`]*';
const NOT_ASCII = '*[^\u0001-\u007f]*';
const PADDED = '* ';

interface Cache {
  readonly changes: number;
  readonly answers: Map<string, boolean>;
}
const caches = new WeakMap<Database.Database, Cache>();

/**
 * @example
 * const strings = stringProfile(db, source);
 * strings.order('Company') // 'binary' when every Company is an upper-case code such as 'EPIC06'
 * strings.padded('State')  // false unless some State ends in a space
 */
export function stringProfile(db: Database.Database, source: QuerySource): StringProfile {
  const prefix = `${source.from}\u0000${paramsKey(source.params)}\u0000`;
  const has = (column: string, pattern: string): boolean => {
    const cache = currentCache(db);
    const key = `${prefix}${column}\u0000${pattern}`;
    let answer = cache.answers.get(key);
    if (answer === undefined) {
      answer = exists(db, source, column, pattern);
      cache.answers.set(key, answer);
    }
    return answer;
  };
  return {
    padded: (column) => has(column, PADDED),
    order: (column) => {
      if (has(column, NOT_ASCII)) return 'key';
      if (has(column, PADDED)) return 'unpadded';
      return has(column, NOT_BINARY_SAFE) ? 'nocase' : 'binary';
    },
  };
}

function currentCache(db: Database.Database): Cache {
  const changes = Number((db.prepare('SELECT total_changes() AS "c"').get() as { c: number }).c);
  const cache = caches.get(db);
  if (cache && cache.changes === changes) return cache;
  const fresh = { changes, answers: new Map<string, boolean>() };
  caches.set(db, fresh);
  return fresh;
}

function exists(db: Database.Database, source: QuerySource, column: string, pattern: string): boolean {
  const quoted = `"${column.replace(/"/g, '""')}"`;
  const sql = `SELECT 1 FROM ${source.from} WHERE ${quoted} GLOB @__pattern LIMIT 1`;
  return db.prepare(sql).get({ ...source.params, __pattern: pattern }) !== undefined;
}

function paramsKey(params: Readonly<Record<string, unknown>>): string {
  return Object.entries(params)
    .map(([k, v]) => `${k}=${typeof v}:${String(v)}`)
    .join('&');
}

/** The ORDER BY expression for a string column under `order`. */
export function stringOrderSql(quotedColumn: string, order: StringOrder): string {
  switch (order) {
    case 'binary':
      return quotedColumn;
    case 'nocase':
      return `${quotedColumn} COLLATE NOCASE`;
    case 'unpadded':
      return `rtrim(${quotedColumn}, ' ') COLLATE NOCASE`;
    case 'key':
      return `odata_ci_key(${quotedColumn})`;
    default:
      return assertNever(order);
  }
}
