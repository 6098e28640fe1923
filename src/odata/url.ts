import { KineticSqlError } from '../errors.ts';
import { serializeFilter } from './filter.ts';
import type { ODataRequest } from './request.ts';

/** One page of a scan: `$top`/`$skip` of this request (the executor computes them inside the query's window). */
export interface PageWindow {
  readonly top: number;
  readonly skip: number;
}

/**
 * A path segment (instance, company, service, entity set, BAQ id): every reserved character encoded.
 *
 * @example
 * ```ts
 * encodeSegment('68138-HSCustomers'); // '68138-HSCustomers'
 * ```
 */
export function encodeSegment(value: string): string {
  return encodeURIComponent(value);
}

/**
 * The encoded query string of a request, without the leading `?`: BAQ parameters first (as plain
 * pairs), then `$select`, `$filter` (the tree, written here), `$orderby`, `$top`, `$skip`, and for a
 * count request `$count=true` or `$inlinecount=allpages` with `$top=0`. Each value goes through
 * {@link encode}, so `&`, `#`, `%`, `=` and `+` inside literals can never split the query string.
 *
 * @example
 * ```ts
 * queryString({ service: 'Erp.BO.CustomerSvc', entitySet: 'Customers', baq: false, select: ['CustID', 'Name'],
 *   filter: stateIsCA, orderby: [{ column: 'CustID', desc: false }] }, { top: 100, skip: 0 });
 * // "$select=CustID,Name&$filter=State%20eq%20'CA'&$orderby=CustID&$top=100&$skip=0"
 * ```
 */
export function queryString(req: ODataRequest, page?: PageWindow): string {
  const pairs: string[] = [];
  for (const [name, value] of Object.entries(req.baqParams ?? {})) pairs.push(`${encode(name)}=${encode(value)}`);
  if (req.select && req.select.length > 0 && !req.count) pairs.push(`$select=${encode(req.select.join(','))}`);
  if (req.filter) pairs.push(`$filter=${encode(serializeFilter(req.filter))}`);
  if (req.orderby && req.orderby.length > 0 && !req.count) {
    pairs.push(`$orderby=${encode(req.orderby.map((o) => (o.desc ? `${o.column} desc` : o.column)).join(','))}`);
  }
  if (req.count) {
    pairs.push(req.count === 'count' ? '$count=true' : '$inlinecount=allpages', '$top=0');
    return pairs.join('&');
  }
  const top = page ? page.top : req.top;
  const skip = page ? page.skip : req.skip;
  if (top !== undefined) pairs.push(`$top=${top}`);
  if (skip !== undefined && (skip > 0 || page)) pairs.push(`$skip=${skip}`);
  return pairs.join('&');
}

const READABLE: Readonly<Record<string, string>> = { '%2C': ',', '%3A': ':', '%24': '$', '%2F': '/', '%40': '@' };

/**
 * The one encoder of query-string names and values: encodeURIComponent, with `,` `:` `$` `/` `@` kept
 * readable (they are safe inside a query value).
 *
 * @example
 * ```ts
 * encode("Name eq 'A&B'"); // "Name%20eq%20'A%26B'"
 * ```
 */
export function encode(value: string): string {
  let encoded: string;
  try {
    encoded = encodeURIComponent(value);
  } catch (err) {
    // Only a lone surrogate makes it throw; the binding and the lexer refuse those first.
    throw new KineticSqlError('EPARAM', 'A value of the request holds a lone UTF-16 surrogate (half of a character), which cannot be sent as UTF-8: fix the text\'s encoding.', { cause: err });
  }
  return encoded.replace(/%2C|%3A|%24|%2F|%40/g, (m) => READABLE[m] as string);
}

/**
 * The length of a query string as it goes on the wire. undici sends a URL as the WHATWG URL parser
 * writes it, which also encodes `'` in the query of an http(s) URL (as `%27`): every quote of a string
 * literal costs three bytes against the server's limit (IIS's maxQueryString), not one.
 *
 * @example
 * ```ts
 * wireLength("$filter=Name%20eq%20'A'"); // 27
 * ```
 */
export function wireLength(query: string): number {
  let quotes = 0;
  for (let i = query.indexOf("'"); i !== -1; i = query.indexOf("'", i + 1)) quotes++;
  return query.length + 2 * quotes;
}
