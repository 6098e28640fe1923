import type { Config } from '../config/types.ts';
import { KineticHttpError } from '../errors.ts';
import { redactUrl } from '../epicor/redact-url.ts';
import { requestUrl } from '../epicor/routes.ts';
import type { ODataOrderBy, ODataRequest } from '../odata/request.ts';
import type { RemoteCountNode, RemoteScanNode } from '../plan/types.ts';
import { makeRowMapper } from './convert.ts';
import type { IdentityLog } from './identity-log.ts';
import { afterKey, scanPaging, withKeys } from './key-paging.ts';
import { broken, PageGuard } from './page-guard.ts';
import type { SystemSources } from './system/system-sources.ts';
import { readPage } from './page-body.ts';

/** What the executor needs from the HTTP client. */
export interface JsonGetter {
  getJson(url: string, options?: { signal?: AbortSignal; exactNumbers?: boolean }): Promise<unknown>;
}

/** What running a plan needs: the HTTP client, the connection's settings, and the caller's signal. */
export interface ExecContext {
  readonly client: JsonGetter;
  readonly config: Config;
  readonly signal?: AbortSignal;
  /** Local work reads whole inputs: MaxRows caps what the query returns, not what it reads. */
  readonly ignoreMaxRows?: boolean;
  /** The connection's inserted rows (SCOPE_IDENTITY(), sys_identity); absent outside a connection. */
  readonly identities?: IdentityLog;
  /** What the system tables read (catalog, procedures); absent outside a connection. */
  readonly system?: SystemSources;
}

/** Consecutive empty pages with a next link followed before the scan gives up (EPROTOCOL). */
export const MAX_EMPTY_PAGES = 10;

/** What one scan remembers across its windows: the URLs already asked for, and the context. */
interface Scan {
  readonly ctx: ExecContext;
  readonly visited: Set<string>;
  readonly signal: AbortSignal;
}

/** A URL with its path lower-cased (Epicor's segments ignore case) and its query pairs sorted: two spellings of one page match. */
function pageIdentity(url: URL): string {
  const params = new URLSearchParams(url.search);
  params.sort();
  return `${url.origin}${decodeURIComponent(url.pathname).toLowerCase()}?${params.toString()}`;
}

// A next link is followed only on the server the connection talks to (a link elsewhere would send the
// connection's credentials to another host), to the same entity set (another set's rows would mix in),
// and to a page this scan has not read yet (a link back would repeat rows forever).
function checkNextLink(next: string, base: string, scan: Scan): string {
  const resolved = new URL(next, base);
  const from = new URL(base);
  if (resolved.origin !== from.origin) {
    throw new KineticHttpError('EPROTOCOL', `Epicor sent a next-page link to another server (${resolved.origin}); refusing to follow it.`);
  }
  if (decodeURIComponent(resolved.pathname).toLowerCase() !== decodeURIComponent(from.pathname).toLowerCase()) {
    throw broken(`the next-page link leads to another path (${redactUrl(resolved.pathname)}), so its rows would belong to another table`, base);
  }
  const identity = pageIdentity(resolved);
  if (scan.visited.has(identity)) throw broken('the next-page link points back to a page this scan has already read', resolved.href);
  scan.visited.add(identity);
  return resolved.href;
}

function topOf(url: string): number {
  const top = new URL(url).searchParams.get('$top');
  return top !== null && /^\d+$/.test(top) ? Number(top) : Infinity;
}

/** One window's rows, and whether the server's first answer held the whole window (it does not cap pages below `$top`). */
interface WindowRows {
  readonly rows: Record<string, unknown>[];
  readonly wholeAtOnce: boolean;
}

/**
 * Fetches one window (`$top`/`$skip`) of a request, following next links while the server truncates it
 * (empty pages with a next link too, up to MAX_EMPTY_PAGES in a row). With `complete`, a short page
 * without a next link is not taken as the end: the rest of the window is asked for, until a page comes
 * back empty (a server that caps pages below `$top` silently). A page longer than the `$top` it was
 * asked with is EPROTOCOL.
 */
