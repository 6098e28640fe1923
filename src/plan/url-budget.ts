import { joinFilters, serializeFilter, type FilterNode } from '../odata/filter.ts';
import type { ODataRequest } from '../odata/request.ts';
import { encode, queryString, wireLength } from '../odata/url.ts';
import { allOf } from './null-guards.ts';

/** What bounds a request: the longest query string (as sent, see wireLength), and the page size (for the digits of `$top`). */
export interface UrlBudget {
  readonly maxUrlLength: number;
  readonly pagesize: number;
}

export const DEFAULT_BUDGET: UrlBudget = { maxUrlLength: 2048, pagesize: 1000 };

// `$skip` grows while a scan pages: budget for twelve digits.
const DEEPEST_SKIP = 999_999_999_999;

/**
 * The longest query string a request can have while it is paged: the figure MaxUrlLength bounds.
 *
 * @example
 * ```ts
 * queryLength(request, DEFAULT_BUDGET); // 87
 * ```
 */
export function queryLength(request: ODataRequest, budget: UrlBudget): number {
  return wireLength(queryString(request, { top: budget.pagesize, skip: DEEPEST_SKIP }));
}

export function fits(request: ODataRequest, budget: UrlBudget): boolean {
  // Most requests are far below the budget: a cheap upper bound spares encoding the query string.
  if (upperBound(request) <= budget.maxUrlLength) return true;
  return queryLength(request, budget) <= budget.maxUrlLength;
}

// Percent-encoding makes a character at most 9 bytes (a 4-byte UTF-8 character is 4 × `%XX`, 12 bytes
// for 2 UTF-16 units); option names, separators and the page window fit in the constant.
const WORST = 9;

function upperBound(r: ODataRequest): number {
  let chars = r.filter ? serializeFilter(r.filter).length : 0;
  if (r.select) for (const c of r.select) chars += c.length + 1;
  if (r.orderby) for (const o of r.orderby) chars += o.column.length + 6;
  if (r.baqParams) for (const k in r.baqParams) chars += k.length + (r.baqParams[k] as string).length + 2;
  return chars * WORST + 80;
}

/** `column eq k1 or column eq k2 ...` over encoded literals. */
export function keyFilter(column: string, literals: readonly string[]): FilterNode {
  const eq = (text: string): FilterNode => ({ kind: 'compare', op: 'eq', left: { kind: 'field', name: column }, right: { kind: 'literal', text } });
  return joinFilters('or', literals.map(eq));
}

/**
 * Splits a list of key literals into requests that each carry `column eq k… or …` ANDed to the
 * request's own filter, as many keys per request as MaxUrlLength allows. A key that does not fit even
 * alone gives no batches (undefined): the caller then reads without the key list.
 *
 * @example
 * ```ts
 * keyBatches(ordersRequest, 'CustNum', ['1', '2', '3'], DEFAULT_BUDGET); // one request: $filter=CustNum eq 1 or CustNum eq 2 or CustNum eq 3
 * ```
 */
export function keyBatches(request: ODataRequest, column: string, literals: readonly string[], budget: UrlBudget): ODataRequest[] | undefined {
  const unique = [...new Set(literals)];
  const withKeys = (keys: readonly string[]): ODataRequest => ({ ...request, filter: request.filter ? allOf([request.filter, keyFilter(column, keys)]) : keyFilter(column, keys) });
  const out: ODataRequest[] = [];
  let at = 0;
  while (at < unique.length) {
    const first = unique[at] as string;
    if (!fits(withKeys([first]), budget)) return undefined;
    // Each further key adds ` or column eq key`, encoded (and two parentheses when the chain sits beside
    // another condition): grow by that until the budget is reached; the check below is exact.
    let length = queryLength(withKeys([first]), budget) + 2;
    let end = at + 1;
    while (end < unique.length) {
      const more = wireLength(encode(` or ${column} eq ${unique[end]}`));
      if (length + more > budget.maxUrlLength) break;
      length += more;
      end++;
    }
    let batch = unique.slice(at, end);
    while (batch.length > 1 && !fits(withKeys(batch), budget)) batch = batch.slice(0, -1);
    out.push(withKeys(batch));
    at += batch.length;
  }
  return out;
}
