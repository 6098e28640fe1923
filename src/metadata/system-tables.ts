/**
 * The system tables (`sys_tables`, `sys_tablecolumns`, ...) and the `Services` view, as catalog tables of
 * the pseudo-service `sys`: the planner resolves them like any table, and the engine fills them from what
 * the connection already holds (catalog, properties, procedures), never from a request. See
 * docs/system-tables.md.
 */
import type { CatalogColumn, CatalogTable, EdmType, ServiceCatalog } from './catalog.ts';

/** The service (and schema) name of the system tables: `[sys].[sys_tables]` names one unambiguously. */
export const SYSTEM_SERVICE = 'sys';

/** The catalog name every table reports (CatalogName in the system tables). */
export const SYSTEM_CATALOG_NAME = 'EpicorKinetic';

/** The names of the system tables and views, as the planner and the engine know them. */
export type SystemTableName =
  | 'sys_catalogs' | 'sys_schemas' | 'sys_tables' | 'sys_tablecolumns' | 'sys_procedures' | 'sys_procedureparameters'
  | 'sys_keycolumns' | 'sys_primarykeys' | 'sys_foreignkeys' | 'sys_connection_props' | 'sys_sqlinfo' | 'sys_identity'
  | 'Services';

type Spec = readonly (readonly [name: string, type: EdmType, description: string])[];

const S = 'Edm.String';
const I = 'Edm.Int32';
const B = 'Edm.Boolean';

const CATALOG: Spec = [['CatalogName', S, 'The catalog: always EpicorKinetic.']];
const SCHEMA: Spec = [...CATALOG, ['SchemaName', S, 'The schema: the service (Erp.BO.CustomerSvc, BaqSvc); sys for the driver\'s own procedures.']];
const TABLE: Spec = [...SCHEMA, ['TableName', S, 'The table or view.']];
const PROCEDURE: Spec = [...SCHEMA, ['ProcedureName', S, 'The procedure, as EXEC names it.']];
const REFERENCED: Spec = [
  ['PrimaryKeyName', S, 'Name of the referenced primary key (PK_{Table}).'],
  ['ForeignKeyName', S, 'Name of the foreign key (FK_{Table}_{Navigation}).'],
  ['ReferencedCatalogName', S, 'Catalog of the referenced table.'],
  ['ReferencedSchemaName', S, 'Schema (service) of the referenced table.'],
  ['ReferencedTableName', S, 'The referenced table.'],
  ['ReferencedColumnName', S, 'The referenced column.'],
];
const TYPED: Spec = [
  ['DataTypeName', S, 'SQL type name (string, int, bigint, decimal, double, bool, datetime, date, time, guid, binary).'],
  ['DataType', I, 'JDBC type code of the type (12 VARCHAR, 4 INTEGER, 3 DECIMAL, 93 TIMESTAMP, ...).'],
  ['Length', I, 'Maximum length of a string (MaxLength), else null.'],
  ['NumericPrecision', I, 'Digits of a decimal (Precision), else null.'],
  ['NumericScale', I, 'Digits after the point of a decimal (Scale), else null.'],
  ['IsNullable', B, 'Whether the value may be null.'],
];

