/**
 * The evaluator's own expression tree, built once from @odata/parser's tokens (see token-to-expr.ts).
 * Every node has a `kind`; the SQL emitter ends in assertNever.
 */

/** The type of a value in an expression, coarser than EDM: what can be compared with what. */
export type ValueType = 'string' | 'number' | 'boolean' | 'datetime' | 'guid' | 'null';

export type ComparisonOp = 'eq' | 'ne' | 'gt' | 'ge' | 'lt' | 'le';
export type LogicalOp = 'and' | 'or';
export type ArithmeticOp = 'add' | 'sub' | 'mul' | 'div' | 'mod';
export type BinaryOp = ComparisonOp | LogicalOp | ArithmeticOp;
export type UnaryOp = 'not' | 'negate';

export interface Literal {
  readonly type: ValueType;
  /** The value bound as a SQLite parameter (datetimes as normalised UTC text, booleans as 0/1). */
  readonly value: string | number | bigint | null;
  /** The literal as written, for messages. */
  readonly raw: string;
}

export type Expr =
  | { readonly kind: 'literal'; readonly literal: Literal }
  | { readonly kind: 'property'; readonly name: string }
  | { readonly kind: 'call'; readonly name: string; readonly args: readonly Expr[] }
  | { readonly kind: 'binary'; readonly op: BinaryOp; readonly left: Expr; readonly right: Expr }
  | { readonly kind: 'unary'; readonly op: UnaryOp; readonly operand: Expr };