async function fetchWindow(scan: Scan, request: ODataRequest, top: number, skip: number, complete: boolean): Promise<WindowRows> {
  const { ctx, signal } = scan;
  let url = requestUrl(ctx.config, request, { top, skip });
  scan.visited.add(pageIdentity(new URL(url)));
  let pageTop = top;
  const rows: Record<string, unknown>[] = [];
  let empty = 0;
  let wholeAtOnce = false;
  for (let answers = 0; ; answers++) {
    const page = readPage(await ctx.client.getJson(url, { exactNumbers: ctx.config.decimalsAsStrings, signal }), url);
    if (page.rows.length > pageTop) throw broken(`a page holds ${page.rows.length} rows, more than the $top=${pageTop} it was asked for`, url);
    if (answers === 0 && page.rows.length >= top) wholeAtOnce = true;
    for (const r of page.rows) rows.push(r);
    if (rows.length >= top) return { rows: rows.length > top ? rows.slice(0, top) : rows, wholeAtOnce };
    empty = page.rows.length === 0 ? empty + 1 : 0;
    if (page.nextLink) {
      if (empty >= MAX_EMPTY_PAGES) throw broken(`${empty} empty pages in a row still carry a next-page link`, url);
      url = checkNextLink(page.nextLink, url, scan);
      pageTop = topOf(url);
      continue;
    }
    if (!complete || !couldBeCap(page.rows.length)) return { rows, wholeAtOnce };
    url = requestUrl(ctx.config, request, { top: top - rows.length, skip: skip + rows.length });
    scan.visited.add(pageIdentity(new URL(url)));
    pageTop = top - rows.length;
  }
}

/**
 * Whether a short page may be a server's silent cap rather than the end of the data. Caps are page sizes
 * someone configured, round numbers (OData servers' MaxPageSize: 50, 100, 500, 1000...; Epicor has none):
 * a short page of 3 or 11 rows is the end, so a lookup costs one request, while a page of 100 is
 * confirmed by one more.
 */
export function couldBeCap(rows: number): boolean {
  return rows >= CAP_STEP && rows % CAP_STEP === 0;
}

/** Page caps are taken to be multiples of this (see {@link couldBeCap}). */
export const CAP_STEP = 5;

/** The first window of a scan: what explain() shows and what a scan asks first. */
export function firstWindow(node: RemoteScanNode, config: Config): { top: number; skip: number } {
  return { top: Math.min(config.pagesize, rowLimit(node.request, config)), skip: node.request.skip ?? 0 };
}

/** A count request asks for no rows. */
export const COUNT_WINDOW = { top: 0, skip: 0 } as const;

function rowLimit(request: ODataRequest, config: Config, ignoreMaxRows = false): number {
  const top = request.top ?? Infinity;
  return config.maxRows > 0 && !ignoreMaxRows ? Math.min(top, config.maxRows) : top;
}

/**
 * Streams the rows of a remote scan page by page, as positional rows (see docs/paging.md). With
 * `$skip` paging, windows are `$top` = Pagesize and `$skip`; the first window is requested alone, and
 * once a window comes back full, up to `PrefetchPages` further windows are requested ahead, before the
 * caller processes the current one. With key paging (PagingMode), each window after the first filters
 * on the last key read, one request at a time. Until a window has come back whole in one answer, a
 * short window is confirmed as the end by one more request (a server may cap pages below `$top`
 * silently); after that, a short window followed by rows in the next is completed the same way.
 * Every window passes the {@link PageGuard}. Breaking out of the loop aborts the requests in flight.
 * `mapper` turns each OData row into a positional row (by default the values the driver returns; local
 * work passes its own, for its database).
 */
export async function* remoteScan(node: RemoteScanNode, ctx: ExecContext, mapper?: (raw: Record<string, unknown>) => unknown[]): AsyncGenerator<unknown[][]> {
  const { config } = ctx;
  const map = mapper ?? makeRowMapper(node.columns, config);
  const paging = scanPaging(node, config);
  const abort = new AbortController();
  const onAbort = () => abort.abort(ctx.signal?.reason);
  ctx.signal?.addEventListener('abort', onAbort, { once: true });
  if (ctx.signal?.aborted) onAbort();
  const scan: Scan = { ctx, visited: new Set(), signal: abort.signal };
  const guard = new PageGuard(node.table.keys, paging.request.orderby ?? []);
  const windows = paging.mode === 'key' ? keyWindows(node, paging.request, paging.orderby, scan) : skipWindows(node, paging.request, scan);
  try {
    for await (const { rows, url } of windows) {
      const kept = guard.window(rows, url);
      if (kept.length > 0) yield kept.map(map);
    }
  } finally {
    ctx.signal?.removeEventListener('abort', onAbort);
    abort.abort(new KineticHttpError('EABORTED', 'The scan ended; prefetched pages were cancelled.'));
  }
}

interface Window {
  readonly rows: Record<string, unknown>[];
  readonly url: string;
}

