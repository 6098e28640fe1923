import { assertNever } from '../errors.ts';

/** OData comparison operators. */
export type FilterCompareOp = 'eq' | 'ne' | 'lt' | 'le' | 'gt' | 'ge';

/**
 * A `$filter` expression tree, built by the planner and serialised once by {@link serializeFilter}.
 * Literals arrive already encoded (src/odata/literals.ts), so nothing is spliced in later.
 */
export type FilterNode =
  | { readonly kind: 'and' | 'or'; readonly left: FilterNode; readonly right: FilterNode }
  | { readonly kind: 'not'; readonly expr: FilterNode }
  | { readonly kind: 'compare'; readonly op: FilterCompareOp; readonly left: FilterNode; readonly right: FilterNode }
  /** A function call: `startswith(Name,'A')`, `toupper(City)`, `substringof('x',Name)`. */
  | { readonly kind: 'call'; readonly name: string; readonly args: readonly FilterNode[] }
  | { readonly kind: 'field'; readonly name: string }
  /** An encoded literal: `'it''s'`, `42`, `datetime'2024-03-01T00:00:00'`, `null`. */
  | { readonly kind: 'literal'; readonly text: string };

/**
 * `a and b and c …` (or `or`) over `parts`, as a balanced tree: the text is the same as a chain's (no
 * parentheses between equal operators), and a filter of thousands of terms stays a few dozen levels deep.
 *
 * @example
 * ```ts
 * serializeFilter(joinFilters('or', [a, b, c])); // "CustNum eq 1 or CustNum eq 2 or CustNum eq 3"
 * ```
 */
export function joinFilters(kind: 'and' | 'or', parts: readonly FilterNode[]): FilterNode {
  if (parts.length === 0) throw new Error(`joinFilters(${kind}) of no parts`);
  const build = (from: number, to: number): FilterNode => {
    if (to - from === 1) return parts[from] as FilterNode;
    const mid = (from + to) >>> 1;
    return { kind, left: build(from, mid), right: build(mid, to) };
  };
  return build(0, parts.length);
}

/**
 * Writes a filter tree as `$filter` text (not URL-encoded). `or` inside `and` and every `not` operand but a
 * function call get parentheses; nothing else needs them.
 *
 * @example
 * ```ts
 * serializeFilter({ kind: 'and',
 *   left: { kind: 'compare', op: 'eq', left: { kind: 'field', name: 'State' }, right: { kind: 'literal', text: "'CA'" } },
 *   right: { kind: 'call', name: 'startswith', args: [{ kind: 'field', name: 'Name' }, { kind: 'literal', text: "'A'" }] } });
 * // "State eq 'CA' and startswith(Name,'A')"
 * ```
 */
export function serializeFilter(node: FilterNode): string {
  return write(node);
}

function write(node: FilterNode): string {
  switch (node.kind) {
    case 'and': return `${operand(node.left, 'and')} and ${operand(node.right, 'and')}`;
    case 'or': return `${operand(node.left, 'or')} or ${operand(node.right, 'or')}`;
    // `not startswith(Name,'A')`: a call needs no parentheses of its own.
    case 'not': return node.expr.kind === 'call' ? `not ${write(node.expr)}` : `not (${write(node.expr)})`;
    case 'compare': return `${write(node.left)} ${node.op} ${write(node.right)}`;
    case 'call': return `${node.name}(${node.args.map(write).join(',')})`;
    case 'field': return node.name;
    case 'literal': return node.text;
    default: return assertNever(node, 'filter node');
  }
}

function operand(node: FilterNode, parent: 'and' | 'or'): string {
  const text = write(node);
  return node.kind === 'or' && parent === 'and' ? `(${text})` : text;
}
