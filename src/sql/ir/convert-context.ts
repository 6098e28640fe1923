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
  /** How deep the expression being converted is nested (see MAX_EXPRESSION_DEPTH). */
  depth: number;
}

/**
 * The deepest nesting of expressions a statement may have: `NOT NOT … x`, `a + b + c …`, nested CASE,
 * function calls, subqueries. A chain of AND or OR counts as one level however long it is (it is
 * converted flat), so long lists of conditions are not limited by this, only by the length of the text.
 * 1,000 is also SQLite's own limit, which the local engine would meet.
 */
export const MAX_EXPRESSION_DEPTH = 1000;
