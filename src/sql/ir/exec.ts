import type { ParamRef } from './expr.ts';

/** A literal argument of EXEC: string, number, or NULL. */
export interface ExecLiteral { readonly kind: 'literal'; readonly value: string | number | null }

/** One argument of `EXEC proc Name='x', @Other=?` or positional `EXEC proc 'a', 'b'`. */
export interface ExecArgIr {
  /** Parameter name without `@`; absent for a positional argument. */
  readonly name?: string;
  readonly value: ExecLiteral | ParamRef;
}

/** `EXEC`/`EXECUTE` of a stored procedure, recognised by the lexer (node-sql-parser cannot parse it). */
export interface ExecStatementIr {
  readonly kind: 'exec';
  readonly procedure: string;
  readonly args: readonly ExecArgIr[];
}

/** `REFRESH METADATA [service]`: a statement of ours that drops cached metadata. */
export interface RefreshMetadataIr {
  readonly kind: 'refreshMetadata';
  readonly service?: string;
}
