/**
 * Re-associates a flat operand/operator sequence by OData's operator precedence (OData v4 part 2,
 * "Operator Precedence"): unary `not` and `-` bind tightest, then mul/div/mod, add/sub, gt/ge/lt/le,
 * eq/ne, and, or; binary operators are left-associative.
 *
 * Why: @odata/parser 0.2 gets precedence wrong for unparenthesised chains. It parses `A mul 2 sub 1` as
 * `A mul (2 sub 1)`, `A sub 1 sub 2` as `A sub (1 sub 2)`, and `not (X) or Y` as `not ((X) or Y)`. Its
 * tree still keeps the operands and operators in source order, so token-to-expr.ts flattens each
 * unparenthesised chain in order and this module rebuilds it correctly.
 */
import type { BinaryOp, Expr, UnaryOp } from './expr.ts';

export type SequenceItem =
  | { readonly kind: 'operand'; readonly expr: Expr }
  | { readonly kind: 'binary'; readonly op: BinaryOp }
  | { readonly kind: 'unary'; readonly op: UnaryOp };

const PRECEDENCE: Readonly<Record<BinaryOp, number>> = {
  or: 1,
  and: 2,
  eq: 3,
  ne: 3,
  gt: 4,
  ge: 4,
  lt: 4,
  le: 4,
  add: 5,
  sub: 5,
  mul: 6,
  div: 6,
  mod: 6,
};

/**
 * @example
 * // A mul 2 sub 1  ->  (A mul 2) sub 1
 * reassociate([operand(A), binary('mul'), operand(2), binary('sub'), operand(1)])
 */
export function reassociate(items: readonly SequenceItem[]): Expr {
  let pos = 0;
  const unaryOrOperand = (): Expr => {
    const item = items[pos++];
    if (item?.kind === 'unary') return { kind: 'unary', op: item.op, operand: unaryOrOperand() };
    if (item?.kind === 'operand') return item.expr;
    throw new Error('operator sequence out of order'); // the parser accepted it, so this is our bug
  };
  const binary = (minPrecedence: number): Expr => {
    let left = unaryOrOperand();
    for (let item = items[pos]; item?.kind === 'binary' && PRECEDENCE[item.op] >= minPrecedence; item = items[pos]) {
      pos++;
      const right = binary(PRECEDENCE[item.op] + 1);
      left = { kind: 'binary', op: item.op, left, right };
    }
    return left;
  };
  const expr = binary(0);
  if (pos !== items.length) throw new Error('operator sequence not fully consumed');
  return expr;
}
