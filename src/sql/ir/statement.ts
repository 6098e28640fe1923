import type { ExecStatementIr, RefreshMetadataIr } from './exec.ts';
import type { QueryExpr } from './select.ts';
import type { WriteIr } from './write.ts';

/** How a statement marks its parameters: `?` (positional), `@name` (named), or not at all. */
export type ParamStyle =
  | { readonly kind: 'none' }
  | { readonly kind: 'positional'; readonly count: number }
  | { readonly kind: 'named'; readonly names: readonly string[] };

/** A statement the driver runs. */
export type StatementIr = QueryExpr | WriteIr | ExecStatementIr | RefreshMetadataIr;

/** A parsed statement: the IR plus what its parameters look like. Cached by SQL text. */
export interface ParsedStatement {
  readonly statement: StatementIr;
  readonly params: ParamStyle;
}
