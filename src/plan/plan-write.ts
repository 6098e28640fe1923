import { KineticSqlError } from '../errors.ts';
import type { Catalog, CatalogColumn, CatalogTable } from '../metadata/catalog.ts';
import { jsonValue } from '../odata/json-value.ts';
import type { ApiVersion } from '../odata/version.ts';
import type { Expr } from '../sql/ir/expr.ts';
import type { ExprItem, SelectStatement, TableRef } from '../sql/ir/select.ts';
import { unsupported } from '../sql/unsupported.ts';
import type { DeleteIr, InsertIr, UpdateIr, WriteIr } from '../sql/ir/write.ts';
import { closestNames, didYouMean } from './closest-names.ts';
import type { BoundParams } from './params.ts';
import { planQuery } from './plan-query.ts';
import { resolveTable } from './resolve-table.ts';
import type { DeletePlan, InsertPlan, QueryPlan, UpdatePlan, WritePlan, WriteValue } from './types.ts';
import type { UrlBudget } from './url-budget.ts';

/** Output names of the SET values the key-finding query computes (no Epicor column starts with two underscores). */
const SET_ALIAS = '__kq_set';

/**
 * Plans INSERT, UPDATE and DELETE. Every column written is checked against the catalog before any
 * request: an unknown column is ENO_COLUMN (with "did you mean"), a column the catalog marks read-only
 * or a key column in SET is EREADONLY, naming it. UPDATE and DELETE find their rows with a SELECT of the
 * key columns planned like any query (so the WHERE goes to `$filter` when it can); a SET value that uses
 * the row's columns (`CreditLimit * 1.1`) is computed by that query, per row.
 *
 * @example
 * ```ts
 * const plan = planWrite(parseSql("DELETE FROM Customers WHERE State = 'MN'").statement, bound, catalog, 'v2', budget);
 * // { kind: 'delete', table: Customers, find: { root: { kind: 'remoteScan', request: { select: ['Company', 'CustNum'], filter: State eq 'MN' } } } }
 * ```
 */
export function planWrite(ir: WriteIr, params: BoundParams, catalog: Catalog, version: ApiVersion, budget: UrlBudget): WritePlan {
  switch (ir.kind) {
    case 'insert': return planInsert(ir, params, catalog, version, budget);
    case 'update': return planUpdate(ir, params, catalog, version, budget);
    case 'delete': return planDelete(ir, params, catalog, version, budget);
  }
}

function writableTable(ref: TableRef, catalog: Catalog): CatalogTable {
  const table = resolveTable(ref, catalog);
  if (table.kind === 'view') throw unsupported(`Writing to the BAQ ${table.name}`, 'write to the entity sets of a service');
  if (table.keys.length === 0) throw unsupported(`Writing to ${table.name}`, 'its $metadata declares no key, so no row of it can be addressed');
  return table;
}

/** The catalog column a write names, refused when it is unknown, written twice, or read-only. */
function writableColumns(table: CatalogTable, names: readonly string[], what: 'INSERT' | 'UPDATE'): CatalogColumn[] {
  const seen = new Set<string>();
  return names.map((name) => {
    const column = table.columns.find((c) => c.name.toLowerCase() === name.toLowerCase());
    if (!column) {
      const hint = didYouMean(closestNames(name, table.columns.map((c) => c.name)));
      throw new KineticSqlError('ENO_COLUMN', `Column "${name}" is not in ${table.name}, so ${what} cannot write it.${hint}`, { name });
    }
    if (seen.has(column.name)) throw unsupported(`Writing column ${column.name} twice in one ${what}`, 'name each column once');
    seen.add(column.name);
    if (column.readOnly) {
      throw new KineticSqlError('EREADONLY', `Column ${column.name} of ${table.name} is read-only (Epicor computes or assigns it): leave it out of the ${what}.`, { name: column.name });
    }
    if (what === 'UPDATE' && column.isKey) {
      throw new KineticSqlError('EREADONLY', `Column ${column.name} is part of the key of ${table.name}, which UPDATE cannot change: Epicor addresses rows by key. Insert a new row and delete the old one.`, { name: column.name });
    }
    return column;
  });
}

