import { KineticHttpError } from '../errors.ts';
import { redactUrl } from '../epicor/redact-url.ts';

/** One page of an OData collection, checked. */
export interface PageBody {
  readonly rows: readonly Record<string, unknown>[];
  readonly nextLink?: string;
  /** The total count the server reported (`@odata.count`, `odata.count` or v3's `__count`), when it did. */
  readonly count?: number;
}

/**
 * Checks what Epicor sent for a collection page, at the boundary: a body without a `value` array, a
 * row that is not an object, a next link that is not text, or a count that is not a whole number of 0
 * or more is an EPROTOCOL error saying what was wrong (never a TypeError later, never a silent 0).
 *
 * @example
 * ```ts
 * readPage({ value: [{ CustNum: 1 }], '@odata.nextLink': '…&$skip=100' }, url); // { rows: [...], nextLink: '…' }
 * readPage({ value: [null] }, url); // throws EPROTOCOL: row 1 of the page is null, not an object
 * ```
 */
export function readPage(body: unknown, url: string): PageBody {
  if (!isObject(body) || !Array.isArray(body['value'])) {
    throw protocol(`the body has no "value" array, so it is not an OData collection`, url);
  }
  const rows = body['value'] as unknown[];
  for (let i = 0; i < rows.length; i++) {
    if (!isObject(rows[i])) throw protocol(`row ${i + 1} of the page is ${describe(rows[i])}, not an object`, url);
  }
  const next = body['@odata.nextLink'] ?? body['odata.nextLink'];
  if (next !== undefined && next !== null && typeof next !== 'string') throw protocol(`the next-page link is ${describe(next)}, not a URL`, url);
  const countField = ['@odata.count', 'odata.count', '__count'].find((k) => k in body);
  const count = countField === undefined ? undefined : countOf(body[countField], url);
  return {
    rows: rows as Record<string, unknown>[],
    ...(typeof next === 'string' ? { nextLink: next } : {}),
    ...(count !== undefined ? { count } : {}),
  };
}

// OData v3 sends counts as strings ("42"), v4 as numbers.
function countOf(value: unknown, url: string): number {
  const n = typeof value === 'string' && /^\d+$/.test(value.trim()) ? Number(value) : value;
  if (typeof n !== 'number' || !Number.isSafeInteger(n) || n < 0) throw protocol(`the count is ${describe(value)}, not a whole number of 0 or more`, url);
  return n;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'string') return `the string ${JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value)}`;
  return typeof value === 'object' ? 'an object' : `${typeof value} ${String(value)}`;
}

function protocol(problem: string, url: string): KineticHttpError {
  const safe = redactUrl(url);
  return new KineticHttpError('EPROTOCOL', `Epicor's answer is not a valid OData page: ${problem} (${safe}). Check that URL points at Epicor's REST API, or report it to the Epicor administrator.`, { url: safe });
}
