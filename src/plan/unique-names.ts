import type { ResultColumn } from './types.ts';

/**
 * Gives every column of a result its own name, so that rows keyed by name keep every value: the first
 * column of a name keeps it, later ones (compared without regard to case, as SQL names are) get `_2`,
 * `_3`, ... skipping any name already taken.
 *
 * @example
 * ```ts
 * uniqueColumns([{ name: 'CustID', ... }, { name: 'custid', ... }, { name: 'CustID_2', ... }]).map((c) => c.name);
 * // ['CustID', 'custid_3', 'CustID_2']
 * ```
 */
export function uniqueColumns<C extends ResultColumn>(columns: readonly C[]): C[] {
  const taken = new Set<string>();
  for (const c of columns) taken.add(c.name.toLowerCase());
  if (taken.size === columns.length) return columns as C[];
  const seen = new Set<string>();
  return columns.map((c) => {
    const key = c.name.toLowerCase();
    if (!seen.has(key)) {
      seen.add(key);
      return c;
    }
    let n = 2;
    while (taken.has(`${key}_${n}`)) n++;
    const name = `${c.name}_${n}`;
    taken.add(name.toLowerCase());
    return { ...c, name };
  });
}
