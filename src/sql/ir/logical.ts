import type { Expr } from './expr.ts';

/**
 * `a AND b AND c …` (or OR) over `parts`, as a balanced tree: AND and OR are associative, so the
 * grouping changes nothing, and a chain of thousands of terms stays a few dozen levels deep for every
 * recursive pass (conversion, planning, the local SQL, SQLite's own limit of 1,000 levels).
 *
 * @example
 * ```ts
 * logical('or', [a, b, c, d]); // (a OR b) OR (c OR d)
 * ```
 */
export function logical(kind: 'and' | 'or', parts: readonly Expr[]): Expr {
  if (parts.length === 0) throw new Error(`logical(${kind}) of no parts`);
  const build = (from: number, to: number): Expr => {
    if (to - from === 1) return parts[from] as Expr;
    const mid = (from + to) >>> 1;
    return { kind, left: build(from, mid), right: build(mid, to) };
  };
  return build(0, parts.length);
}

/**
 * The operands of a chain of one operator, in text order, without recursion: `a AND (b AND c)` and
 * `(a AND b) AND c` are both [a, b, c].
 *
 * @example
 * ```ts
 * operandsOf('and', where); // the conjuncts
 * ```
 */
export function operandsOf(kind: 'and' | 'or', expr: Expr): Expr[] {
  const out: Expr[] = [];
  const stack: Expr[] = [expr];
  while (stack.length > 0) {
    const e = stack.pop() as Expr;
    if (e.kind === kind) stack.push(e.right, e.left);
    else out.push(e);
  }
  return out;
}
