/**
 * Expressions of our SQL IR: readonly plain objects, each with a `kind`. Built once from
 * node-sql-parser's AST by src/sql/ir/from-ast-expr.ts, with the parser's quirks already fixed. The IR
 * says what the SQL means; it decides nothing about OData (that is the planner's job).
 */
import type { OrderItem, QueryExpr } from './select.ts';

/** `Name`, `c.Name`, `[Erp.BO.CustomerSvc].[Customers].Name`: the qualifier as written, if any. */
export interface ColumnRef {
  readonly kind: 'column';
  readonly name: string;
  readonly qualifier?: string;
}

/** A literal as written in the SQL text; numbers keep their text so decimals stay exact. */
export type Literal =
  | { readonly kind: 'string'; readonly value: string }
  | { readonly kind: 'number'; readonly value: number; readonly text: string }
  | { readonly kind: 'boolean'; readonly value: boolean }
  | { readonly kind: 'null' };

/** A parameter marker: `?` number `index` (0-based), or `@name`. */
export type ParamRef =
  | { readonly kind: 'param'; readonly by: 'position'; readonly index: number }
  | { readonly kind: 'param'; readonly by: 'name'; readonly name: string };

export type CompareOp = '=' | '<>' | '<' | '<=' | '>' | '>=';
/** `+` is addition or string concatenation, as in T-SQL: the operand types decide. `||` is always concatenation. */
export type ArithmeticOp = '+' | '-' | '*' | '/' | '%' | '||';

export interface Compare { readonly kind: 'compare'; readonly op: CompareOp; readonly left: Expr; readonly right: Expr }
export interface Logical { readonly kind: 'and' | 'or'; readonly left: Expr; readonly right: Expr }
export interface Not { readonly kind: 'not'; readonly expr: Expr }
export interface InList { readonly kind: 'in'; readonly expr: Expr; readonly list: readonly Expr[]; readonly negated: boolean }
/** `x [NOT] IN (SELECT ...)`. */
export interface InSubquery { readonly kind: 'inSubquery'; readonly expr: Expr; readonly query: QueryExpr; readonly negated: boolean }
/** `[NOT] EXISTS (SELECT ...)`. */
export interface Exists { readonly kind: 'exists'; readonly query: QueryExpr; readonly negated: boolean }
/** `x op ANY|SOME|ALL (SELECT ...)`. */
export interface Quantified { readonly kind: 'quantified'; readonly op: CompareOp; readonly quantifier: 'any' | 'all'; readonly left: Expr; readonly query: QueryExpr }
/** `(SELECT MAX(x) FROM t)` used as a value. */
export interface ScalarSubquery { readonly kind: 'subquery'; readonly query: QueryExpr }
export interface Between { readonly kind: 'between'; readonly expr: Expr; readonly low: Expr; readonly high: Expr; readonly negated: boolean }
/** `x [NOT] LIKE pattern [ESCAPE 'c']`. */
export interface Like { readonly kind: 'like'; readonly expr: Expr; readonly pattern: Expr; readonly negated: boolean; readonly escape?: string }
export interface IsNull { readonly kind: 'isNull'; readonly expr: Expr; readonly negated: boolean }
export interface Arithmetic { readonly kind: 'arithmetic'; readonly op: ArithmeticOp; readonly left: Expr; readonly right: Expr }
/** Unary minus of an expression (a minus before a number literal is folded into the literal). */
export interface Negate { readonly kind: 'negate'; readonly expr: Expr }
/** `CASE [operand] WHEN a THEN b ... [ELSE c] END`. */
export interface Case {
  readonly kind: 'case';
  readonly operand?: Expr;
  readonly whens: readonly { readonly when: Expr; readonly then: Expr }[];
  readonly else?: Expr;
}
/** A SQL type as written in CAST/CONVERT: `DECIMAL(10,2)`, `NVARCHAR(20)`, `INT`. `name` is upper-case. */
export interface SqlType {
  readonly name: string;
  /** Length (`VARCHAR(20)`) or precision (`DECIMAL(10,2)`); -1 for `MAX`. */
  readonly length?: number;
  readonly scale?: number;
}
/** `CAST(x AS type)` or `CONVERT(type, x[, style])`; `try` for TRY_CAST and TRY_CONVERT (NULL instead of an error). */
export interface Cast { readonly kind: 'cast'; readonly expr: Expr; readonly type: SqlType; readonly style?: Expr; readonly try?: true }
/** A scalar function call by name; `name` is upper-case (`UPPER`, `DATEADD`, `dbo.MyFn`). */
export interface Call { readonly kind: 'call'; readonly name: string; readonly args: readonly Expr[] }
/** `DATEADD(day, ...)`'s first argument: a date part keyword, not a column. */
export interface DatePart { readonly kind: 'datePart'; readonly part: string }
export type AggregateName = 'COUNT' | 'SUM' | 'AVG' | 'MIN' | 'MAX' | 'STRING_AGG' | 'STDEV' | 'STDEVP' | 'VAR' | 'VARP' | 'COUNT_BIG';
/** `COUNT(*)`, `COUNT(DISTINCT x)`, `SUM(x)`, `STRING_AGG(x, ',')`... */
export interface Aggregate {
  readonly kind: 'aggregate';
  readonly name: AggregateName;
  /** `'*'` for `COUNT(*)`. */
  readonly arg: Expr | '*';
  readonly distinct: boolean;
  /** STRING_AGG's separator. */
  readonly separator?: Expr;
}
/** A window function: `ROW_NUMBER() OVER (PARTITION BY a ORDER BY b)`, `SUM(x) OVER (...)`. */
export interface WindowCall {
  readonly kind: 'window';
  readonly fn: Call | Aggregate;
  readonly partitionBy: readonly Expr[];
  readonly orderBy: readonly OrderItem[];
  readonly frame?: WindowFrame;
}

