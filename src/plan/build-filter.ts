import { assertNever } from '../errors.ts';
import type { FilterCompareOp, FilterNode } from '../odata/filter.ts';
import { nullLiteral } from '../odata/literals.ts';
import type { CompareOp, Expr } from '../sql/ir/expr.ts';
import { unsupported } from '../sql/unsupported.ts';
import { likeFilter } from './like-filter.ts';
import { allOf, anyOf, anyOfAll, notNull } from './null-guards.ts';
import { encodePending, notAValue, operandOf } from './operand.ts';
import type { FilterContext, Operand, TypedOperand } from './operand.ts';

const OPS: Readonly<Record<CompareOp, FilterCompareOp>> = { '=': 'eq', '<>': 'ne', '<': 'lt', '<=': 'le', '>': 'gt', '>=': 'ge' };
const MIRROR: Readonly<Record<FilterCompareOp, FilterCompareOp>> = { eq: 'eq', ne: 'ne', lt: 'gt', le: 'ge', gt: 'lt', ge: 'le' };
const NEGATE: Readonly<Record<FilterCompareOp, FilterCompareOp>> = { eq: 'ne', ne: 'eq', lt: 'ge', le: 'gt', gt: 'le', ge: 'lt' };

/**
 * Turns a WHERE condition into a `$filter` tree, resolving columns and encoding every literal and
 * parameter for the type of the column it is compared with. What OData cannot express is ESQL_UNSUPPORTED.
 *
 * Nulls: SQL's logic has three values. `Tier <> 'Gold'` is UNKNOWN for a null Tier, and so are NOT IN,
 * NOT LIKE, NOT BETWEEN and NOT (Tier = 'Gold'): the row is left out. OData's comparisons have two values
 * (`null ne 'Gold'` is true, `null gt 5` false, so `not (Tier gt 5)` is true), and a strict server would
 * return that row. So the filter says when the condition is TRUE in SQL's sense, on any server: `ne`
 * gets `Tier ne null` beside it, NOT is pushed down to the comparisons (`not (a eq 1 and b eq 2)` is
 * written `a ne 1 and a ne null or b ne 2 and b ne null`), and only columns that can be null (catalog
 * `nullable`, not keys) get such a test, once per conjunction.
 *
 * @example
 * ```ts
 * serializeFilter(buildFilter(where, ctx)); // WHERE State IN ('CA','NV')
 * // "State eq 'CA' or State eq 'NV'"
 * // WHERE CustomerTier_c NOT IN ('Gold', 'Silver')
 * // "CustomerTier_c ne 'Gold' and CustomerTier_c ne 'Silver' and CustomerTier_c ne null"
 * ```
 */
export function buildFilter(expr: Expr, ctx: FilterContext): FilterNode {
  return condition(expr, true, ctx);
}

