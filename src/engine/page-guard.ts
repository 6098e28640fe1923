import { KineticHttpError } from '../errors.ts';
import { redactUrl } from '../epicor/redact-url.ts';
import type { ODataOrderBy } from '../odata/request.ts';

type Row = Record<string, unknown>;

/**
 * Checks the windows of one scan, in order, by the table's key (see docs/paging.md, "Guards"): a key twice
 * in one window, a window that repeats the previous one (a server that ignores `$skip`), or rows that go
 * back in the scan's order are EPROTOCOL errors. Rows at the start of a window that the previous window
 * already gave are dropped: with `$skip`, a row inserted before the scan's position shifts them by one.
 * Memory is two windows of keys. Without every key column in the rows (a `$select` without them, a BAQ
 * without keys) the keyed checks are skipped.
 *
 * @example
 * ```ts
 * const guard = new PageGuard(['Company', 'CustNum'], [{ column: 'CustNum', desc: false }]);
 * guard.window(rows, url); // the rows to deliver
 * ```
 */
export class PageGuard {
  private previous = new Set<string>();
  private previousSize = 0;
  private last: Row | undefined;

  constructor(
    private readonly keys: readonly string[],
    private readonly orderby: readonly ODataOrderBy[],
  ) {}

  /** The rows of the next window to deliver; throws EPROTOCOL when the server broke paging. */
  window(rows: readonly Row[], url: string): Row[] {
    if (rows.length === 0) return [];
    // Epicor answers the rows of one company per request: without Company in the rows the other keys are unique.
    const keys = 'Company' in rows[0]! ? this.keys : this.keys.filter((k) => k !== 'Company');
    if (keys.length === 0 || !keys.every((k) => k in rows[0]!)) {
      this.previous = new Set();
      this.last = undefined;
      return [...rows];
    }
    const current = new Set<string>();
    const out: Row[] = [];
    const ordered = this.orderby.every((o) => o.column in rows[0]!);
    for (const row of rows) {
      const key = keyText(row, keys);
      if (current.has(key)) throw broken(`the key ${describeKey(key)} comes twice in one page`, url);
      current.add(key);
      if (this.previous.has(key)) {
        if (out.length > 0) throw broken(`the key ${describeKey(key)} of the previous page comes again in the middle of the next one`, url);
        continue;
      }
      if (ordered && this.last !== undefined && compare(this.last, row, this.orderby) === 'backward') {
        throw broken(`the rows go back in the order asked for ($orderby ${this.orderby.map((o) => o.column).join(',')}) at the key ${describeKey(key)}`, url);
      }
      this.last = row;
      out.push(row);
    }
    if (out.length === 0 && rows.length >= this.previousSize) {
      throw broken('a page repeats the previous page (the server seems to ignore $skip, or the paging filter)', url);
    }
    this.previous = current;
    this.previousSize = rows.length;
    return out;
  }
}

/**
 * How `b` stands to `a` in the scan's order, where that is certain without the server's collation:
 * numbers compare as numbers, other values only as equal or not (`unknown` when two strings differ).
 */
function compare(a: Row, b: Row, orderby: readonly ODataOrderBy[]): 'forward' | 'backward' | 'equal' | 'unknown' {
  for (const { column, desc } of orderby) {
    const x = a[column];
    const y = b[column];
    if (typeof x === 'number' && typeof y === 'number') {
      if (x === y) continue;
      return (y > x) !== desc ? 'forward' : 'backward';
    }
    if (x === y) continue;
    return 'unknown';
  }
  return 'equal';
}

// Keys are short strings and numbers: their text, with the type so that 1 and '1' differ.
function keyText(row: Row, keys: readonly string[]): string {
  let text = '';
  for (const k of keys) {
    const v = row[k];
    text += `${typeof v === 'string' ? 's' : typeof v}:${String(v)}\u0000`;
  }
  return text;
}

function describeKey(key: string): string {
  const inner = key.split('\u0000').slice(0, -1).map((part) => part.replace(/^[a-z]+:/, '')).join(', ');
  return `(${inner.length > 80 ? `${inner.slice(0, 80)}…` : inner})`;
}

/** The error of a server that breaks paging: EPROTOCOL, saying what it did. */
export function broken(problem: string, url: string): KineticHttpError {
  const safe = redactUrl(url);
  return new KineticHttpError(
    'EPROTOCOL',
    `Epicor's paging is broken: ${problem} (${safe}). The scan stopped rather than return missing or repeated rows; check for a proxy or gateway between the driver and Epicor, or try PagingMode=key.`,
    { url: safe },
  );
}
