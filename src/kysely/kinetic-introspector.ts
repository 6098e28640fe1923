import type { DatabaseIntrospector, DatabaseMetadata, DatabaseMetadataOptions, SchemaMetadata, TableMetadata } from 'kysely';
import type { Connection } from '../index.ts';

/**
 * kysely's introspector over the connection's catalog (no request: the catalog is the metadata the
 * connection loaded). Services are schemas; BAQs are views; column types are EDM type names.
 */
export class KineticIntrospector implements DatabaseIntrospector {
  readonly #db: Connection;

  constructor(db: Connection) {
    this.#db = db;
  }

  async getSchemas(): Promise<SchemaMetadata[]> {
    return this.#db.catalog.services.map((s) => ({ name: s.service }));
  }

  async getTables(_options?: DatabaseMetadataOptions): Promise<TableMetadata[]> {
    return this.#db.catalog.services.flatMap((s) =>
      s.tables.map((t) => ({
        name: t.name,
        schema: s.service,
        isView: t.kind === 'view',
        columns: t.columns.map((c) => ({
          name: c.name,
          dataType: c.type,
          isNullable: c.nullable,
          isAutoIncrementing: false,
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
