import type Database from 'better-sqlite3';
import type { SimColumn, SimEntitySet, SimModel } from '../model/types.ts';

/*
 * One SQLite table per entity set, storage per STORAGE_NOTES in model/types.ts. Columns that seeding and
 * POSTs leave out take Epicor's own defaults (0, '', false); dates and GUIDs other than SysRowID default
 * to NULL. A SysRowID left out gets a fresh random GUID. Keys are NOT NULL and form the PRIMARY KEY.
 */

const SQL_TYPE: Readonly<Record<string, string>> = {
  'Edm.String': 'TEXT', 'Edm.Boolean': 'INTEGER', 'Edm.Byte': 'INTEGER', 'Edm.SByte': 'INTEGER',
  'Edm.Int16': 'INTEGER', 'Edm.Int32': 'INTEGER', 'Edm.Int64': 'INTEGER', 'Edm.Decimal': 'REAL',
  'Edm.Double': 'REAL', 'Edm.Single': 'REAL', 'Edm.DateTime': 'TEXT', 'Edm.DateTimeOffset': 'TEXT',
  'Edm.Date': 'TEXT', 'Edm.Time': 'TEXT', 'Edm.TimeOfDay': 'TEXT', 'Edm.Guid': 'TEXT', 'Edm.Binary': 'BLOB',
};

const RANDOM_GUID =
  "(lower(hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-4' || substr(hex(randomblob(2)), 2) || '-' || " +
  "substr('89ab', 1 + (abs(random()) % 4), 1) || substr(hex(randomblob(2)), 2) || '-' || hex(randomblob(6))))";

/** Quotes an identifier for SQLite. */
export function quoteId(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

function defaultClause(column: SimColumn): string {
  if (column.name === 'SysRowID') return ` DEFAULT ${RANDOM_GUID}`;
  switch (SQL_TYPE[column.type]) {
    case 'INTEGER':
    case 'REAL':
      return ' DEFAULT 0';
    case 'TEXT':
      return column.type === 'Edm.String' ? " DEFAULT ''" : '';
    default:
      return '';
  }
}

function columnDdl(column: SimColumn, isKey: boolean): string {
  const type = SQL_TYPE[column.type] ?? 'TEXT';
  return `${quoteId(column.name)} ${type}${isKey ? ' NOT NULL' : defaultClause(column)}`;
}

/** CREATE TABLE for one entity set. */
export function createTableSql(set: SimEntitySet): string {
  const columns = set.columns.map((c) => columnDdl(c, set.keys.includes(c.name)));
  const key = set.keys.map(quoteId).join(', ');
  return `CREATE TABLE ${quoteId(set.table)} (\n  ${columns.join(',\n  ')},\n  PRIMARY KEY (${key})\n)`;
}

/**
 * The distinct tables of the model. EntityGLCs, TaxExempts and PartSubs appear in two services, as in
 * Epicor, where both services read the same database table: they share one table here too.
 */
export function distinctTables(model: SimModel): SimEntitySet[] {
  const byTable = new Map<string, SimEntitySet>();
  for (const set of model.services.flatMap((s) => s.entitySets)) {
    const seen = byTable.get(set.table);
    if (!seen) byTable.set(set.table, set);
    else if (seen.columns.map((c) => c.name).join() !== set.columns.map((c) => c.name).join()) {
      throw new Error(`table ${set.table} is declared by ${seen.service} and ${set.service} with different columns`);
    }
  }
  return [...byTable.values()];
}

/** Creates every table of the model (empty). */
export function createTables(db: Database.Database, model: SimModel): SimEntitySet[] {
  const tables = distinctTables(model);
  for (const set of tables) db.exec(createTableSql(set));
  return tables;
}

/** Secondary indexes for navigation and the BAQs, created after the bulk load (faster that way). */
export const SECONDARY_INDEXES: readonly (readonly [table: string, columns: readonly string[]])[] = [
  ['Customers', ['Company', 'CustID']],
  ['Customers', ['Company', 'Zip']],
  ['SalesOrders', ['Company', 'CustNum']],
  ['SalesOrders', ['Company', 'OrderDate']],
  ['OrderDtls', ['Company', 'PartNum']],
  ['CustBillToes', ['Company', 'BTCustNum']],
];

export function createIndexes(db: Database.Database): void {
  for (const [table, columns] of SECONDARY_INDEXES) {
    const name = quoteId(`IX_${table}_${columns.join('_')}`);
    db.exec(`CREATE INDEX ${name} ON ${quoteId(table)} (${columns.map(quoteId).join(', ')})`);
  }
}
