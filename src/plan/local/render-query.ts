import { KineticSqlError } from '../../errors.ts';
import type { EdmType } from '../../metadata/catalog.ts';
import { plainValue } from '../../odata/literals.ts';
import { children, type Expr } from '../../sql/ir/expr.ts';
import type { CommonTable, FromItem, Join, OrderItem, QueryExpr, SelectItem, SelectStatement } from '../../sql/ir/select.ts';
import { isDefinitive, unsupported } from '../../sql/unsupported.ts';
import { buildFilter } from '../build-filter.ts';
import { pendingValue, type FilterContext } from '../operand.ts';
import { rowCountOf } from '../params.ts';
import { resolveTable } from '../resolve-table.ts';
import { isSystemTable } from '../../metadata/system-tables.ts';
import { TableScope } from '../table-scope.ts';
import { uniqueColumns } from '../unique-names.ts';
import { conjuncts } from '../where-split.ts';
import { logical } from '../../sql/ir/logical.ts';
import { bind, quoteName, type RenderContext } from './render-context.ts';
import { folded, orderTerm, renderExpr, type ExprEnv, type Rendered } from './render-expr.ts';
import { Scope, TableInstance } from './scope.ts';
import type { SqlValueType } from './value-types.ts';

/** An output column of a rendered query. */
export interface LocalColumn {
  readonly name: string;
  readonly type: SqlValueType;
  readonly nullable: boolean;
  /** Digits after the point of a decimal result, when known: the engine rounds to it. */
  readonly scale?: number;
  /** For a column passed through from a table: its EDM type and table (what `columns` reports). */
  readonly edm?: EdmType;
  readonly table?: string;
}

export interface RenderedQuery {
  readonly sql: string;
  readonly columns: readonly LocalColumn[];
}

/**
 * Renders a query into SQLite's dialect over local tables `t{n}` (one per table occurrence), deciding on
 * the way what each table's request carries: the columns used, and every WHERE (or ON) conjunct OData
 * can express that concerns that table alone and may be applied before the join. Pushed conjuncts are
 * not repeated locally; everything else runs in SQLite.
 *
 * @example
 * ```ts
 * renderQuery(ir, undefined, ctx).sql;
 * // SELECT a0."Name" AS "Name", SUM(a1."OrderAmt") AS "Total" FROM t0 AS a0 JOIN t1 AS a1 ON (a1."CustNum" = a0."CustNum") GROUP BY ss_fold(a0."Name")
 * ```
 */
export function renderQuery(q: QueryExpr, parent: Scope | undefined, ctx: RenderContext): RenderedQuery {
  for (const cte of q.with ?? []) ctx.ctes.set(cte.name.toLowerCase(), { cte, open: false });
  if (q.kind === 'select') return renderSelect(q, parent, ctx);
  const left = renderQuery(q.left, parent, ctx);
  const right = renderQuery(q.right, parent, ctx);
  if (left.columns.length !== right.columns.length) {
    throw new KineticSqlError('ESQL_SYNTAX', `The queries combined by ${q.op.toUpperCase()} return ${left.columns.length} and ${right.columns.length} columns: they must return the same number.`);
  }
  const op = `${q.op.toUpperCase()}${q.all ? ' ALL' : ''}`;
  if (q.all && q.op !== 'union') throw unsupported(`${op}`, 'write INTERSECT or EXCEPT without ALL');
  const columns = left.columns.map((c, i) => ({ ...c, nullable: c.nullable || (right.columns[i] as LocalColumn).nullable, type: c.type === 'unknown' ? (right.columns[i] as LocalColumn).type : c.type }));
  const compound = setOperation(q.op, q.all, left, right, columns);
  const order = q.orderBy.map((o) => outputOrder(o, columns));
  const tail = [order.length > 0 ? ` ORDER BY ${order.join(', ')}` : '', limitClause(q.window, ctx)].join('');
  return { sql: tail === '' ? compound : `SELECT * FROM (${compound})${tail}`, columns };
}

