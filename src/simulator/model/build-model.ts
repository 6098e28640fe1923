import type { SimColumn, SimEntitySet, SimModel, SimService } from './types.ts';
import { loadServiceSchema, SIMULATED_SERVICES, type SchemaField, type ServiceSchema } from './schema-source.ts';
import { columnFromField } from './column-types.ts';
import { withUserFields } from './user-fields.ts';
import { deriveNavigation } from './navigation.ts';
import { buildBaqs } from './baqs.ts';

/** Company ids of the seeded data; the first is the users' default company. */
export const COMPANIES = ['EPIC06', 'EPIC07'] as const;

/** Sets whose system-assigned number is max+1 within the company when a POST sends 0. */
const AUTO_NUMBERS: Readonly<Record<string, string>> = { Customers: 'CustNum', SalesOrders: 'OrderNum' };

/**
 * Builds the simulator's model: the real Epicor services (every entity set with its full column list,
 * keys, navigation and custom methods) and the BAQs. Each call returns a fresh object.
 *
 * @example
 * ```ts
 * const model = buildModel();
 * const customers = model.services[0]!.entitySets.find((s) => s.name === 'Customers')!;
 * customers.columns.length; // about 450, as in the real CustomerRow
 * ```
 */
export function buildModel(): SimModel {
  const services = SIMULATED_SERVICES.map((name) => serviceFromSchema(loadServiceSchema(name)));
  return { services, baqs: buildBaqs(), companies: [...COMPANIES] };
}

function serviceFromSchema(schema: ServiceSchema): SimService {
  const keyed = Object.entries(schema.entitySets).map(([name, set]) => ({ name, keys: set.keys }));
  const entitySets = Object.entries(schema.entitySets).map(([name, set]): SimEntitySet => {
    const fields = schema.rowTypes[set.rowType];
    if (!fields) throw new Error(`schema ${schema.service}: row type ${set.rowType} of ${name} is missing`);
    const own = fields.map((f) => columnFromField(f, set.keys.includes(f.name)));
    const columns = withUserFields(name, withMissingKeys(set.keys, own, schema));
    const autoNumber = AUTO_NUMBERS[name];
    return {
      name,
      service: schema.service,
      entityType: set.rowType,
      columns,
      keys: [...set.keys],
      table: name,
      navigation: deriveNavigation({ name, keys: set.keys }, keyed),
      ...(autoNumber ? { autoNumber } : {}),
    };
  });
  return { name: schema.service, entitySets, methods: [...schema.customMethods] };
}

/**
 * A few extracted row types (the attachment sets, CustomCrdPools...) lack their key columns; the real rows
 * have them, so they are added in front, typed by the same rules as any other column.
 */
function withMissingKeys(keys: readonly string[], columns: readonly SimColumn[], schema: ServiceSchema): readonly SimColumn[] {
  const missing = keys.filter((k) => !columns.some((c) => c.name === k));
  const added = missing.map((name) => columnFromField(fieldNamed(schema, name), true));
  return [...added, ...columns];
}

/** The same-named field of another row type of the service (PartNum is a string everywhere). */
function fieldNamed(schema: ServiceSchema, name: string): SchemaField {
  for (const fields of Object.values(schema.rowTypes)) {
    const found = fields.find((f) => f.name === name);
    if (found) return found;
  }
  return { name, jsType: /(Seq|Line)$/.test(name) ? 'number' : 'string', description: name };
}
