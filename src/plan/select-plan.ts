import { KineticSqlError } from '../errors.ts';
import type { Catalog } from '../metadata/catalog.ts';
import { serializeFilter } from '../odata/filter.ts';
import type { ODataRequest } from '../odata/request.ts';
import type { ApiVersion } from '../odata/version.ts';
import type { RowCount, SelectStatement } from '../sql/ir/select.ts';
import { unsupported } from '../sql/unsupported.ts';
import { splitBaqParams } from './baq-params.ts';
import { buildFilter } from './build-filter.ts';
import type { BoundParams } from './params.ts';
import type { FilterContext } from './operand.ts';
import { resolveTable } from './resolve-table.ts';
import { orderBy, selectList } from './select-list.ts';
import { TableScope } from './table-scope.ts';
import type { CountPlan, Plan, RemotePlan } from './types.ts';

/**
 * Plans a single-table SELECT: everything is pushed down to one OData request, or the statement is
 * rejected naming what cannot be (nothing is dropped).
 *
 * @example
 * ```ts
 * const plan = planSelect(parseSql('SELECT TOP 5 Name FROM Customers').statement, bound, catalog, 'v2');
 * // plan.request: { entitySet: 'Customers', select: ['Name'], orderby: [{ column: 'Company' }, { column: 'CustNum' }], top: 5, ... }
 * ```
 */
export function planSelect(stmt: SelectStatement, params: BoundParams, catalog: Catalog, version: ApiVersion): Plan {
  const table = resolveTable(stmt.from, catalog);
  const ctx: FilterContext = { scope: new TableScope(table, stmt.from), params, version };
  const { baqParams, rest } = splitBaqParams(stmt.where, ctx);
  const filter = rest ? serializeFilter(buildFilter(rest, ctx)) : undefined;
  const base: ODataRequest = {
    service: table.service,
    entitySet: table.name,
    baq: table.kind === 'view',
    ...(filter ? { filter } : {}),
    ...(Object.keys(baqParams).length > 0 ? { baqParams } : {}),
  };
  const count = countPlan(stmt, base, ctx);
  if (count) return count;
  const list = selectList(stmt.items, ctx.scope);
  const explicit = orderBy(stmt.orderBy, list, ctx.scope);
  const orderedByKey = explicit.length === 0 && table.keys.length > 0;
  // Keys also break ties after an explicit ORDER BY, so that $skip pages neither repeat nor miss rows.
  const ties = table.keys.filter((k) => !explicit.some((o) => o.column === k)).map((column) => ({ column, desc: false }));
  const orderby = [...explicit, ...ties];
  const top = rowCount(stmt.window?.limit, params);
  const skip = rowCount(stmt.window?.offset, params);
  const request: ODataRequest = {
    ...base,
    ...(list.select ? { select: list.select } : {}),
    ...(orderby.length > 0 ? { orderby } : {}),
    ...(top !== undefined ? { top } : {}),
    ...(skip ? { skip } : {}),
  };
  const plan: RemotePlan = { kind: 'remote', table, request, columns: list.columns, orderedByKey };
  return plan;
}

/** `SELECT COUNT(*) [AS n] FROM t [WHERE …]`: one count request. */
function countPlan(stmt: SelectStatement, base: ODataRequest, ctx: FilterContext): CountPlan | undefined {
  const first = stmt.items[0];
  if (stmt.items.length !== 1 || first?.kind !== 'expr' || first.expr.kind !== 'countStar') return undefined;
  if (stmt.orderBy.length > 0) throw unsupported('ORDER BY with COUNT(*)', 'a count is one row');
  if (stmt.window) throw unsupported('TOP, LIMIT or OFFSET with COUNT(*)', 'a count is one row');
  const name = first.alias ?? 'COUNT(*)';
  return { kind: 'count', table: ctx.scope.table, request: { ...base, count: true }, column: { name, type: 'int', nullable: false } };
}

function rowCount(value: RowCount | undefined, params: BoundParams): number | undefined {
  if (value === undefined || typeof value === 'number') return value;
  const bound = params.value(value);
  const n = typeof bound === 'string' && /^\d+$/.test(bound) ? Number(bound) : bound;
  if (typeof n !== 'number' || !Number.isSafeInteger(n) || n < 0) {
    throw new KineticSqlError('EPARAM', `${params.label(value)} is a row count: it must be a whole number of 0 or more.`);
  }
  return n;
}
