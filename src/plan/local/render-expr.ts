import { SQLSERVER_AGGREGATES, SQLSERVER_FUNCTIONS } from '../../engine/sqlite/functions.ts';
import { assertNever, KineticSqlError } from '../../errors.ts';
import type { Aggregate, Call, Expr, WindowCall } from '../../sql/ir/expr.ts';
import type { OrderItem, QueryExpr } from '../../sql/ir/select.ts';
import { refused, unsupported } from '../../sql/unsupported.ts';
import { closestNames, didYouMean } from '../closest-names.ts';
import { bind, quoteName, quoteText, type RenderContext } from './render-context.ts';
import type { Scope } from './scope.ts';
import { castTarget, isNumeric, isTemporal, numericResult, type SqlValueType } from './value-types.ts';

/** An expression in SQLite's dialect, with the type of its value. */
export interface Rendered {
  readonly sql: string;
  readonly type: SqlValueType;
  /**
   * Digits after the point of a decimal value, when known (a column's scale, a literal's, and through
   * + - * SUM MIN MAX). Decimals are REAL in SQLite; results are rounded back to this scale, so that a
   * sum of amounts is exact as on SQL Server instead of showing a double's error (…22000000003).
   */
  readonly scale?: number;
}

const withScale = (r: Rendered, scale: number | undefined): Rendered => (scale === undefined || r.type !== 'decimal' ? r : { ...r, scale });

/** Renders a subquery; supplied by render-query.ts (the two modules call each other). */
export type QueryRenderer = (query: QueryExpr, parent: Scope, ctx: RenderContext) => { sql: string; columns: readonly { name: string; type: SqlValueType }[] };

/** What rendering an expression needs besides the context. */
export interface ExprEnv {
  readonly scope: Scope;
  readonly ctx: RenderContext;
  readonly query: QueryRenderer;
}

const BUILTIN: Readonly<Record<string, (args: readonly Rendered[]) => Rendered>> = {
  COALESCE: (a) => ({ sql: `coalesce(${a.map((x) => x.sql).join(', ')})`, type: firstKnown(a) }),
  ISNULL: (a) => ({ sql: `coalesce(${a.map((x) => x.sql).join(', ')})`, type: a[0]?.type ?? 'unknown' }),
  NULLIF: (a) => ({ sql: `nullif(${a.map((x) => x.sql).join(', ')})`, type: a[0]?.type ?? 'unknown' }),
  IIF: (a) => ({ sql: `iif(${a.map((x) => x.sql).join(', ')})`, type: firstKnown(a.slice(1)) }),
};
const BUILTIN_ARITY: Readonly<Record<string, readonly [number, number]>> = { COALESCE: [2, 255], ISNULL: [2, 2], NULLIF: [2, 2], IIF: [3, 3] };

function firstKnown(list: readonly Rendered[]): SqlValueType {
  return list.find((r) => r.type !== 'unknown')?.type ?? 'unknown';
}

/** The collation key of a text value (SQL Server's case-insensitive, accent-sensitive comparison, trailing spaces ignored). */
export function folded(r: Rendered): string {
  return r.type === 'string' ? `ss_fold(${r.sql})` : r.sql;
}

/** Both sides of a comparison, made comparable: text through the collation key, text beside a date as a date. */
function comparable(l: Rendered, r: Rendered): [string, string] {
  if (isTemporal(l.type) && r.type === 'string') return [l.sql, `kq_datetime(${r.sql})`];
  if (isTemporal(r.type) && l.type === 'string') return [`kq_datetime(${l.sql})`, r.sql];
  if (l.type === 'string' || r.type === 'string') return [`ss_fold(${l.sql})`, `ss_fold(${r.sql})`];
  return [l.sql, r.sql];
}

const BOOL: Rendered['type'] = 'boolean';

/**
 * Renders an expression of our IR in SQLite's dialect, typed, with SQL Server's meaning: string
 * comparisons through the collation key, `+` of text as concatenation (NULL stays NULL), SQL Server
 * functions through their registered `ss_` implementations.
 *
 * @example
 * ```ts
 * renderExpr({ kind: 'compare', op: '=', left: stateColumn, right: { kind: 'string', value: 'MN' } }, env);
 * // { sql: `ss_fold(a0."State") = ss_fold('MN')`, type: 'boolean' }
 * ```
 */
