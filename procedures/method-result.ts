import type { CatalogTable, ServiceCatalog } from '../src/metadata/catalog.ts';
import type { ResultColumn } from '../src/plan/types.ts';
import type { ProcedureResult } from './types.ts';

type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const isRowList = (v: unknown): v is Json[] => Array.isArray(v) && v.every(isObject);

/** A tableset: an object whose members are lists of rows (`{Customer: [...], ShipTo: [...]}`). */
function isTableset(v: unknown): v is Record<string, Json[]> {
  return isObject(v) && Object.keys(v).length > 0 && Object.values(v).some(isRowList) && Object.values(v).every((x) => isRowList(x) || x === null);
}

function inferredType(values: readonly unknown[]): string {
  const seen = values.find((v) => v !== null && v !== undefined);
  if (typeof seen === 'boolean') return 'Edm.Boolean';
  if (typeof seen === 'number') return Number.isInteger(seen) ? 'Edm.Int32' : 'Edm.Decimal';
  if (isObject(seen) || Array.isArray(seen)) return 'json';
  return 'Edm.String';
}

/** Columns of rows: the union of their fields in first-seen order, typed by the catalog table when known. */
function columnsOf(rows: readonly Json[], table: CatalogTable | undefined, extra: Json): ResultColumn[] {
  const names: string[] = [];
  for (const r of rows) for (const k of Object.keys(r)) if (!names.includes(k)) names.push(k);
  for (const k of Object.keys(extra)) if (!names.some((n) => n.toLowerCase() === k.toLowerCase())) names.push(k);
  return names.map((name) => {
    const column = table?.columns.find((c) => c.name === name);
    const values = name in extra && !rows.some((r) => name in r) ? [extra[name]] : rows.map((r) => r[name]);
    return { name, type: column?.type ?? inferredType(values), nullable: column?.nullable ?? true, ...(table && column ? { table: table.name } : {}) };
  });
}

/**
 * The rows of a method's answer `{returnObj, parameters}`. The result is `returnObj`, or else the one
 * output parameter that is a tableset (`ds` of GetNewCustomer / Update). A tableset gives the rows of its
 * first table that has rows (its first table when none has), a list of rows gives those rows, anything else
 * one row with a `returnObj` column. The scalar output parameters (`morePages`) are added as columns of
 * every row. Columns of a table whose row type is in the service's catalog (`Customer` -> CustomerRow) take
 * the catalog's types.
 *
 * @example
 * ```ts
 * methodResult({ returnObj: { Customer: [{ CustNum: 5 }], ShipTo: [] }, parameters: {} }, service).rows; // [{ CustNum: 5 }]
 * ```
 */
export function methodResult(answer: unknown, service: ServiceCatalog): ProcedureResult {
  const body = isObject(answer) ? answer : {};
  const parameters = isObject(body['parameters']) ? body['parameters'] : {};
  const scalars: Json = Object.fromEntries(Object.entries(parameters).filter(([, v]) => !isObject(v) && !Array.isArray(v)));
  const fromParams = Object.values(parameters).find(isTableset);
  const result = body['returnObj'] !== undefined && body['returnObj'] !== null ? body['returnObj'] : fromParams;
  let rows: Json[];
  let table: CatalogTable | undefined;
  if (isTableset(result)) {
    const entries = Object.entries(result);
    const [name, list] = entries.find(([, v]) => isRowList(v) && v.length > 0) ?? entries.find(([, v]) => isRowList(v)) ?? ['', []];
    rows = list as Json[];
    table = service.tables.find((t) => t.entityType.toLowerCase() === `${name}Row`.toLowerCase());
  } else if (isRowList(result)) {
    rows = result;
  } else {
    rows = result === undefined ? [{}] : [{ returnObj: result }];
  }
  const columns = columnsOf(rows, table, scalars);
  const named = rows.map((r) => {
    const out: Json = {};
    for (const c of columns) out[c.name] = c.name in r ? r[c.name] : (scalars[c.name] ?? null);
    return out;
  });
  return { rows: named, columns, rowsAffected: -1 };
}
