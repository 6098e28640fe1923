import type { Expr } from './expr.ts';
import type { QueryExpr, TableRef } from './select.ts';

/** `INSERT INTO t (a, b) VALUES (1, 'x'), (?, @y)`: each row holds one expression per column. */
export interface InsertValues {
  readonly kind: 'values';
  readonly rows: readonly (readonly Expr[])[];
}

/** `INSERT INTO t (a, b) SELECT …`: the query's rows, column by column in order. */
export interface InsertQuery {
  readonly kind: 'query';
  readonly query: QueryExpr;
}

/** `INSERT INTO t [(columns)] VALUES … | SELECT …`; without a column list the table's columns in order. */
export interface InsertIr {
  readonly kind: 'insert';
  readonly table: TableRef;
  readonly columns?: readonly string[];
  readonly source: InsertValues | InsertQuery;
}

/** One `column = value` of UPDATE's SET list; the value may use the row's columns. */
export interface Assignment {
  readonly column: string;
  readonly value: Expr;
}

/** `UPDATE t SET a = 1, b = b * 2 [WHERE …]`. */
export interface UpdateIr {
  readonly kind: 'update';
  readonly table: TableRef;
  readonly set: readonly Assignment[];
  readonly where?: Expr;
}

/** `DELETE FROM t [WHERE …]`. */
export interface DeleteIr {
  readonly kind: 'delete';
  readonly table: TableRef;
  readonly where?: Expr;
}

/** A statement that writes. */
export type WriteIr = InsertIr | UpdateIr | DeleteIr;