export function renderExpr(e: Expr, env: ExprEnv): Rendered {
  const r = (x: Expr): Rendered => renderExpr(x, env);
  switch (e.kind) {
    case 'column': {
      const { instance, column } = env.scope.resolve(e);
      instance.used.add(column.name);
      return withScale({ sql: `${instance.sqlAlias}.${quoteName(column.name)}`, type: column.type }, column.scale);
    }
    case 'string': return { sql: quoteText(e.value), type: 'string' };
    case 'number': return /[eE]/.test(e.text) ? { sql: e.text, type: 'float' } : e.text.includes('.') ? { sql: e.text, type: 'decimal', scale: e.text.length - e.text.indexOf('.') - 1 } : { sql: e.text, type: 'integer' };
    case 'boolean': return { sql: e.value ? '1' : '0', type: 'boolean' };
    case 'null': return { sql: 'NULL', type: 'unknown' };
    case 'param': return param(env.ctx.params.value(e), env.ctx);
    case 'compare': {
      if (e.left.kind === 'null' || e.right.kind === 'null') throw refused('Comparing with NULL', 'write IS NULL or IS NOT NULL');
      const [a, b] = comparable(r(e.left), r(e.right));
      return { sql: `(${a} ${e.op} ${b})`, type: BOOL };
    }
    case 'and': case 'or': return { sql: `(${r(e.left).sql} ${e.kind.toUpperCase()} ${r(e.right).sql})`, type: BOOL };
    case 'not': return { sql: `(NOT ${r(e.expr).sql})`, type: BOOL };
    case 'in': {
      const target = r(e.expr);
      const items = e.list.map(r);
      const text = target.type === 'string' || items.some((i) => i.type === 'string');
      const key = (x: Rendered) => (text ? `ss_fold(${x.sql})` : isTemporal(target.type) && x.type === 'string' ? `kq_datetime(${x.sql})` : x.sql);
      return { sql: `(${key(target)} ${e.negated ? 'NOT IN' : 'IN'} (${items.map(key).join(', ')}))`, type: BOOL };
    }
    case 'inSubquery': {
      const target = r(e.expr);
      const sub = env.query(e.query, env.scope, env.ctx);
      if (sub.columns.length !== 1) throw new KineticSqlError('ESQL_SYNTAX', `The subquery after IN returns ${sub.columns.length} columns: it must return one.`);
      const column = sub.columns[0] as { name: string; type: SqlValueType };
      const text = target.type === 'string' || column.type === 'string';
      const inner = text ? `SELECT ss_fold(s.${quoteName(column.name)}) FROM (${sub.sql}) AS s` : sub.sql;
      return { sql: `(${text ? `ss_fold(${target.sql})` : target.sql} ${e.negated ? 'NOT IN' : 'IN'} (${inner}))`, type: BOOL };
    }
    case 'exists': return { sql: `(${e.negated ? 'NOT ' : ''}EXISTS (${env.query(e.query, env.scope, env.ctx).sql}))`, type: BOOL };
    case 'quantified': return quantified(e, env);
    case 'subquery': {
      const sub = env.query(e.query, env.scope, env.ctx);
      if (sub.columns.length !== 1) throw new KineticSqlError('ESQL_SYNTAX', `A subquery used as a value returns ${sub.columns.length} columns: it must return one.`);
      return { sql: `(${sub.sql})`, type: (sub.columns[0] as { type: SqlValueType }).type };
    }
    case 'between': {
      const target = r(e.expr);
      const [t1, low] = comparable(target, r(e.low));
      const [t2, high] = comparable(target, r(e.high));
      const inside = `(${t1} >= ${low} AND ${t2} <= ${high})`;
      return { sql: e.negated ? `(NOT ${inside})` : inside, type: BOOL };
    }
    case 'like': {
      const test = `ss_like(${r(e.expr).sql}, ${r(e.pattern).sql}${e.escape !== undefined ? `, ${quoteText(e.escape)}` : ''})`;
      return { sql: e.negated ? `(NOT ${test})` : test, type: BOOL };
    }
    case 'isNull': return { sql: `(${r(e.expr).sql} IS ${e.negated ? 'NOT ' : ''}NULL)`, type: BOOL };
    case 'arithmetic': return arithmetic(e.op, r(e.left), r(e.right));
    case 'negate': {
      const inner = r(e.expr);
      return withScale({ sql: `(-${inner.sql})`, type: inner.type }, inner.scale);
    }
    case 'case': return caseExpr(e, env);
    case 'cast': return cast(r(e.expr), e.type.name, e.type.length, e.type.scale, e.style ? r(e.style) : undefined, e.try === true);
    case 'call': return call(e, env);
    case 'datePart': return { sql: quoteText(e.part), type: 'string' };
    case 'aggregate': return aggregate(e, env);
    case 'window': return windowCall(e, env);
    default: return assertNever(e, 'expression');
  }
}

