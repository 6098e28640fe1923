import type { Config } from '../config/types.ts';
import { KineticSqlError } from '../errors.ts';
import { encodeLiteral } from '../odata/literals.ts';
import type { FilterNode } from '../odata/filter.ts';
import type { ODataOrderBy, ODataRequest } from '../odata/request.ts';
import type { RemoteScanNode } from '../plan/types.ts';

/** How one scan pages: `$skip` windows, or pages after the last key read (`request` then selects the keys). */
export type ScanPaging =
  | { readonly mode: 'skip'; readonly request: ODataRequest }
  | { readonly mode: 'key'; readonly request: ODataRequest; readonly orderby: readonly ODataOrderBy[] };

/**
 * The paging of a scan under `PagingMode`: `key` (and `auto`) page on the key when the request is ordered
 * by the key columns only (any order and direction of them) or not ordered; then the request orders by
 * them and selects them. `key` refuses other orders (ESQL_UNSUPPORTED); `auto` and `skip` use `$skip`.
 *
 * @example
 * ```ts
 * scanPaging(node, config); // { mode: 'key', request: { …, $orderby Company,CustNum }, orderby: [...] }
 * ```
 */
export function scanPaging(node: RemoteScanNode, config: Config): ScanPaging {
  const { request, table } = node;
  if (config.pagingMode === 'skip') return { mode: 'skip', request };
  const keys = table.keys;
  const given = request.orderby ?? [];
  const orderby = given.length === 0 ? keys.map((column) => ({ column, desc: false })) : given;
  const byKey = keys.length > 0 && orderby.length === keys.length && keys.every((k) => orderby.some((o) => o.column === k));
  if (!byKey) {
    if (config.pagingMode === 'auto') return { mode: 'skip', request };
    const why = keys.length === 0 ? `${table.name} has no key` : `the query is ordered by ${given.map((o) => o.column).join(', ')}, not by the key (${keys.join(', ')})`;
    throw new KineticSqlError('ESQL_UNSUPPORTED', `PagingMode=key pages on the key, but ${why}. Order by the key (or not at all), or set PagingMode=auto to page such queries by $skip.`);
  }
  const select = request.select && !keys.every((k) => request.select!.includes(k)) ? [...request.select, ...keys.filter((k) => !request.select!.includes(k))] : request.select;
  return { mode: 'key', request: { ...request, orderby, ...(select ? { select } : {}) }, orderby };
}

/**
 * The request of the page after `last`: the request's filter AND the lexicographic "after" of the order,
 * `(A gt a) or (A eq a and B gt b)` (`lt` for a descending column), with `A ge a` in front.
 *
 * @example
 * ```ts
 * afterKey(request, orderby, { Company: 'EPIC06', CustNum: 5 }, table, 'v2');
 * // $filter=(…) and Company ge 'EPIC06' and (Company gt 'EPIC06' or Company eq 'EPIC06' and CustNum gt 5)
 * ```
 */
export function afterKey(request: ODataRequest, orderby: readonly ODataOrderBy[], last: Record<string, unknown>, node: RemoteScanNode, config: Config): ODataRequest {
  const literal = (column: string): FilterNode => {
    const type = node.table.columns.find((c) => c.name === column)?.type ?? 'Edm.String';
    return { kind: 'literal', text: encodeLiteral(last[column] ?? null, type, config.apiVersion) };
  };
  const field = (column: string): FilterNode => ({ kind: 'field', name: column });
  let after: FilterNode | undefined;
  for (let i = orderby.length - 1; i >= 0; i--) {
    const { column, desc } = orderby[i]!;
    const beyond: FilterNode = { kind: 'compare', op: desc ? 'lt' : 'gt', left: field(column), right: literal(column) };
    after = after === undefined ? beyond : { kind: 'or', left: beyond, right: { kind: 'and', left: { kind: 'compare', op: 'eq', left: field(column), right: literal(column) }, right: after } };
  }
  // `A ge a and (...)`: implied by the lexicographic form, it gives the server a range on the leading key
  // column to seek (in the simulator, without it every page compares every row).
  const lead = orderby[0];
  if (after && lead && orderby.length > 1) {
    after = { kind: 'and', left: { kind: 'compare', op: lead.desc ? 'le' : 'ge', left: field(lead.column), right: literal(lead.column) }, right: after };
  }
  const filter = request.filter && after ? { kind: 'and' as const, left: request.filter, right: after } : (after ?? request.filter);
  return { ...request, ...(filter ? { filter } : {}), skip: 0 };
}

/**
 * The request with the table's key columns added to its `$select` (Company aside: Epicor answers one
 * company per request), to tell repeated rows from repeated data; unchanged when it selects them all or
 * selects everything.
 *
 * @example
 * ```ts
 * withKeys({ …, select: ['Name'] }, ['Company', 'CustNum']).select; // ['Name', 'CustNum']
 * ```
 */
export function withKeys(request: ODataRequest, keys: readonly string[]): ODataRequest {
  const select = request.select;
  if (!select || select.length === 0) return request;
  const missing = keys.filter((k) => k !== 'Company' && !select.includes(k));
  return missing.length === 0 ? request : { ...request, select: [...select, ...missing] };
}
