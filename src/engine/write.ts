/**
 * Runs INSERT, UPDATE and DELETE plans: the source or key-finding query first (through the one query
 * executor, every row read before the first write), then one request per row: POST to the entity set,
 * PATCH or DELETE to the row's key URL (`Customers('EPIC06',45)`, v1 and v2 alike). Rows are written one
 * after the other; a failure stops the statement and is thrown with `applied` and `failed` (docs/writes.md).
 */
import type { Config } from '../config/types.ts';
import { KineticError, KineticSqlError, type KineticErrorOptions, type WriteRow } from '../errors.ts';
import { entitySetUrl, entityUrl } from '../epicor/routes.ts';
import { signalError } from '../epicor/transport-errors.ts';
import type { CatalogColumn, CatalogTable } from '../metadata/catalog.ts';
import { edmType } from '../metadata/edm-types.ts';
import { jsonValue } from '../odata/json-value.ts';
import { keyPredicate } from '../odata/key-predicate.ts';
import type { InsertPlan, OutputColumn, QueryPlan, ResultColumn, UpdatePlan, WritePlan, DeletePlan } from '../plan/types.ts';
import { makeRowMapper, nameRows, type Row } from './convert.ts';
import { executePlan, explainPlan, type Explain } from './execute.ts';
import type { InsertedIdentity } from './identity-log.ts';
import type { ExecContext, JsonGetter } from './remote.ts';

/** What writing needs from the HTTP client (EpicorClient has it). */
export interface WriteClient extends JsonGetter {
  postJson(url: string, body: unknown, options?: { signal?: AbortSignal }): Promise<unknown>;
  patchJson(url: string, body: unknown, options?: { signal?: AbortSignal }): Promise<unknown>;
  deleteEntity(url: string, options?: { signal?: AbortSignal }): Promise<void>;
}

export interface WriteContext extends ExecContext {
  readonly client: WriteClient;
}

/** What a write answers through execute(): the created rows of an INSERT (as Epicor answered), and the count. */
export interface WriteResult {
  readonly rows: Row[];
  readonly columns: readonly ResultColumn[];
  readonly rowsAffected: number;
}

const VERBS = { insert: 'INSERT', update: 'UPDATE', delete: 'DELETE' } as const;

/**
 * Runs a write plan. On a `Readonly=true` connection it fails with EREADONLY before any request.
 *
 * @example
 * ```ts
 * const { rowsAffected } = await executeWrite(plan, { client, config, identities });
 * ```
 */
export async function executeWrite(plan: WritePlan, ctx: WriteContext): Promise<WriteResult> {
  if (ctx.config.readonly) {
    throw new KineticSqlError('EREADONLY', `This connection is Readonly=true, so ${VERBS[plan.kind]} is refused (nothing was sent to Epicor). Connect without Readonly=true to write.`);
  }
  switch (plan.kind) {
    case 'insert': return insertRows(plan, ctx);
    case 'update': return updateRows(plan, ctx);
    case 'delete': return deleteRows(plan, ctx);
  }
}

async function readAll(plan: QueryPlan, ctx: WriteContext): Promise<unknown[][]> {
  const rows: unknown[][] = [];
  for await (const page of executePlan(plan, { ...ctx, ignoreMaxRows: true })) rows.push(...page);
  return rows;
}

/** The connection's company on the row's Company column, when the table has one and the company is known. */
function companyOf(table: CatalogTable, config: Config): Record<string, unknown> {
  return config.company !== undefined && table.columns.some((c) => c.name === 'Company') ? { Company: config.company } : {};
}

/** The POST body: Company, key columns not given (numbers the system assigns go as 0), then the values. */
function insertBody(plan: InsertPlan, values: readonly unknown[], config: Config): Record<string, unknown> {
  const body: Record<string, unknown> = { ...companyOf(plan.table, config) };
  for (const key of plan.table.keys) {
    const column = plan.table.columns.find((c) => c.name === key);
    if (column && edmType(column.type)?.family === 'integer' && !plan.columns.some((c) => c.name === key)) body[key] = 0;
  }
  plan.columns.forEach((c, i) => (body[c.name] = values[i]));
  return body;
}