/** A bound value in the local database's representation: a Date as instant text, a boolean as 0/1. */
function param(value: unknown, ctx: RenderContext): Rendered {
  if (value instanceof Date) return { sql: bind(ctx, value.toISOString().slice(0, 23)), type: 'datetime' };
  if (typeof value === 'boolean') return { sql: bind(ctx, value ? 1 : 0), type: 'boolean' };
  if (typeof value === 'number') return { sql: bind(ctx, value), type: Number.isInteger(value) ? 'integer' : 'float' };
  if (typeof value === 'bigint') return { sql: bind(ctx, value), type: 'integer' };
  if (typeof value === 'string') return { sql: bind(ctx, value), type: 'string' };
  if (value === null) return { sql: 'NULL', type: 'unknown' };
  throw new KineticSqlError('EPARAM', `A parameter value of type ${typeof value} cannot be bound: pass a string, number, boolean, bigint, Date or null.`);
}

function arithmetic(op: string, l: Rendered, r: Rendered): Rendered {
  // T-SQL's + of two strings concatenates, and NULL + 'x' is NULL (SQLite's || does the same).
  if (op === '||' || (op === '+' && (l.type === 'string' || r.type === 'string') && !isNumeric(l.type) && !isNumeric(r.type))) {
    return { sql: `(${l.sql} || ${r.sql})`, type: 'string' };
  }
  const type = numericResult(l.type, r.type);
  // SQLite divides REAL by zero to NULL and INTEGER likewise; SQL Server raises an error. Keep SQLite's NULL.
  const ls = l.type === 'integer' ? 0 : l.scale;
  const rs = r.type === 'integer' ? 0 : r.scale;
  const scale = ls === undefined || rs === undefined ? undefined : op === '*' ? ls + rs : op === '+' || op === '-' ? Math.max(ls, rs) : undefined;
  return withScale({ sql: `(${l.sql} ${op} ${r.sql})`, type }, scale);
}

function caseExpr(e: Extract<Expr, { kind: 'case' }>, env: ExprEnv): Rendered {
  const operand = e.operand ? renderExpr(e.operand, env) : undefined;
  const arms: string[] = [];
  const results: Rendered[] = [];
  for (const w of e.whens) {
    const when = renderExpr(w.when, env);
    const cond = operand ? (([a, b]) => `${a} = ${b}`)(comparable(operand, when)) : when.sql;
    const then = renderExpr(w.then, env);
    results.push(then);
    arms.push(`WHEN ${cond} THEN ${then.sql}`);
  }
  const otherwise = e.else ? renderExpr(e.else, env) : undefined;
  if (otherwise) results.push(otherwise);
  return { sql: `(CASE ${arms.join(' ')}${otherwise ? ` ELSE ${otherwise.sql}` : ''} END)`, type: firstKnown(results) };
}

/**
 * CAST/CONVERT with SQL Server's meaning, through `ss_convert(value, 'type(length, scale)', style, source)`
 * (which raises SQL Server's error on a value that does not convert; `ss_try_convert` answers NULL, for
 * TRY_CAST and TRY_CONVERT). A literal NULL style makes NULL,
 * as CONVERT(type, x, NULL) does on SQL Server.
 */