/**
 * A set operation with SQL Server's comparison of text: duplicates are rows equal under the collation
 * (and NULL equals NULL), so UNION groups by the collation keys, and INTERSECT/EXCEPT test membership
 * with them, instead of SQLite's exact comparison.
 */
function setOperation(op: 'union' | 'intersect' | 'except', all: boolean, left: RenderedQuery, right: RenderedQuery, columns: readonly LocalColumn[]): string {
  // Members are wrapped so that nesting, ORDER BY and LIMIT inside them stay where they were.
  if (op === 'union' && all) return `SELECT * FROM (${left.sql}) UNION ALL SELECT * FROM (${right.sql})`;
  const key = (alias: string, name: string, type: SqlValueType) => (type === 'string' ? `ss_fold(${alias}.${quoteName(name)})` : `${alias}.${quoteName(name)}`);
  const keys = (alias: string, list: readonly LocalColumn[]) => list.map((c, i) => key(alias, c.name, (columns[i] as LocalColumn).type));
  const distinct = `GROUP BY ${keys('u', left.columns).join(', ')}`;
  if (op === 'union') return `SELECT * FROM (SELECT * FROM (${left.sql}) UNION ALL SELECT * FROM (${right.sql})) AS u ${distinct}`;
  const lk = keys('u', left.columns);
  const rk = keys('r', right.columns);
  const same = lk.map((l, i) => `${l} IS ${rk[i]}`).join(' AND ');
  return `SELECT * FROM (${left.sql}) AS u WHERE ${op === 'intersect' ? '' : 'NOT '}EXISTS (SELECT 1 FROM (${right.sql}) AS r WHERE ${same}) ${distinct}`;
}

function renderSub(q: QueryExpr, parent: Scope, ctx: RenderContext): { sql: string; columns: readonly LocalColumn[] } {
  return renderQuery(q, parent, ctx);
}

function renderSelect(s: SelectStatement, parent: Scope | undefined, ctx: RenderContext): RenderedQuery {
  const instances: TableInstance[] = [];
  const from = s.from ? fromItem(s.from, parent, ctx, instances) : undefined;
  if (from) markPushable(s.from as FromItem, true, instances);
  const scope = new Scope(instances, parent);
  const env: ExprEnv = { scope, ctx, query: renderSub };
  const where = s.where ? conjuncts(s.where) : [];
  const local = candidates(pushDown(where, scope, ctx, (i) => i.pushable), env, (a, b) => a.pushable && b.pushable);
  checkBaqParams(instances);

  const items = selectItems(s.items, scope, env);
  const fromSql = from ? ` FROM ${from.sql(env)}` : '';
  // Balanced (logical()): a chain of thousands of conjuncts stays under SQLite's 1,000 levels of nesting.
  const whereSql = local.length > 0 ? ` WHERE ${renderExpr(logical('and', local), env).sql}` : '';
  let groupKeys = s.groupBy.map((g) => folded(renderExpr(g, env)));
  let distinct = s.distinct;
  const aggregated = groupKeys.length > 0 || s.having !== undefined || items.some((i) => i.aggregate);
  // DISTINCT compares text as the collation does: group by the keys of the select list instead.
  if (distinct && !aggregated) {
    groupKeys = items.map((i) => folded(i.rendered));
    distinct = false;
  }
  if (aggregated) checkGrouped(s, items, scope);
  const groupSql = groupKeys.length > 0 ? ` GROUP BY ${groupKeys.join(', ')}` : '';
  const havingSql = s.having ? ` HAVING ${renderExpr(s.having, env).sql}` : '';
  const columns = uniqueColumns(items.map((i) => i.column));
  const list = items.map((i, n) => `${i.rendered.sql} AS ${quoteName((columns[n] as LocalColumn).name)}`).join(', ');
  const order = s.orderBy.map((o) => selectOrder(o, items, env));
  const orderSql = order.length > 0 ? ` ORDER BY ${order.join(', ')}` : '';
  const pushedWindow = windowPushdown(s, instances, local, aggregated, scope, ctx);
  const limitSql = pushedWindow ? limitClause({ kind: 'window', ...(s.window?.limit !== undefined ? { limit: s.window.limit } : {}) }, ctx) : limitClause(s.window, ctx);
  const sql = `SELECT ${distinct ? 'DISTINCT ' : ''}${list}${fromSql}${whereSql}${groupSql}${havingSql}${orderSql}${limitSql}`;
  return { sql, columns };
}