async function insertRows(plan: InsertPlan, ctx: WriteContext): Promise<WriteResult> {
  const version = ctx.config.apiVersion;
  const rows = plan.rows ?? (await readAll(plan.source as QueryPlan, ctx)).map((r) => plan.columns.map((c, i) => jsonValue(r[i], c, version)));
  const url = entitySetUrl(ctx.config, plan.table.service, plan.table.name);
  const given = rows.map((values) => Object.fromEntries(plan.columns.map((c, i) => [c.name, values[i]])));
  const created: Record<string, unknown>[] = [];
  const identities: InsertedIdentity[] = [];
  let posting = false;
  try {
    for (const values of rows) {
      // Cancelled between two rows: the next POST is not sent, so that row cannot exist.
      if (ctx.signal?.aborted) throw signalError('aborted', url, ctx.config.timeout, ctx.signal.reason);
      posting = true;
      const answer = await ctx.client.postJson(url, insertBody(plan, values, ctx.config), signalOf(ctx));
      posting = false;
      const row = isObject(answer) ? answer : {};
      created.push(row);
      identities.push(identityOf(plan.table, row));
    }
  } catch (err) {
    // A POST whose answer never came (dropped, timed out, cancelled: no status) may have created the row.
    const lost = posting && err instanceof KineticError && err.status === undefined && ['EHTTP', 'ETIMEOUT', 'EABORTED'].includes(err.code)
      ? ' Its answer was lost after the row was sent, so Epicor may have created it: POST is never retried; check the table before running the INSERT again.'
      : '';
    throw partial(err, 'INSERT', identities.map((i) => i.keys), given.slice(created.length), rows.length, lost);
  } finally {
    ctx.identities?.record(identities);
  }
  return { ...createdRows(plan.table, created, ctx.config), rowsAffected: created.length };
}

/** The rows Epicor answered the POSTs with, as result rows typed by the catalog (dates as Date, ...). */
function createdRows(table: CatalogTable, created: readonly Record<string, unknown>[], config: Config): { rows: Row[]; columns: readonly ResultColumn[] } {
  const fields = new Set(created.flatMap((r) => Object.keys(r)));
  const columns: OutputColumn[] = table.columns
    .filter((c) => fields.has(c.name))
    .map((c) => ({ name: c.name, type: c.type, nullable: c.nullable, table: table.name, source: c.name }));
  const map = makeRowMapper(columns, { decimalsAsStrings: config.decimalsAsStrings });
  const name = nameRows(columns.map((c) => c.name));
  return { rows: created.map((r) => name(map(r))), columns: columns.map(({ source: _s, ...c }) => c) };
}

/**
 * The row's key as recorded for SCOPE_IDENTITY(): for a single integer key column its value; for a
 * composite key the integer key column the catalog marks system-assigned, else the last integer key column.
 */
function identityOf(table: CatalogTable, row: Readonly<Record<string, unknown>>): InsertedIdentity {
  const keys = Object.fromEntries(table.keys.map((k) => [k, row[k] ?? null]));
  const integers = table.keys
    .map((k) => table.columns.find((c) => c.name === k))
    .filter((c): c is CatalogColumn => c !== undefined && edmType(c.type)?.family === 'integer');
  const column = integers.find((c) => c.readOnly) ?? integers.at(-1);
  const value = column === undefined ? null : Number(row[column.name]);
  return { table: table.name, keys, identity: value === null || !Number.isSafeInteger(value) ? null : value };
}

interface KeyedRow {
  readonly key: WriteRow;
  readonly url: string;
  readonly source: readonly unknown[];
}

function keyedRows(table: CatalogTable, rows: readonly unknown[][], config: Config): KeyedRow[] {
  const columns = table.keys.map((k) => table.columns.find((c) => c.name === k) as CatalogColumn);
  return rows.map((source) => {
    const values = columns.map((c, i) => ({ value: source[i], type: c.type }));
    const key = Object.fromEntries(columns.map((c, i) => [c.name, source[i]]));
    return { key, url: entityUrl(config, table.service, table.name, keyPredicate(values, config.apiVersion)), source };
  });
}

async function updateRows(plan: UpdatePlan, ctx: WriteContext): Promise<WriteResult> {
  const targets = keyedRows(plan.table, await readAll(plan.find, ctx), ctx.config);
  // Every body is built (and every computed value checked against its column) before the first PATCH.
  const bodies = targets.map((t) => patchBody(plan, t, ctx.config));
  let done = 0;
  try {
    for (const [i, t] of targets.entries()) {
      await ctx.client.patchJson(t.url, bodies[i], signalOf(ctx));
      done++;
    }
  } catch (err) {
    throw partial(err, 'UPDATE', targets.slice(0, done).map((t) => t.key), targets.slice(done).map((t) => t.key), targets.length);
  }
  return { rows: [], columns: [], rowsAffected: done };
}