async function* skipWindows(node: RemoteScanNode, request: ODataRequest, scan: Scan): AsyncGenerator<Window> {
  const { ctx } = scan;
  const limit = rowLimit(node.request, ctx.config, ctx.ignoreMaxRows);
  const start = request.skip ?? 0;
  const keyed = withKeys(request, node.table.keys);
  // Without the key in the rows the guard cannot see a repeated window: a probe does (see below).
  let current = request;
  let probe: { signature: string; top: number; skip: number } | undefined;
  const pageSize = ctx.config.pagesize;
  const ahead = Math.max(0, ctx.config.prefetchPages);
  let whole = false; // a window came back whole in one answer: the server does not cap pages below $top
  let capped = false; // ...until a short window followed by rows showed otherwise
  const inflight: { top: number; skip: number; complete: boolean; promise: Promise<WindowRows> }[] = [];
  let planned = 0;
  const planNext = () => {
    const top = Math.min(pageSize, limit - planned);
    const skip = start + planned;
    const promise = fetchWindow(scan, current, top, skip, !whole);
    promise.catch(() => undefined); // observed when awaited; avoids unhandled rejections of prefetches
    inflight.push({ top, skip, complete: !whole, promise });
    planned += top;
  };
  // Keeps `count` windows in flight (fewer when the limit is near).
  const fill = (count: number) => {
    while (inflight.length < count && planned < limit) planNext();
  };
  fill(1);
  while (inflight.length > 0) {
    const { top, skip, complete, promise } = inflight.shift()!;
    const got = await promise;
    if (got.wholeAtOnce && !capped) whole = true;
    let rows = got.rows;
    if (rows.length > 0 && rows.length < top && !complete) {
      // A short window followed by rows: the server capped it without saying so. From then on no short
      // window is taken as the end unconfirmed (the cap may have started mid-scan).
      if (inflight.length > 0 && (await inflight[0]!.promise).rows.length > 0) [whole, capped] = [false, true];
      if (!whole) rows = rows.concat((await fetchWindow(scan, current, top - rows.length, skip + rows.length, true)).rows);
    }
    const full = rows.length >= top;
    // Only a full window means more rows may follow: prefetch then, while the caller works on this one.
    if (full) fill(ahead);
    if (keyed !== current && rows.length > 0) {
      // A window that looks like the previous one (same length, same first and last rows) is asked for
      // again, with the previous one, selecting the key: the same keys mean a server that ignores $skip;
      // different keys mean data that repeats, and the rest of the scan selects the key.
      const signature = `${rows.length}\u0000${JSON.stringify(rows[0])}\u0000${JSON.stringify(rows[rows.length - 1])}`;
      if (probe && probe.signature === signature) {
        const [a, b] = await Promise.all([fetchWindow(scan, keyed, probe.top, probe.skip, false), fetchWindow(scan, keyed, top, skip, false)]);
        if (keySignature(a.rows, node.table.keys) === keySignature(b.rows, node.table.keys)) {
          throw broken('a page repeats the previous page (the server seems to ignore $skip)', requestUrl(ctx.config, keyed, { top, skip }));
        }
        current = keyed;
      }
      probe = { signature, top, skip };
    }
    yield { rows, url: requestUrl(ctx.config, current, { top, skip }) };
    if (!full) return;
    fill(1);
  }
}

function keySignature(rows: readonly Record<string, unknown>[], keys: readonly string[]): string {
  const keyOf = (row: Record<string, unknown> | undefined) => JSON.stringify(keys.map((k) => row?.[k] ?? null));
  return `${rows.length}:${keyOf(rows[0])}:${keyOf(rows[rows.length - 1])}`;
}

async function* keyWindows(node: RemoteScanNode, request: ODataRequest, orderby: readonly ODataOrderBy[], scan: Scan): AsyncGenerator<Window> {
  const { ctx } = scan;
  const limit = rowLimit(node.request, ctx.config, ctx.ignoreMaxRows);
  let whole = false;
  let next = request;
  let skip = request.skip ?? 0;
  for (let read = 0; read < limit; ) {
    const top = Math.min(ctx.config.pagesize, limit - read);
    const got = await fetchWindow(scan, next, top, skip, !whole);
    if (got.wholeAtOnce) whole = true;
    yield { rows: got.rows, url: requestUrl(ctx.config, next, { top, skip }) };
    read += got.rows.length;
    const last = got.rows[got.rows.length - 1];
    if (got.rows.length < top || last === undefined) return;
    next = afterKey(request, orderby, last, node, ctx.config);
    skip = 0;
  }
}

/** Runs a count: one request with `$count=true` (v2) or `$inlinecount=allpages` (v1) and `$top=0`; one row of one value. */
export async function* remoteCount(node: RemoteCountNode, ctx: ExecContext): AsyncGenerator<unknown[][]> {
  const url = requestUrl(ctx.config, node.request, COUNT_WINDOW);
  const page = readPage(await ctx.client.getJson(url, ctx.signal ? { signal: ctx.signal } : {}), url);
  if (page.count === undefined) {
    throw new KineticHttpError('EPROTOCOL', 'Epicor answered a count request without a count.', { url: redactUrl(url) });
  }
  yield [[page.count]];
}
