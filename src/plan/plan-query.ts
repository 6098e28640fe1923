import { KineticSqlError } from '../errors.ts';
import type { Catalog, CatalogTable } from '../metadata/catalog.ts';
import { isSystemTable } from '../metadata/system-tables.ts';
import type { ODataOrderBy, ODataRequest } from '../odata/request.ts';
import type { ApiVersion } from '../odata/version.ts';
import type { QueryExpr, SelectStatement } from '../sql/ir/select.ts';
import { isDefinitive, unsupported } from '../sql/unsupported.ts';
import { splitBaqParams } from './baq-params.ts';
import { planLocal } from './local/plan-local.ts';
import { CAPABILITIES } from './capabilities.ts';
import type { FilterContext } from './operand.ts';
import { rowCountOf, type BoundParams } from './params.ts';
import { resolveTable } from './resolve-table.ts';
import { orderBy, selectList, type SelectList } from './select-list.ts';
import { TableScope } from './table-scope.ts';
import type { QueryPlan, RemoteCountNode, RemoteScanNode, ResultColumn } from './types.ts';
import { uniqueColumns } from './unique-names.ts';
import { DEFAULT_BUDGET, fits, type UrlBudget } from './url-budget.ts';
import { splitWhere } from './where-split.ts';

/**
 * Plans a query. Today every plan is a remote leaf: a scan of one entity set or BAQ with everything
 * pushed down to OData, or a count. What OData cannot do (a join, grouping, a residual condition that
 * has no `$filter` form...) is ESQL_UNSUPPORTED naming it: no clause is dropped.
 *
 * @example
 * ```ts
 * const plan = planQuery(parseSql('SELECT TOP 5 Name FROM Customers').statement, bound, catalog, 'v2');
 * // plan.root: { kind: 'remoteScan', request: { entitySet: 'Customers', select: ['Name'], top: 5, ... } }
 * ```
 */
export function planQuery(query: QueryExpr, params: BoundParams, catalog: Catalog, version: ApiVersion, budget: UrlBudget = DEFAULT_BUDGET): QueryPlan {
  if (query.kind === 'select' && !query.with) {
    try {
      const remote = planSelect(query, params, catalog, version);
      // A request over the URL budget is split (or partly kept local) by the local planner.
      if (fits(remote.root.request, budget)) return remote;
    } catch (err) {
      // Not all of it goes to OData: the local engine runs the rest.
      if (!(err instanceof KineticSqlError) || err.code !== 'ESQL_UNSUPPORTED' || isDefinitive(err)) throw err;
    }
  }
  return planLocal(query, params, catalog, version, budget);
}

/** A plan that OData answers alone: one request. */
type RemotePlan = QueryPlan & { readonly root: RemoteScanNode | RemoteCountNode };

function planSelect(stmt: SelectStatement, params: BoundParams, catalog: Catalog, version: ApiVersion): RemotePlan {
  const from = stmt.from;
  if (!from) throw unsupported('SELECT without FROM', 'name a table of the connection');
  if (from.kind === 'derived') throw unsupported('A subquery in FROM');
  // The local planner takes these (and reports unknown names itself).
  if (from.kind === 'join') throw unsupported('JOIN');
  if (stmt.distinct) throw unsupported('DISTINCT');
  if (stmt.groupBy.length > 0) throw unsupported('GROUP BY');
  if (stmt.having) throw unsupported('HAVING');
  const table = resolveTable(from, catalog);
  // A system table has no request: its rows are loaded into the local engine, which runs the rest.
  if (isSystemTable(table)) throw unsupported(`The system table ${table.name}`, 'it is read locally');
  const ctx: FilterContext = { scope: new TableScope(table, from), params, version };
  const { baqParams, rest } = splitBaqParams(stmt.where, ctx);
  const where = rest ? splitWhere(rest, ctx) : { residual: [] };
  const first = where.residual[0];
  if (first) throw first.reason;
  const base: ODataRequest = {
    service: table.service,
    entitySet: table.name,
    baq: table.kind === 'view',
    ...(where.filter ? { filter: where.filter } : {}),
    ...(Object.keys(baqParams).length > 0 ? { baqParams } : {}),
  };
  return countPlan(stmt, table, base, version) ?? scanPlan(stmt, table, base, ctx);
}

/** What a scan's select list and ORDER BY resolve to: the same for every run of one parsed statement. */
interface ScanShape {
  readonly table: CatalogTable;
  readonly list: SelectList;
  readonly orderby: readonly ODataOrderBy[];
  readonly orderedByKey: boolean;
  readonly columns: readonly ResultColumn[];
}

// Keyed by the parsed statement (cached by SQL text), checked against the table (a new catalog has new tables).
const shapes = new WeakMap<SelectStatement, ScanShape>();

function scanShape(stmt: SelectStatement, table: CatalogTable, ctx: FilterContext): ScanShape {
  const hit = shapes.get(stmt);
  if (hit && hit.table === table) return hit;
  const list = selectList(stmt.items, ctx.scope);
  const explicit = orderBy(stmt.orderBy, list, ctx.scope);
  const orderedByKey = explicit.length === 0 && table.keys.length > 0;
  // Keys also break ties after an explicit ORDER BY, so that $skip pages neither repeat nor miss rows.
  const ties = table.keys.filter((k) => !explicit.some((o) => o.column === k)).map((column) => ({ column, desc: false }));
  const shape = { table, list, orderby: [...explicit, ...ties], orderedByKey, columns: uniqueColumns(list.columns.map(publicColumn)) };
  shapes.set(stmt, shape);
  return shape;
}

function scanPlan(stmt: SelectStatement, table: CatalogTable, base: ODataRequest, ctx: FilterContext): RemotePlan {
  const { list, orderby, orderedByKey, columns } = scanShape(stmt, table, ctx);
  const top = rowCountOf(stmt.window?.limit, ctx.params);
  const skip = rowCountOf(stmt.window?.offset, ctx.params);
  const request: ODataRequest = {
    ...base,
    ...(list.select ? { select: list.select } : {}),
    ...(orderby.length > 0 ? { orderby } : {}),
    ...(top !== undefined ? { top } : {}),
    ...(skip ? { skip } : {}),
  };
  const root: RemoteScanNode = { kind: 'remoteScan', table, request, columns: list.columns, orderedByKey };
  return { root, columns };
}

/** `SELECT COUNT(*) [AS n] FROM t [WHERE …]`: one count request. */
function countPlan(stmt: SelectStatement, table: CatalogTable, base: ODataRequest, version: ApiVersion): RemotePlan | undefined {
  const first = stmt.items[0];
  if (stmt.items.length !== 1 || first?.kind !== 'expr') return undefined;
  const e = first.expr;
  if (e.kind !== 'aggregate' || e.name !== 'COUNT' || e.arg !== '*' || e.distinct) return undefined;
  if (stmt.orderBy.length > 0) throw unsupported('ORDER BY with COUNT(*)', 'a count is one row');
  if (stmt.window) throw unsupported('TOP, LIMIT or OFFSET with COUNT(*)', 'a count is one row');
  const column: ResultColumn = { name: first.alias ?? 'COUNT(*)', type: 'int', nullable: false };
  return { root: { kind: 'remoteCount', table, request: { ...base, count: CAPABILITIES[version].count } }, columns: [column] };
}

function publicColumn(c: ResultColumn): ResultColumn {
  return c.table === undefined
    ? { name: c.name, type: c.type, nullable: c.nullable }
    : { name: c.name, type: c.type, nullable: c.nullable, table: c.table };
}

