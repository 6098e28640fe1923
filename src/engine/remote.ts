import type { Config } from '../config/types.ts';
import { KineticHttpError } from '../errors.ts';
import { redactUrl } from '../epicor/redact-url.ts';
import { requestUrl } from '../epicor/routes.ts';
import type { ODataRequest } from '../odata/request.ts';
import type { RemoteCountNode, RemoteScanNode } from '../plan/types.ts';
import { makeRowMapper } from './convert.ts';
import type { IdentityLog } from './identity-log.ts';
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

// A next link is followed only on the server the connection talks to: a link elsewhere would send the
// connection's credentials to another host.
function checkNextLink(next: string, base: string): string {
  const resolved = new URL(next, base);
  if (resolved.origin !== new URL(base).origin) {
    throw new KineticHttpError('EPROTOCOL', `Epicor sent a next-page link to another server (${resolved.origin}); refusing to follow it.`);
  }
  return resolved.href;
}

/** Fetches one window (`$top`/`$skip`) of a request, following next links while the server truncates it. */
async function fetchWindow(ctx: ExecContext, request: ODataRequest, top: number, skip: number, signal?: AbortSignal): Promise<Record<string, unknown>[]> {
  let url = requestUrl(ctx.config, request, { top, skip });
  const rows: Record<string, unknown>[] = [];
  for (;;) {
    const page = readPage(await ctx.client.getJson(url, { exactNumbers: ctx.config.decimalsAsStrings, ...(signal ? { signal } : {}) }), url);
    for (const r of page.rows) rows.push(r);
    if (!page.nextLink || rows.length >= top || page.rows.length === 0) return rows;
    url = checkNextLink(page.nextLink, url);
  }
}

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
 * Streams the rows of a remote scan page by page, as positional rows. Windows are `$top` = Pagesize
 * and `$skip`. The first window is requested alone, so a result that fits in one page costs one
 * request; once a window comes back full, up to `PrefetchPages` further windows are requested ahead,
 * before the caller processes the current one. A short window ends the scan. Breaking out of the loop
 * aborts the requests in flight. `mapper` turns each OData row into a positional row (by default the
 * values the driver returns; local work passes its own, for its database).
 */
export async function* remoteScan(node: RemoteScanNode, ctx: ExecContext, mapper?: (raw: Record<string, unknown>) => unknown[]): AsyncGenerator<unknown[][]> {
  const { config } = ctx;
  const map = mapper ?? makeRowMapper(node.columns, config);
  const limit = rowLimit(node.request, config, ctx.ignoreMaxRows);
  const start = node.request.skip ?? 0;
  const pageSize = config.pagesize;
  const ahead = Math.max(0, config.prefetchPages);
  const abort = new AbortController();
  const onAbort = () => abort.abort(ctx.signal?.reason);
  ctx.signal?.addEventListener('abort', onAbort, { once: true });
  if (ctx.signal?.aborted) onAbort();

  const inflight: { top: number; promise: Promise<Record<string, unknown>[]> }[] = [];
  let planned = 0;
  const planNext = () => {
    const top = Math.min(pageSize, limit - planned);
    const promise = fetchWindow(ctx, node.request, top, start + planned, abort.signal);
    promise.catch(() => undefined); // observed when awaited; avoids unhandled rejections of prefetches
    inflight.push({ top, promise });
    planned += top;
  };
  // Keeps `count` windows in flight (fewer when the limit is near).
  const fill = (count: number) => {
    while (inflight.length < count && planned < limit) planNext();
  };
  try {
    fill(1);
    while (inflight.length > 0) {
      const { top, promise } = inflight.shift()!;
      const raw = await promise;
      const full = raw.length >= top;
      // Only a full window means more rows may follow: prefetch then, while the caller works on this one.
      if (full) fill(ahead);
      if (raw.length > 0) yield raw.length > top ? raw.slice(0, top).map(map) : raw.map(map);
      if (!full) return;
      fill(1);
    }
  } finally {
    ctx.signal?.removeEventListener('abort', onAbort);
    if (inflight.length > 0) abort.abort(new KineticHttpError('EABORTED', 'The scan ended; prefetched pages were cancelled.'));
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
