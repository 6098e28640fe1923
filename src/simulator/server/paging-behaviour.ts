import type { SimEntitySet, SimService } from '../model/types.ts';
import type { RawQueryOptions } from './odata-options.ts';

/**
 * Ways the simulator can break paging, as proxies, gateways and other OData servers do (all off by
 * default; Epicor itself pages by `$top`/`$skip` and sends no next links). Set them with
 * `startSimulator({ paging })` or `sim.setPaging()`. They apply to entity set collections.
 *
 * @example
 * ```ts
 * const sim = await startSimulator({ port: 0, pageCap: 10, paging: { nextLink: 'same' } });
 * sim.setPaging({ silentCap: 100 });
 * ```
 */
export interface PagingBehaviour {
  /**
   * Where the next link of a page cut by `pageCap` points: `next` (default, the following rows), `same`
   * (the page just read, the same URL), or `otherSet` (the same `$top`/`$skip` on another entity set of
   * the service, the first one that is not this one).
   */
  readonly nextLink?: 'next' | 'same' | 'otherSet';
  /** Answer every page as if `$skip` were absent: the first rows again and again. */
  readonly ignoreSkip?: boolean;
  /** With `pageCap`: this many empty pages, each with a next link, come before each following page. */
  readonly emptyPages?: number;
  /** Cut pages to this many rows and send no next link: the driver cannot tell it from the end. */
  readonly silentCap?: number;
  /** Send this many rows more than `$top` asked for. */
  readonly extraRows?: number;
  /** Send the first row of a page twice, in place of the second (the page keeps its length). */
  readonly duplicateRow?: boolean;
}

/** The query pair that counts the empty pages still to serve before a real one. */
export const EMPTY_PAGES_PAIR = 'simEmptyPages';

/** The options as the misbehaving server reads them: without `$skip`, or with a larger `$top`. */
export function misreadOptions(options: RawQueryOptions, behaviour: PagingBehaviour): RawQueryOptions {
  let out = options;
  if (behaviour.ignoreSkip) {
    const { skip: _skip, ...rest } = out;
    out = rest;
  }
  if (behaviour.extraRows && out.top !== undefined && /^\d+$/.test(out.top.trim())) out = { ...out, top: String(Number(out.top) + behaviour.extraRows) };
  return out;
}

/** The rows of a page with its first row sent again in place of the second (JSON text of an array in, out). */
export function duplicateFirst(rowsJson: string): string {
  const rows = JSON.parse(rowsJson) as unknown[];
  if (rows.length > 1) rows[1] = rows[0];
  return JSON.stringify(rows);
}

/** A URL with one query pair set (or removed when `value` is undefined), the others kept as sent. */
export function withPair(url: string, name: string, value: string | undefined): string {
  const [base = '', search = ''] = url.split('?', 2);
  const kept = search.split('&').filter((raw) => raw !== '' && decodeURIComponent(raw.split('=')[0] ?? '') !== name);
  if (value !== undefined) kept.push(`${name}=${value}`);
  return kept.length > 0 ? `${base}?${kept.join('&')}` : base;
}

/** The next link a misbehaving server sends instead of `next` (the honest one). */
export function misdirectedLink(next: string, selfUrl: string, behaviour: PagingBehaviour, service: SimService, set: SimEntitySet): string {
  let link = next;
  if (behaviour.nextLink === 'same') link = selfUrl;
  if (behaviour.nextLink === 'otherSet') {
    const other = service.entitySets.find((s) => s.name !== set.name);
    if (other) {
      const url = new URL(next);
      const kept = ['$top', '$skip'].flatMap((name) => (url.searchParams.has(name) ? [`${name}=${url.searchParams.get(name)}`] : []));
      link = `${url.origin}${url.pathname.replace(new RegExp(`/${set.name}$`), `/${other.name}`)}?${kept.join('&')}`;
    }
  }
  if (behaviour.emptyPages && behaviour.emptyPages > 0) link = withPair(link, EMPTY_PAGES_PAIR, String(behaviour.emptyPages));
  return link;
}