const SPECS: Readonly<Record<SystemTableName, { readonly description: string; readonly spec: Spec; readonly view?: boolean }>> = {
  sys_catalogs: { description: 'The catalogs: one, EpicorKinetic.', spec: CATALOG },
  sys_schemas: { description: 'The schemas: one per configured service.', spec: SCHEMA },
  sys_tables: {
    description: 'Every table (entity set) and view (BAQ) of the configured services.',
    spec: [...TABLE, ['TableType', S, 'TABLE or VIEW.'], ['Description', S, 'What the table holds.'], ['IsUpdateable', B, 'Whether the table takes INSERT, UPDATE and DELETE.']],
  },
  sys_tablecolumns: {
    description: 'Every column of every table and view.',
    spec: [...TABLE, ['ColumnName', S, 'The column.'], ...TYPED.slice(0, 5), ['IsNullable', B, 'Whether the column may be null.'],
      ['Description', S, 'What the column holds.'], ['Ordinal', I, 'Position of the column in its table, from 1.'],
      ['IsReadOnly', B, 'Whether the column cannot be written.'], ['IsKey', B, 'Whether the column is part of the key.']],
  },
  sys_procedures: {
    description: 'Every procedure EXEC runs: the OAuth procedures and the custom methods of the configured services.',
    spec: [...PROCEDURE, ['Description', S, 'What the procedure does.'], ['ProcedureType', S, 'STOREDPROCEDURE.'], ['IsReadOnly', B, 'Whether the procedure changes nothing (Readonly=true allows only these).']],
  },
  sys_procedureparameters: {
    description: 'The parameters (Direction 1) and result columns (Direction 4) of every procedure.',
    spec: [...PROCEDURE, ['ColumnName', S, 'The parameter or result column.'], ['Direction', I, '1 for an input parameter, 4 for a result column.'],
      ...TYPED, ['IsRequired', B, 'Whether EXEC must give the parameter.'], ['Description', S, 'What the parameter means.'], ['Ordinal', I, 'Position, from 1.']],
  },
  sys_keycolumns: {
    description: 'Key columns and foreign-key columns of every table.',
    spec: [...TABLE, ['ColumnName', S, 'The column.'], ['IsKey', B, 'Part of the primary key.'], ['IsForeignKey', B, 'Part of a foreign key.'], ...REFERENCED],
  },
  sys_primarykeys: {
    description: 'The primary key columns of every table, in key order.',
    spec: [...TABLE, ['ColumnName', S, 'The key column.'], ['KeySeq', I, 'Position in the key, from 1.'], ['KeyName', S, 'Name of the key (PK_{Table}).']],
  },
  sys_foreignkeys: {
    description: 'Foreign keys, from the navigation properties of $metadata (a parent-to-children navigation is a foreign key of the child).',
    spec: [...TABLE, ['ColumnName', S, 'The referencing column.'], ...REFERENCED, ['ForeignKeyType', S, 'FOREIGNKEY_TYPE_IMPORT.']],
  },
  sys_connection_props: {
    description: 'Every connection property, with its value on this connection (secrets masked).',
    spec: [['Name', S, 'The property.'], ['ShortDescription', S, 'What it does.'], ['Type', S, 'string, int, bool, enum, url or path.'],
      ['Values', S, 'Allowed values of an enum, comma-separated.'], ['Default', S, 'The default.'], ['Category', S, 'Its group in docs/properties.md.'],
      ['Required', B, 'Whether every connection must set it.'], ['Value', S, 'Its value on this connection; ******** for a secret that is set.']],
  },
  sys_sqlinfo: { description: 'What the driver and its SQL can do.', spec: [['NAME', S, 'The capability.'], ['VALUE', S, 'Its value.']] },
  sys_identity: {
    description: "The rows this connection's last INSERT created.",
    spec: [['Id', S, 'The generated key of the row: its last key column (CustNum, OrderNum).'], ['TableName', S, 'The table written.'],
      ['ColumnName', S, 'The key column Id comes from.'], ['Keys', S, 'Every key column of the row, as JSON.'], ['Batch', I, 'Position of the row in the INSERT, from 1.'],
      ['Operation', S, 'INSERTED.'], ['Message', S, 'SUCCESS.']],
  },
  Services: {
    description: 'The configured services: one row each.',
    view: true,
    spec: [['Name', S, 'The service.'], ['Url', S, 'Its root URL on this connection.'], ['Kind', S, 'BO (entity sets) or BAQ.'],
      ['Tables', I, 'Entity sets it exposes.'], ['Views', I, 'BAQs it exposes.'], ['Methods', I, 'Custom methods its $metadata advertises.']],
  },
};

function columnsOf(spec: Spec): CatalogColumn[] {
  return spec.map(([name, type, description]) => ({ name, type, nullable: true, description, isKey: false }));
}

/** The system tables and the Services view, as catalog tables of the `sys` service. */
export const SYSTEM_TABLES: readonly CatalogTable[] = Object.freeze(
  (Object.keys(SPECS) as SystemTableName[]).map((name): CatalogTable => {
    const { description, spec, view } = SPECS[name];
    return Object.freeze({ name, service: SYSTEM_SERVICE, kind: view ? 'view' : 'table', entityType: name, columns: columnsOf(spec), keys: [], navigation: [], parameters: [], description });
  }),
);

/** The `sys` service, as a service catalog (what sys_schemas and the resolver see). */
export const SYSTEM_CATALOG: ServiceCatalog = Object.freeze({ service: SYSTEM_SERVICE, tables: SYSTEM_TABLES });

/**
 * Whether a catalog table is a system table (or the Services view), whose rows the engine makes.
 *
 * @example
 * ```ts
 * isSystemTable(resolveTable({ kind: 'table', name: 'sys_tables' }, catalog)); // true
 * ```
 */
export function isSystemTable(table: CatalogTable): table is CatalogTable & { readonly name: SystemTableName } {
  return table.service === SYSTEM_SERVICE && SYSTEM_TABLES.includes(table);
}
