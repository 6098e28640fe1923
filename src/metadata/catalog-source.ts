import type { Config } from '../config/types.ts';
import { signedInIdentity } from '../auth/identity.ts';
import { KineticPropertyError } from '../errors.ts';
import type { EpicorClient } from '../epicor/client.ts';
import { loadServiceCatalog } from '../epicor/load-catalog.ts';
import type { Logger as Log } from '../config/logger.ts';
import { metadataCacheKey } from './cache-key.ts';
import { openMetadataCache, type MetadataCache } from './metadata-cache.ts';
import type { Catalog, ServiceCatalog } from './catalog.ts';
import { applySchemaFilters } from './schema-filter.ts';

/**
 * The catalog of a connection's services: read from the metadata cache when a fresh entry exists,
 * otherwise fetched from `$metadata` and stored.
 */
export class CatalogSource {
  #services: ServiceCatalog[];
  #catalog: Catalog;
  readonly #config: Config;
  readonly #client: EpicorClient;
  readonly #cache: MetadataCache | undefined;

  private constructor(config: Config, client: EpicorClient, cache: MetadataCache | undefined, services: ServiceCatalog[]) {
    this.#config = config;
    this.#client = client;
    this.#cache = cache;
    this.#services = services;
    this.#catalog = { services: applySchemaFilters(services, config) };
  }

  /** Loads every configured service, in parallel, from the cache or from Epicor. */
  static async open(config: Config, client: EpicorClient, log: Log, signal?: AbortSignal): Promise<CatalogSource> {
    const cache = config.cacheMetadata ? await openMetadataCache(config.cacheLocation, { log }) : undefined;
    // The first service that fails fails the connection: stop the others' $metadata requests at once
    // rather than waiting for them.
    const failed = new AbortController();
    const both = signal ? AbortSignal.any([signal, failed.signal]) : failed.signal;
    try {
      const services = await Promise.all(
        config.services.map((s) => loadOne(config, client, cache, s, false, both).catch((err: unknown) => {
          failed.abort(err);
          throw err;
        })),
      );
      return new CatalogSource(config, client, cache, services);
    } catch (err) {
      cache?.close();
      throw err;
    }
  }

  get catalog(): Catalog {
    return this.#catalog;
  }

  /** Fetches `$metadata` again for one service (matched case-insensitively) or for all of them. */
  async refresh(service: string | undefined, signal?: AbortSignal): Promise<void> {
    const wanted = service?.toLowerCase();
    const targets = this.#config.services.filter((s) => wanted === undefined || s.toLowerCase() === wanted);
    if (targets.length === 0) {
      throw new KineticPropertyError('EPROPERTY', `REFRESH METADATA names "${service}", which is not in the connection's Service list (${this.#config.services.join(', ')}).`, { name: 'Service' });
    }
    const fresh = await Promise.all(targets.map((s) => loadOne(this.#config, this.#client, this.#cache, s, true, signal)));
    this.#services = this.#services.map((sc) => fresh.find((f) => f.service.toLowerCase() === sc.service.toLowerCase()) ?? sc);
    this.#catalog = { services: applySchemaFilters(this.#services, this.#config) };
  }

  close(): void {
    this.#cache?.close();
  }
}

function keyOf(config: Config, service: string) {
  return metadataCacheKey({
    url: config.url,
    erpInstance: config.erpInstance,
    apiVersion: config.apiVersion,
    company: config.company ?? '',
    service,
    identity: identityOf(config),
  });
}

// What a user may see depends on who they are: the cache key carries the user name or, for Azure AD, the
// signed-in user from the token's claims (tenant and object id), never a password or token. Two users of
// one Azure AD app therefore never share an entry.
function identityOf(config: Config): string {
  if (config.authScheme === 'AzureADOpenID') return signedInIdentity(config) ?? `aad-app:${config.oauthClientId ?? ''}`;
  return `user:${config.user ?? ''}`;
}

async function loadOne(config: Config, client: EpicorClient, cache: MetadataCache | undefined, service: string, force: boolean, signal?: AbortSignal): Promise<ServiceCatalog> {
  const key = keyOf(config, service);
  if (cache && !force) {
    const hit = await cache.get(key, { ttlSeconds: config.metadataTTL });
    if (hit) return hit;
  }
  const fresh = await loadServiceCatalog(client, config, service, signal);
  await cache?.put(key, fresh);
  return fresh;
}
