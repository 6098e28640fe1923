import type { Expr, ParamRef } from './expr.ts';

/** `FROM [service].[table] [AS alias]`. */
export interface TableRef {
  readonly kind: 'table';
  readonly name: string;
  /** The service qualifier (`Erp.BO.SalesOrderSvc`), when written. */
  readonly service?: string;
  readonly alias?: string;
}

/** `FROM (SELECT ...) AS alias`. */
export interface DerivedTable {
  readonly kind: 'derived';
  readonly query: QueryExpr;
  readonly alias: string;
}

export type JoinType = 'inner' | 'left' | 'right' | 'full' | 'cross';

/** `left JOIN right ON condition`; a comma-separated FROM list is a cross join (its condition is in WHERE). */
export interface Join {
  readonly kind: 'join';
  readonly type: JoinType;
  readonly left: FromItem;
  readonly right: TableRef | DerivedTable;
  readonly on?: Expr;
}

export type FromItem = TableRef | DerivedTable | Join;

/** `*` or `t.*`. */
export interface StarItem { readonly kind: 'star'; readonly qualifier?: string }
export interface ExprItem { readonly kind: 'expr'; readonly expr: Expr; readonly alias?: string }
export type SelectItem = StarItem | ExprItem;

export interface OrderItem {
  readonly kind: 'order';
  /** An expression (often a column or a select-list alias), or a 1-based position in the select list (`ORDER BY 2`). */
  readonly expr: Expr | { readonly kind: 'position'; readonly position: number };
  readonly desc: boolean;
}

/** A row count or offset: a number, or a parameter bound at compile time. */
export type RowCount = number | ParamRef;

/** TOP n, LIMIT n OFFSET m and OFFSET m ROWS FETCH NEXT n ROWS ONLY, all in one shape. */
export interface RowWindow {
  readonly kind: 'window';
  readonly limit?: RowCount;
  readonly offset?: RowCount;
}

/** One SELECT block. */
export interface SelectStatement {
  readonly kind: 'select';
  readonly distinct: boolean;
  readonly items: readonly SelectItem[];
  /** Absent for `SELECT 1 + 2`. */
  readonly from?: FromItem;
  readonly where?: Expr;
  readonly groupBy: readonly Expr[];
  readonly having?: Expr;
  readonly orderBy: readonly OrderItem[];
  readonly window?: RowWindow;
}

export type SetOperator = 'union' | 'intersect' | 'except';

/** `left UNION [ALL] right`, `INTERSECT`, `EXCEPT`; ORDER BY and the row window apply to the whole. */
export interface SetOperation {
  readonly kind: 'setOp';
  readonly op: SetOperator;
  readonly all: boolean;
  readonly left: QueryExpr;
  readonly right: QueryExpr;
  readonly orderBy: readonly OrderItem[];
  readonly window?: RowWindow;
}

/** `WITH name [(columns)] AS (query)`: a common table expression, visible to the whole statement. */
export interface CommonTable {
  readonly name: string;
  readonly columns?: readonly string[];
  readonly query: QueryExpr;
}

/** What a query is: one SELECT, or SELECTs combined by set operators; `with` holds its common tables. */
export type QueryExpr = (SelectStatement | SetOperation) & { readonly with?: readonly CommonTable[] };