interface Item {
  readonly rendered: Rendered;
  readonly column: LocalColumn;
  readonly aggregate: boolean;
  /** The alias or column name, for ORDER BY. */
  readonly name: string;
}

function selectItems(items: readonly SelectItem[], scope: Scope, env: ExprEnv): Item[] {
  const out: Item[] = [];
  items.forEach((item, index) => {
    if (item.kind === 'star') {
      const owners = item.qualifier === undefined ? scope.instances : scope.instances.filter((i) => i.answersTo(item.qualifier as string));
      if (owners.length === 0) throw new KineticSqlError('ENO_TABLE', `"${item.qualifier}.*" does not name a table of this query.`, { name: item.qualifier });
      for (const instance of owners) {
        instance.star = true;
        for (const c of instance.columns) {
          const rendered = { sql: `${instance.sqlAlias}.${quoteName(c.name)}`, type: c.type };
          out.push({ rendered, aggregate: false, name: c.name, column: passThrough(c.name, c, instance) });
        }
      }
      return;
    }
    const rendered = renderExpr(item.expr, env);
    const e = item.expr;
    const name = item.alias ?? (e.kind === 'column' ? e.name : generatedName(e, index));
    let column: LocalColumn = { name, type: rendered.type, nullable: true, ...(rendered.scale !== undefined ? { scale: rendered.scale } : {}) };
    if (e.kind === 'column') {
      const { instance, column: c } = scope.resolve(e);
      column = passThrough(item.alias ?? c.name, c, instance);
    }
    out.push({ rendered, column, aggregate: containsAggregate(e), name });
  });
  return out;
}

function passThrough(name: string, c: { type: SqlValueType; nullable: boolean; scale?: number; catalog?: { type: EdmType } }, instance: TableInstance): LocalColumn {
  return {
    name,
    type: c.type,
    nullable: c.nullable,
    ...(c.scale !== undefined ? { scale: c.scale } : {}),
    ...(c.catalog ? { edm: c.catalog.type } : {}),
    ...(instance.table ? { table: instance.table.name } : {}),
  };
}

/** `COUNT(*)`, `SUM(OrderAmt)`, `LEN(Name)`; other computed columns are `Expr1`, `Expr2`… by position. */
function generatedName(e: Expr, index: number): string {
  const arg = (x: Expr | '*'): string | undefined => (x === '*' ? '*' : x.kind === 'column' ? x.name : undefined);
  if (e.kind === 'aggregate') {
    const a = arg(e.arg);
    if (a) return `${e.name}(${e.distinct ? 'DISTINCT ' : ''}${a})`;
  }
  if (e.kind === 'call' && e.args.length <= 1) {
    const a = e.args[0] === undefined ? '' : arg(e.args[0]);
    if (a !== undefined) return `${e.name}(${a})`;
  }
  return `Expr${index + 1}`;
}

/**
 * In a grouped SELECT every column of the select list, HAVING and ORDER BY must be grouped or inside an
 * aggregate, as SQL Server requires (SQLite would pick a value from any row of the group).
 */
