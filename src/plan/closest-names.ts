import { distance } from 'fastest-levenshtein';

/**
 * Up to three of `candidates` closest to `name` (case-insensitive edit distance), for "did you mean".
 *
 * @example
 * ```ts
 * closestNames('Custmers', ['Customers', 'ShipToes', 'CustBillToes']); // ['Customers']
 * ```
 */
export function closestNames(name: string, candidates: readonly string[]): string[] {
  const lower = name.toLowerCase();
  const limit = Math.max(2, Math.floor(name.length / 3));
  return candidates
    .map((c) => ({ c, d: distance(lower, c.toLowerCase()) }))
    .filter((x) => x.d <= limit)
    .sort((a, b) => a.d - b.d || a.c.localeCompare(b.c))
    .slice(0, 3)
    .map((x) => x.c);
}

/** ` Did you mean A or B?` or an empty string. */
export function didYouMean(names: readonly string[]): string {
  if (names.length === 0) return '';
  const last = names[names.length - 1] as string;
  return ` Did you mean ${names.length === 1 ? last : `${names.slice(0, -1).join(', ')} or ${last}`}?`;
}
