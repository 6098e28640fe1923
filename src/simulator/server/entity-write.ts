import { randomUUID } from 'node:crypto';
import type { SimColumn, SimEntitySet, SimService } from '../model/types.ts';
import type { RequestContext } from './context.ts';
import { contextUrl, entityBody } from './envelope.ts';
import { findStoredRow, keyColumns } from './entity-read.ts';
import { isAnnotation, jsonObjectBody } from './json-body.ts';
import { runRows, setSource } from './query-runner.ts';
import { emptyResponse, jsonResponse, type SimResponse } from './response.ts';
import { SimHttpError } from './sim-http-error.ts';
import { equalities, quoteIdent, type SqlCondition } from './sql-where.ts';
import { defaultStorage, jsonToStorage, type StorageValue } from './storage-values.ts';

/** The body's properties as stored values; unknown properties are a 400 naming them. */
export function bodyValues(body: Record<string, unknown>, set: SimEntitySet): Map<string, StorageValue> {
  const values = new Map<string, StorageValue>();
  for (const [name, value] of Object.entries(body)) {
    if (isAnnotation(name)) continue;
    const column = set.columns.find((c) => c.name === name);
    if (!column) {
      throw new SimHttpError(400, `${set.name} has no column ${name.slice(0, 60)}.`, { details: [{ Message: 'Unknown column', Type: 'Error', Table: set.name, Field: name }] });
    }
    values.set(name, jsonToStorage(value, column));
  }
  return values;
}

function nextNumber(ctx: RequestContext, set: SimEntitySet, column: string): number {
  const sql = `SELECT COALESCE(MAX(${quoteIdent(column)}), 0) + 1 AS n FROM ${quoteIdent(set.table)} WHERE "Company" = @company`;
  return (ctx.state.db.prepare(sql).get({ company: ctx.company }) as { n: number }).n;
}

/** Fills Company, the system-assigned number and SysRowID; checks that every key has a value. */
function completeNewRow(ctx: RequestContext, set: SimEntitySet, values: Map<string, StorageValue>): void {
  const company = values.get('Company');
  if (company !== undefined && company !== null && company !== '' && String(company).toLowerCase() !== ctx.company.toLowerCase()) {
    throw new SimHttpError(400, `Company ${String(company).slice(0, 20)} is not the company of this request (${ctx.company}).`);
  }
  if (set.columns.some((c) => c.name === 'Company')) values.set('Company', ctx.company);
  if (set.autoNumber && !values.get(set.autoNumber)) values.set(set.autoNumber, nextNumber(ctx, set, set.autoNumber));
  if (set.columns.some((c) => c.name === 'SysRowID') && !/[1-9a-f]/i.test(String(values.get('SysRowID') ?? ''))) {
    values.set('SysRowID', randomUUID());
  }
  for (const key of set.keys) {
    const value = values.get(key);
    if (value === undefined || value === null) throw new SimHttpError(400, `The new ${set.name} row needs a value for the key ${key}.`);
  }
}

/** Inserts a new row (company, number and SysRowID filled in); answers the condition selecting it. */
export function insertValues(ctx: RequestContext, set: SimEntitySet, values: Map<string, StorageValue>): SqlCondition {
  completeNewRow(ctx, set, values);
  const key = equalities(set.keys, set.keys.map((k) => values.get(k) ?? null), 'key');
  const exists = ctx.state.db.prepare(`SELECT 1 FROM ${quoteIdent(set.table)} WHERE ${key.sql}`).get(key.params);
  if (exists) throw new SimHttpError(400, `A ${set.name} row with this key already exists.`, { errorType: 'Ice.Common.DuplicateRecordException' });
  const columns = set.columns.filter((c: SimColumn) => values.has(c.name) || defaultStorage(c) !== null);
  const params: Record<string, StorageValue> = {};
  columns.forEach((c, i) => (params[`v${i}`] = values.has(c.name) ? (values.get(c.name) ?? null) : defaultStorage(c)));
  const names = columns.map((c) => quoteIdent(c.name)).join(', ');
  const slots = columns.map((_, i) => `@v${i}`).join(', ');
  ctx.state.db.prepare(`INSERT INTO ${quoteIdent(set.table)} (${names}) VALUES (${slots})`).run(params);
  return key;
}

/** `POST /{Set}`: creates a row; 201 with the stored row. */
export function createRow(ctx: RequestContext, service: SimService, set: SimEntitySet): SimResponse {
  const key = insertValues(ctx, set, bodyValues(jsonObjectBody(ctx.body), set));
  const stored = runRows(ctx, service, setSource(ctx, set, key), {}, set, undefined).rows[0] ?? {};
  return jsonResponse(201, entityBody(ctx.version, contextUrl(`${ctx.apiRoot}/${service.name}`, set.name, ctx.version, true), stored));
}

/** Updates a stored row with the given values; key columns may be sent but not changed. */
export function updateValues(ctx: RequestContext, set: SimEntitySet, stored: Record<string, StorageValue>, values: Map<string, StorageValue>): void {
  for (const key of keyColumns(set)) {
    const sent = values.get(key.name);
    if (sent !== undefined && String(sent).toLowerCase() !== String(stored[key.name]).toLowerCase()) {
      throw new SimHttpError(400, `The key column ${key.name} cannot be changed.`);
    }
    values.delete(key.name);
  }
  if (values.size === 0) return;
  if (set.columns.some((c) => c.name === 'SysRevID')) values.set('SysRevID', Number(stored['SysRevID'] ?? 0) + 1);
  const names = [...values.keys()];
  const assignments = names.map((n, i) => `${quoteIdent(n)} = @v${i}`).join(', ');
  const key = equalities(set.keys, set.keys.map((k) => stored[k] ?? null), 'key');
  const params: Record<string, StorageValue> = { ...key.params };
  names.forEach((n, i) => (params[`v${i}`] = values.get(n) ?? null));
  ctx.state.db.prepare(`UPDATE ${quoteIdent(set.table)} SET ${assignments} WHERE ${key.sql}`).run(params);
}

/** `PATCH /{Set}(keys)`: updates the given columns; 204, or 404 for an unknown key. */
export function updateRow(ctx: RequestContext, set: SimEntitySet, predicate: string): SimResponse {
  const stored = findStoredRow(ctx, set, predicate);
  updateValues(ctx, set, stored, bodyValues(jsonObjectBody(ctx.body), set));
  return emptyResponse(204);
}

/** `DELETE /{Set}(keys)`: 204, or 404 for an unknown key. */
export function deleteRow(ctx: RequestContext, set: SimEntitySet, predicate: string): SimResponse {
  const stored = findStoredRow(ctx, set, predicate);
  const key = equalities(set.keys, set.keys.map((k) => stored[k] ?? null), 'key');
  ctx.state.db.prepare(`DELETE FROM ${quoteIdent(set.table)} WHERE ${key.sql}`).run(key.params);
  return emptyResponse(204);
}
