import type { SimNavigation } from './types.ts';

interface KeyedSet {
  readonly name: string;
  readonly keys: readonly string[];
}

/**
 * Navigation from a set to every set of the same service whose key starts with its whole key
 * (Customers(Company, CustNum) -> ShipToes(Company, CustNum, ShipToNum)), named after the child set as
 * Epicor names them. Sets keyed by Company alone or by SysRowID parent nothing, and neither does a set
 * with the same key as an earlier one (CustChilds repeats Customers' key: it is a child, not a parent).
 */
export function deriveNavigation(parent: KeyedSet, sets: readonly KeyedSet[]): SimNavigation[] {
  if (parent.keys.length < 2) return [];
  const sameKey = (s: KeyedSet): boolean => s.keys.join('|') === parent.keys.join('|');
  if (sets.find(sameKey)?.name !== parent.name) return [];
  const isPrefix = (child: KeyedSet): boolean =>
    child.name !== parent.name &&
    child.keys.length > parent.keys.length &&
    parent.keys.every((k, i) => child.keys[i] === k);
  return sets.filter(isPrefix).map((child) => ({
    name: child.name,
    target: child.name,
    many: true,
    fromColumns: parent.keys,
    toColumns: parent.keys,
  }));
}