function checkGrouped(s: SelectStatement, items: readonly Item[], scope: Scope): void {
  const key = (e: Expr): string | undefined => {
    if (e.kind !== 'column') return JSON.stringify(e);
    const r = scope.resolve(e);
    return r.outer ? undefined : `${r.instance.id}.${r.column.name.toLowerCase()}`;
  };
  const grouped = new Set(s.groupBy.map(key));
  const check = (e: Expr, where: string): void => {
    if (grouped.has(key(e))) return;
    if (e.kind === 'aggregate' || e.kind === 'window') return;
    if (e.kind !== 'column') {
      children(e).forEach((x) => check(x, where));
      return;
    }
    if (scope.resolve(e).outer) return;
    throw new KineticSqlError('ESQL_SYNTAX', `Column "${e.qualifier ? `${e.qualifier}.` : ''}${e.name}" is invalid in ${where}: it is neither in GROUP BY nor inside an aggregate such as COUNT(), SUM() or MAX().`, { name: e.name });
  };
  s.items.forEach((item) => {
    if (item.kind === 'star') throw new KineticSqlError('ESQL_SYNTAX', 'SELECT * cannot be used with GROUP BY or aggregates: list the grouped columns.');
    check(item.expr, 'the select list');
  });
  if (s.having) check(s.having, 'HAVING');
  for (const o of s.orderBy) if (o.expr.kind !== 'position' && !(o.expr.kind === 'column' && items.some((i) => i.name.toLowerCase() === (o.expr as { name: string }).name.toLowerCase()))) check(o.expr, 'ORDER BY');
}

function containsAggregate(e: Expr): boolean {
  if (e.kind === 'aggregate') return true;
  if (e.kind === 'window') return false;
  return children(e).some(containsAggregate);
}

/** ORDER BY in a SELECT: a position or an alias of the select list is that item's expression. */
function selectOrder(o: OrderItem, items: readonly Item[], env: ExprEnv): string {
  const dir = o.desc ? ' DESC' : '';
  const e = o.expr;
  if (e.kind === 'position') {
    const item = items[e.position - 1];
    if (!item) throw new KineticSqlError('ENO_COLUMN', `ORDER BY ${e.position}: the select list has ${items.length} column(s).`, { name: String(e.position) });
    return `${folded(item.rendered)}${dir}`;
  }
  if (e.kind === 'column' && e.qualifier === undefined) {
    const aliased = items.find((i) => i.name.toLowerCase() === e.name.toLowerCase());
    if (aliased) return `${folded(aliased.rendered)}${dir}`;
  }
  return orderTerm(o, env);
}

/** ORDER BY over a compound query: by output name or position only, as SQL Server requires. */
function outputOrder(o: OrderItem, columns: readonly LocalColumn[]): string {
  const dir = o.desc ? ' DESC' : '';
  const e = o.expr;
  const index = e.kind === 'position' ? e.position - 1 : e.kind === 'column' ? columns.findIndex((c) => c.name.toLowerCase() === e.name.toLowerCase()) : -1;
  const column = columns[index];
  if (!column) {
    if (e.kind === 'position') throw new KineticSqlError('ENO_COLUMN', `ORDER BY ${e.position}: the query has ${columns.length} column(s).`, { name: String(e.position) });
    throw unsupported('ORDER BY an expression after UNION, INTERSECT or EXCEPT', 'order by an output column name or position');
  }
  const ref = quoteName(column.name);
  return `${column.type === 'string' ? `ss_fold(${ref})` : ref}${dir}`;
}


/**
 * TOP/OFFSET of a SELECT over one table whose local work drops no row (no local condition, grouping,
 * DISTINCT, aggregate or window; ORDER BY plain columns of the table) go to Epicor with the ORDER BY:
 * only the rows wanted are fetched. Anything that could drop or reorder rows locally keeps them local.
 */
