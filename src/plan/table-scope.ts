import { KineticSqlError } from '../errors.ts';
import type { CatalogColumn, CatalogParameter, CatalogTable } from '../metadata/catalog.ts';
import type { ColumnRef } from '../sql/ir/expr.ts';
import type { TableRef } from '../sql/ir/select.ts';
import { unsupported } from '../sql/unsupported.ts';
import { closestNames, didYouMean } from './closest-names.ts';

const columnMaps = new WeakMap<CatalogTable, ReadonlyMap<string, CatalogColumn>>();

function columnMap(table: CatalogTable): ReadonlyMap<string, CatalogColumn> {
  let map = columnMaps.get(table);
  if (!map) {
    map = new Map(table.columns.map((c) => [c.name.toLowerCase(), c]));
    columnMaps.set(table, map);
  }
  return map;
}

/**
 * The one table of a remote query, as the query names it: resolves column references
 * case-insensitively, checks qualifiers, and tells BAQ parameters apart from columns.
 *
 * @example
 * ```ts
 * const scope = new TableScope(customersTable, { kind: 'table', name: 'Customers', alias: 'c' });
 * scope.column({ kind: 'column', name: 'custid', qualifier: 'c' }).name; // 'CustID'
 * ```
 */
export class TableScope {
  constructor(readonly table: CatalogTable, readonly ref: TableRef) {}

  /** The catalog column a reference names; a BAQ parameter used as a value is ESQL_UNSUPPORTED. */
  column(ref: ColumnRef): CatalogColumn {
    this.checkQualifier(ref.qualifier);
    const column = columnMap(this.table).get(ref.name.toLowerCase());
    if (column) return column;
    const param = this.parameter(ref);
    if (param) {
      throw unsupported(`Using the BAQ parameter ${param.name} this way`, `write ${param.name} = value in WHERE, joined to the rest with AND`);
    }
    const suggestions = closestNames(ref.name, [...this.table.columns.map((c) => c.name), ...this.table.parameters.map((p) => p.name)]);
    const hint = suggestions.length > 0
      ? didYouMean(suggestions)
      : ` Its columns include ${this.table.columns.slice(0, 8).map((c) => c.name).join(', ')}${this.table.columns.length > 8 ? ', ...' : ''} (all of them: SELECT * or db.catalog).`;
    throw new KineticSqlError('ENO_COLUMN', `Column "${ref.name}" is not in ${this.table.name}.${hint}`, { name: ref.name });
  }

  /** The BAQ parameter a reference names, when it names a parameter and not a column. */
  parameter(ref: ColumnRef): CatalogParameter | undefined {
    const lower = ref.name.toLowerCase();
    if (columnMap(this.table).has(lower)) return undefined;
    return this.table.parameters.find((p) => p.name.toLowerCase() === lower);
  }

  /** `c.Name`, `Customers.Name` and `Erp.BO.CustomerSvc.Customers.Name` are fine; other qualifiers are not. */
  checkQualifier(qualifier: string | undefined): void {
    if (qualifier === undefined) return;
    const q = qualifier.toLowerCase();
    const accepted = [this.ref.alias, this.table.name, `${this.table.service}.${this.table.name}`];
    if (accepted.some((a) => a !== undefined && a.toLowerCase() === q)) return;
    const from = this.ref.alias ? `${this.table.name} AS ${this.ref.alias}` : this.table.name;
    throw new KineticSqlError('ENO_TABLE', `"${qualifier}" does not name the table of this query (FROM ${from}).`, { name: qualifier });
  }
}
