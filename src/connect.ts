import { createAuth } from './auth/create-auth.ts';
import type { BrowserOpener } from './auth/open-browser.ts';
import { resolveConfig, type ConnectionOptions } from './config/resolve.ts';
import { Connection } from './connection.ts';
import { openCatalogs } from './deferred-catalog.ts';
import { createLogger } from './config/logger.ts';
import { EpicorClient } from './epicor/client.ts';

/** Options of {@link connect} that are not connection properties. */
export interface ConnectOptions {
  /** Cancels connecting (the `$metadata` requests): `connect()` rejects with `EABORTED`. */
  readonly signal?: AbortSignal;
  /**
   * InitiateOAuth=GETANDREFRESH: shows the sign-in URL instead of opening the system browser (an app
   * that shows the URL its own way, or a test driving a browser). Return false to have the URL printed.
   */
  readonly openBrowser?: BrowserOpener;
  /** How long the browser sign-in waits for the user, in milliseconds; default 300000 (5 minutes). */
  readonly signInTimeoutMs?: number;
}

/**
 * Opens a connection: resolves the connection properties, then loads the catalog of every configured
 * service from the metadata cache or from `$metadata`. With no argument the connection string comes from
 * the `KINETIC_SQL_CONNECTION` environment variable. An AzureADOpenID connection with no token yet
 * (InitiateOAuth=OFF, OAuthClientId set) opens without metadata so that the OAuth procedures can run.
 *
 * @example
 * ```ts
 * const db = await connect('URL=https://host;ERPInstance=Live;Service=Erp.BO.CustomerSvc;User=me;Password=secret;');
 * const db2 = await connect({ connectionString: process.env.EPICOR, ApiVersion: 'v2', Company: 'EPIC06' });
 * const desktop = await connect(azureCs, { openBrowser: (url) => console.log(`Sign in at ${url}`) });
 * ```
 */
export async function connect(input?: string | ConnectionOptions, options: ConnectOptions = {}): Promise<Connection> {
  const config = resolveConfig(input);
  const log = createLogger(config);
  let client: EpicorClient | undefined;
  const auth = createAuth(config, {
    requestToken: () => client!.requestToken(),
    log,
    ...(options.openBrowser ? { openBrowser: options.openBrowser } : {}),
    ...(options.signInTimeoutMs ? { signInTimeoutMs: options.signInTimeoutMs } : {}),
  });
  client = new EpicorClient(config, { log, auth: auth.provider });
  try {
    const catalogs = await openCatalogs(config, client, auth, log, options.signal);
    // The Connection reads only catalog/refresh/close of its source (CatalogHolder).
    return new Connection(config, client, catalogs, log);
  } catch (err) {
    await client.close();
    await auth.close();
    throw err;
  }
}
