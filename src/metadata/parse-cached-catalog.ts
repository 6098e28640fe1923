import type { ServiceCatalog } from './catalog.ts';

/**
 * Parses a cached catalog's JSON, checking the outline (service name, tables with names, columns, keys,
 * navigation and parameters as arrays). Returns undefined for anything else, so that a damaged or foreign
 * entry is a cache miss and never a misread.
 *
 * @example
 * ```ts
 * parseCachedCatalog('{"service":"BaqSvc","tables":[]}'); // { service: 'BaqSvc', tables: [] }
 * parseCachedCatalog('{"service":'); // undefined
 * ```
 */
export function parseCachedCatalog(json: string): ServiceCatalog | undefined {
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    return undefined;
  }
  if (!isRecord(value) || typeof value['service'] !== 'string' || !Array.isArray(value['tables'])) return undefined;
  if (!value['tables'].every(isTableOutline)) return undefined;
  if (value['methods'] !== undefined && !(Array.isArray(value['methods']) && value['methods'].every((m) => isRecord(m) && typeof m['name'] === 'string' && Array.isArray(m['parameters'])))) return undefined;
  return value as unknown as ServiceCatalog;
}

function isTableOutline(table: unknown): boolean {
  return (
    isRecord(table) &&
    typeof table['name'] === 'string' &&
    typeof table['service'] === 'string' &&
    (table['kind'] === 'table' || table['kind'] === 'view') &&
    ['columns', 'keys', 'navigation', 'parameters'].every((field) => Array.isArray(table[field]))
  );
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
