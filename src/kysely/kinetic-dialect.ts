import { MssqlAdapter, type Kysely, type DatabaseIntrospector, type Dialect, type DialectAdapter, type Driver, type QueryCompiler } from 'kysely';
import { DialectConnection, type ConnectionSourceConfig } from './dialect-connection.ts';
import { KineticDriver } from './kinetic-driver.ts';
import { KineticIntrospector } from './kinetic-introspector.ts';
import { KineticQueryCompiler } from './kinetic-query-compiler.ts';

/**
 * The options of {@link KineticDialect}, one of:
 * - `connectionString` (a connection string or the options `connect()` takes), with `connectOptions`
 *   (`connect()`'s second argument): the dialect opens the connection on the first query and
 *   `kysely.destroy()` closes it;
 * - `connection`, an open connection (from `connect()`): `kysely.destroy()` leaves it open, its owner
 *   closes it;
 * - `connection`, a function that opens one (`() => connect(cs)`): called on the first query, and
 *   `kysely.destroy()` closes what it returned.
 */
export type KineticDialectConfig = ConnectionSourceConfig;

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
 * const kysely = new Kysely<DB>({ dialect: new KineticDialect({ connectionString: process.env.KINETIC_SQL_CONNECTION! }) });
 * const rows = await kysely.selectFrom('Customers').select(['CustID', 'Name']).where('State', '=', 'MN').execute();
 * await kysely.destroy(); // closes the connection the dialect opened
 *
 * // With a connection of your own, which destroy() leaves open:
 * const db = await connect(process.env.KINETIC_SQL_CONNECTION);
 * const shared = new Kysely<DB>({ dialect: new KineticDialect({ connection: db }) });
 * ```
 */
export class KineticDialect implements Dialect {
  readonly #db: DialectConnection;

  constructor(config: KineticDialectConfig) {
    this.#db = new DialectConnection(config);
  }

  createDriver(): Driver {
    return new KineticDriver(this.#db);
  }

  createQueryCompiler(): QueryCompiler {
    // Before the first query opens an owned connection, no service is known: a query naming a schema is
    // compiled again by the connection (KineticDatabaseConnection).
    return new KineticQueryCompiler(() => this.#db.current()?.catalog.services.map((s) => s.service));
  }

  createAdapter(): DialectAdapter {
    return new MssqlAdapter();
  }

  createIntrospector(kysely: Kysely<object>): DatabaseIntrospector {
    return new KineticIntrospector(this.#db, kysely);
  }
}