function windowPushdown(s: SelectStatement, instances: readonly TableInstance[], local: readonly Expr[], aggregated: boolean, scope: Scope, ctx: RenderContext): boolean {
  const only = instances[0];
  if (!s.window || instances.length !== 1 || !only?.table || isSystemTable(only.table) || s.from?.kind !== 'table' || local.length > 0 || aggregated || s.distinct) return false;
  if (s.items.some((i) => i.kind === 'expr' && containsWindow(i.expr))) return false;
  const orderby: { column: string; desc: boolean }[] = [];
  for (const o of s.orderBy) {
    let e = o.expr;
    if (e.kind === 'position') {
      const item = s.items[e.position - 1];
      if (!item || item.kind !== 'expr') return false;
      e = item.expr;
    } else if (e.kind === 'column' && e.qualifier === undefined) {
      const aliased = s.items.find((i) => i.kind === 'expr' && i.alias?.toLowerCase() === (e as { name: string }).name.toLowerCase());
      if (aliased && aliased.kind === 'expr') e = aliased.expr;
    }
    if (e.kind !== 'column') return false;
    const r = scope.resolve(e);
    if (r.outer || r.instance !== only || !r.column.catalog) return false;
    orderby.push({ column: r.column.name, desc: o.desc });
  }
  const top = rowCountOf(s.window.limit, ctx.params);
  const skip = rowCountOf(s.window.offset, ctx.params);
  only.window = { orderby, ...(top !== undefined ? { top } : {}), ...(skip ? { skip } : {}) };
  return true;
}

function containsWindow(e: Expr): boolean {
  return e.kind === 'window' || children(e).some(containsWindow);
}

function limitClause(window: SelectStatement['window'], ctx: RenderContext): string {
  if (!window) return '';
  const limit = rowCountOf(window.limit, ctx.params);
  const offset = rowCountOf(window.offset, ctx.params);
  return ` LIMIT ${limit === undefined ? -1 : bind(ctx, limit)}${offset ? ` OFFSET ${bind(ctx, offset)}` : ''}`;
}

// ---- FROM ----

interface RenderedFrom {
  /** Rendered after the select list, so that ON conditions see every FROM item. */
  readonly sql: (env: ExprEnv) => string;
}

const JOIN_SQL: Readonly<Record<Join['type'], string>> = { inner: 'JOIN', left: 'LEFT JOIN', right: 'RIGHT JOIN', full: 'FULL OUTER JOIN', cross: 'JOIN' };

function fromItem(item: FromItem, parent: Scope | undefined, ctx: RenderContext, instances: TableInstance[]): RenderedFrom {
  switch (item.kind) {
    case 'table': {
      const cte = item.service === undefined ? ctx.ctes.get(item.name.toLowerCase()) : undefined;
      if (cte) return commonTable(cte, item.alias ?? cte.cte.name, ctx, instances);
      const table = resolveTable(item, ctx.catalog);
      const instance = TableInstance.forTable(ctx.ids++, table, item);
      // A system table has no request to take conditions: everything about it runs locally.
      if (isSystemTable(table)) instance.pushable = false;
      instances.push(instance);
      ctx.tables.push(instance);
      return { sql: () => `t${instance.id} AS ${instance.sqlAlias}` };
    }
    case 'derived': {
      // A derived table does not see the tables beside it (no LATERAL in T-SQL's FROM).
      const sub = renderQuery(item.query, parent, ctx);
      const instance = new TableInstance(ctx.ids++, item.alias, sub.columns.map((c) => ({ name: c.name, type: c.type, nullable: c.nullable, ...(c.scale !== undefined ? { scale: c.scale } : {}) })));
      instances.push(instance);
      return { sql: () => `(${sub.sql}) AS ${instance.sqlAlias}` };
    }
    case 'join': {
      const left = fromItem(item.left, parent, ctx, instances);
      const first = instances.length;
      const right = fromItem(item.right, parent, ctx, instances);
      const rightInstances = instances.slice(first);
      return {
        sql: (env) => {
          const l = left.sql(env);
          const r = right.sql(env);
          if (!item.on) return `${l} ${JOIN_SQL[item.type]} ${r}`;
          const on = onConjuncts(item, conjuncts(item.on), env, instances.slice(0, first), rightInstances);
          return `${l} ${JOIN_SQL[item.type]} ${r} ON ${on.length > 0 ? renderExpr(logical('and', on), env).sql : '1'}`;
        },
      };
    }
  }
}