export function cast(value: Rendered, typeName: string, length: number | undefined, scale: number | undefined, style?: Rendered, tried = false): Rendered {
  const type = castTarget(typeName);
  if (type === 'unknown') throw unsupported(`CAST to ${typeName}`, 'cast to INT, BIGINT, DECIMAL, FLOAT, BIT, DATE, DATETIME, VARCHAR or NVARCHAR');
  const size = length === undefined ? '' : `(${length < 0 ? 'max' : length}${scale === undefined ? '' : `,${scale}`})`;
  if (style?.sql === 'NULL') return { sql: 'NULL', type };
  const args = [value.sql, quoteText(`${typeName.toLowerCase()}${size}`), style ? style.sql : 'NULL', quoteText(value.type)];
  return withScale({ sql: `${tried ? 'ss_try_convert' : 'ss_convert'}(${args.join(', ')})`, type }, type === 'decimal' ? scale ?? 0 : undefined);
}

function call(e: Call, env: ExprEnv): Rendered {
  const args = e.args.map((a) => renderExpr(a, env));
  const builtin = BUILTIN[e.name];
  if (builtin) {
    const [min, max] = BUILTIN_ARITY[e.name] as readonly [number, number];
    arity(e.name, args.length, min, max);
    return builtin(args);
  }
  const fn = SQLSERVER_FUNCTIONS[e.name];
  if (!fn) throw unknownFunction(e.name);
  arity(e.name, args.length, fn.minArgs, fn.maxArgs);
  return { sql: `${fn.sqlite}(${args.map((a) => a.sql).join(', ')})`, type: fn.returns(args.map((a) => a.type)) };
}

function arity(name: string, n: number, min: number, max: number): void {
  if (n < min || n > max) {
    const wanted = min === max ? `${min}` : max >= 255 ? `at least ${min}` : `${min} to ${max}`;
    throw new KineticSqlError('ESQL_SYNTAX', `${name}() takes ${wanted} argument(s), not ${n}.`);
  }
}

function unknownFunction(name: string): KineticSqlError {
  const known = [...Object.keys(SQLSERVER_FUNCTIONS), ...Object.keys(BUILTIN), ...Object.keys(SQLSERVER_AGGREGATES), 'COUNT', 'SUM', 'AVG', 'MIN', 'MAX'];
  return new KineticSqlError('ESQL_UNSUPPORTED', `The function ${name}() is not one the driver knows.${didYouMean(closestNames(name, known))}`, { name });
}

function aggregate(e: Aggregate, env: ExprEnv): Rendered {
  if (e.arg === '*') return { sql: 'COUNT(*)', type: 'integer' };
  const arg = renderExpr(e.arg, env);
  const inner = e.distinct ? `DISTINCT ${folded(arg)}` : arg.sql;
  switch (e.name) {
    case 'COUNT': case 'COUNT_BIG': return { sql: `COUNT(${inner})`, type: 'integer' };
    case 'SUM': return withScale({ sql: `SUM(${inner})`, type: arg.type === 'boolean' ? 'integer' : arg.type }, arg.scale);
    // SQL Server's AVG of integers is an integer (truncated); of decimals a decimal of scale max(s, 6).
    case 'AVG': return arg.type === 'integer' ? { sql: `CAST(AVG(${inner}) AS INTEGER)`, type: 'integer' } : withScale({ sql: `AVG(${inner})`, type: arg.type }, arg.scale === undefined ? undefined : Math.max(6, arg.scale));
    case 'MIN': case 'MAX':
      if (arg.type === 'string') return { sql: `kq_${e.name.toLowerCase()}_text(${arg.sql})`, type: arg.type };
      return withScale({ sql: `${e.name}(${inner})`, type: arg.type }, arg.scale);
    case 'STRING_AGG': {
      const sep = e.separator ? renderExpr(e.separator, env).sql : quoteText(',');
      return { sql: `group_concat(${arg.sql}, ${sep})`, type: 'string' };
    }
    case 'STDEV': case 'STDEVP': case 'VAR': case 'VARP': {
      const fn = SQLSERVER_AGGREGATES[e.name];
      if (!fn) throw unknownFunction(e.name);
      return { sql: `${fn.sqlite}(${inner})`, type: 'float' };
    }
    default: return assertNever(e.name, 'aggregate');
  }
}

