import type { IncomingMessage } from 'node:http';
import { authenticate } from '../auth/authenticate.ts';
import { tokenResource } from '../auth/token-resource.ts';
import { ODataQueryError } from '../odata/index.ts';
import { dispatchBaq } from './baq-routes.ts';
import { callEfx } from './efx-functions.ts';
import { resolveCompany } from './company.ts';
import type { RequestContext, ServerState } from './context.ts';
import { splitPath } from './path-segments.ts';
import { parseQueryString } from './query-string.ts';
import type { SimResponse } from './response.ts';
import { parseRoute } from './route.ts';
import { serviceList } from './service-documents.ts';
import { dispatchService } from './service-routes.ts';
import { errorResponse, SimHttpError } from './sim-http-error.ts';

/** The parts of an incoming request the handlers need (the body is already read). */
export interface IncomingParts {
  readonly req: IncomingMessage;
  readonly body: Buffer;
  readonly origin: string;
  readonly rawPath: string;
  readonly search: string;
}

function dispatchApi(ctx: RequestContext, rest: readonly string[]): SimResponse {
  const [first = '', ...after] = rest;
  if (first === '' && after.length === 0) {
    if (ctx.method !== 'GET' && ctx.method !== 'HEAD') throw new SimHttpError(405, `${ctx.method} is not allowed here; use GET.`);
    return serviceList(ctx);
  }
  if (first.toLowerCase() === 'baqsvc') return dispatchBaq(ctx, after);
  const service = ctx.state.model.services.find((s) => s.name.toLowerCase() === first.toLowerCase());
  if (!service) throw new SimHttpError(404, `Unknown service ${first.slice(0, 80)}.`);
  return dispatchService(ctx, service, after);
}

/** Routes, authenticates and answers one request; throws SimHttpError/ODataQueryError for failures. */
export async function handleRequest(state: ServerState, parts: IncomingParts): Promise<SimResponse> {
  const method = (parts.req.method ?? 'GET').toUpperCase();
  const route = parseRoute(splitPath(parts.rawPath), state.instance);
  if (route.kind === 'token') {
    if (method !== 'POST') throw new SimHttpError(405, 'TokenResource.svc accepts POST only.', { headers: { allow: 'POST' } });
    return tokenResource(parts.req.headers, state.auth);
  }
  const version = route.kind === 'efx' ? 'v2' : route.version;
  const user = await authenticate(parts.req.headers, version, state.auth);
  const pairs = parseQueryString(parts.search);
  const urlCompany = route.kind === 'efx' || route.version === 'v2' ? route.company : undefined;
  const { company, query } = resolveCompany(state.model.companies, parts.req.headers, pairs, urlCompany);
  const instanceRoot = `${parts.origin}/${state.instance}/api`;
  const ctx: RequestContext = {
    state,
    version,
    company,
    user,
    method,
    headers: parts.req.headers,
    origin: parts.origin,
    pathname: parts.rawPath,
    search: parts.search,
    query,
    body: parts.body,
    apiRoot: version === 'v1' ? `${instanceRoot}/v1` : `${instanceRoot}/v2/odata/${company}`,
  };
  if (route.kind === 'efx') return callEfx(ctx, route.staging, route.library, route.fn);
  return dispatchApi(ctx, route.rest);
}

/** Epicor's error body for any failure; unexpected exceptions become a 500 without internals. */
export function failureResponse(err: unknown): SimResponse {
  if (err instanceof SimHttpError) return errorResponse(err.status, err.message, err.options);
  if (err instanceof ODataQueryError) return errorResponse(err.status, err.message);
  const message = err instanceof Error ? err.message : String(err);
  return errorResponse(500, `The simulator failed to answer the request: ${message.slice(0, 200)}`);
}
