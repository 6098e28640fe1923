import type { Config } from '../config/types.ts';
import { KineticHttpError } from '../errors.ts';
import { redactUrl } from '../epicor/redact-url.ts';
import { baqUrl, entitySetUrl } from '../epicor/routes.ts';
import type { ODataRequest } from '../odata/request.ts';
import { queryString } from '../odata/url.ts';
import type { CountPlan, RemotePlan } from '../plan/types.ts';
import { makeRowMapper, type Row } from './convert.ts';

/** What the executor needs from the HTTP client. */
export interface JsonGetter {
  getJson(url: string, options?: { signal?: AbortSignal; exactNumbers?: boolean }): Promise<unknown>;
}

export interface RemoteContext {
  readonly client: JsonGetter;
  readonly config: Config;
  readonly signal?: AbortSignal;
}

interface PageBody {
  rows: Record<string, unknown>[];
  nextLink?: string;
  count?: number;
}

/** The URL of one window of a request: the only place the executor turns a request into a URL. */
export function requestUrl(config: Config, request: ODataRequest, page?: { top: number; skip: number }): string {
  const qs = queryString(request, config.apiVersion, page);
  return request.baq
    ? baqUrl(config, request.entitySet, qs)
    : entitySetUrl(config, request.service, request.entitySet, qs);
}

function readBody(body: unknown, url: string): PageBody {
  if (body === null || typeof body !== 'object' || !Array.isArray((body as { value?: unknown }).value)) {
    throw new KineticHttpError('EPROTOCOL', `Epicor answered without a "value" array: not an OData collection.`, { url: redactUrl(url) });
  }
  const b = body as Record<string, unknown>;
  const next = b['@odata.nextLink'] ?? b['odata.nextLink'];
  const count = b['@odata.count'] ?? b['odata.count'];
  return {
    rows: b.value as Record<string, unknown>[],
    ...(typeof next === 'string' ? { nextLink: next } : {}),
    ...(count !== undefined ? { count: Number(count) } : {}),
  };
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
async function fetchWindow(ctx: RemoteContext, request: ODataRequest, top: number, skip: number, signal?: AbortSignal): Promise<Record<string, unknown>[]> {
  let url = requestUrl(ctx.config, request, { top, skip });
  const rows: Record<string, unknown>[] = [];
  for (;;) {
    const page = readBody(await ctx.client.getJson(url, { exactNumbers: ctx.config.decimalsAsStrings, ...(signal ? { signal } : {}) }), url);
    for (const r of page.rows) rows.push(r);
    if (!page.nextLink || rows.length >= top || page.rows.length === 0) return rows;
    url = checkNextLink(page.nextLink, url);
  }
}

/**
 * The URL of the first request a plan makes (the first window of a scan, or the count request): what
 * `explain()` shows.
 *
 * @example
 * ```ts
 * firstRequestUrl(plan, config); // https://host/Live/api/v2/odata/EPIC06/Erp.BO.CustomerSvc/Customers?$select=...&$top=1000&$skip=0
 * ```
 */
export function firstRequestUrl(plan: RemotePlan | CountPlan, config: Config): string {
  if (plan.kind === 'count') return requestUrl(config, plan.request, COUNT_WINDOW);
  return requestUrl(config, plan.request, { top: Math.min(config.pagesize, rowLimit(plan.request, config)), skip: plan.request.skip ?? 0 });
}

const COUNT_WINDOW = { top: 0, skip: 0 };

function rowLimit(request: ODataRequest, config: Config): number {
  const top = request.top ?? Infinity;
  return config.maxRows > 0 ? Math.min(top, config.maxRows) : top;
}

/**
 * Streams the rows of a remote plan page by page. Windows are `$top` = Pagesize and `$skip`. The first
 * window is requested alone, so a result that fits in one page costs one request; once a window comes
 * back full, up to `PrefetchPages` further windows are requested ahead, before the caller processes the
 * current one. A short window ends the scan. Breaking out of the loop aborts the requests in flight.
 */
export async function* remotePages(plan: RemotePlan, ctx: RemoteContext): AsyncGenerator<Row[]> {
  const { config } = ctx;
  const map = makeRowMapper(plan.columns, config);
  const limit = rowLimit(plan.request, config);
  const start = plan.request.skip ?? 0;
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
    const promise = fetchWindow(ctx, plan.request, top, start + planned, abort.signal);
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

/** Runs a count plan: one request with `$count=true` (v2) or `$inlinecount=allpages` (v1) and `$top=0`. */
export async function remoteCount(plan: CountPlan, ctx: RemoteContext): Promise<number> {
  const url = firstRequestUrl(plan, ctx.config);
  const body = readBody(await ctx.client.getJson(url, ctx.signal ? { signal: ctx.signal } : {}), url);
  if (body.count === undefined || Number.isNaN(body.count)) {
    throw new KineticHttpError('EPROTOCOL', 'Epicor answered a count request without a count.', { url: redactUrl(url) });
  }
  return body.count;
}
