import type { SimColumn, SimEntitySet, SimService } from '../model/types.ts';
import type { RequestContext } from './context.ts';
import { collectionJson, contextUrl, entityBody, nextLink } from './envelope.ts';
import { parseKeyPredicate } from './key-predicate.ts';
import { duplicateFirst, EMPTY_PAGES_PAIR, misdirectedLink, misreadOptions, withPair } from './paging-behaviour.ts';
import { splitOptions } from './odata-options.ts';
import { runRows, setSource } from './query-runner.ts';
import { jsonResponse, jsonTextResponse, textResponse, type SimResponse } from './response.ts';
import { SimHttpError } from './sim-http-error.ts';
import { equalities, quoteIdent, type SqlCondition } from './sql-where.ts';
import type { StorageValue } from './storage-values.ts';

/** The key columns of a set, in key order. */
export function keyColumns(set: SimEntitySet): SimColumn[] {
  return set.keys.map((k) => {
    const column = set.columns.find((c) => c.name === k);
    if (!column) throw new Error(`model: key ${k} of ${set.name} has no column`);
    return column;
  });
}

/** The condition selecting one row by its key predicate text. */
export function keyCondition(ctx: RequestContext, set: SimEntitySet, predicate: string): SqlCondition {
  const values = parseKeyPredicate(predicate, keyColumns(set), ctx.version);
  return equalities(set.keys, values, 'key');
}

/** The stored row for a key predicate, within the request's company; a 404 when there is none. */
export function findStoredRow(ctx: RequestContext, set: SimEntitySet, predicate: string): Record<string, StorageValue> {
  const condition = keyCondition(ctx, set, predicate);
  const hasCompany = set.columns.some((c) => c.name === 'Company');
  const sql = `SELECT * FROM ${quoteIdent(set.table)} WHERE ${condition.sql}${hasCompany ? ' AND "Company" = @company' : ''}`;
  const params = hasCompany ? { ...condition.params, company: ctx.company } : condition.params;
  const row = ctx.state.db.prepare(sql).get(params) as Record<string, StorageValue> | undefined;
  if (!row) throw new SimHttpError(404, `No ${set.name} row matches the key (${predicate.slice(0, 80)}).`, { errorType: 'Ice.Common.RecordNotFoundException' });
  return row;
}

function serviceRoot(ctx: RequestContext, service: SimService): string {
  return `${ctx.apiRoot}/${service.name}`;
}

function collection(ctx: RequestContext, service: SimService, set: SimEntitySet, extra: SqlCondition | undefined): SimResponse {
  const behaviour = ctx.state.paging;
  const context = contextUrl(serviceRoot(ctx, service), set.name, ctx.version);
  const selfUrl = `${ctx.origin}${ctx.pathname}${ctx.search === '' ? '' : `?${ctx.search}`}`;
  const empties = Number(ctx.query.find((p) => p.name === EMPTY_PAGES_PAIR)?.value ?? 0);
  if (empties > 0) {
    const next = withPair(selfUrl, EMPTY_PAGES_PAIR, empties > 1 ? String(empties - 1) : undefined);
    return jsonTextResponse(200, collectionJson(ctx.version, context, '[]', undefined, next));
  }
  const options = misreadOptions(splitOptions(ctx.query).options, behaviour);
  const pageCap = ctx.state.pageCap;
  const silent = behaviour.silentCap !== undefined && (pageCap === undefined || behaviour.silentCap < pageCap);
  const cap = silent ? behaviour.silentCap : pageCap;
  const result = runRows(ctx, service, setSource(ctx, set, extra), options, set, cap);
  const honest = result.truncated && cap !== undefined && !silent ? nextLink(ctx, cap) : undefined;
  const next = honest === undefined ? undefined : misdirectedLink(honest, selfUrl, behaviour, service, set);
  const rows = behaviour.duplicateRow ? duplicateFirst(result.rowsJson()) : result.rowsJson();
  return jsonTextResponse(200, collectionJson(ctx.version, context, rows, result.count, next));
}

/** `GET /{Set}`: the rows with the OData options applied (and the page cap). */
export function readCollection(ctx: RequestContext, service: SimService, set: SimEntitySet): SimResponse {
  return collection(ctx, service, set, undefined);
}

/** `GET /{Set}(keys)`: one row, or 404. `$select` and `$expand` apply. */
export function readOne(ctx: RequestContext, service: SimService, set: SimEntitySet, predicate: string): SimResponse {
  const { options } = splitOptions(ctx.query);
  const single = { ...(options.select !== undefined ? { select: options.select } : {}), ...(options.expand !== undefined ? { expand: options.expand } : {}) };
  const result = runRows(ctx, service, setSource(ctx, set, keyCondition(ctx, set, predicate)), single, set, undefined);
  const row = result.rows[0];
  if (!row) throw new SimHttpError(404, `No ${set.name} row matches the key (${predicate.slice(0, 80)}).`, { errorType: 'Ice.Common.RecordNotFoundException' });
  return jsonResponse(200, entityBody(ctx.version, contextUrl(serviceRoot(ctx, service), set.name, ctx.version, true), row));
}

/** `GET /{Set}(keys)/{Nav}`: the children of one row (404 when the parent does not exist). */
export function readNavigation(ctx: RequestContext, service: SimService, set: SimEntitySet, predicate: string, navName: string): SimResponse {
  const nav = set.navigation.find((n) => n.name === navName);
  const target = nav && service.entitySets.find((s) => s.name === nav.target);
  if (!nav || !target) throw new SimHttpError(404, `${set.name} has no navigation property ${navName.slice(0, 60)}.`);
  const parent = findStoredRow(ctx, set, predicate);
  const condition = equalities(nav.toColumns, nav.fromColumns.map((c) => parent[c] ?? null), 'nav');
  if (nav.many) return collection(ctx, service, target, condition);
  const result = runRows(ctx, service, setSource(ctx, target, condition), splitOptions(ctx.query).options, target, undefined);
  const row = result.rows[0];
  if (!row) throw new SimHttpError(404, `${set.name}(${predicate.slice(0, 60)}) has no ${navName}.`);
  return jsonResponse(200, entityBody(ctx.version, contextUrl(serviceRoot(ctx, service), target.name, ctx.version, true), row));
}

/** `GET /{Set}/$count`: the number of matching rows as plain text. */
export function readCount(ctx: RequestContext, service: SimService, set: SimEntitySet): SimResponse {
  const { options } = splitOptions(ctx.query);
  const countOptions = {
    ...(options.filter !== undefined ? { filter: options.filter } : {}),
    ...(ctx.version === 'v1' ? { inlinecount: 'allpages' } : { count: 'true' }),
    top: '0',
  };
  const result = runRows(ctx, service, setSource(ctx, set, undefined), countOptions, set, undefined);
  return textResponse(200, String(result.count ?? 0), 'text/plain');
}