const WINDOW_ONLY: Readonly<Record<string, (args: readonly Rendered[]) => SqlValueType>> = {
  ROW_NUMBER: () => 'integer', RANK: () => 'integer', DENSE_RANK: () => 'integer', NTILE: () => 'integer',
  LAG: (a) => a[0]?.type ?? 'unknown', LEAD: (a) => a[0]?.type ?? 'unknown',
  FIRST_VALUE: (a) => a[0]?.type ?? 'unknown', LAST_VALUE: (a) => a[0]?.type ?? 'unknown',
  PERCENT_RANK: () => 'float', CUME_DIST: () => 'float',
};

function windowCall(e: WindowCall, env: ExprEnv): Rendered {
  let fn: Rendered;
  if (e.fn.kind === 'aggregate') fn = aggregate(e.fn, env);
  else {
    const type = WINDOW_ONLY[e.fn.name];
    if (!type) throw unsupported(`${e.fn.name}() OVER (…)`, 'window functions are ROW_NUMBER, RANK, DENSE_RANK, NTILE, LAG, LEAD, FIRST_VALUE, LAST_VALUE and the aggregates');
    const args = e.fn.args.map((a) => renderExpr(a, env));
    fn = { sql: `${e.fn.name.toLowerCase()}(${args.map((a) => a.sql).join(', ')})`, type: type(args) };
  }
  const parts: string[] = [];
  const frame = e.frame ? frameSql(e.frame) : '';
  if (e.partitionBy.length > 0) parts.push(`PARTITION BY ${e.partitionBy.map((p) => folded(renderExpr(p, env))).join(', ')}`);
  if (e.orderBy.length > 0) parts.push(`ORDER BY ${e.orderBy.map((o) => orderTerm(o, env)).join(', ')}`);
  if (frame) parts.push(frame);
  return { sql: `${fn.sql} OVER (${parts.join(' ')})`, type: fn.type };
}

function frameSql(f: NonNullable<WindowCall['frame']>): string {
  const bound = (b: typeof f.start): string => (b.kind === 'current' ? 'CURRENT ROW' : `${b.kind === 'unbounded' ? 'UNBOUNDED' : b.rows} ${b.side.toUpperCase()}`);
  return `${f.unit.toUpperCase()} BETWEEN ${bound(f.start)} AND ${bound(f.end)}`;
}

/**
 * `x op ANY (S)` and `x op ALL (S)` with SQL's three values: ANY is TRUE when some comparison is TRUE,
 * else UNKNOWN when some is UNKNOWN, else FALSE; ALL is FALSE when some is FALSE, else UNKNOWN when some
 * is UNKNOWN, else TRUE (also for an empty S).
 */
function quantified(e: Extract<Expr, { kind: 'quantified' }>, env: ExprEnv): Rendered {
  const left = renderExpr(e.left, env);
  const sub = env.query(e.query, env.scope, env.ctx);
  if (sub.columns.length !== 1) throw new KineticSqlError('ESQL_SYNTAX', `The subquery after ${e.quantifier.toUpperCase()} returns ${sub.columns.length} columns: it must return one.`);
  const column = sub.columns[0] as { name: string; type: SqlValueType };
  const [a, b] = comparable(left, { sql: `s.${quoteName(column.name)}`, type: column.type });
  const test = `(${a} ${e.op} ${b})`;
  const some = (when: string) => `EXISTS (SELECT 1 FROM (${sub.sql}) AS s WHERE ${when})`;
  const sql = e.quantifier === 'any'
    ? `(CASE WHEN ${some(`${test} = 1`)} THEN 1 WHEN ${some(`${test} IS NULL`)} THEN NULL ELSE 0 END)`
    : `(CASE WHEN ${some(`${test} = 0`)} THEN 0 WHEN ${some(`${test} IS NULL`)} THEN NULL ELSE 1 END)`;
  return { sql, type: BOOL };
}

/** One ORDER BY term over an expression (positions and aliases are resolved by the caller). */
export function orderTerm(o: OrderItem, env: ExprEnv): string {
  if (o.expr.kind === 'position') return `${o.expr.position}${o.desc ? ' DESC' : ''}`;
  return `${folded(renderExpr(o.expr, env))}${o.desc ? ' DESC' : ''}`;
}
