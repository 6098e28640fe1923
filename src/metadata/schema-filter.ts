import type { Config } from '../config/types.ts';
import { KineticPropertyError } from '../errors.ts';
import type { ServiceCatalog } from './catalog.ts';

function names(list: string | undefined): Set<string> | undefined {
  if (list === undefined || list.trim() === '') return undefined;
  return new Set(list.split(',').map((n) => n.trim().replace(/^\[(.*)\]$/, '$1').toLowerCase()).filter((n) => n !== ''));
}

/**
 * Applies the `Tables` and `Views` properties: when set, only the listed entity sets (tables) or BAQs
 * (views) are visible. A listed name that exists nowhere is an error, so a typo does not hide everything.
 * Filtering happens after the metadata cache, which always holds whole services.
 *
 * @example
 * ```ts
 * applySchemaFilters(services, config); // Tables=Customers,ShipToes -> only those two tables
 * ```
 */
export function applySchemaFilters(services: readonly ServiceCatalog[], config: Pick<Config, 'tables' | 'views'>): ServiceCatalog[] {
  const wanted = { table: names(config.tables), view: names(config.views) };
  if (!wanted.table && !wanted.view) return [...services];
  const found = new Set<string>();
  const filtered = services.map((sc) => ({
    ...sc,
    tables: sc.tables.filter((t) => {
      const list = wanted[t.kind];
      if (!list) return true;
      const key = t.name.toLowerCase();
      if (list.has(key)) found.add(`${t.kind}:${key}`);
      return list.has(key);
    }),
  }));
  for (const kind of ['table', 'view'] as const) {
    const missing = [...(wanted[kind] ?? [])].filter((n) => !found.has(`${kind}:${n}`));
    if (missing.length > 0) {
      const property = kind === 'table' ? 'Tables' : 'Views';
      throw new KineticPropertyError('EPROPERTY', `${property} lists ${missing.map((m) => `"${m}"`).join(', ')}, which no configured service has: check the names (entity sets for Tables, BAQ ids for Views).`, { name: property });
    }
  }
  return filtered;
}