/** One end of a window frame: `UNBOUNDED PRECEDING`, `3 PRECEDING`, `CURRENT ROW`, `2 FOLLOWING`, `UNBOUNDED FOLLOWING`. */
export type FrameBound =
  | { readonly kind: 'unbounded'; readonly side: 'preceding' | 'following' }
  | { readonly kind: 'offset'; readonly rows: number; readonly side: 'preceding' | 'following' }
  | { readonly kind: 'current' };

/** `ROWS|RANGE BETWEEN start AND end`, or `ROWS start` (which ends at the current row). */
export interface WindowFrame {
  readonly unit: 'rows' | 'range';
  readonly start: FrameBound;
  readonly end: FrameBound;
}

export type Expr =
  | ColumnRef
  | Literal
  | ParamRef
  | Compare
  | Logical
  | Not
  | InList
  | InSubquery
  | Exists
  | Quantified
  | ScalarSubquery
  | Between
  | Like
  | IsNull
  | Arithmetic
  | Negate
  | Case
  | Cast
  | Call
  | DatePart
  | Aggregate
  | WindowCall;

/** Every expression kind, for `Record<ExprKind, ...>` tables that must handle each one. */
export type ExprKind = Expr['kind'];

/**
 * The direct sub-expressions of an expression, in text order, not entering subqueries (their queries
 * have scopes of their own); a window's PARTITION BY and ORDER BY are included. For passes that look
 * into every part of an expression without caring about its kind.
 *
 * @example
 * ```ts
 * children({ kind: 'between', expr: a, low: b, high: c, negated: false }); // [a, b, c]
 * ```
 */
export function children(e: Expr): readonly Expr[] {
  switch (e.kind) {
    case 'compare': case 'and': case 'or': case 'arithmetic': return [e.left, e.right];
    case 'not': case 'negate': case 'isNull': return [e.expr];
    case 'cast': return e.style ? [e.expr, e.style] : [e.expr];
    case 'in': return [e.expr, ...e.list];
    case 'inSubquery': return [e.expr];
    case 'quantified': return [e.left];
    case 'between': return [e.expr, e.low, e.high];
    case 'like': return [e.expr, e.pattern];
    case 'call': return e.args;
    case 'case': return [...(e.operand ? [e.operand] : []), ...e.whens.flatMap((w) => [w.when, w.then]), ...(e.else ? [e.else] : [])];
    case 'aggregate': return [...(e.arg === '*' ? [] : [e.arg]), ...(e.separator ? [e.separator] : [])];
    case 'window': return [e.fn, ...e.partitionBy, ...e.orderBy.flatMap((o) => (o.expr.kind === 'position' ? [] : [o.expr]))];
    case 'column': case 'string': case 'number': case 'boolean': case 'null': case 'param': case 'exists': case 'subquery': case 'datePart':
      return [];
  }
}
