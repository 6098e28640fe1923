import Database from 'better-sqlite3';
import type { ServiceCatalog } from './catalog.ts';
import { metadataCacheKey, metadataScope } from './cache-key.ts';
import type { MetadataCacheKey, MetadataScopeParts } from './cache-key.ts';
import { prepareCacheFile, quarantineCacheFile, resolveCacheFile } from './cache-file.ts';
import { classifyCacheFailure, describeCacheFailure } from './cache-failure.ts';
import { prepareCacheSchema, refuseCacheFile } from './cache-schema.ts';
import { parseCachedCatalog } from './parse-cached-catalog.ts';

export interface MetadataCacheOptions {
  /** Receives one line per kind of problem (damaged, locked, unwritable...), at most once each. */
  readonly log?: (message: string) => void;
  /** Clock in ms since the epoch (tests inject one). Default `Date.now`. */
  readonly now?: () => number;
  /** How long a read or write waits for another process's lock before giving up. Default 2000 ms. */
  readonly busyTimeoutMs?: number;
}

/** What {@link MetadataCache.invalidate} clears: every service of a scope, or one service when given. */
export interface MetadataInvalidation extends MetadataScopeParts {
  readonly service?: string | undefined;
}

/** The persistent catalog cache. No method throws: a cache that cannot work is disabled (always a miss). */
export interface MetadataCache {
  /** The cache file, after resolving a folder `CacheLocation` to the file inside it. */
  readonly file: string;
  /** False when the cache runs disabled: get returns undefined, put and invalidate do nothing. */
  readonly enabled: boolean;
  /** The catalog stored under `key` when younger than `ttlSeconds`; undefined on a miss or a stale entry. */
  get(key: MetadataCacheKey, options: { readonly ttlSeconds: number }): ServiceCatalog | undefined;
  /** Stores (or replaces) the catalog under `key`, stamped now, in one transaction. True when stored. */
  put(key: MetadataCacheKey, catalog: ServiceCatalog): boolean;
  /** Removes the entries of a scope (one service when `service` is given). Returns how many went. */
  invalidate(what: MetadataInvalidation): number;
  /** Closes the file; later calls are misses and no-ops. Safe to call twice. */
  close(): void;
}

interface Statements {
  readonly get: Database.Statement<[string, string], { fetchedAt: number; catalog: string }>;
  readonly put: Database.Statement<[string, string, number, string]>;
  readonly dropScope: Database.Statement<[string]>;
  readonly dropService: Database.Statement<[string, string]>;
}

/**
 * Opens (creating when needed) the metadata cache file. Never throws: a damaged file is moved aside and
 * rebuilt; a read-only, foreign, newer or locked-forever file gives a disabled cache; each problem is
 * logged once through `options.log`.
 *
 * @example
 * ```ts
 * const cache = openMetadataCache(config.cacheLocation, { log: (line) => logger.info(line) });
 * const key = metadataCacheKey({ url, erpInstance, apiVersion, company, identity: user, service });
 * let catalog = cache.get(key, { ttlSeconds: config.metadataTTL });
 * if (!catalog) {
 *   catalog = await fetchServiceCatalog(service);
 *   cache.put(key, catalog);
 * }
 * cache.close();
 * ```
 */
export function openMetadataCache(location: string, options: MetadataCacheOptions = {}): MetadataCache {
  return new SqliteMetadataCache(location, options);
}

class SqliteMetadataCache implements MetadataCache {
  readonly file: string;
  readonly #log: (message: string) => void;
  readonly #now: () => number;
  readonly #busyTimeoutMs: number;
  readonly #logged = new Set<string>();
  #db: Database.Database | undefined;
  #statements: Statements | undefined;
  #rebuilt = false;

  constructor(location: string, options: MetadataCacheOptions) {
    this.file = resolveCacheFile(location);
    this.#log = options.log ?? (() => {});
    this.#now = options.now ?? Date.now;
    this.#busyTimeoutMs = options.busyTimeoutMs ?? 2000;
    this.#open();
  }

  get enabled(): boolean {
    return this.#statements !== undefined;
  }

  get(key: MetadataCacheKey, options: { readonly ttlSeconds: number }): ServiceCatalog | undefined {
    const row = this.#run('read', (s) => s.get.get(key.scope, key.service));
    if (!row) return undefined;
    const age = this.#now() - row.fetchedAt;
    // `!(age < ttl)` also treats a NaN TTL as stale; a negative age means the clock went back: refetch.
    if (age < 0 || !(age < options.ttlSeconds * 1000)) return undefined;
    const catalog = parseCachedCatalog(row.catalog);
    if (!catalog) this.#logOnce('entry', 'an entry could not be read; it will be fetched and replaced');
    return catalog;
  }

