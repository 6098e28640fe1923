/** Evaluates OData query options over a SQLite source: the simulator's answer to a collection GET. */
import type Database from 'better-sqlite3';
import { findColumn } from './columns.ts';
import { compileParts, countSql, selectSql, type CompiledParts } from './compile-query.ts';
import { parseExpand } from './expand-options.ts';
import { wantsCount } from './paging.ts';
import { attachExpansion, resolveExpansion } from './run-expand.ts';
import { ensureFunctions } from './sqlite-functions.ts';
import { stringOrderOf } from './string-order.ts';
import type { ODataVersion, QueryContext, QueryOptions, QueryResult, QuerySource } from './types.ts';
import { toJsonValue } from './values.ts';

type RawRow = Record<string, unknown>;

/**
 * Runs `$select`, `$filter`, `$orderby`, `$top`, `$skip`, `$count`/`$inlinecount` and one level of
 * `$expand` over `source`; throws {@link ODataQueryError} (400/501) for bad or unsupported options.
 * Without `$orderby` rows come in key order. With `ctx.maxRows` (the server page cap) at most that many
 * rows are returned and `truncated` says whether more matched.
 *
 * @example
 * const r = runQuery(db, { from: '"Customers"', params: { company: 'EPIC06' }, columns, keys: ['Company', 'CustNum'],
 *   where: ['"Company" = @company'] }, { filter: "startswith(Name,'a')", top: '10', count: 'true' }, { version: 'v2', maxRows: 100 });
 * r.rows; r.count; r.truncated;
 */
export function runQuery(db: Database.Database, source: QuerySource, options: QueryOptions, ctx: QueryContext): QueryResult {
  ensureFunctions(db);
  const withCount = wantsCount(options, ctx.version);
  const items = parseExpand(options.expand, ctx.version);
  const parts = compileParts(source, options, ctx.version, items.map((i) => i.navigation), stringOrderOf(db, source));
  const expansions = items.map((item) => resolveExpansion(db, item, parts.selection, ctx));
  const joinColumns = expansions.flatMap((e) => e.target.fromColumns.map((c) => findColumn(parts.columns, c, '$expand').name));
  const fetch = [...new Set([...parts.selection.columns, ...joinColumns])];

  const page = pageLimit(parts.top, ctx.maxRows);
  const params = { ...parts.params, __limit: page.fetch, __offset: parts.skip };
  let raw = db.prepare(selectSql(source.from, fetch, parts, { limit: '@__limit', offset: '@__offset' })).all(params) as RawRow[];
  const truncated = page.cap !== undefined && raw.length > page.cap;
  if (truncated) raw = raw.slice(0, page.cap);

  const rows = raw.map((r) => jsonRow(r, parts, ctx.version));
  for (const expansion of expansions) attachExpansion(db, raw, rows, expansion, ctx.version);
  if (!withCount) return { rows, truncated };
  const counted = db.prepare(countSql(source.from, parts)).get(parts.params) as { n: number };
  return { rows, count: Number(counted.n), truncated };
}

/**
 * Rows to fetch (-1: no limit) and, when the page cap is what limits the page, the cap: one extra row is
 * fetched to learn whether more rows matched.
 */
function pageLimit(top: number | undefined, maxRows: number | undefined): { fetch: number; cap?: number } {
  if (maxRows !== undefined && (top === undefined || maxRows < top)) return { fetch: maxRows + 1, cap: maxRows };
  return { fetch: top ?? -1 };
}

function jsonRow(raw: RawRow, parts: CompiledParts, version: ODataVersion): RawRow {
  const out: RawRow = {};
  for (const name of parts.selection.columns) out[name] = toJsonValue(raw[name], parts.columns.get(name)!, version);
  return out;
}