/** The PATCH body: Company, the row's key columns (unchanged), then the SET columns. */
function patchBody(plan: UpdatePlan, target: KeyedRow, config: Config): Record<string, unknown> {
  const version = config.apiVersion;
  const body: Record<string, unknown> = { ...companyOf(plan.table, config) };
  for (const [k, v] of Object.entries(target.key)) body[k] = jsonValue(v, plan.table.columns.find((c) => c.name === k) as CatalogColumn, version);
  for (const s of plan.set) body[s.column.name] = s.value.kind === 'constant' ? s.value.value : jsonValue(target.source[s.value.index], s.column, version);
  return body;
}

async function deleteRows(plan: DeletePlan, ctx: WriteContext): Promise<WriteResult> {
  const targets = keyedRows(plan.table, await readAll(plan.find, ctx), ctx.config);
  let done = 0;
  try {
    for (const t of targets) {
      await ctx.client.deleteEntity(t.url, signalOf(ctx));
      done++;
    }
  } catch (err) {
    throw partial(err, 'DELETE', targets.slice(0, done).map((t) => t.key), targets.slice(done).map((t) => t.key), targets.length);
  }
  return { rows: [], columns: [], rowsAffected: done };
}

/**
 * The failure of one row's request, thrown again as the same class and code with `applied` and `failed`
 * added and the count in the message (no row values in it: they may be confidential).
 */
function partial(err: unknown, verb: string, applied: readonly WriteRow[], failed: readonly WriteRow[], total: number, note = ''): unknown {
  if (!(err instanceof KineticError)) return err;
  const options: KineticErrorOptions = {
    cause: err, applied, failed,
    ...(err.status !== undefined ? { status: err.status } : {}),
    ...(err.url !== undefined ? { url: err.url } : {}),
    ...(err.errorMessage !== undefined ? { errorMessage: err.errorMessage } : {}),
    ...(err.errorType !== undefined ? { errorType: err.errorType } : {}),
    ...(err.correlationId !== undefined ? { correlationId: err.correlationId } : {}),
    ...(err.subject !== undefined ? { name: err.subject } : {}),
  };
  const progress = ` ${verb} stopped at row ${applied.length + 1} of ${total}: ${applied.length} row(s) were written (the error's applied), the rest were not (failed).`;
  const Ctor = err.constructor as new (code: string, message: string, options: KineticErrorOptions) => KineticError;
  return new Ctor(err.code, `${err.message}${progress}${note}`, options);
}

function signalOf(ctx: ExecContext): { signal?: AbortSignal } {
  return ctx.signal ? { signal: ctx.signal } : {};
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * What a write would send, without sending anything: the requests of the source or key-finding query
 * (GET, as explain() of a SELECT shows them), then the shape of the writes: `POST …/Customers` per row of
 * VALUES (or once, for every row of INSERT … SELECT), or `PATCH`/`DELETE …/Customers({Company},{CustNum})`
 * once for every key found.
 *
 * @example
 * ```ts
 * explainWrite(plan, config).requests; // [{ method: 'GET', url: '…/Customers?$select=Company,CustNum&$filter=…' }, { method: 'DELETE', url: '…/Customers({Company},{CustNum})' }]
 * ```
 */
export function explainWrite(plan: WritePlan, config: Config): Explain {
  const query = plan.kind === 'insert' ? (plan.source ? explainPlan(plan.source, config) : undefined) : explainPlan(plan.find, config);
  const requests: Explain['requests'][number][] = [...(query?.requests ?? [])];
  const lines: string[] = [];
  if (query) lines.push(plan.kind === 'insert' ? 'Rows to insert, read first:' : 'Keys of the rows to write, found first:', ...query.text.split('\n').map((l) => `  ${l}`));
  const verb = VERBS[plan.kind];
  if (plan.kind === 'insert') {
    const url = entitySetUrl(config, plan.table.service, plan.table.name);
    const count = plan.rows?.length ?? 1;
    for (let i = 0; i < count; i++) requests.push({ method: 'POST', url });
    lines.push(`${verb}: POST ${url} ${plan.rows ? `for each of the ${count} row(s) of VALUES` : 'for each row the query returns'}; never retried`);
  } else {
    const method = plan.kind === 'update' ? 'PATCH' : 'DELETE';
    const url = entityUrl(config, plan.table.service, plan.table.name, `(${plan.table.keys.map((k) => `{${k}}`).join(',')})`);
    requests.push({ method, url });
    const columns = plan.kind === 'update' ? ` setting ${plan.set.map((s) => s.column.name).join(', ')}` : '';
    lines.push(`${verb}: ${method} ${url} for each key found${columns}; retried on 429/502/503/504 and dropped connections`);
  }
  return { requests, local: query?.local ?? null, text: lines.join('\n'), columns: [] };
}
