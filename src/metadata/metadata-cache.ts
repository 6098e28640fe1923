import { createHash } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import Database from 'better-sqlite3';
import type { ServiceCatalog } from './catalog.ts';
import { metadataCacheKey, metadataScope } from './cache-key.ts';
import type { MetadataCacheKey, MetadataScopeParts } from './cache-key.ts';
import { inspectCacheFile, prepareCacheFile, quarantineCacheFile, resolveCacheFile } from './cache-file.ts';
import { classifyCacheFailure, describeCacheFailure } from './cache-failure.ts';
import { prepareCacheSchema, refuseCacheFile } from './cache-schema.ts';
import { parseCachedCatalog } from './parse-cached-catalog.ts';

export interface MetadataCacheOptions {
  /** Receives one line per kind of problem (damaged, locked, unwritable...), at most once each. */
  readonly log?: (message: string) => void;
  /** Clock in ms since the epoch (tests inject one). Default `Date.now`. */
  readonly now?: () => number;
  /**
   * How long opening, a read or a write waits in all for another process's lock before giving up. Default
   * 2000 ms. The wait is asynchronous: SQLite itself waits at most {@link BUSY_STEP_MS} at a time (that
   * blocks the thread), and between tries the event loop runs.
   */
  readonly busyTimeoutMs?: number;
}

/** SQLite's own (synchronous, thread-blocking) busy timeout per try; the rest of the wait is async. */
export const BUSY_STEP_MS = 20;

/** What {@link MetadataCache.invalidate} clears: every service of a scope, or one service when given. */
export interface MetadataInvalidation extends MetadataScopeParts {
  readonly service?: string | undefined;
}

/** The persistent catalog cache. No method rejects: a cache that cannot work is disabled (always a miss). */
export interface MetadataCache {
  /** The cache file, after resolving a folder `CacheLocation` to the file inside it. */
  readonly file: string;
  /** False when the cache runs disabled: get resolves undefined, put and invalidate do nothing. */
  readonly enabled: boolean;
  /**
   * The catalog stored under `key` when younger than `ttlSeconds` and intact (its checksum and outline
   * hold); undefined on a miss, a stale or a corrupted entry.
   */
  get(key: MetadataCacheKey, options: { readonly ttlSeconds: number }): Promise<ServiceCatalog | undefined>;
  /** Stores (or replaces) the catalog under `key`, stamped now, in one transaction. True when stored. */
  put(key: MetadataCacheKey, catalog: ServiceCatalog): Promise<boolean>;
  /** Removes the entries of a scope (one service when `service` is given). Returns how many went. */
  invalidate(what: MetadataInvalidation): Promise<number>;
  /** Closes the file; later calls are misses and no-ops. Safe to call twice. */
  close(): void;
}

interface Statements {
  readonly get: Database.Statement<[string, string], { fetchedAt: number; catalog: string; checksum: string }>;
  readonly put: Database.Statement<[string, string, number, string, string]>;
  readonly dropScope: Database.Statement<[string]>;
  readonly dropService: Database.Statement<[string, string]>;
}

/**
 * Opens (creating when needed) the metadata cache file. Never rejects: a damaged file of ours is moved
 * aside and rebuilt, one whose tables are missing is repaired; a file that is not ours (a settings file,
 * a symbolic link, /dev/null, another application's database) is left untouched and, like a read-only,
 * newer or locked-forever file, gives a disabled cache; each problem is logged once through `options.log`.
 *
 * @example
 * ```ts
 * const cache = await openMetadataCache(config.cacheLocation, { log: (line) => logger.info(line) });
 * const key = metadataCacheKey({ url, erpInstance, apiVersion, company, identity: user, service });
 * let catalog = await cache.get(key, { ttlSeconds: config.metadataTTL });
 * if (!catalog) {
 *   catalog = await fetchServiceCatalog(service);
 *   await cache.put(key, catalog);
 * }
 * cache.close();
 * ```
 */
export async function openMetadataCache(location: string, options: MetadataCacheOptions = {}): Promise<MetadataCache> {
  const cache = new SqliteMetadataCache(location, options);
  await cache.open();
  return cache;
}

