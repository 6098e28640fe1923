import type { LexerHints } from '../lexer.ts';
import type { ParamStyle } from './statement.ts';

/**
 * What the AST conversion of one statement carries along: the parameter style, the lexer's hints, and
 * cursors over the hints that are read in text order (SELECT blocks and set operators).
 */
export interface ConvertContext {
  readonly params: ParamStyle;
  readonly hints: LexerHints;
  /** SELECT blocks converted so far (the next one's index in text order). */
  selects: number;
  /** Set operators converted so far. */
  setOps: number;
  /** LIKE operators converted so far. */
  likes: number;
  /** CASTs converted so far. */
  casts: number;
}
