import { KineticSqlError } from '../../errors.ts';
import type { Catalog } from '../../metadata/catalog.ts';
import { edmType } from '../../metadata/edm-types.ts';
import { isSystemTable } from '../../metadata/system-tables.ts';
import { serializeFilter, type FilterNode } from '../../odata/filter.ts';
import type { ODataRequest } from '../../odata/request.ts';
import { encode, wireLength } from '../../odata/url.ts';
import type { ApiVersion } from '../../odata/version.ts';
import type { Expr } from '../../sql/ir/expr.ts';
import { operandsOf } from '../../sql/ir/logical.ts';
import type { QueryExpr } from '../../sql/ir/select.ts';
import { buildFilter } from '../build-filter.ts';
import { allOf, anyOfAll } from '../null-guards.ts';
import type { BoundParams } from '../params.ts';
import { TableScope } from '../table-scope.ts';
import type { LocalInput, LocalNode, OutputColumn, QueryPlan, RemoteScanNode } from '../types.ts';
import { fits, queryLength, type UrlBudget } from '../url-budget.ts';
import type { RenderContext } from './render-context.ts';
import { renderQuery } from './render-query.ts';
import type { TableInstance } from './scope.ts';
import { sqlTypeName } from './value-types.ts';
import { foldText } from '../../engine/sqlite/collation.ts';

/**
 * Up to this many distinct join keys, a semi-join reads the other table by keys; beyond, it reads it
 * whole (as filtered). Measured against the simulator, orders (32,000 rows) by customer keys: keys read
 * 20 -> 81 ms vs 326 ms whole, 100 -> 137 vs 369, 400 -> 399 vs 292, 1,000 -> 1,195 vs 359; with 20 ms
 * of latency per request 400 keys were still ahead (578 vs 717 ms), 1,000 behind (1,394 vs 640). Each
 * batch of about 85 keys is a request that the server answers by filtering the table, so the
 * crossover is a few hundred keys.
 */
export const SEMI_JOIN_MAX_KEYS = 300;

/** SQLite's limit on the values one statement binds (SQLITE_MAX_VARIABLE_NUMBER). */
export const MAX_LOCAL_VALUES = 32_766;

/**
 * Plans a query that OData cannot answer alone: each table occurrence becomes a remote scan carrying the
 * columns the query uses and the conditions OData can express about that table alone; the rest runs
 * on SQLite as one statement over the fetched rows. No row limit is sent to Epicor: TOP, OFFSET and
 * ORDER BY run after the local work, so no row is dropped before a local condition has seen it.
 * Every request stays under the URL budget: a long IN list is split into several requests; another
 * condition that makes a request too long is applied locally instead.
 *
 * @example
 * ```ts
 * planLocal(parseSql('SELECT c.Name, COUNT(*) FROM Customers c JOIN SalesOrders o ON o.CustNum = c.CustNum GROUP BY c.Name').statement, bound, catalog, 'v2', budget);
 * // root: { kind: 'local', inputs: [Customers ($select=CustNum,Name), SalesOrders ($select=CustNum)], sql: 'SELECT … GROUP BY …' }
 * ```
 */
