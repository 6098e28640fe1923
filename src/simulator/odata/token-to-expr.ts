/**
 * @odata/parser tokens to our expression tree. Parser quirks are fixed here and nowhere else: operator
 * precedence (see operator-precedence.ts) and the constructs we do not evaluate, each a 400 naming it.
 */
import type { Token } from '@odata/parser';
import type { BinaryOp, Expr } from './expr.ts';
import { toLiteral } from './literals.ts';
import { badRequest } from './odata-query-error.ts';
import { reassociate, type SequenceItem } from './operator-precedence.ts';

const BINARY_TOKENS: Readonly<Record<string, BinaryOp>> = {
  EqualsExpression: 'eq',
  NotEqualsExpression: 'ne',
  GreaterThanExpression: 'gt',
  GreaterOrEqualsExpression: 'ge',
  LesserThanExpression: 'lt',
  LesserOrEqualsExpression: 'le',
  AndExpression: 'and',
  OrExpression: 'or',
  AddExpression: 'add',
  SubExpression: 'sub',
  MulExpression: 'mul',
  DivExpression: 'div',
  ModExpression: 'mod',
};

const UNSUPPORTED_TOKENS: Readonly<Record<string, string>> = {
  HasExpression: "The 'has' operator is not supported.",
  IsOfExpression: "The 'isof' function is not supported.",
  CastExpression: "The 'cast' function is not supported.",
};

/**
 * Converts a parsed expression token (from `defaultParser.filter` or an `$orderby` item).
 *
 * @example
 * tokenToExpr(defaultParser.filter('A mul 2 sub 1 eq 0')) // binary eq(sub(mul(A,2),1),0)
 */
export function tokenToExpr(token: Token): Expr {
  const items: SequenceItem[] = [];
  flatten(token, items);
  return reassociate(items);
}

/** Appends the token's unparenthesised chain, in source order; a parenthesised group is one operand. */
function flatten(token: Token, out: SequenceItem[]): void {
  const op = BINARY_TOKENS[token.type];
  if (op) {
    flatten(token.value.left as Token, out);
    out.push({ kind: 'binary', op });
    flatten(token.value.right as Token, out);
    return;
  }
  switch (token.type) {
    case 'CommonExpression':
      return flatten(token.value as Token, out);
    case 'NotExpression':
    case 'NegateExpression':
      out.push({ kind: 'unary', op: token.type === 'NotExpression' ? 'not' : 'negate' });
      return flatten(token.value as Token, out);
    case 'BoolParenExpression':
    case 'ParenExpression':
      out.push({ kind: 'operand', expr: tokenToExpr(token.value as Token) });
      return;
    default:
      out.push({ kind: 'operand', expr: primary(token) });
  }
}

function primary(token: Token): Expr {
  switch (token.type) {
    case 'Literal':
      return { kind: 'literal', literal: toLiteral(String(token.value), token.raw) };
    case 'FirstMemberExpression':
      return { kind: 'property', name: propertyName(token) };
    case 'MethodCallExpression': {
      const params = (token.value.parameters ?? []) as Token[];
      return { kind: 'call', name: String(token.value.method), args: params.map(tokenToExpr) };
    }
    default:
      throw badRequest(UNSUPPORTED_TOKENS[token.type] ?? `Expression '${token.raw}' is not supported.`);
  }
}

/** `Name` from FirstMemberExpression > MemberExpression > PropertyPathExpression > ODataIdentifier. */
function propertyName(token: Token): string {
  const member = token.value as Token | Token[];
  if (Array.isArray(member)) throw badRequest(`Lambda expressions (any/all) are not supported: '${token.raw}'.`);
  const path = member.value as Token;
  const ident = path?.value as Token | { current: Token } | undefined;
  if (ident && 'type' in ident && ident.type === 'ODataIdentifier') return String(ident.value.name);
  if (ident && 'current' in ident) {
    throw badRequest(`Navigation paths such as '${token.raw}' are not supported in $filter or $orderby; filter on this entity set's own properties.`);
  }
  throw badRequest(`Expression '${token.raw}' is not supported.`);
}
