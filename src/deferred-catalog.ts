import { attachAuth } from './auth/connection-auth.ts';
import { noTokenError } from './auth/azure-ad-provider.ts';
import type { Auth } from './auth/create-auth.ts';
import { registerIdentity } from './auth/identity.ts';
import type { Config } from './config/types.ts';
import { CatalogSource } from './metadata/catalog-source.ts';
import type { Logger } from './config/logger.ts';
import type { EpicorClient } from './epicor/client.ts';
import type { Catalog } from './metadata/catalog.ts';

/** What a Connection asks of its catalog source. */
export type CatalogHolder = Pick<CatalogSource, 'catalog' | 'refresh' | 'close'>;

/**
 * The catalog of a connection opened without a token (AzureADOpenID, InitiateOAuth=OFF, no
 * OAuthAccessToken yet): nothing is loaded at connect(), so the OAuth procedures can run; reading the
 * catalog before a token exists throws `noToken()` (EAUTH, saying how to get one). Once a procedure has
 * obtained a token, `load()` fetches the metadata, and the connection works as any other.
 *
 * @example
 * ```ts
 * const catalogs = new DeferredCatalog(config, client, log, () => noTokenError());
 * await catalogs.load(); // after GetOAuthAccessToken
 * ```
 */
export class DeferredCatalog implements CatalogHolder {
  readonly #open: (signal?: AbortSignal) => Promise<CatalogSource>;
  readonly #noToken: () => Error;
  #source: CatalogSource | undefined;
  #failure: unknown;

  constructor(config: Config, client: EpicorClient, log: Logger, noToken: () => Error) {
    this.#open = (signal) => CatalogSource.open(config, client, log, signal);
    this.#noToken = noToken;
  }

  // EXEC compiles against the catalog without reading its services; a SELECT reads them while planning,
  // so the error comes from there (the statement text is parsed first: a syntax error is still reported).
  get catalog(): Catalog {
    if (this.#source) return this.#source.catalog;
    const failure = this.#failure ?? this.#noToken();
    return {
      get services(): never {
        throw failure;
      },
    };
  }

  /** Loads the metadata now that a token exists; a failure is kept and thrown by the next data request. */
  async load(signal?: AbortSignal): Promise<void> {
    if (this.#source) return;
    try {
      this.#source = await this.#open(signal);
      this.#failure = undefined;
    } catch (err) {
      this.#failure = err;
    }
  }

  async refresh(service: string | undefined, signal?: AbortSignal): Promise<void> {
    if (!this.#source) {
      this.#source = await this.#open(signal);
      return;
    }
    await this.#source.refresh(service, signal);
  }

  close(): void {
    this.#source?.close();
  }
}

/**
 * The catalog source of a new connection, with its auth wired in: for Azure AD the signed-in user keys
 * the metadata cache (so the token is obtained first: a REFRESH with nothing stored fails here, and
 * GETANDREFRESH signs in), and a connection with no token yet gets a {@link DeferredCatalog}. Closing
 * the source also closes the auth (msal's HTTP client).
 *
 * @example
 * ```ts
 * const catalogs = await openCatalogs(config, client, auth, log, signal);
 * ```
 */
export async function openCatalogs(config: Config, client: EpicorClient, auth: Auth, log: Logger, signal?: AbortSignal): Promise<CatalogHolder> {
  const azure = auth.azureAd;
  if (azure) {
    registerIdentity(config, () => azure.identity());
    if (!azure.canAuthorize) {
      const deferred = new DeferredCatalog(config, client, log, noTokenError);
      attachAuth(client, { auth, tokenObtained: () => deferred.load(signal) });
      return closingAuth(deferred, auth);
    }
    await azure.authorization();
  }
  const source = await CatalogSource.open(config, client, log, signal);
  attachAuth(client, { auth, tokenObtained: () => Promise.resolve() });
  return closingAuth(source, auth);
}

function closingAuth(inner: CatalogHolder, auth: Auth): CatalogHolder {
  return {
    get catalog() {
      return inner.catalog;
    },
    refresh: (service, signal) => inner.refresh(service, signal),
    close: () => {
      inner.close();
      void auth.close().catch(() => undefined);
    },
  };
}
