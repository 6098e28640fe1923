import { KineticSqlError } from '../errors.ts';
import type { Catalog, CatalogTable } from '../metadata/catalog.ts';
import type { ODataOrderBy, ODataRequest } from '../odata/request.ts';
import type { ApiVersion } from '../odata/version.ts';
import type { FromItem, QueryExpr, RowCount, SelectStatement } from '../sql/ir/select.ts';
import { isDefinitive, unsupported } from '../sql/unsupported.ts';
import { splitBaqParams } from './baq-params.ts';
import { planLocal } from './local/plan-local.ts';
import { CAPABILITIES } from './capabilities.ts';
import type { FilterContext } from './operand.ts';
import type { BoundParams } from './params.ts';
import { resolveTable } from './resolve-table.ts';
import { orderBy, selectList, type SelectList } from './select-list.ts';
import { TableScope } from './table-scope.ts';
import type { PlanNode, QueryPlan, ResultColumn } from './types.ts';
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
      if (remote.root.kind !== 'local' && fits(remote.root.request, budget)) return remote;
    } catch (err) {
      // Not all of it goes to OData: the local engine runs the rest.
      if (!(err instanceof KineticSqlError) || err.code !== 'ESQL_UNSUPPORTED' || isDefinitive(err)) throw err;
    }
  }
  return planLocal(query, params, catalog, version, budget);
}

function planSelect(stmt: SelectStatement, params: BoundParams, catalog: Catalog, version: ApiVersion): QueryPlan {
  const from = stmt.from;
  if (!from) throw unsupported('SELECT without FROM', 'name a table of the connection');
  if (from.kind === 'derived') throw unsupported('A subquery in FROM');
  if (from.kind === 'join') {
    // Unknown names first: that error says more than "JOIN is not supported".
    tablesOf(from).forEach((t) => resolveTable(t, catalog));
    throw unsupported(joinName(from));
  }
  if (stmt.distinct) throw unsupported('DISTINCT');
  if (stmt.groupBy.length > 0) throw unsupported('GROUP BY');
  if (stmt.having) throw unsupported('HAVING');
  const table = resolveTable(from, catalog);
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

function scanPlan(stmt: SelectStatement, table: CatalogTable, base: ODataRequest, ctx: FilterContext): QueryPlan {
  const { list, orderby, orderedByKey, columns } = scanShape(stmt, table, ctx);
  const top = rowCount(stmt.window?.limit, ctx.params);
  const skip = rowCount(stmt.window?.offset, ctx.params);
  const request: ODataRequest = {
    ...base,
    ...(list.select ? { select: list.select } : {}),
    ...(orderby.length > 0 ? { orderby } : {}),
    ...(top !== undefined ? { top } : {}),
    ...(skip ? { skip } : {}),
  };
  const root: PlanNode = { kind: 'remoteScan', table, request, columns: list.columns, orderedByKey };
  return { root, columns };
}

/** `SELECT COUNT(*) [AS n] FROM t [WHERE …]`: one count request. */
function countPlan(stmt: SelectStatement, table: CatalogTable, base: ODataRequest, version: ApiVersion): QueryPlan | undefined {
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

function tablesOf(item: FromItem): Extract<FromItem, { kind: 'table' }>[] {
  if (item.kind === 'table') return [item];
  if (item.kind === 'derived') return [];
  return [...tablesOf(item.left), ...tablesOf(item.right)];
}

/** The first join as the user would name it: `JOIN`, `LEFT JOIN`, `CROSS JOIN`, or a comma-separated FROM list. */
function joinName(join: Extract<FromItem, { kind: 'join' }>): string {
  if (join.left.kind === 'join') return joinName(join.left);
  if (join.type === 'cross' && !join.on) return 'A join (CROSS JOIN or a comma-separated FROM list)';
  return join.type === 'inner' ? 'JOIN' : `${join.type.toUpperCase()} JOIN`;
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
