/**
 * epicor-kinetic-sql: query Epicor Kinetic with SQL.
 *
 * @example
 * ```ts
 * import { connect } from 'epicor-kinetic-sql';
 * await using db = await connect(process.env.KINETIC_SQL_CONNECTION);
 * const { rows } = await db.query('SELECT TOP 10 CustID, Name FROM Customers ORDER BY Name');
 * ```
 */
export { connect, type ConnectOptions } from './connect.ts';
export type { ConnectionOptions } from './config/resolve.ts';
export type { Config, ApiVersion, AuthScheme, InitiateOAuth } from './config/types.ts';
export { PROPERTIES, type PropertyDefinition } from './config/catalog.ts';
export {
  type Connection,
  type QueryOptions,
  type ArrayRowOptions,
  type QueryResult,
  type ExecuteResult,
  type Explain,
  type Row,
} from './connection.ts';
export {
  KineticError,
  KineticHttpError,
  KineticSqlError,
  KineticPropertyError,
  KineticConnectionError,
  KineticProcedureError,
  KineticOAuthError,
  ERROR_CODES,
  type KineticErrorCode,
  type KineticErrorOptions,
  type WriteRow,
} from './errors.ts';
export type { Params, ResultColumn } from './plan/types.ts';
export type {
  Catalog,
  ServiceCatalog,
  CatalogTable,
  CatalogColumn,
  CatalogNavigation,
  CatalogParameter,
  EdmType,
} from './metadata/catalog.ts';