export function planLocal(query: QueryExpr, params: BoundParams, catalog: Catalog, version: ApiVersion, budget: UrlBudget): QueryPlan {
  const keepLocal = new Set<Expr>();
  for (;;) {
    const ctx: RenderContext = { catalog, params, version, values: [], tables: [], ids: 0, keepLocal, joins: [], ctes: new Map() };
    const rendered = renderQuery(query, undefined, ctx);
    if (ctx.values.length > MAX_LOCAL_VALUES) {
      throw new KineticSqlError('ESQL_UNSUPPORTED', `The part of the statement run locally holds ${ctx.values.length} values (literals and parameters); SQLite binds at most ${MAX_LOCAL_VALUES}: shorten the IN list, or split the statement.`);
    }
    chooseSemiJoins(ctx);
    const inputs: LocalInput[] = [];
    let retry = false;
    for (const instance of ctx.tables) {
      const input = inputOf(instance, ctx, budget);
      if (input === 'retry') {
        retry = true;
        break;
      }
      inputs.push(input);
    }
    if (retry) continue;
    const columns = rendered.columns.map((c) => ({
      name: c.name,
      type: c.edm ?? sqlTypeName(c.type),
      nullable: c.nullable,
      ...(c.table !== undefined ? { table: c.table } : {}),
      value: c.type,
      ...(c.type === 'decimal' && c.scale !== undefined ? { scale: c.scale } : {}),
    }));
    const root: LocalNode = { kind: 'local', inputs, sql: rendered.sql, values: ctx.values, columns };
    return { root, columns: columns.map(({ value: _value, scale: _scale, ...c }) => c) };
  }
}

/**
 * The requests of one table occurrence. When the request is too long for MaxUrlLength: a pushed IN list
 * is split into batches; otherwise the longest pushed condition is kept local and the query rendered
 * again ('retry'); with nothing left to keep local, `$select` is dropped (every column is fetched).
 */
function inputOf(instance: TableInstance, ctx: RenderContext, budget: UrlBudget): LocalInput | 'retry' {
  const table = instance.table!;
  if (isSystemTable(table)) {
    // Rows come from the connection (its catalog, properties, procedures), not from a request.
    const types = table.columns.map((c) => instance.column(c.name)?.type ?? 'string');
    return { name: `t${instance.id}`, scans: [], types, system: { table: table.name, columns: table.columns.map((c) => c.name) } };
  }
  const wanted = instance.star ? table.columns : table.columns.filter((c) => instance.used.has(c.name));
  // A table none of whose columns is used (COUNT(*) over a join) still needs its rows: ask for one key.
  const fetched = wanted.length > 0 ? wanted : table.columns.filter((c) => c.name === table.keys[0]);
  const chosen = fetched.length > 0 ? fetched : table.columns.slice(0, 1);
  const explicit = instance.window?.orderby ?? [];
  const orderby = [...explicit, ...table.keys.filter((k) => !explicit.some((o) => o.column === k)).map((column) => ({ column, desc: false }))];
  let columns: OutputColumn[] = chosen.map((c) => ({ name: c.name, source: c.name, type: c.type, nullable: c.nullable, table: table.name }));
  const request = (filters: readonly { filter: ODataRequest['filter'] }[], select: boolean): ODataRequest => ({
    service: table.service,
    entitySet: table.name,
    baq: table.kind === 'view',
    ...(select && !instance.star ? { select: columns.map((c) => c.source) } : {}),
    ...(filters.length > 0 ? { filter: allOf(filters.map((f) => f.filter!)) } : {}),
    ...(Object.keys(instance.baqParams).length > 0 ? { baqParams: instance.baqParams } : {}),
    // Pages by $skip need a stable order: the ORDER BY sent with TOP, then the keys.
    ...(orderby.length > 0 ? { orderby } : {}),
    ...(instance.window?.top !== undefined ? { top: instance.window.top } : {}),
    ...(instance.window?.skip ? { skip: instance.window.skip } : {}),
  });
  const scanOf = (r: ODataRequest): RemoteScanNode => ({ kind: 'remoteScan', table, request: r, columns, orderedByKey: table.keys.length > 0 });
  const done = (requests: readonly ODataRequest[]): LocalInput => ({
    name: `t${instance.id}`,
    scans: requests.map(scanOf),
    types: columns.map((c) => instance.column(c.name)?.type ?? 'string'),
    ...(instance.semiJoin ? { semiJoin: semiJoinOf(instance) } : {}),
  });

  const whole = request(instance.pushed, true);
  if (fits(whole, budget)) return done([whole]);
  const split = splitInList(instance, ctx, budget, (filters) => request(filters, true));
  if (split) return done(split);
  if (instance.pushed.length > 0) {
    for (const p of overBudget(instance.pushed, (filters) => request(filters, true), budget)) (ctx.keepLocal as Set<Expr>).add(p.expr);
    return 'retry';
  }
  const unselected = request([], false);
  if (fits(unselected, budget)) {
    columns = table.columns.map((c) => ({ name: c.name, source: c.name, type: c.type, nullable: c.nullable, table: table.name }));
    return done([unselected]);
  }
  throw new KineticSqlError('ESQL_UNSUPPORTED', `A request for ${table.name} would be ${queryLength(unselected, budget)} characters long even without conditions, over MaxUrlLength=${budget.maxUrlLength}: shorten the BAQ parameters or raise MaxUrlLength.`);
}