/** A value known at compile time (a literal or a parameter, possibly negated), or undefined. */
function constantOf(e: Expr, params: BoundParams): { value: unknown } | undefined {
  switch (e.kind) {
    case 'string': case 'boolean': return { value: e.value };
    case 'number': return { value: /^[+-]?\d+$/.test(e.text) && !Number.isSafeInteger(e.value) ? e.text : e.value };
    case 'null': return { value: null };
    case 'param': return { value: params.value(e) };
    case 'negate': {
      const inner = constantOf(e.expr, params);
      if (!inner || (typeof inner.value !== 'number' && typeof inner.value !== 'bigint')) return undefined;
      return { value: -(inner.value as number) };
    }
    default: return undefined;
  }
}

function planInsert(ir: InsertIr, params: BoundParams, catalog: Catalog, version: ApiVersion, budget: UrlBudget): InsertPlan {
  const table = writableTable(ir.table, catalog);
  if (!ir.columns) throw unsupported('INSERT without a column list', `name the columns: INSERT INTO ${table.name} (Col1, Col2) VALUES (…)`);
  const columns = writableColumns(table, ir.columns, 'INSERT');
  if (ir.source.kind === 'query') {
    const source = planQuery(ir.source.query, params, catalog, version, budget);
    if (source.columns.length !== columns.length) throw countMismatch(columns.length, source.columns.length, 'the SELECT returns');
    return { kind: 'insert', table, columns, source };
  }
  const rows = ir.source.rows.map((row, r) => {
    if (row.length !== columns.length) throw countMismatch(columns.length, row.length, `row ${r + 1} of VALUES has`);
    return row.map((e, i) => {
      const column = columns[i] as CatalogColumn;
      const constant = constantOf(e, params);
      if (!constant) throw unsupported(`The expression for ${column.name} in VALUES`, 'give a value or a parameter, or compute it with INSERT … SELECT');
      return jsonValue(constant.value, column, version);
    });
  });
  return { kind: 'insert', table, columns, rows };
}

function countMismatch(columns: number, values: number, what: string): KineticSqlError {
  return new KineticSqlError('ESQL_UNSUPPORTED', `The INSERT names ${columns} column(s) but ${what} ${values} value(s): give one value per column.`);
}

/** `SELECT <keys>, <computed values> FROM <table> [WHERE …]`, planned as any query (pushdown included). */
function findQuery(ref: TableRef, table: CatalogTable, where: Expr | undefined, computed: readonly Expr[], params: BoundParams, catalog: Catalog, version: ApiVersion, budget: UrlBudget): QueryPlan {
  const keys: ExprItem[] = table.keys.map((k) => ({ kind: 'expr', expr: { kind: 'column', name: k } }));
  const values: ExprItem[] = computed.map((expr, i) => ({ kind: 'expr', expr, alias: `${SET_ALIAS}${i}` }));
  const from: TableRef = { kind: 'table', name: table.name, service: table.service, ...(ref.alias ? { alias: ref.alias } : {}) };
  const select: SelectStatement = { kind: 'select', distinct: false, items: [...keys, ...values], from, ...(where ? { where } : {}), groupBy: [], orderBy: [] };
  return planQuery(select, params, catalog, version, budget);
}

function planUpdate(ir: UpdateIr, params: BoundParams, catalog: Catalog, version: ApiVersion, budget: UrlBudget): UpdatePlan {
  const table = writableTable(ir.table, catalog);
  const columns = writableColumns(table, ir.set.map((s) => s.column), 'UPDATE');
  const computed: Expr[] = [];
  const set = ir.set.map((s, i) => {
    const column = columns[i] as CatalogColumn;
    const constant = constantOf(s.value, params);
    let value: WriteValue;
    if (constant) value = { kind: 'constant', value: jsonValue(constant.value, column, version) };
    else {
      value = { kind: 'source', index: table.keys.length + computed.length };
      computed.push(s.value);
    }
    return { column, value };
  });
  return { kind: 'update', table, find: findQuery(ir.table, table, ir.where, computed, params, catalog, version, budget), set };
}

function planDelete(ir: DeleteIr, params: BoundParams, catalog: Catalog, version: ApiVersion, budget: UrlBudget): DeletePlan {
  const table = writableTable(ir.table, catalog);
  return { kind: 'delete', table, find: findQuery(ir.table, table, ir.where, [], params, catalog, version, budget) };
}
