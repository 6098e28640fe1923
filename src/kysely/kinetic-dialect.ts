import { MssqlAdapter, type DatabaseIntrospector, type Dialect, type DialectAdapter, type Driver, type QueryCompiler } from 'kysely';
import type { Connection } from '../index.ts';
import { KineticDriver } from './kinetic-driver.ts';
import { KineticIntrospector } from './kinetic-introspector.ts';
import { KineticQueryCompiler } from './kinetic-query-compiler.ts';

/** The options of {@link KineticDialect}. */
export interface KineticDialectConfig {
  /** An open connection (from `connect()`); the caller closes it after `kysely.destroy()`. */
  readonly connection: Connection;
}

/**
 * A kysely dialect that runs kysely's queries on Epicor through this driver: kysely's SQL Server
 * compiler writes the SQL, and the connection plans and runs it (OData where it can, the local engine
 * for the rest). `stream()` reads page by page; transactions are refused (`ESQL_UNSUPPORTED`). Type the
 * database with the `DB` interface `kinetic-sql codegen` writes.
 *
 * @example
 * ```ts
 * import { Kysely } from 'kysely';
 * import { connect } from 'epicor-kinetic-sql';
 * import { KineticDialect } from 'epicor-kinetic-sql/kysely';
 * import type { DB } from './db-types.ts'; // kinetic-sql codegen --out db-types.ts
 *
 * const db = await connect(process.env.KINETIC_SQL_CONNECTION);
 * const kysely = new Kysely<DB>({ dialect: new KineticDialect({ connection: db }) });
 * const rows = await kysely.selectFrom('Customers').select(['CustID', 'Name']).where('State', '=', 'MN').execute();
 * await kysely.destroy();
 * await db.close();
 * ```
 */
export class KineticDialect implements Dialect {
  readonly #db: Connection;

  constructor(config: KineticDialectConfig) {
    this.#db = config.connection;
  }

  createDriver(): Driver {
    return new KineticDriver(this.#db);
  }

  createQueryCompiler(): QueryCompiler {
    return new KineticQueryCompiler(() => this.#db.catalog.services.map((s) => s.service));
  }

  createAdapter(): DialectAdapter {
    return new MssqlAdapter();
  }

  createIntrospector(): DatabaseIntrospector {
    return new KineticIntrospector(this.#db);
  }
}
