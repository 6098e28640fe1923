/**
 * IIS's request filtering, which runs before Epicor sees a request: a query string longer than
 * `maxQueryString` (default 2048 bytes) or a URL path longer than `maxUrl` (default 4096 bytes, the query
 * string not included) is refused with a 404 and an IIS HTML page, not Epicor's JSON error body, before
 * authentication. IIS logs the substatus (404.15 Query String Too Long, 404.14 URL Too Long); HTTP has no
 * place for it on the wire, so a client sees a plain 404 whose page names it.
 * https://learn.microsoft.com/en-us/iis/configuration/system.webServer/security/requestfiltering/requestlimits
 */
import type { SimResponse } from './response.ts';

export interface IisLimits {
  /** Bytes of the raw query string (after `?`); Infinity for no limit. */
  readonly maxQueryString: number;
  /** Bytes of the raw URL path, without the query string; Infinity for no limit. */
  readonly maxUrlLength: number;
}

export const IIS_DEFAULTS: IisLimits = { maxQueryString: 2048, maxUrlLength: 4096 };

export type IisRejection = 'urlTooLong' | 'queryStringTooLong';

/**
 * The limit a request passes, if any; the path is checked first.
 *
 * @example
 * iisRejection(IIS_DEFAULTS, '/KineticSim/api/v1/Erp.BO.CustomerSvc/Customers', 'x'.repeat(2049)) // 'queryStringTooLong'
 */
export function iisRejection(limits: IisLimits, rawPath: string, search: string): IisRejection | undefined {
  if (Buffer.byteLength(rawPath) > limits.maxUrlLength) return 'urlTooLong';
  if (Buffer.byteLength(search) > limits.maxQueryString) return 'queryStringTooLong';
  return undefined;
}

const PAGES: Readonly<Record<IisRejection, { readonly substatus: string; readonly reason: string }>> = {
  queryStringTooLong: {
    substatus: '404.15',
    reason: 'The request filtering module is configured to deny a request where the query string is too long.',
  },
  urlTooLong: {
    substatus: '404.14',
    reason: 'The request filtering module is configured to deny a request where the URL is too long.',
  },
};

/** IIS's answer: 404, `text/html`, its detailed error page, `Server: Microsoft-IIS/10.0`. */
export function iisResponse(rejection: IisRejection): SimResponse {
  const { substatus, reason } = PAGES[rejection];
  const html = [
    '<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Strict//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-strict.dtd">',
    '<html xmlns="http://www.w3.org/1999/xhtml">',
    `<head><title>IIS 10.0 Detailed Error - ${substatus} - Not Found</title></head>`,
    '<body><div id="content">',
    `<div class="content-container"><h3>HTTP Error ${substatus} - Not Found</h3><h4>${reason}</h4></div>`,
    '</div></body></html>',
    '',
  ].join('\r\n');
  return {
    status: 404,
    headers: { 'content-type': 'text/html', server: 'Microsoft-IIS/10.0' },
    body: Buffer.from(html, 'utf8'),
  };
}
