import type { FilterNode } from '../odata/filter.ts';
import { booleanLiteral, nullLiteral } from '../odata/literals.ts';
import { CAPABILITIES } from './capabilities.ts';
import { unsupported } from '../sql/unsupported.ts';
import { allOf, notNull } from './null-guards.ts';
import { encodePending, pendingValue } from './operand.ts';
import type { FilterContext, Operand, TypedOperand } from './operand.ts';

/**
 * LIKE with `%` at the start, the end, both or neither: `startswith`, `endswith`, `contains` (v2) or
 * `substringof(...) eq true` (v1, see the capability table), `eq`. `_`, `[…]` and `%` inside the pattern have no OData form.
 * `matches` false asks where LIKE is FALSE (NOT LIKE, or LIKE under NOT): the negated test plus
 * `c ne null` for the nullable columns read, since LIKE on a null is UNKNOWN in SQL, neither.
 *
 * @example
 * ```ts
 * // Name LIKE 'Ac%'       -> startswith(Name,'Ac')
 * // Name LIKE '%me%'      -> contains(Name,'me') on v2, substringof('me',Name) eq true on v1
 * // Name NOT LIKE 'Ac%'   -> not startswith(Name,'Ac') and Name ne null
 * ```
 */
export function likeFilter(target: TypedOperand, pattern: Operand, matches: boolean, ctx: FilterContext): FilterNode {
  if (target.type !== 'Edm.String') throw unsupported(`LIKE on ${target.what}`, 'LIKE needs a text column');
  if (pattern.typed) throw unsupported('LIKE with a column as the pattern', 'write the pattern as a string or parameter');
  const value = pendingValue(pattern, ctx);
  if (typeof value !== 'string') throw unsupported('LIKE with a pattern that is not text', "write the pattern as a string such as 'A%'");
  const test = translate(target, value, matches, ctx);
  return matches || target.nullable.length === 0 ? test : allOf([test, ...target.nullable.map(notNull)]);
}

/** The OData test for the pattern, or its negation (without the null tests). */
function translate(target: TypedOperand, pattern: string, matches: boolean, ctx: FilterContext): FilterNode {
  if (/[_[]/.test(pattern)) throw unsupported('LIKE with _ or [ ] wildcards', 'only % at the start or end of the pattern translates');
  const leading = pattern.startsWith('%');
  const trailing = pattern.length > 1 && pattern.endsWith('%');
  const inner = pattern.slice(leading ? 1 : 0, trailing ? -1 : undefined);
  if (inner.includes('%')) throw unsupported('LIKE with % inside the pattern', 'only % at the start or end of the pattern translates');
  const compare = (op: 'eq' | 'ne', left: FilterNode, right: FilterNode): FilterNode => ({ kind: 'compare', op, left, right });
  // '%' matches every value that is not null; its negation (with the null tests) matches no row.
  if ((leading || trailing) && inner === '') return compare(matches ? 'ne' : 'eq', target.node, { kind: 'literal', text: nullLiteral() });
  const literal = encodePending({ typed: false, expr: { kind: 'string', value: inner } }, 'Edm.String', target.what, ctx);
  if (!leading && !trailing) return compare(matches ? 'eq' : 'ne', target.node, literal);
  if (leading && trailing && CAPABILITIES[ctx.version].contains === 'substringof') {
    const call: FilterNode = { kind: 'call', name: 'substringof', args: [literal, target.node] };
    return compare('eq', call, { kind: 'literal', text: booleanLiteral(matches) });
  }
  const name = !leading ? 'startswith' : !trailing ? 'endswith' : 'contains';
  const call: FilterNode = { kind: 'call', name, args: [target.node, literal] };
  return matches ? call : { kind: 'not', expr: call };
}