  put(key: MetadataCacheKey, catalog: ServiceCatalog): boolean {
    const json = JSON.stringify(catalog);
    return this.#run('write', (s) => s.put.run(key.scope, key.service, this.#now(), json)) !== undefined;
  }

  invalidate(what: MetadataInvalidation): number {
    const scope = metadataScope(what);
    const service = what.service === undefined ? undefined : metadataCacheKey({ ...what, service: what.service }).service;
    const result = this.#run('write', (s) => (service === undefined ? s.dropScope.run(scope) : s.dropService.run(scope, service)));
    return result?.changes ?? 0;
  }

  close(): void {
    this.#statements = undefined;
    const db = this.#db;
    this.#db = undefined;
    try {
      db?.close();
    } catch {
      // Closing a handle whose file vanished can fail; there is nothing left to release.
    }
  }

  #open(): void {
    try {
      prepareCacheFile(this.file);
      const db = new Database(this.file, { fileMustExist: true, timeout: this.#busyTimeoutMs });
      this.#db = db;
      const refusal = refuseCacheFile(db);
      if (refusal) return this.#disable(refusal.message);
      db.pragma('journal_mode = WAL');
      db.pragma('synchronous = NORMAL');
      const outcome = prepareCacheSchema(db);
      if (outcome.kind !== 'ready') return this.#disable(outcome.message);
      if (outcome.rebuiltFrom !== undefined) {
        this.#logOnce('rebuilt', `cache schema version ${outcome.rebuiltFrom} is not readable by this version; the cache was rebuilt`);
      }
      this.#statements = prepare(db);
    } catch (err) {
      this.#recover(err, 'open');
    }
  }

  /** Runs a statement; on failure recovers and, when the file was rebuilt, tries once more. */
  #run<T>(what: 'read' | 'write', action: (s: Statements) => T): T | undefined {
    for (let attempt = 0; attempt < 2; attempt++) {
      const statements = this.#statements;
      if (!statements) return undefined;
      try {
        return action(statements);
      } catch (err) {
        if (!this.#recover(err, what)) return undefined;
      }
    }
    return undefined;
  }

  /** Handles a failure; true when the file was rebuilt and the action may be retried. */
  #recover(err: unknown, during: 'open' | 'read' | 'write'): boolean {
    const kind = classifyCacheFailure(err);
    const reason = describeCacheFailure(err);
    if (kind === 'busy' && during !== 'open') {
      const skipped = during === 'read' ? 'reads are misses' : 'writes are skipped';
      this.#logOnce('busy', `another process holds the cache file locked (${reason}); while it does, ${skipped}`);
      return false;
    }
    if (kind === 'damaged' && !this.#rebuilt) return this.#rebuild(reason);
    this.#disable(kind === 'unwritable' ? `the cache file or its folder is not writable (${reason})` : reason);
    return false;
  }

  #rebuild(reason: string): boolean {
    this.#rebuilt = true;
    this.close();
    try {
      const aside = quarantineCacheFile(this.file);
      this.#logOnce('damaged', `the cache file was damaged (${reason}); moved it to ${aside} and started a new one`);
    } catch (err) {
      this.#disable(`the cache file is damaged (${reason}) and could not be moved aside (${describeCacheFailure(err)})`);
      return false;
    }
    this.#open();
    return this.enabled;
  }

  #disable(reason: string): void {
    this.close();
    this.#logOnce('disabled', `metadata is fetched without the cache for this connection: ${reason}`);
  }

  #logOnce(kind: string, message: string): void {
    if (this.#logged.has(kind)) return;
    this.#logged.add(kind);
    try {
      this.#log(`metadata cache ${this.file}: ${message}`);
    } catch {
      // A failing logger must not make the cache throw.
    }
  }
}

function prepare(db: Database.Database): Statements {
  return {
    get: db.prepare('SELECT fetched_at AS fetchedAt, catalog FROM catalog_entry WHERE scope = ? AND service = ?'),
    put: db.prepare(
      `INSERT INTO catalog_entry (scope, service, fetched_at, catalog) VALUES (?, ?, ?, ?)
       ON CONFLICT (scope, service) DO UPDATE SET fetched_at = excluded.fetched_at, catalog = excluded.catalog`,
    ),
    dropScope: db.prepare('DELETE FROM catalog_entry WHERE scope = ?'),
    dropService: db.prepare('DELETE FROM catalog_entry WHERE scope = ? AND service = ?'),
  };
}
