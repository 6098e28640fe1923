import { joinFilters, type FilterNode } from '../odata/filter.ts';
import { isNullLiteral, nullLiteral } from '../odata/literals.ts';

/*
 * `and` / `or` for filters that carry `c ne null` tests (null guards, see build-filter.ts), keeping the
 * text short: a guard is written once per conjunction, and a guard both sides of an `or` share is taken
 * out of it: `(c lt 1 or c gt 9) and c ne null`, not `c lt 1 and c ne null or c gt 9 and c ne null`.
 */

/** `column ne null`. */
export function notNull(column: string): FilterNode {
  return { kind: 'compare', op: 'ne', left: { kind: 'field', name: column }, right: { kind: 'literal', text: nullLiteral() } };
}

/** The column a `column ne null` node tests, else undefined. */
function guardedColumn(node: FilterNode): string | undefined {
  if (node.kind !== 'compare' || node.op !== 'ne' || node.left.kind !== 'field') return undefined;
  return node.right.kind === 'literal' && isNullLiteral(node.right.text) ? node.left.name : undefined;
}

function conjuncts(node: FilterNode): FilterNode[] {
  const out: FilterNode[] = [];
  const stack = [node];
  while (stack.length > 0) {
    const n = stack.pop() as FilterNode;
    if (n.kind === 'and') stack.push(n.right, n.left);
    else out.push(n);
  }
  return out;
}

/**
 * All of `parts`, AND-ed left to right; a `c ne null` that occurs more than once is kept at its last place
 * only (`c ne 1 and c ne 2 and c ne null`).
 *
 * @example
 * ```ts
 * serializeFilter(allOf([eq('c', 1), notNull('c'), eq('d', 2), notNull('c')])); // "c eq 1 and d eq 2 and c ne null"
 * ```
 */
export function allOf(parts: readonly FilterNode[]): FilterNode {
  const flat = parts.flatMap(conjuncts);
  const columns = flat.map(guardedColumn);
  const last = new Map<string, number>();
  columns.forEach((column, i) => { if (column !== undefined) last.set(column, i); });
  const kept = flat.filter((_, i) => columns[i] === undefined || last.get(columns[i] as string) === i);
  return joinFilters('and', kept);
}

/**
 * Any of `parts`, as {@link anyOf} pairs them, in a balanced tree (an IN list of thousands of values).
 *
 * @example
 * ```ts
 * serializeFilter(anyOfAll([eq('c', 1), eq('c', 2), eq('c', 3)])); // "c eq 1 or c eq 2 or c eq 3"
 * ```
 */
export function anyOfAll(parts: readonly FilterNode[]): FilterNode {
  if (parts.length === 0) throw new Error('anyOfAll of no parts');
  const build = (from: number, to: number): FilterNode => {
    if (to - from === 1) return parts[from] as FilterNode;
    const mid = (from + to) >>> 1;
    return anyOf(build(from, mid), build(mid, to));
  };
  return build(0, parts.length);
}

/**
 * `left or right`, with the null guards both sides share moved out: `(A and g) or (B and g)` is
 * `(A or B) and g`; when one side is only such guards, the whole is those guards.
 */
export function anyOf(left: FilterNode, right: FilterNode): FilterNode {
  const l = conjuncts(left);
  const r = conjuncts(right);
  const shared = new Set(l.map(guardedColumn).filter((c): c is string => c !== undefined && r.some((n) => guardedColumn(n) === c)));
  if (shared.size === 0) return { kind: 'or', left, right };
  const rest = (nodes: FilterNode[]): FilterNode[] => nodes.filter((n) => !shared.has(guardedColumn(n) ?? ''));
  const guards = [...shared].map(notNull);
  const [lRest, rRest] = [rest(l), rest(r)];
  if (lRest.length === 0 || rRest.length === 0) return allOf(guards);
  return allOf([{ kind: 'or', left: allOf(lRest), right: allOf(rRest) }, ...guards]);
}
