import type { SimEntitySet, SimService } from '../model/types.ts';
import type { RequestContext } from './context.ts';
import { readCollection, readCount, readNavigation, readOne } from './entity-read.ts';
import { createRow, deleteRow, updateRow } from './entity-write.ts';
import { callMethod, isMethod } from './methods.ts';
import { parseSegment } from './path-segments.ts';
import type { SimResponse } from './response.ts';
import { serviceDocument, serviceMetadata } from './service-documents.ts';
import { SimHttpError } from './sim-http-error.ts';

function notAllowed(ctx: RequestContext, allow: string): SimHttpError {
  return new SimHttpError(405, `${ctx.method} is not allowed here; use ${allow}.`, { headers: { allow } });
}

function get(ctx: RequestContext, answer: () => SimResponse): SimResponse {
  if (ctx.method !== 'GET' && ctx.method !== 'HEAD') throw notAllowed(ctx, 'GET');
  return answer();
}

function unknownName(service: SimService, name: string): SimHttpError {
  const near = service.entitySets.find((s) => s.name.toLowerCase() === name.toLowerCase());
  const hint = near ? ` Entity set names are case-sensitive: did you mean ${near.name}?` : '';
  return new SimHttpError(404, `${service.name} has no entity set or method ${name.slice(0, 60)}.${hint}`);
}

function setRoute(ctx: RequestContext, service: SimService, set: SimEntitySet, predicate: string | undefined, rest: readonly string[]): SimResponse {
  const [next, ...more] = rest;
  if (more.length > 0 && !(more.length === 1 && more[0] === '')) throw new SimHttpError(404, 'No resource matches the request URL.');
  if (predicate === undefined) {
    if (next === '$count') return get(ctx, () => readCount(ctx, service, set));
    if (next !== undefined && next !== '') throw new SimHttpError(404, 'No resource matches the request URL.');
    if (ctx.method === 'POST') return createRow(ctx, service, set);
    return get(ctx, () => readCollection(ctx, service, set));
  }
  if (next !== undefined && next !== '') return get(ctx, () => readNavigation(ctx, service, set, predicate, next));
  if (ctx.method === 'PATCH' || ctx.method === 'MERGE' || ctx.method === 'PUT') return updateRow(ctx, set, predicate);
  if (ctx.method === 'DELETE') return deleteRow(ctx, set, predicate);
  if (ctx.method !== 'GET' && ctx.method !== 'HEAD') throw notAllowed(ctx, 'GET, PATCH, DELETE');
  return readOne(ctx, service, set, predicate);
}

/**
 * Routes inside one service: the service document, `$metadata`, entity sets (collection, by key,
 * navigation, `$count`, writes) and custom methods. Set and method names are case-sensitive.
 */
export function dispatchService(ctx: RequestContext, service: SimService, rest: readonly string[]): SimResponse {
  const [first = '', ...after] = rest;
  if (first === '' && after.length === 0) return get(ctx, () => serviceDocument(ctx, service));
  if (first === '$metadata' && after.length === 0) return get(ctx, () => serviceMetadata(ctx, service));
  const segment = parseSegment(first);
  if (!segment) throw new SimHttpError(400, `Cannot read the path segment ${first.slice(0, 80)}.`);
  const set = service.entitySets.find((s) => s.name === segment.name);
  if (set) return setRoute(ctx, service, set, segment.predicate, after);
  if (segment.predicate === undefined && after.length === 0 && isMethod(service, segment.name)) return callMethod(ctx, service, segment.name);
  throw unknownName(service, segment.name);
}
