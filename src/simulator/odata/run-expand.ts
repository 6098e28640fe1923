/**
 * One level of `$expand`: the target rows of every parent on the page, loaded in chunks with one
 * statement each (`(toColumns) IN (VALUES ...)`), nested `$top`/`$skip`/`$orderby` applied per parent
 * with ROW_NUMBER() OVER (PARTITION BY toColumns ...).
 */
import type Database from 'better-sqlite3';
import { findColumn, quoteIdent } from './columns.ts';
import { compileParts, type CompiledParts } from './compile-query.ts';
import type { ExpandItem } from './expand-options.ts';
import { badRequest } from './odata-query-error.ts';
import type { Selection } from './select.ts';
import { SqlParams } from './sql-params.ts';
import { stringProfile } from './string-profile.ts';
import type { ExpandTarget, ODataVersion, QueryContext } from './types.ts';
import { toJsonValue } from './values.ts';

export interface Expansion {
  readonly navigation: string;
  readonly target: ExpandTarget;
  readonly parts: CompiledParts;
}

type RawRow = Record<string, unknown>;
const CHUNK = 500;

/** Resolves an `$expand` item against the context; v1 `$select=Nav/Prop` items become its `$select`. */
export function resolveExpansion(db: Database.Database, item: ExpandItem, selection: Selection, ctx: QueryContext): Expansion {
  const target = ctx.expand?.(item.navigation);
  if (!target) throw badRequest(`Unknown navigation property '${item.navigation}' in $expand.`);
  const navSelect = selection.navigation.get(item.navigation);
  const options = navSelect && navSelect.length > 0 ? { ...item.options, select: navSelect.join(',') } : item.options;
  const parts = compileParts(target.source, options, ctx.version, [], stringProfile(db, target.source));
  return { navigation: item.navigation, target, parts };
}

/**
 * Adds `expansion.navigation` to each output row: an array (many) or an object or null (one).
 *
 * @example
 * attachExpansion(db, rawParents, jsonRows, expansion, 'v2') // jsonRows[i].OrderDtls = [{...}, ...]
 */
export function attachExpansion(db: Database.Database, parents: readonly RawRow[], out: RawRow[], expansion: Expansion, version: ODataVersion): void {
  const { target } = expansion;
  const tuples = new Map<string, unknown[]>();
  for (const parent of parents) {
    const values = target.fromColumns.map((c) => parent[c]);
    if (!values.includes(null)) tuples.set(tupleKey(values), values);
  }
  const children = new Map<string, RawRow[]>();
  const all = [...tuples.values()];
  for (let i = 0; i < all.length; i += CHUNK) loadChunk(db, expansion, all.slice(i, i + CHUNK), children);
  parents.forEach((parent, i) => {
    const list = (children.get(tupleKey(target.fromColumns.map((c) => parent[c]))) ?? []).map((row) => childJson(row, expansion, version));
    out[i]![expansion.navigation] = target.many ? list : (list[0] ?? null);
  });
}

function loadChunk(db: Database.Database, expansion: Expansion, tuples: readonly unknown[][], into: Map<string, RawRow[]>): void {
  const { target, parts } = expansion;
  const to = target.toColumns.map((c) => quoteIdent(findColumn(parts.columns, c, 'the navigation target').name));
  const keys = new SqlParams('__k');
  const values = tuples.map((t) => `(${t.map((v) => keys.add(v)).join(', ')})`).join(', ');
  const fetch = [...new Set([...parts.selection.columns, ...target.toColumns])].map(quoteIdent).join(', ');
  const order = parts.orderBy.length > 0 ? ` ORDER BY ${parts.orderBy.join(', ')}` : '';
  const where = [...parts.conditions, `(${to.join(', ')}) IN (VALUES ${values})`].join(' AND ');
  const inner = `SELECT ${fetch}, ROW_NUMBER() OVER (PARTITION BY ${to.join(', ')}${order}) AS "__rn" FROM ${target.source.from} WHERE ${where}`;
  const upper = parts.top === undefined ? '' : ` AND "__rn" <= @__end`;
  const sql = `SELECT * FROM (${inner}) WHERE "__rn" > @__skip${upper} ORDER BY "__rn"`;
  const params = { ...parts.params, ...keys.values, __skip: parts.skip, __end: parts.skip + (parts.top ?? 0) };
  for (const row of db.prepare(sql).all(params) as RawRow[]) {
    const key = tupleKey(target.toColumns.map((c) => row[c]));
    const list = into.get(key);
    if (list) list.push(row);
    else into.set(key, [row]);
  }
}

function childJson(row: RawRow, expansion: Expansion, version: ODataVersion): RawRow {
  const out: RawRow = {};
  for (const name of expansion.parts.selection.columns) out[name] = toJsonValue(row[name], expansion.parts.columns.get(name)!, version);
  return out;
}

function tupleKey(values: readonly unknown[]): string {
  return values.map((v) => `${typeof v}:${String(v)}`).join('\u0000');
}
