import type Database from 'better-sqlite3';
import type { SimColumn, SimModel } from '../model/types.ts';
import { quoteIdent } from './sql-where.ts';
import { isNumericType } from './storage-values.ts';

function sqliteType(column: SimColumn): string {
  if (column.type === 'Edm.Boolean' || /Int|Byte/.test(column.type)) return 'INTEGER';
  if (isNumericType(column.type)) return 'REAL';
  return 'TEXT';
}

/**
 * Adds a column to an entity set: ALTER TABLE on the database and a new model (returned) whose
 * `$metadata` shows it. Existing rows get null.
 */
export function addColumn(db: Database.Database, model: SimModel, serviceName: string, setName: string, column: SimColumn): SimModel {
  const service = model.services.find((s) => s.name.toLowerCase() === serviceName.toLowerCase());
  const set = service?.entitySets.find((s) => s.name === setName);
  if (!service || !set) throw new Error(`addColumn: unknown entity set ${serviceName}/${setName}`);
  if (set.columns.some((c) => c.name.toLowerCase() === column.name.toLowerCase())) {
    throw new Error(`addColumn: ${setName} already has a column ${column.name}`);
  }
  db.exec(`ALTER TABLE ${quoteIdent(set.table)} ADD COLUMN ${quoteIdent(column.name)} ${sqliteType(column)}`);
  const newSet = { ...set, columns: [...set.columns, column] };
  const newService = { ...service, entitySets: service.entitySets.map((s) => (s === set ? newSet : s)) };
  return { ...model, services: model.services.map((s) => (s === service ? newService : s)) };
}
