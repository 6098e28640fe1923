import type { SimBaq, SimService } from '../model/types.ts';
import { serviceEdmx, baqEdmx } from '../edmx/index.ts';
import type { ApiVersion, RequestContext } from './context.ts';
import { jsonResponse, textResponse, type SimResponse } from './response.ts';

interface DocEntry {
  readonly name: string;
}

function documentBody(version: ApiVersion, metadataUrl: string, entries: readonly DocEntry[]): Record<string, unknown> {
  const value = entries.map((e) => (version === 'v1' ? { name: e.name, url: e.name } : { name: e.name, kind: 'EntitySet', url: e.name }));
  return version === 'v1' ? { 'odata.metadata': metadataUrl, value } : { '@odata.context': metadataUrl, value };
}

/** `/api/v1/` and `/api/v2/odata/{Company}/`: the services, BaqSvc included. */
export function serviceList(ctx: RequestContext): SimResponse {
  const names = [...ctx.state.model.services.map((s) => s.name), 'BaqSvc'];
  return jsonResponse(200, documentBody(ctx.version, `${ctx.apiRoot}/$metadata`, names.map((name) => ({ name }))));
}

/** The service document of one service: its entity sets. */
export function serviceDocument(ctx: RequestContext, service: SimService): SimResponse {
  const root = `${ctx.apiRoot}/${service.name}`;
  return jsonResponse(200, documentBody(ctx.version, `${root}/$metadata`, service.entitySets));
}

/** The BaqSvc service document: the BAQs (`name` = BAQ id). */
export function baqList(ctx: RequestContext): SimResponse {
  return jsonResponse(200, documentBody(ctx.version, `${ctx.apiRoot}/BaqSvc/$metadata`, ctx.state.model.baqs.map((b) => ({ name: b.id }))));
}

/** v2 `/BaqSvc/{id}/`: the BAQ's service document (one set, `Data`). */
export function baqDocument(ctx: RequestContext, baq: SimBaq): SimResponse {
  return jsonResponse(200, documentBody(ctx.version, `${ctx.apiRoot}/BaqSvc/${baq.id}/$metadata`, [{ name: 'Data' }]));
}

/** EDMX of a service (OData v3 style on v1, v4 on v2). */
export function serviceMetadata(ctx: RequestContext, service: SimService): SimResponse {
  return textResponse(200, serviceEdmx(service, ctx.version), 'application/xml');
}

/** EDMX of one BAQ. */
export function baqMetadata(ctx: RequestContext, baq: SimBaq): SimResponse {
  return textResponse(200, baqEdmx(baq, ctx.version), 'application/xml');
}
