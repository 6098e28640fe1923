import type { ODataRequest } from './request.ts';
import type { ApiVersion } from './version.ts';

/** One page of a scan: `$top`/`$skip` of this request (the executor computes them inside the query's window). */
export interface PageWindow {
  readonly top: number;
  readonly skip: number;
}

/**
 * The encoded query string of a request, without the leading `?`: BAQ parameters first (as plain
 * pairs), then `$select`, `$filter`, `$orderby`, `$top`, `$skip`, and `$count=true` (v2) or
 * `$inlinecount=allpages` (v1) with `$top=0` for a count request. Each value goes through
 * encodeURIComponent, so `&`, `#`, `%`, `=` and `+` inside literals can never split the query string;
 * `,` `:` `$` `/` `@` are then restored, as they are safe in a query value and easier to read.
 *
 * @example
 * ```ts
 * queryString({ service: 'Erp.BO.CustomerSvc', entitySet: 'Customers', baq: false, select: ['CustID', 'Name'],
 *   filter: "State eq 'CA'", orderby: [{ column: 'CustID', desc: false }] }, 'v2', { top: 100, skip: 0 });
 * // "$select=CustID,Name&$filter=State%20eq%20'CA'&$orderby=CustID&$top=100&$skip=0"
 * ```
 */
export function queryString(req: ODataRequest, version: ApiVersion, page?: PageWindow): string {
  const pairs: string[] = [];
  for (const [name, value] of Object.entries(req.baqParams ?? {})) pairs.push(`${encode(name)}=${encode(value)}`);
  if (req.select && req.select.length > 0 && !req.count) pairs.push(`$select=${encode(req.select.join(','))}`);
  if (req.filter) pairs.push(`$filter=${encode(req.filter)}`);
  if (req.orderby && req.orderby.length > 0 && !req.count) {
    pairs.push(`$orderby=${encode(req.orderby.map((o) => (o.desc ? `${o.column} desc` : o.column)).join(','))}`);
  }
  if (req.count) {
    pairs.push(version === 'v2' ? '$count=true' : '$inlinecount=allpages', '$top=0');
    return pairs.join('&');
  }
  const top = page ? page.top : req.top;
  const skip = page ? page.skip : req.skip;
  if (top !== undefined) pairs.push(`$top=${top}`);
  if (skip !== undefined && (skip > 0 || page)) pairs.push(`$skip=${skip}`);
  return pairs.join('&');
}

const READABLE: Readonly<Record<string, string>> = { '%2C': ',', '%3A': ':', '%24': '$', '%2F': '/', '%40': '@' };

function encode(value: string): string {
  return encodeURIComponent(value).replace(/%2C|%3A|%24|%2F|%40/g, (m) => READABLE[m] as string);
}
