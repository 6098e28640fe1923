import type { Kysely, DatabaseIntrospector, DatabaseMetadata, DatabaseMetadataOptions, SchemaMetadata, TableMetadata } from 'kysely';
import type { Connection } from '../index.ts';
import type { DialectConnection } from './dialect-connection.ts';

/**
 * kysely's introspector over the connection's catalog (no request: the catalog is the metadata the
 * connection loaded). Services are schemas; BAQs are views; column types are EDM type names.
 */
export class KineticIntrospector implements DatabaseIntrospector {
  readonly #db: DialectConnection;
  readonly #kysely: Kysely<object> | undefined;

  /** `kysely`: the instance it serves, so that an owned connection opens through its driver (and destroy() closes it). */
  constructor(db: DialectConnection, kysely?: Kysely<object>) {
    this.#db = db;
    this.#kysely = kysely;
  }

  async #connection(): Promise<Connection> {
    await this.#kysely?.connection().execute(async () => undefined);
    return this.#db.get();
  }

  async getSchemas(): Promise<SchemaMetadata[]> {
    return (await this.#connection()).catalog.services.map((s) => ({ name: s.service }));
  }

  async getTables(_options?: DatabaseMetadataOptions): Promise<TableMetadata[]> {
    return (await this.#connection()).catalog.services.flatMap((s) =>
      s.tables.map((t) => ({
        name: t.name,
        schema: s.service,
        isView: t.kind === 'view',
        columns: t.columns.map((c) => ({
          name: c.name,
          dataType: c.type,
          isNullable: c.nullable,
          // A key column Epicor assigns (read-only in the metadata, CustNum): what SCOPE_IDENTITY() answers.
          isAutoIncrementing: c.isKey && c.readOnly === true && /^Edm\.(S?Byte|Int16|Int32|Int64)$/.test(c.type),
          hasDefaultValue: false,
          ...(c.description === undefined ? {} : { comment: c.description }),
        })),
      })),
    );
  }

  async getMetadata(options?: DatabaseMetadataOptions): Promise<DatabaseMetadata> {
    return { tables: await this.getTables(options) };
  }
}
