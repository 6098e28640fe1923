import { resolveConfig, type ConnectionOptions } from './config/resolve.ts';
import { Connection } from './connection.ts';
import { CatalogSource } from './metadata/catalog-source.ts';
import { createLogger } from './config/logger.ts';
import { EpicorClient } from './epicor/client.ts';

/** Options of {@link connect} that are not connection properties. */
export interface ConnectOptions {
  /** Cancels connecting (the `$metadata` requests): `connect()` rejects with `EABORTED`. */
  readonly signal?: AbortSignal;
}

/**
 * Opens a connection: resolves the connection properties, then loads the catalog of every configured
 * service from the metadata cache or from `$metadata`. With no argument the connection string comes from
 * the `KINETIC_SQL_CONNECTION` environment variable.
 *
 * @example
 * ```ts
 * const db = await connect('URL=https://host;ERPInstance=Live;Service=Erp.BO.CustomerSvc;User=me;Password=secret;');
 * const db2 = await connect({ connectionString: process.env.EPICOR, ApiVersion: 'v2', Company: 'EPIC06' });
 * ```
 */
export async function connect(input?: string | ConnectionOptions, options: ConnectOptions = {}): Promise<Connection> {
  const config = resolveConfig(input);
  const log = createLogger(config);
  const client = new EpicorClient(config, { log });
  try {
    const catalogs = await CatalogSource.open(config, client, log, options.signal);
    return new Connection(config, client, catalogs, log);
  } catch (err) {
    await client.close();
    throw err;
  }
}