const checksumOf = (json: string): string => createHash('sha256').update(json).digest('hex');

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
  }

  get enabled(): boolean {
    return this.#statements !== undefined;
  }

  /** Opens the file, retrying (asynchronously) while another process holds it locked. */
  async open(): Promise<void> {
    const deadline = performance.now() + this.#busyTimeoutMs;
    for (let attempt = 0; ; attempt++) {
      const busy = this.#openOnce(performance.now() >= deadline);
      if (!busy) return;
      await sleep(retryDelay(attempt, deadline));
    }
  }

  async get(key: MetadataCacheKey, options: { readonly ttlSeconds: number }): Promise<ServiceCatalog | undefined> {
    const row = await this.#run('read', (s) => s.get.get(key.scope, key.service));
    if (!row) return undefined;
    const age = this.#now() - row.fetchedAt;
    // `!(age < ttl)` also treats a NaN TTL as stale; a negative age means the clock went back: refetch.
    if (age < 0 || !(age < options.ttlSeconds * 1000)) return undefined;
    const catalog = row.checksum === checksumOf(row.catalog) ? parseCachedCatalog(row.catalog) : undefined;
    if (!catalog) this.#logOnce('entry', 'an entry is corrupted (its checksum or outline does not hold); it will be fetched and replaced');
    return catalog;
  }

  async put(key: MetadataCacheKey, catalog: ServiceCatalog): Promise<boolean> {
    const json = JSON.stringify(catalog);
    const checksum = checksumOf(json);
    return (await this.#run('write', (s) => s.put.run(key.scope, key.service, this.#now(), json, checksum))) !== undefined;
  }

  async invalidate(what: MetadataInvalidation): Promise<number> {
    const scope = metadataScope(what);
    const service = what.service === undefined ? undefined : metadataCacheKey({ ...what, service: what.service }).service;
    const result = await this.#run('write', (s) => (service === undefined ? s.dropScope.run(scope) : s.dropService.run(scope, service)));
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

  /** One try at opening; true when another process's lock stopped it and `last` is false (try again). */
  #openOnce(last: boolean): boolean {
    try {
      const owner = inspectCacheFile(this.file);
      if (owner.kind === 'foreign') {
        this.#disable(`${owner.reason}, so it is not a metadata cache of epicor-kinetic-sql; it is left untouched. Set CacheLocation to another file or to a folder`);
        return false;
      }
      if (owner.kind === 'sqlite') {
        // Not marked as ours: look at it through a read-only handle first, so that another application's
        // database is never opened for writing.
        const refusal = readOnlyRefusal(this.file, Math.min(BUSY_STEP_MS, this.#busyTimeoutMs));
        if (refusal) {
          this.#disable(refusal);
          return false;
        }
      }
      prepareCacheFile(this.file);
      const db = new Database(this.file, { fileMustExist: true, timeout: Math.min(BUSY_STEP_MS, this.#busyTimeoutMs) });
      this.#db = db;
      const refusal = refuseCacheFile(db);
      if (refusal) {
        this.#disable(refusal.message);
        return false;
      }
      db.pragma('journal_mode = WAL');
      db.pragma('synchronous = NORMAL');
      const outcome = prepareCacheSchema(db);
      if (outcome.kind !== 'ready') {
        this.#disable(outcome.message);
        return false;
      }
      if (outcome.rebuiltFrom !== undefined) {
        this.#logOnce('rebuilt', `cache schema version ${outcome.rebuiltFrom} is not readable by this version; the cache was rebuilt`);
      }
      if (outcome.repaired) this.#logOnce('repaired', 'the cache tables were missing or altered; they were created again');
      this.#statements = prepare(db);
      return false;
    } catch (err) {
      if (classifyCacheFailure(err) === 'busy' && !last) {
        this.close();
        return true;
      }
      this.#recover(err, 'open');
      return false;
    }
  }

  /**
   * Runs a statement; while another process holds the lock, tries again after an asynchronous pause until
   * the busy timeout; on other failures recovers and, when the file was rebuilt, tries once more.
   */
  async #run<T>(what: 'read' | 'write', action: (s: Statements) => T): Promise<T | undefined> {
    const deadline = performance.now() + this.#busyTimeoutMs;
    let rebuilt = false;
    for (let attempt = 0; ; attempt++) {
      const statements = this.#statements;
      if (!statements) return undefined;
      try {
        return action(statements);
      } catch (err) {
        if (classifyCacheFailure(err) === 'busy' && performance.now() < deadline) {
          await sleep(retryDelay(attempt, deadline));
          continue;
        }
        if (rebuilt || !this.#recover(err, what)) return undefined;
        rebuilt = true;
      }
    }
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
      this.#disable(`the cache file is damaged (${reason}) and was left as it is (${describeCacheFailure(err)})`);
      return false;
    }
    this.#openOnce(true);
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

/** Why a SQLite file not marked as ours must be left alone, read through a read-only handle; undefined when it may be used. */
function readOnlyRefusal(file: string, timeout: number): string | undefined {
  const db = new Database(file, { readonly: true, fileMustExist: true, timeout });
  try {
    return refuseCacheFile(db)?.message;
  } finally {
    db.close();
  }
}

/** Pause before the next try while the file is locked: 5, 10, 20... ms, at most 100 ms, never past the deadline. */
function retryDelay(attempt: number, deadline: number): number {
  return Math.max(1, Math.min(100, 5 * 2 ** attempt, deadline - performance.now()));
}

function prepare(db: Database.Database): Statements {
  return {
    get: db.prepare('SELECT fetched_at AS fetchedAt, catalog, checksum FROM catalog_entry WHERE scope = ? AND service = ?'),
    put: db.prepare(
      `INSERT INTO catalog_entry (scope, service, fetched_at, catalog, checksum) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (scope, service) DO UPDATE SET fetched_at = excluded.fetched_at, catalog = excluded.catalog, checksum = excluded.checksum`,
    ),
    dropScope: db.prepare('DELETE FROM catalog_entry WHERE scope = ?'),
    dropService: db.prepare('DELETE FROM catalog_entry WHERE scope = ? AND service = ?'),
  };
}
