import type { SimColumn, SimEntitySet, SimService } from '../model/types.ts';
import type { RequestContext } from './context.ts';
import { insertValues, updateValues } from './entity-write.ts';
import { runRows, setSource } from './query-runner.ts';
import { jsonResponse, type SimResponse } from './response.ts';
import { SimHttpError } from './sim-http-error.ts';
import { equalities, quoteIdent } from './sql-where.ts';
import { jsonToStorage, type StorageValue } from './storage-values.ts';
import { parseWhereClause } from './where-clause.ts';

/** A method's arguments, by lower-cased name. */
export type MethodArgs = ReadonlyMap<string, unknown>;

const LIST_COLUMNS = ['Company', 'CustNum', 'CustID', 'Name', 'Address1', 'City', 'State', 'Zip', 'Country', 'PhoneNum', 'TerritoryID', 'SysRowID'];

function set(service: SimService, name: string): SimEntitySet {
  const found = service.entitySets.find((s) => s.name === name);
  if (!found) throw new SimHttpError(501, `${name} is not simulated in ${service.name}.`);
  return found;
}

function integerArg(args: MethodArgs, name: string, fallback?: number): number {
  const raw = args.get(name.toLowerCase());
  if (raw === undefined && fallback !== undefined) return fallback;
  const n = typeof raw === 'string' && raw.trim() !== '' ? Number(raw) : raw;
  if (typeof n !== 'number' || !Number.isInteger(n)) throw new SimHttpError(400, `The parameter ${name} must be an integer.`);
  return n;
}

function rowsWhere(ctx: RequestContext, service: SimService, target: SimEntitySet, custNum: number): Record<string, unknown>[] {
  return runRows(ctx, service, setSource(ctx, target, equalities(['CustNum'], [custNum], 'c')), {}, target, undefined).rows;
}

/** GetByID `{custNum}`: the customer with its ship-tos and bill-tos; unknown number is a 400 (Epicor's way). */
export function getByID(ctx: RequestContext, service: SimService, args: MethodArgs): SimResponse {
  const custNum = integerArg(args, 'custNum');
  const customer = rowsWhere(ctx, service, set(service, 'Customers'), custNum);
  if (customer.length === 0) throw new SimHttpError(400, 'Record not found.', { errorType: 'Ice.Common.RecordNotFoundException' });
  const returnObj: Record<string, unknown> = { Customer: customer };
  for (const [table, name] of [['ShipTo', 'ShipToes'], ['CustBillTo', 'CustBillToes']] as const) {
    const target = service.entitySets.find((s) => s.name === name);
    returnObj[table] = target ? rowsWhere(ctx, service, target, custNum) : [];
  }
  return jsonResponse(200, { returnObj, parameters: {} });
}

/** GetList / GetRows: a page of customers (`pageSize` 0 = all; `absolutePage` 0 and 1 are the first page). */
export function listCustomers(ctx: RequestContext, service: SimService, args: MethodArgs, full: boolean): SimResponse {
  const customers = set(service, 'Customers');
  const where = String(args.get(full ? 'whereclausecustomer' : 'whereclause') ?? args.get('whereclause') ?? '');
  const pageSize = integerArg(args, 'pageSize', 0);
  const page = Math.max(integerArg(args, 'absolutePage', 0), 1) - 1;
  if (pageSize < 0 || page < 0) throw new SimHttpError(400, 'pageSize and absolutePage must not be negative.');
  const select = full ? undefined : LIST_COLUMNS.filter((c) => customers.columns.some((k) => k.name === c)).join(',');
  const options = {
    orderby: customers.keys.join(','),
    ...(select ? { select } : {}),
    ...(pageSize > 0 ? { top: String(pageSize + 1), skip: String(page * pageSize) } : {}),
  };
  const rows = runRows(ctx, service, setSource(ctx, customers, parseWhereClause(where, customers.columns)), options, customers, undefined).rows;
  const morePages = pageSize > 0 && rows.length > pageSize;
  const shown = morePages ? rows.slice(0, pageSize) : rows;
  return jsonResponse(200, { returnObj: full ? { Customer: shown } : { CustomerList: shown }, parameters: { morePages } });
}

function jsonDefault(column: SimColumn): unknown {
  if (column.type === 'Edm.String') return '';
  if (column.type === 'Edm.Boolean') return false;
  if (/Int|Decimal|Double|Single|Byte/.test(column.type)) return 0;
  if (column.type === 'Edm.Guid') return '00000000-0000-0000-0000-000000000000';
  return null;
}

function dataset(args: MethodArgs): Record<string, unknown> {
  const ds = args.get('ds') ?? {};
  if (typeof ds !== 'object' || ds === null || Array.isArray(ds)) throw new SimHttpError(400, 'The parameter ds must be a dataset object.');
  return { ...(ds as Record<string, unknown>) };
}

/** GetNewCustomer `{ds}`: the dataset with a new Customer row (defaults, `RowMod: "A"`). */
export function getNewCustomer(ctx: RequestContext, service: SimService, args: MethodArgs): SimResponse {
  const ds = dataset(args);
  const row: Record<string, unknown> = {};
  for (const column of set(service, 'Customers').columns) row[column.name] = jsonDefault(column);
  Object.assign(row, { Company: ctx.company, RowMod: 'A' });
  const existing = Array.isArray(ds['Customer']) ? (ds['Customer'] as unknown[]) : [];
  return jsonResponse(200, { parameters: { ds: { ...ds, Customer: [...existing, row] } } });
}

/** Update `{ds: {Customer: [...]}}`: rows with RowMod A are added, U updated, D deleted; answers the stored dataset. */
export function updateCustomers(ctx: RequestContext, service: SimService, args: MethodArgs): SimResponse {
  const customers = set(service, 'Customers');
  const ds = dataset(args);
  const input = Array.isArray(ds['Customer']) ? (ds['Customer'] as unknown[]) : [];
  const stored: Record<string, unknown>[] = [];
  ctx.state.db.transaction(() => {
    for (const item of input) {
      if (typeof item !== 'object' || item === null) throw new SimHttpError(400, 'Each Customer row must be an object.');
      const row = item as Record<string, unknown>;
      const values = new Map<string, StorageValue>();
      for (const column of customers.columns) if (row[column.name] !== undefined) values.set(column.name, jsonToStorage(row[column.name], column));
      const mod = String(row['RowMod'] ?? '');
      if (customers.columns.some((c) => c.name === 'RowMod')) values.set('RowMod', '');
      if (mod === 'A') {
        const key = insertValues(ctx, customers, values);
        stored.push(...runRows(ctx, service, setSource(ctx, customers, key), {}, customers, undefined).rows);
      } else if (mod === 'U' || mod === 'D') {
        const key = equalities(['Company', 'CustNum'], [ctx.company, values.get('CustNum') ?? null], 'k');
        const current = ctx.state.db.prepare(`SELECT * FROM ${quoteIdent(customers.table)} WHERE ${key.sql}`).get(key.params) as Record<string, StorageValue> | undefined;
        if (!current) throw new SimHttpError(400, 'Record not found.', { errorType: 'Ice.Common.RecordNotFoundException' });
        if (mod === 'D') ctx.state.db.prepare(`DELETE FROM ${quoteIdent(customers.table)} WHERE ${key.sql}`).run(key.params);
        else {
          updateValues(ctx, customers, current, values);
          stored.push(...runRows(ctx, service, setSource(ctx, customers, key), {}, customers, undefined).rows);
        }
      }
    }
  })();
  return jsonResponse(200, { parameters: { ds: { ...ds, Customer: stored } } });
}
