import { assertNever } from '../errors.ts';
import type { FilterCompareOp, FilterNode } from '../odata/filter.ts';
import type { CompareOp, Expr } from '../sql/ir/expr.ts';
import { unsupported } from '../sql/unsupported.ts';
import { likeFilter } from './like-filter.ts';
import { encodePending, operandOf } from './operand.ts';
import type { FilterContext, Operand, TypedOperand } from './operand.ts';

const OPS: Readonly<Record<CompareOp, FilterCompareOp>> = { '=': 'eq', '<>': 'ne', '<': 'lt', '<=': 'le', '>': 'gt', '>=': 'ge' };
const MIRROR: Readonly<Record<FilterCompareOp, FilterCompareOp>> = { eq: 'eq', ne: 'ne', lt: 'gt', le: 'ge', gt: 'lt', ge: 'le' };

/**
 * Turns a WHERE condition into a `$filter` tree, resolving columns and encoding every literal and
 * parameter for the type of the column it is compared with. What OData cannot express is ESQL_UNSUPPORTED.
 *
 * @example
 * ```ts
 * serializeFilter(buildFilter(parseSql("SELECT * FROM Customers WHERE State IN ('CA','NV')").statement.where, ctx));
 * // "State eq 'CA' or State eq 'NV'"
 * ```
 */
export function buildFilter(expr: Expr, ctx: FilterContext): FilterNode {
  switch (expr.kind) {
    case 'and': case 'or': return { kind: expr.kind, left: buildFilter(expr.left, ctx), right: buildFilter(expr.right, ctx) };
    case 'not': return { kind: 'not', expr: buildFilter(expr.expr, ctx) };
    case 'compare': return compare(operandOf(expr.left, ctx), OPS[expr.op], operandOf(expr.right, ctx), ctx);
    case 'in': {
      const target = typed(expr.expr, 'IN', ctx);
      const alternatives = expr.list.map((item) => compare(target, 'eq', operandOf(item, ctx), ctx));
      const any = alternatives.reduce((left, right): FilterNode => ({ kind: 'or', left, right }));
      return expr.negated ? { kind: 'not', expr: any } : any;
    }
    case 'between': {
      const target = typed(expr.expr, 'BETWEEN', ctx);
      const range: FilterNode = { kind: 'and', left: compare(target, 'ge', operandOf(expr.low, ctx), ctx), right: compare(target, 'le', operandOf(expr.high, ctx), ctx) };
      return expr.negated ? { kind: 'not', expr: range } : range;
    }
    case 'like': return likeFilter(typed(expr.expr, 'LIKE', ctx), operandOf(expr.pattern, ctx), expr.negated, ctx);
    case 'isNull': {
      const target = typed(expr.expr, 'IS NULL', ctx);
      return { kind: 'compare', op: expr.negated ? 'ne' : 'eq', left: target.node, right: { kind: 'literal', text: 'null' } };
    }
    case 'column': case 'call': case 'string': case 'number': case 'boolean': case 'null': case 'param': case 'countStar':
      throw unsupported(`A condition that is not a comparison (${expr.kind === 'call' ? `${expr.name}()` : expr.kind})`, 'compare it with a value, for example CreditHold = 1');
    default: return assertNever(expr, 'expression');
  }
}

function typed(expr: Expr, construct: string, ctx: FilterContext): TypedOperand {
  const op = operandOf(expr, ctx);
  if (!op.typed) throw unsupported(`${construct} on a literal or parameter`, `put a column on the left of ${construct}`);
  return op;
}

function compare(left: Operand, op: FilterCompareOp, right: Operand, ctx: FilterContext): FilterNode {
  if (left.typed && right.typed) return { kind: 'compare', op, left: left.node, right: right.node };
  if (left.typed && !right.typed) return { kind: 'compare', op, left: left.node, right: encodePending(right, left.type, left.what, ctx) };
  if (!left.typed && right.typed) {
    // `5 < CustNum` is written `CustNum gt 5`: the column first reads better and suits every server.
    return { kind: 'compare', op: MIRROR[op], left: right.node, right: encodePending(left, right.type, right.what, ctx) };
  }
  throw unsupported('A comparison between two values', 'compare a column with a value');
}