/** A reference to a common table: its query, inlined as a derived table (each reference reads its tables). */
function commonTable(entry: { readonly cte: CommonTable; open: boolean }, alias: string, ctx: RenderContext, instances: TableInstance[]): RenderedFrom {
  const { cte } = entry;
  if (entry.open) throw unsupported(`The recursive common table expression ${cte.name}`);
  entry.open = true;
  let sub: RenderedQuery;
  try {
    sub = renderQuery(cte.query, undefined, ctx);
  } finally {
    entry.open = false;
  }
  let columns = sub.columns;
  let sql = sub.sql;
  if (cte.columns) {
    if (cte.columns.length !== sub.columns.length) {
      throw new KineticSqlError('ESQL_SYNTAX', `WITH ${cte.name} names ${cte.columns.length} columns, but its query returns ${sub.columns.length}.`);
    }
    const names = cte.columns;
    sql = `SELECT ${sub.columns.map((c, i) => `s.${quoteName(c.name)} AS ${quoteName(names[i] as string)}`).join(', ')} FROM (${sub.sql}) AS s`;
    columns = sub.columns.map((c, i) => ({ ...c, name: names[i] as string }));
  }
  const instance = new TableInstance(ctx.ids++, alias, columns.map((c) => ({ name: c.name, type: c.type, nullable: c.nullable, ...(c.scale !== undefined ? { scale: c.scale } : {}) })));
  instances.push(instance);
  return { sql: () => `(${sql}) AS ${instance.sqlAlias}` };
}

/** ON conjuncts that filter one side before the join are pushed to it; the rest stay in ON. */
function onConjuncts(join: Join, list: readonly Expr[], env: ExprEnv, leftSide: readonly TableInstance[], rightSide: readonly TableInstance[]): Expr[] {
  switch (join.type) {
    // For an inner join, ON is WHERE: a condition on one table that may be filtered before joining.
    case 'inner': case 'cross': return candidates(pushDown(list, env.scope, env.ctx, (i) => i.pushable), env, (a, b) => a.pushable && b.pushable);
    // The null side of an outer join may be filtered before it is joined; the preserved side may not.
    // For the same reason only the preserved side may drive a semi-join of the null side.
    case 'left': return candidates(pushDown(list, env.scope, env.ctx, (i) => rightSide.length === 1 && rightSide.includes(i)), env, (a, b) => leftSide.includes(a) && rightSide.length === 1 && rightSide.includes(b));
    case 'right': return candidates(pushDown(list, env.scope, env.ctx, (i) => leftSide.length === 1 && leftSide.includes(i)), env, (a, b) => rightSide.includes(a) && leftSide.length === 1 && leftSide.includes(b));
    case 'full': return [...list];
  }
}

/** Records the conjuncts left to the local join as semi-join candidates; returns them. */
function candidates(local: Expr[], env: ExprEnv, allow: (driver: TableInstance, driven: TableInstance) => boolean): Expr[] {
  for (const conjunct of local) env.ctx.joins.push({ conjunct, scope: env.scope, allow });
  return local;
}

/** Which tables may take WHERE conditions in their requests: not those on the null side of an outer join. */
function markPushable(item: FromItem, pushable: boolean, instances: readonly TableInstance[]): void {
  // Only tables take pushed conditions: a subquery's own tables are marked when it is rendered.
  const of = (i: FromItem): TableInstance[] => (i.kind === 'join' ? [...of(i.left), ...of(i.right)] : instances.filter((x) => x.ref === i));
  const set = (i: FromItem, p: boolean) => { for (const x of of(i)) x.pushable = x.pushable && p; };
  if (item.kind !== 'join') { set(item, pushable); return; }
  const [l, r] = item.type === 'left' ? [pushable, false] : item.type === 'right' ? [false, pushable] : item.type === 'full' ? [false, false] : [pushable, pushable];
  markPushable(item.left, l, instances);
  markPushable(item.right, r, instances);
}

