import type { FilterNode } from '../odata/filter.ts';
import { unsupported } from '../sql/unsupported.ts';
import { encodePending, pendingValue } from './operand.ts';
import type { FilterContext, Operand, TypedOperand } from './operand.ts';

/**
 * LIKE with `%` at the start, the end, both or neither: `startswith`, `endswith`, `contains` (v2) or
 * `substringof(...) eq true` (v1), `eq`. `_`, `[…]` and `%` inside the pattern have no OData form.
 *
 * @example
 * ```ts
 * // Name LIKE 'Ac%'   -> startswith(Name,'Ac')
 * // Name LIKE '%me%'  -> contains(Name,'me') on v2, substringof('me',Name) eq true on v1
 * ```
 */
export function likeFilter(target: TypedOperand, pattern: Operand, negated: boolean, ctx: FilterContext): FilterNode {
  if (target.type !== 'Edm.String') throw unsupported(`LIKE on ${target.what}`, 'LIKE needs a text column');
  if (pattern.typed) throw unsupported('LIKE with a column as the pattern', 'write the pattern as a string or parameter');
  const value = pendingValue(pattern, ctx);
  if (typeof value !== 'string') throw unsupported('LIKE with a pattern that is not text', "write the pattern as a string such as 'A%'");
  const match = translate(target, value, ctx);
  return negated ? { kind: 'not', expr: match } : match;
}

function translate(target: TypedOperand, pattern: string, ctx: FilterContext): FilterNode {
  if (/[_[]/.test(pattern)) throw unsupported('LIKE with _ or [ ] wildcards', 'only % at the start or end of the pattern translates');
  const leading = pattern.startsWith('%');
  const trailing = pattern.length > 1 && pattern.endsWith('%');
  const inner = pattern.slice(leading ? 1 : 0, trailing ? -1 : undefined);
  if (inner.includes('%')) throw unsupported('LIKE with % inside the pattern', 'only % at the start or end of the pattern translates');
  if ((leading || trailing) && inner === '') {
    return { kind: 'compare', op: 'ne', left: target.node, right: { kind: 'literal', text: 'null' } };
  }
  const literal = encodePending({ typed: false, expr: { kind: 'string', value: inner } }, 'Edm.String', target.what, ctx);
  if (!leading && !trailing) return { kind: 'compare', op: 'eq', left: target.node, right: literal };
  if (!leading) return { kind: 'call', name: 'startswith', args: [target.node, literal] };
  if (!trailing) return { kind: 'call', name: 'endswith', args: [target.node, literal] };
  if (ctx.version === 'v2') return { kind: 'call', name: 'contains', args: [target.node, literal] };
  return { kind: 'compare', op: 'eq', left: { kind: 'call', name: 'substringof', args: [literal, target.node] }, right: { kind: 'literal', text: 'true' } };
}
