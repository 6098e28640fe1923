import type { DatabaseConnection, Driver } from 'kysely';
import { KineticSqlError, type Connection } from '../index.ts';
import { KineticDatabaseConnection } from './kinetic-connection.ts';

/**
 * kysely's driver over one {@link Connection}: every kysely "connection" is that connection (it has no
 * per-session state and runs requests concurrently). Epicor's REST API has no transactions, so
 * `db.transaction()` is refused with `ESQL_UNSUPPORTED`. Destroying the Kysely instance leaves the
 * connection open: its owner closes it.
 */
export class KineticDriver implements Driver {
  readonly #connection: KineticDatabaseConnection;

  constructor(db: Connection) {
    this.#connection = new KineticDatabaseConnection(db);
  }

  async init(): Promise<void> {}

  async acquireConnection(): Promise<DatabaseConnection> {
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

  async destroy(): Promise<void> {}
}