/**
 * The pushed conditions to keep local so that the rest fits: the shortest are kept in the request, as
 * many as fit (found by bisection: one rendering per step, not one per condition), the longer ones go.
 */
function overBudget<P extends { readonly expr: Expr; readonly filter: ODataRequest['filter'] }>(pushed: readonly P[], request: (filters: readonly P[]) => ODataRequest, budget: UrlBudget): readonly P[] {
  const bySize = pushed.map((p) => ({ p, size: queryLength(request([p]), budget) })).sort((a, b) => a.size - b.size).map((x) => x.p);
  let lo = 0;
  let hi = bySize.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >>> 1;
    if (fits(request(bySize.slice(0, mid)), budget)) lo = mid;
    else hi = mid - 1;
  }
  return bySize.slice(lo);
}

/**
 * A pushed `x IN (a, b, …)` (or `x = a OR x = b …`, see asInList) split into several requests, each under
 * the budget with the other pushed conditions; the values are distinct, so the requests' rows are too.
 * Linear: each value's condition is built and measured once. Undefined when there is no such
 * list or one value alone does not fit.
 */
function splitInList(instance: TableInstance, ctx: RenderContext, budget: UrlBudget, request: (filters: readonly { filter: ODataRequest['filter'] }[]) => ODataRequest): ODataRequest[] | undefined {
  const lists = instance.pushed.map((p) => ({ p, in: asInList(p.expr) })).filter((x) => x.in !== undefined && x.in.list.length > 1);
  const target = lists.sort((a, b) => b.in!.list.length - a.in!.list.length)[0];
  if (!target) return undefined;
  const rest = instance.pushed.filter((p) => p !== target.p);
  const fctx = { scope: new TableScope(instance.table!, instance.ref!), params: ctx.params, version: ctx.version };
  const { expr, list } = target.in!;
  // Each value's own condition, built once; distinct values only, compared as the server compares them:
  // a value in two batches would fetch its rows twice ('abc' and 'ABC ' are one value there).
  const seen = new Set<string>();
  const items: FilterNode[] = [];
  for (const item of list) {
    const filter = buildFilter({ kind: 'in', expr, list: [item], negated: false }, fctx);
    const literal = filter.kind === 'compare' && filter.right.kind === 'literal' ? filter.right.text : JSON.stringify(filter);
    const key = literal.startsWith("'") && literal.endsWith("'") ? `'${foldText(literal.slice(1, -1))}` : literal;
    if (seen.has(key)) continue;
    seen.add(key);
    items.push(filter);
  }
  const withItems = (batch: readonly FilterNode[]): ODataRequest => request([...rest, { filter: anyOfAll(batch) }]);
  const out: ODataRequest[] = [];
  let at = 0;
  while (at < items.length) {
    if (!fits(withItems([items[at] as FilterNode]), budget)) return undefined;
    // Each further value adds ` or <its condition>`, encoded (and two parentheses when the list sits
    // beside another condition): grow by that, then check the batch exactly.
    let length = queryLength(withItems([items[at] as FilterNode]), budget) + 2;
    let end = at + 1;
    while (end < items.length) {
      const more = wireLength(encode(` or ${serializeFilter(items[end] as FilterNode)}`));
      if (length + more > budget.maxUrlLength) break;
      length += more;
      end++;
    }
    while (end - at > 1 && !fits(withItems(items.slice(at, end)), budget)) end--;
    out.push(withItems(items.slice(at, end)));
    at = end;
  }
  return out;
}

