import type { ColumnRef, Expr, ParamRef } from './expr.ts';

/** `FROM [service].[table] [AS alias]`. */
export interface TableRef {
  readonly kind: 'table';
  readonly name: string;
  /** The service qualifier (`Erp.BO.SalesOrderSvc`), when written. */
  readonly service?: string;
  readonly alias?: string;
}

/** `*` or `t.*`. */
export interface StarItem { readonly kind: 'star'; readonly qualifier?: string }
export interface ExprItem { readonly kind: 'expr'; readonly expr: Expr; readonly alias?: string }
export type SelectItem = StarItem | ExprItem;

export interface OrderItem {
  readonly kind: 'order';
  /** A column, or a 1-based position in the select list (`ORDER BY 2`). */
  readonly expr: ColumnRef | { readonly kind: 'position'; readonly position: number };
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

/** A single-table SELECT: the shape the remote path pushes down. */
export interface SelectStatement {
  readonly kind: 'select';
  readonly items: readonly SelectItem[];
  readonly from: TableRef;
  readonly where?: Expr;
  readonly orderBy: readonly OrderItem[];
  readonly window?: RowWindow;
}
