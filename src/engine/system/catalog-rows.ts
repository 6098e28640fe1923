import type { Config } from '../../config/types.ts';
import { serviceRoot } from '../../epicor/routes.ts';
import type { Catalog, CatalogTable, ServiceCatalog } from '../../metadata/catalog.ts';
import { SYSTEM_CATALOG_NAME } from '../../metadata/system-tables.ts';
import { jdbcType, sqlTypeName } from './data-types.ts';

type Row = Record<string, unknown>;

// The system tables describe the data model: the catalog's services, tables and views (after the Tables
// and Views filters), as db.catalog holds them. The system tables themselves are documented, not listed.
function schemas(catalog: Catalog): readonly ServiceCatalog[] {
  return catalog.services;
}

function tables(catalog: Catalog): readonly CatalogTable[] {
  return schemas(catalog).flatMap((s) => s.tables);
}

const at = (t: CatalogTable): Row => ({ CatalogName: SYSTEM_CATALOG_NAME, SchemaName: t.service, TableName: t.name });

export function catalogRows(): Row[] {
  return [{ CatalogName: SYSTEM_CATALOG_NAME }];
}

export function schemaRows(catalog: Catalog): Row[] {
  return schemas(catalog).map((s) => ({ CatalogName: SYSTEM_CATALOG_NAME, SchemaName: s.service }));
}

function tableType(t: CatalogTable): string {
  return t.kind === 'view' ? 'VIEW' : 'TABLE';
}

export function tableRows(catalog: Catalog): Row[] {
  return tables(catalog).map((t) => ({ ...at(t), TableType: tableType(t), Description: t.description ?? null, IsUpdateable: t.kind === 'table' }));
}

export function columnRows(catalog: Catalog): Row[] {
  return tables(catalog).flatMap((t) =>
    t.columns.map((c, i) => {
      const name = sqlTypeName(c.type);
      return {
        ...at(t), ColumnName: c.name, DataTypeName: name, DataType: jdbcType(name), Length: c.maxLength ?? null,
        NumericPrecision: c.precision ?? null, NumericScale: c.scale ?? null, IsNullable: c.nullable, Description: c.description ?? null,
        Ordinal: i + 1, IsReadOnly: t.kind === 'view' || c.readOnly === true, IsKey: c.isKey,
      };
    }));
}

export function primaryKeyRows(catalog: Catalog): Row[] {
  return tables(catalog).flatMap((t) => t.keys.map((k, i) => ({ ...at(t), ColumnName: k, KeySeq: i + 1, KeyName: `PK_${t.name}` })));
}

/** One foreign-key column: the referencing table and column, and what it references. */
interface ForeignKey {
  readonly table: CatalogTable;
  readonly column: string;
  readonly name: string;
  readonly referenced: CatalogTable;
  readonly referencedColumn: string;
}

/**
 * Foreign keys from navigation: a collection navigation (parent -> children) is a foreign key of the
 * child referencing the parent; a single-row navigation is a foreign key of this table referencing the
 * target. The columns come from the navigation's ReferentialConstraint; without one there is no key.
 */
function foreignKeys(catalog: Catalog): ForeignKey[] {
  const out: ForeignKey[] = [];
  for (const service of catalog.services) {
    for (const table of service.tables) {
      for (const nav of table.navigation) {
        const target = service.tables.find((t) => t.name === nav.target);
        if (!target) continue;
        for (const link of nav.columns ?? []) {
          out.push(nav.many
            ? { table: target, column: link.targetColumn, name: `FK_${target.name}_${table.name}`, referenced: table, referencedColumn: link.column }
            : { table, column: link.column, name: `FK_${table.name}_${nav.name}`, referenced: target, referencedColumn: link.targetColumn });
        }
      }
    }
  }
  return out;
}

function referenced(fk: ForeignKey): Row {
  return {
    PrimaryKeyName: `PK_${fk.referenced.name}`, ForeignKeyName: fk.name, ReferencedCatalogName: SYSTEM_CATALOG_NAME,
    ReferencedSchemaName: fk.referenced.service, ReferencedTableName: fk.referenced.name, ReferencedColumnName: fk.referencedColumn,
  };
}

export function foreignKeyRows(catalog: Catalog): Row[] {
  return foreignKeys(catalog).map((fk) => ({ ...at(fk.table), ColumnName: fk.column, ...referenced(fk), ForeignKeyType: 'FOREIGNKEY_TYPE_IMPORT' }));
}

/** Key columns (IsKey) and foreign-key columns (IsForeignKey, with what they reference), one row each. */
export function keyColumnRows(catalog: Catalog): Row[] {
  const fks = foreignKeys(catalog);
  const none = { PrimaryKeyName: null, ForeignKeyName: null, ReferencedCatalogName: null, ReferencedSchemaName: null, ReferencedTableName: null, ReferencedColumnName: null };
  const rows: Row[] = [];
  for (const t of tables(catalog)) {
    for (const k of t.keys) {
      const fk = fks.find((f) => f.table === t && f.column === k);
      rows.push({ ...at(t), ColumnName: k, IsKey: true, IsForeignKey: fk !== undefined, ...none, PrimaryKeyName: `PK_${t.name}`, ...(fk ? referenced(fk) : {}) });
    }
    for (const fk of fks.filter((f) => f.table === t && !t.keys.includes(f.column))) {
      rows.push({ ...at(t), ColumnName: fk.column, IsKey: false, IsForeignKey: true, ...referenced(fk) });
    }
  }
  return rows;
}

export function serviceRows(catalog: Catalog, config: Config): Row[] {
  return catalog.services.map((s) => ({
    Name: s.service,
    Url: serviceRoot(config, s.service),
    Kind: s.service.toLowerCase() === 'baqsvc' ? 'BAQ' : 'BO',
    Tables: s.tables.filter((t) => t.kind === 'table').length,
    Views: s.tables.filter((t) => t.kind === 'view').length,
    Methods: s.methods?.length ?? 0,
  }));
}
