import type { Catalog } from '../../metadata/catalog.ts';
import { allOf } from '../null-guards.ts';
import type { ApiVersion } from '../../odata/version.ts';
import type { ODataRequest } from '../../odata/request.ts';
import type { QueryExpr } from '../../sql/ir/select.ts';
import type { BoundParams } from '../params.ts';
import type { LocalInput, LocalNode, OutputColumn, QueryPlan, RemoteScanNode } from '../types.ts';
import { renderQuery } from './render-query.ts';
import type { TableInstance } from './scope.ts';
import { sqlTypeName } from './value-types.ts';

/**
 * Plans a query that OData cannot answer alone: each table occurrence becomes a remote scan carrying the
 * columns the query uses and the conditions OData can express about that table alone; the rest runs
 * on SQLite as one statement over the fetched rows. No row limit is sent to Epicor: TOP, OFFSET and
 * ORDER BY run after the local work, so no row is dropped before a local condition has seen it.
 *
 * @example
 * ```ts
 * planLocal(parseSql('SELECT c.Name, COUNT(*) FROM Customers c JOIN SalesOrders o ON o.CustNum = c.CustNum GROUP BY c.Name').statement, bound, catalog, 'v2');
 * // root: { kind: 'local', inputs: [Customers ($select=CustNum,Name), SalesOrders ($select=CustNum)], sql: 'SELECT … GROUP BY …' }
 * ```
 */
export function planLocal(query: QueryExpr, params: BoundParams, catalog: Catalog, version: ApiVersion): QueryPlan {
  const ctx = { catalog, params, version, values: [] as unknown[], tables: [] as TableInstance[], ids: 0 };
  const rendered = renderQuery(query, undefined, ctx);
  const inputs = ctx.tables.map(inputOf);
  const columns = rendered.columns.map((c) => ({
    name: c.name,
    type: c.edm ?? sqlTypeName(c.type),
    nullable: c.nullable,
    ...(c.table !== undefined ? { table: c.table } : {}),
    value: c.type,
  }));
  const root: LocalNode = { kind: 'local', inputs, sql: rendered.sql, values: ctx.values, columns };
  return { root, columns: columns.map(({ value: _value, ...c }) => c) };
}

/** The request of one table occurrence: its used columns (all of them for `*`) and its pushed conditions. */
function inputOf(instance: TableInstance): LocalInput {
  const table = instance.table!;
  const wanted = instance.star ? table.columns : table.columns.filter((c) => instance.used.has(c.name));
  // A table none of whose columns is used (COUNT(*) over a join) still needs its rows: ask for one key.
  const fetched = wanted.length > 0 ? wanted : table.columns.filter((c) => c.name === table.keys[0]).slice(0, 1);
  const columns: OutputColumn[] = (fetched.length > 0 ? fetched : table.columns.slice(0, 1)).map((c) => ({ name: c.name, source: c.name, type: c.type, nullable: c.nullable, table: table.name }));
  const request: ODataRequest = {
    service: table.service,
    entitySet: table.name,
    baq: table.kind === 'view',
    ...(instance.star ? {} : { select: columns.map((c) => c.source) }),
    ...(instance.pushed.length > 0 ? { filter: allOf(instance.pushed) } : {}),
    ...(Object.keys(instance.baqParams).length > 0 ? { baqParams: instance.baqParams } : {}),
    // Pages by $skip need a stable order: the keys.
    ...(table.keys.length > 0 ? { orderby: table.keys.map((column) => ({ column, desc: false })) } : {}),
  };
  const scan: RemoteScanNode = { kind: 'remoteScan', table, request, columns, orderedByKey: table.keys.length > 0 };
  return { name: `t${instance.id}`, scan, types: columns.map((c) => instance.column(c.name)?.type ?? 'string') };
}
