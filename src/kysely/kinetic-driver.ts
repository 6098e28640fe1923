import type { DatabaseConnection, Driver } from 'kysely';
import { KineticSqlError } from '../index.ts';
import { KineticDatabaseConnection } from './kinetic-connection.ts';
import type { DialectConnection } from './dialect-connection.ts';

/**
 * kysely's driver over one connection: every kysely "connection" is that connection (it has no
 * per-session state and runs requests concurrently). Epicor's REST API has no transactions, so
 * `db.transaction()` is refused with `ESQL_UNSUPPORTED`. `init()` opens the connection when the dialect
 * was given a connection string or a factory, and `destroy()` closes it then; a connection given open
 * stays open: its owner closes it.
 */
export class KineticDriver implements Driver {
  readonly #db: DialectConnection;
  #connection: KineticDatabaseConnection | undefined;

  constructor(db: DialectConnection) {
    this.#db = db;
  }

  async init(): Promise<void> {
    this.#connection = new KineticDatabaseConnection(await this.#db.get());
  }

  async acquireConnection(): Promise<DatabaseConnection> {
    this.#connection ??= new KineticDatabaseConnection(await this.#db.get());
    return this.#connection;
  }

  async beginTransaction(): Promise<void> {
    throw new KineticSqlError(
      'ESQL_UNSUPPORTED',
      "Transactions are not supported: Epicor's REST API has none, and this driver reads data. Run the queries without db.transaction().",
    );
  }

  async commitTransaction(): Promise<void> {
    await this.beginTransaction();
  }

  async rollbackTransaction(): Promise<void> {
    await this.beginTransaction();
  }

  async releaseConnection(): Promise<void> {}

  async destroy(): Promise<void> {
    this.#connection = undefined;
    await this.#db.close();
  }
}
