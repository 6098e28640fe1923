import { KineticSqlError } from '../../errors.ts';
import type { SystemTableName } from '../../metadata/system-tables.ts';
import type { ExecContext } from '../remote.ts';
import { catalogRows, columnRows, foreignKeyRows, keyColumnRows, primaryKeyRows, schemaRows, serviceRows, tableRows } from './catalog-rows.ts';
import { connectionPropRows, identityRows, procedureParameterRows, procedureRows, sqlInfoRows } from './connection-rows.ts';
import type { SystemSources } from './system-sources.ts';

type Rows = (sources: SystemSources, ctx: ExecContext) => Record<string, unknown>[];

// Typed by the table names: a system table without rows does not compile.
const ROWS: Readonly<Record<SystemTableName, Rows>> = {
  sys_catalogs: () => catalogRows(),
  sys_schemas: (s) => schemaRows(s.catalog),
  sys_tables: (s) => tableRows(s.catalog),
  sys_tablecolumns: (s) => columnRows(s.catalog),
  sys_procedures: (s) => procedureRows(s.procedures()),
  sys_procedureparameters: (s) => procedureParameterRows(s.procedures()),
  sys_keycolumns: (s) => keyColumnRows(s.catalog),
  sys_primarykeys: (s) => primaryKeyRows(s.catalog),
  sys_foreignkeys: (s) => foreignKeyRows(s.catalog),
  sys_connection_props: (_s, ctx) => connectionPropRows(ctx.config),
  sys_sqlinfo: (_s, ctx) => sqlInfoRows(ctx.config),
  sys_identity: (_s, ctx) => identityRows(ctx.identities),
  Services: (s, ctx) => serviceRows(s.catalog, ctx.config),
};

/**
 * The rows of a system table, as objects keyed by column name, from what the connection holds (no request).
 *
 * @example
 * ```ts
 * systemRows('sys_tables', ctx).map((r) => r.TableName); // ['Customers', 'ShipToes', ..., 'sys_tables', ...]
 * ```
 */
export function systemRows(table: SystemTableName, ctx: ExecContext): Record<string, unknown>[] {
  if (!ctx.system) throw new KineticSqlError('ESQL_UNSUPPORTED', `The system table ${table} is read through a connection: open one with connect().`);
  return ROWS[table](ctx.system, ctx);
}