/** Where `expr` is TRUE (`holds`) or FALSE (`!holds`) in SQL's three-valued logic; UNKNOWN is neither. */
function condition(expr: Expr, holds: boolean, ctx: FilterContext): FilterNode {
  switch (expr.kind) {
    case 'and': case 'or': {
      const left = condition(expr.left, holds, ctx);
      const right = condition(expr.right, holds, ctx);
      // TRUE of an AND and FALSE of an OR need both sides; the other two need either.
      return (expr.kind === 'and') === holds ? allOf([left, right]) : anyOf(left, right);
    }
    case 'not': return condition(expr.expr, !holds, ctx);
    case 'compare': return comparison(operandOf(expr.left, ctx), OPS[expr.op], operandOf(expr.right, ctx), holds, ctx);
    case 'in': {
      const target = typed(expr.expr, 'IN', ctx);
      // NOT IN is FALSE where IN is TRUE: where every `target = item` is FALSE.
      const isTrue = holds !== expr.negated;
      // `x = NULL` is never TRUE: a NULL item adds nothing to IN, and makes NOT IN never TRUE (no OData form).
      const list = expr.list.filter((item) => item.kind !== 'null');
      if (list.length < expr.list.length && !isTrue) throw unsupported('NOT IN with NULL in the list', 'it is never true in SQL');
      if (list.length === 0) throw unsupported('IN with only NULL', 'it is never true in SQL');
      const items = list.map((item) => comparison(target, 'eq', operandOf(item, ctx), isTrue, ctx));
      return isTrue ? anyOfAll(items) : allOf(items);
    }
    case 'between': {
      const target = typed(expr.expr, 'BETWEEN', ctx);
      const isTrue = holds !== expr.negated;
      const low = comparison(target, 'ge', operandOf(expr.low, ctx), isTrue, ctx);
      const high = comparison(target, 'le', operandOf(expr.high, ctx), isTrue, ctx);
      return isTrue ? allOf([low, high]) : anyOf(low, high);
    }
    case 'like':
      if (expr.escape !== undefined) throw unsupported('LIKE … ESCAPE in $filter', 'OData has no escape character');
      return likeFilter(typed(expr.expr, 'LIKE', ctx), operandOf(constantText(expr.pattern, ctx) ?? expr.pattern, ctx), holds !== expr.negated, ctx);
    case 'isNull': {
      // Never UNKNOWN: FALSE is simply the other test.
      const target = typed(expr.expr, 'IS NULL', ctx);
      const isNull = holds !== expr.negated;
      return { kind: 'compare', op: isNull ? 'eq' : 'ne', left: target.node, right: { kind: 'literal', text: nullLiteral() } };
    }
    case 'column': case 'call': case 'string': case 'number': case 'boolean': case 'null': case 'param':
      throw unsupported(`A condition that is not a comparison (${expr.kind === 'call' ? `${expr.name}()` : expr.kind})`, 'compare it with a value, for example CreditHold = 1');
    case 'inSubquery': case 'exists': case 'quantified': case 'subquery': case 'arithmetic': case 'negate': case 'case':
    case 'cast': case 'datePart': case 'aggregate': case 'window':
      throw notAValue(expr);
    default: return assertNever(expr, 'expression');
  }
}

/**
 * `'%' + ? + '%'` with its parameter bound, as one string literal: the pattern query builders write
 * for "contains", which then goes to OData as `contains` or `substringof`. Undefined when a part is not
 * text (a column, a number, NULL).
 */
function constantText(expr: Expr, ctx: FilterContext): Expr | undefined {
  const text = (e: Expr): string | undefined => {
    if (e.kind === 'string') return e.value;
    if (e.kind === 'param') {
      const v = ctx.params.value(e);
      return typeof v === 'string' ? v : undefined;
    }
    if (e.kind === 'arithmetic' && (e.op === '+' || e.op === '||')) {
      const l = text(e.left);
      const r = l === undefined ? undefined : text(e.right);
      return l === undefined || r === undefined ? undefined : l + r;
    }
    return undefined;
  };
  if (expr.kind !== 'arithmetic') return undefined;
  const value = text(expr);
  return value === undefined ? undefined : { kind: 'string', value };
}

function typed(expr: Expr, construct: string, ctx: FilterContext): TypedOperand {
  const op = operandOf(expr, ctx);
  if (!op.typed) throw unsupported(`${construct} on a literal or parameter`, `put a column on the left of ${construct}`);
  return op;
}

/**
 * `left op right` is TRUE (`holds`) or FALSE (`!holds`, the negated operator) in SQL's sense: both sides
 * not null, and the OData comparison true. OData's `ne` is true when one side is null, and `eq` (and, on
 * some servers, `ge`/`le`) when both are: those cases get `c ne null` tests on the nullable columns read.
 * `gt`/`lt`, and `eq`/`ge`/`le` with a side that cannot be null, are false for a null already.
 */
function comparison(left: Operand, op: FilterCompareOp, right: Operand, holds: boolean, ctx: FilterContext): FilterNode {
  const sent = holds ? op : NEGATE[op];
  const node = compare(left, sent, right, ctx);
  const l = left.typed ? left.nullable : [];
  const r = right.typed ? right.nullable : [];
  let guards: readonly string[] = [];
  if (sent === 'ne') guards = [...new Set([...l, ...r])];
  else if (sent !== 'gt' && sent !== 'lt' && l.length > 0 && r.length > 0) guards = l;
  return guards.length === 0 ? node : allOf([node, ...guards.map(notNull)]);
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