// ---- pushdown ----

/**
 * Sends each conjunct OData can express, about one table that `may` accept it, with that table's
 * request; returns the conjuncts that stay local. BAQ parameters (`zipCode = '55001'`) become the
 * BAQ's query-string parameters.
 */
function pushDown(list: readonly Expr[], scope: Scope, ctx: RenderContext, may: (i: TableInstance) => boolean): Expr[] {
  const local: Expr[] = [];
  for (const conjunct of list) {
    if (baqParameter(conjunct, scope, ctx)) continue;
    const target = ctx.keepLocal.has(conjunct) ? undefined : soleTable(conjunct, scope);
    if (!target || !target.table || !target.ref || !may(target) || isSystemTable(target.table)) {
      local.push(conjunct);
      continue;
    }
    const fctx: FilterContext = { scope: new TableScope(target.table, target.ref), params: ctx.params, version: ctx.version };
    try {
      target.pushed.push({ expr: conjunct, filter: buildFilter(conjunct, fctx) });
    } catch (err) {
      if (!(err instanceof KineticSqlError) || err.code !== 'ESQL_UNSUPPORTED' || isDefinitive(err)) throw err;
      local.push(conjunct);
    }
  }
  return local;
}

/** The one table of this SELECT that every column of `e` belongs to; undefined for none, several, a subquery or an outer reference. */
function soleTable(e: Expr, scope: Scope): TableInstance | undefined {
  const found = new Set<TableInstance>();
  let blocked = false;
  const visit = (x: Expr): void => {
    switch (x.kind) {
      case 'column': {
        if (scope.parameter(x)) { blocked = true; return; }
        const r = scope.resolve(x);
        if (r.outer) blocked = true;
        else found.add(r.instance);
        return;
      }
      case 'subquery': case 'exists': case 'inSubquery': case 'quantified': case 'aggregate': case 'window': blocked = true; return;
      default: children(x).forEach(visit);
    }
  };
  visit(e);
  return !blocked && found.size === 1 ? [...found][0] : undefined;
}

/** `param = value` on a BAQ's parameter: recorded as that BAQ's query-string parameter. */
function baqParameter(e: Expr, scope: Scope, ctx: RenderContext): boolean {
  if (e.kind !== 'compare' || e.op !== '=') return false;
  for (const [side, other] of [[e.left, e.right], [e.right, e.left]] as const) {
    if (side.kind !== 'column') continue;
    const found = scope.parameter(side);
    if (!found) continue;
    if (other.kind !== 'string' && other.kind !== 'number' && other.kind !== 'boolean' && other.kind !== 'param') {
      throw unsupported(`The BAQ parameter ${found.parameter.name} compared with anything but a value`, `write ${found.parameter.name} = 'value' or ${found.parameter.name} = ?`);
    }
    const { instance, parameter } = found;
    if (parameter.name in instance.baqParams) throw unsupported(`Giving the BAQ parameter ${parameter.name} twice`, 'give it once');
    const fctx: FilterContext = { scope: new TableScope(instance.table!, instance.ref!), params: ctx.params, version: ctx.version };
    const value = pendingValue({ typed: false, expr: other }, fctx);
    try {
      instance.baqParams = { ...instance.baqParams, [parameter.name]: plainValue(value, parameter.type, ctx.version) };
    } catch (err) {
      if (err instanceof KineticSqlError) throw new KineticSqlError('EPARAM', `BAQ parameter ${parameter.name}: ${err.message}`, { name: parameter.name, cause: err });
      throw err;
    }
    return true;
  }
  return false;
}

function checkBaqParams(instances: readonly TableInstance[]): void {
  for (const i of instances) {
    for (const p of i.table?.parameters ?? []) {
      if (p.required && !(p.name in i.baqParams)) {
        throw new KineticSqlError('EPARAM', `The BAQ ${i.table!.name} needs its parameter ${p.name}: add WHERE ${p.name} = value.`, { name: p.name });
      }
    }
  }
}