/**
 * `x IN (a, b)`, and `x = a OR x = b OR x IN (c, d) …` (one column, values only), as one IN list:
 * either can be split into requests whose rows are distinct.
 */
function asInList(e: Expr): { readonly expr: Expr; readonly list: readonly Expr[] } | undefined {
  if (e.kind === 'in') return e.negated ? undefined : e;
  if (e.kind !== 'or') return undefined;
  const isValue = (x: Expr): boolean => x.kind === 'string' || x.kind === 'number' || x.kind === 'param' || x.kind === 'boolean';
  const sameColumn = (a: Expr, b: Expr): boolean => a.kind === 'column' && b.kind === 'column' && a.name.toLowerCase() === b.name.toLowerCase() && (a.qualifier ?? '').toLowerCase() === (b.qualifier ?? '').toLowerCase();
  let column: Expr | undefined;
  const list: Expr[] = [];
  for (const term of operandsOf('or', e)) {
    let target: Expr;
    if (term.kind === 'in' && !term.negated && term.list.every(isValue)) {
      target = term.expr;
      list.push(...term.list);
    } else if (term.kind === 'compare' && term.op === '=' && term.left.kind === 'column' && isValue(term.right)) {
      target = term.left;
      list.push(term.right);
    } else if (term.kind === 'compare' && term.op === '=' && term.right.kind === 'column' && isValue(term.left)) {
      target = term.right;
      list.push(term.left);
    } else return undefined;
    if (column === undefined) column = target;
    else if (!sameColumn(column, target)) return undefined;
  }
  return column === undefined ? undefined : { expr: column, list };
}

/**
 * For `a.x = b.y` left to the local join where one table's request is filtered and the other's is not,
 * the other is read by the keys the filtered one returns (when the join allows that direction, and the
 * key is text or a whole number that OData compares exactly).
 */
function chooseSemiJoins(ctx: RenderContext): void {
  for (const { conjunct, scope, allow } of ctx.joins) {
    if (conjunct.kind !== 'compare' || conjunct.op !== '=' || conjunct.left.kind !== 'column' || conjunct.right.kind !== 'column') continue;
    const a = scope.resolve(conjunct.left);
    const b = scope.resolve(conjunct.right);
    if (a.outer || b.outer || a.instance === b.instance || !a.instance.table || !b.instance.table) continue;
    for (const [driver, driven] of [[a, b], [b, a]] as const) {
      const filtered = (i: TableInstance) => i.pushed.length > 0 || Object.keys(i.baqParams).length > 0;
      const family = driven.column.catalog ? edmType(driven.column.catalog.type)?.family : undefined;
      if (!filtered(driver.instance) || filtered(driven.instance) || driven.instance.semiJoin || driver.instance.semiJoin) continue;
      if (isSystemTable(driven.instance.table!)) continue;
      if (family !== 'integer' && family !== 'string' && family !== 'guid') continue;
      if (driver.column.type !== driven.column.type || !allow(driver.instance, driven.instance)) continue;
      driven.instance.semiJoin = { column: driven.column.name, from: driver.instance, fromColumn: driver.column.name };
      break;
    }
  }
}

function semiJoinOf(instance: TableInstance): NonNullable<LocalInput['semiJoin']> {
  const join = instance.semiJoin!;
  const column = instance.column(join.column)!;
  return { column: join.column, type: column.catalog!.type, from: `t${join.from.id}`, fromColumn: join.fromColumn, maxKeys: SEMI_JOIN_MAX_KEYS };
}
