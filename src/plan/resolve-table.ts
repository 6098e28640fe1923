import { KineticSqlError } from '../errors.ts';
import type { Catalog, CatalogTable, ServiceCatalog } from '../metadata/catalog.ts';
import { SYSTEM_CATALOG } from '../metadata/system-tables.ts';
import type { TableRef } from '../sql/ir/select.ts';
import { closestNames, didYouMean } from './closest-names.ts';

interface TableIndex {
  readonly byName: ReadonlyMap<string, readonly CatalogTable[]>;
  readonly all: readonly CatalogTable[];
}

const indexes = new WeakMap<Catalog, TableIndex>();

function indexOf(catalog: Catalog): TableIndex {
  let index = indexes.get(catalog);
  if (!index) {
    const byName = new Map<string, CatalogTable[]>();
    // The system tables resolve as any table: a user table of the same name makes the name ambiguous.
    const all = [...catalog.services, SYSTEM_CATALOG].flatMap((s) => s.tables);
    for (const t of all) {
      const key = t.name.toLowerCase();
      byName.set(key, [...(byName.get(key) ?? []), t]);
    }
    index = { byName, all };
    indexes.set(catalog, index);
  }
  return index;
}

/**
 * Finds the table a FROM clause names: case-insensitive; a name found in several services must be
 * qualified as `[Service].[Table]`. The system tables (`sys_tables`, ..., and the `Services` view) are
 * tables of the service `sys`: unqualified when no configured service has a table of that name, else
 * `[sys].[sys_tables]`. Unknown or ambiguous names are ENO_TABLE errors with suggestions.
 *
 * @example
 * ```ts
 * resolveTable({ kind: 'table', name: 'orderdtls' }, catalog).name; // 'OrderDtls'
 * resolveTable({ kind: 'table', name: 'Memos', service: 'Erp.BO.SalesOrderSvc' }, catalog).service; // 'Erp.BO.SalesOrderSvc'
 * ```
 */
export function resolveTable(ref: TableRef, catalog: Catalog): CatalogTable {
  let index: TableIndex;
  try {
    index = indexOf(catalog);
  } catch (err) {
    // No catalog yet (an Azure AD connection waiting for its token): the system tables that need none
    // (sys_connection_props, sys_sqlinfo, ...) still resolve; what needs the catalog fails as it reads it.
    const system = ref.service === undefined || ref.service.toLowerCase() === SYSTEM_CATALOG.service ? SYSTEM_CATALOG.tables.find((t) => t.name.toLowerCase() === ref.name.toLowerCase()) : undefined;
    if (system) return system;
    throw err;
  }
  if (ref.service !== undefined) return inService(ref.service, ref.name, catalog);
  const found = index.byName.get(ref.name.toLowerCase()) ?? [];
  if (found.length === 1) return found[0] as CatalogTable;
  if (found.length > 1) {
    const names = found.map((t) => `[${t.service}].[${t.name}]`);
    throw new KineticSqlError('ENO_TABLE', `Table "${ref.name}" is ambiguous: it is in several services. Write ${names.join(' or ')}.`, { name: ref.name });
  }
  // `[Erp.BO.SalesOrderSvc.OrderDtls]` in one pair of brackets.
  const dot = ref.name.lastIndexOf('.');
  if (dot > 0) return inService(ref.name.slice(0, dot), ref.name.slice(dot + 1), catalog);
  const suggestions = closestNames(ref.name, [...new Set(index.all.map((t) => t.name))]);
  const hint = suggestions.length > 0 ? didYouMean(suggestions) : ' Check the name, or add its service to the Service property (db.catalog lists the tables).';
  throw new KineticSqlError('ENO_TABLE', `Table "${ref.name}" is not in the services of this connection.${hint}`, { name: ref.name });
}

function inService(serviceName: string, name: string, catalog: Catalog): CatalogTable {
  const services: readonly ServiceCatalog[] = [...catalog.services, SYSTEM_CATALOG];
  const service = services.find((s) => s.service.toLowerCase() === serviceName.toLowerCase());
  if (!service) {
    const services = catalog.services.map((s) => s.service);
    throw new KineticSqlError('ENO_TABLE', `Service "${serviceName}" is not configured for this connection (its services: ${services.join(', ')}).${didYouMean(closestNames(serviceName, services))}`, { name: `${serviceName}.${name}` });
  }
  const table = service.tables.find((t) => t.name.toLowerCase() === name.toLowerCase());
  if (table) return table;
  const suggestions = closestNames(name, service.tables.map((t) => t.name));
  throw new KineticSqlError('ENO_TABLE', `Table "${name}" is not in ${service.service}.${didYouMean(suggestions)}`, { name });
}
