import { readFileSync } from 'node:fs';

/** One field of a row type as the extracted schema files describe it. */
export interface SchemaField {
  readonly name: string;
  readonly jsType: 'string' | 'number' | 'boolean';
  readonly description: string;
}

/** The shape of src/simulator/schemas/<Service>.json (facts extracted from a real tenant's swagger). */
export interface ServiceSchema {
  readonly service: string;
  readonly entitySets: Readonly<Record<string, { readonly rowType: string; readonly keys: readonly string[] }>>;
  readonly customMethods: readonly string[];
  readonly rowTypes: Readonly<Record<string, readonly SchemaField[]>>;
}

/** The services the simulator serves, in the order the service list shows them. */
export const SIMULATED_SERVICES = ['Erp.BO.CustomerSvc', 'Erp.BO.SalesOrderSvc', 'Erp.BO.PartSvc'] as const;

/** Reads one service schema shipped with the simulator. */
export function loadServiceSchema(service: string): ServiceSchema {
  const url = new URL(`../schemas/${service}.json`, import.meta.url);
  return JSON.parse(readFileSync(url, 'utf8')) as ServiceSchema;
}
