import type { SimBaq } from '../model/types.ts';
import type { RequestContext } from './context.ts';
import { collectionJson, nextLink } from './envelope.ts';
import { splitOptions } from './odata-options.ts';
import { runRows } from './query-runner.ts';
import { jsonResponse, jsonTextResponse, type SimResponse } from './response.ts';
import { baqDocument, baqList, baqMetadata } from './service-documents.ts';
import { SimHttpError } from './sim-http-error.ts';
import { textToStorage, type StorageValue } from './storage-values.ts';

function requireGet(ctx: RequestContext): void {
  if (ctx.method !== 'GET' && ctx.method !== 'HEAD') throw new SimHttpError(405, `${ctx.method} is not allowed on this BaqSvc resource.`);
}

/**
 * BAQ parameters from the non-`$` query pairs. Parameter names match without case (Epicor's are
 * case-insensitive in practice and the driver sends them as the metadata spells them); a pair that
 * names no parameter is a 400, and so is a missing mandatory one.
 */
export function baqParameters(ctx: RequestContext, baq: SimBaq, pairs: readonly { name: string; value: string }[]): Record<string, StorageValue> {
  const params: Record<string, StorageValue> = { company: ctx.company };
  for (const pair of pairs) {
    if (!baq.parameters.some((p) => p.name.toLowerCase() === pair.name.toLowerCase())) {
      throw new SimHttpError(400, `BAQ ${baq.id} has no parameter ${pair.name.slice(0, 60)}.`);
    }
  }
  for (const parameter of baq.parameters) {
    const pair = pairs.find((p) => p.name.toLowerCase() === parameter.name.toLowerCase());
    if (pair === undefined && parameter.required) {
      throw new SimHttpError(400, `BAQ ${baq.id} requires the parameter ${parameter.name}.`, {
        details: [{ Message: `Missing mandatory parameter ${parameter.name}`, Type: 'Error', Field: parameter.name }],
      });
    }
    params[parameter.name] = pair === undefined ? null : textToStorage(pair.value, { name: parameter.name, type: parameter.type, nullable: true });
  }
  return params;
}

function baqRows(ctx: RequestContext, baq: SimBaq): SimResponse {
  requireGet(ctx);
  const { options, others } = splitOptions(ctx.query);
  const source = { from: `(${baq.sql})`, params: baqParameters(ctx, baq, others), columns: baq.columns, keys: ['RowIdent'], where: [] };
  const cap = ctx.state.pageCap;
  const result = runRows(ctx, undefined, source, options, undefined, cap);
  const next = result.truncated && cap !== undefined ? nextLink(ctx, cap) : undefined;
  const context = `${ctx.apiRoot}/BaqSvc/${baq.id}/$metadata#Data`;
  return jsonTextResponse(200, collectionJson(ctx.version, context, result.rowsJson(), result.count, next));
}

/**
 * BaqSvc routes: `/BaqSvc/` lists BAQs, `/BaqSvc/{id}/$metadata`, rows at v1 `/BaqSvc/{id}/` (with or
 * without the slash) and v2 `/BaqSvc/{id}/Data`. BAQ ids match without case.
 */
export function dispatchBaq(ctx: RequestContext, rest: readonly string[]): SimResponse {
  const [id = '', second, third] = rest;
  if (id === '' && rest.length <= 1) {
    requireGet(ctx);
    return baqList(ctx);
  }
  const baq = ctx.state.model.baqs.find((b) => b.id.toLowerCase() === id.toLowerCase());
  if (!baq) throw new SimHttpError(404, `Unknown BAQ ${id.slice(0, 60)}.`);
  if (rest.length > 3 || (third !== undefined && third !== '')) throw new SimHttpError(404, 'No resource matches the request URL.');
  if (second === '$metadata') {
    requireGet(ctx);
    return baqMetadata(ctx, baq);
  }
  if (ctx.version === 'v1' && (second === undefined || second === '')) return baqRows(ctx, baq);
  if (ctx.version === 'v2' && second === 'Data') return baqRows(ctx, baq);
  if (ctx.version === 'v2' && (second === undefined || second === '')) {
    requireGet(ctx);
    return baqDocument(ctx, baq);
  }
  throw new SimHttpError(404, 'No resource matches the request URL.');
}
