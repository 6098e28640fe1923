import type Database from 'better-sqlite3';

/**
 * Version of the cache file layout, kept in `PRAGMA user_version`. Bump it when the layout or the meaning
 * of the stored JSON changes, and add a step to {@link MIGRATIONS} when old entries can be kept.
 */
export const CACHE_SCHEMA_VERSION = 2;
// 2: entries carry a checksum (a version-1 file is migrated; its entries, without one, are fetched
// again), and a ServiceCatalog also holds the custom methods $metadata advertises and navigation columns.

/** `PRAGMA application_id` of our cache files ('EKSQ'): a SQLite file with another id is not ours. */
export const CACHE_APPLICATION_ID = 0x454b5351;

/** Every table name any version of the cache ever created: rebuilding drops these and nothing else. */
const OWN_TABLES = ['catalog_entry'] as const;

/** The columns of the current layout: a file of ours without them (a table dropped or altered) is repaired. */
const CURRENT_COLUMNS: Readonly<Record<string, readonly string[]>> = {
  catalog_entry: ['scope', 'service', 'fetched_at', 'catalog', 'checksum'],
};

/**
 * Upgrade steps: `MIGRATIONS[n]` turns a version-n file into version n+1 in place. A version without a
 * complete chain of steps is rebuilt (its entries dropped): the cache is disposable, a misread is not.
 */
const MIGRATIONS: Readonly<Record<number, (db: Database.Database) => void>> = {
  // 1 -> 2: a SHA-256 checksum per entry. Old entries get none, so each is a miss once and is replaced.
  1: (db) => db.exec("ALTER TABLE catalog_entry ADD COLUMN checksum TEXT NOT NULL DEFAULT ''"),
};

const CREATE_TABLES = `
  CREATE TABLE catalog_entry (
    scope      TEXT    NOT NULL,  -- SHA-256 of URL, ERP instance, API version, company, identity
    service    TEXT    NOT NULL,  -- service name as configured
    fetched_at INTEGER NOT NULL,  -- when $metadata was fetched, ms since the epoch
    catalog    TEXT    NOT NULL,  -- the ServiceCatalog as JSON
    checksum   TEXT    NOT NULL,  -- SHA-256 (hex) of catalog: a changed or corrupted entry is a miss
    PRIMARY KEY (scope, service)
  );`;

/** The outcome of {@link prepareCacheSchema}: ready, or why the file must be left alone. */
export type SchemaOutcome =
  | { readonly kind: 'ready'; readonly rebuiltFrom?: number; readonly repaired?: true }
  | { readonly kind: 'foreign' | 'newer'; readonly message: string };

/**
 * Makes the file's layout current, in one IMMEDIATE transaction so that processes opening a new file at
 * the same time create it once. A SQLite file of another application is never touched; a file written by
 * a newer version is left alone (this connection runs without a cache). Call {@link refuseCacheFile}
 * first, before anything (such as `journal_mode`) writes to the file.
 *
 * @example
 * ```ts
 * const outcome = prepareCacheSchema(new Database(file));
 * if (outcome.kind !== 'ready') log(outcome.message);
 * ```
 */
export function prepareCacheSchema(db: Database.Database): SchemaOutcome {
  // Cheap check outside the transaction: an up-to-date file (the usual case) takes no write lock.
  if (isCurrent(db)) return { kind: 'ready' };
  return db.transaction(() => refuseCacheFile(db) ?? upgrade(db)).immediate();
}

/**
 * Reads (never writes) whether the file must be left alone: another application's database, or a cache
 * written by a newer version of the package. Undefined when the file is ours or empty.
 *
 * @example
 * ```ts
 * const refusal = refuseCacheFile(db);
 * if (refusal) log(refusal.message);
 * ```
 */
export function refuseCacheFile(db: Database.Database): Exclude<SchemaOutcome, { kind: 'ready' }> | undefined {
  const version = readVersion(db);
  const appId = readAppId(db);
  const tables = listTables(db);
  const ours = appId === CACHE_APPLICATION_ID || (appId === 0 && tables.some((t) => isOwnTable(t)));
  if (!ours && (appId !== 0 || tables.length > 0)) {
    return { kind: 'foreign', message: 'the file is a SQLite database of another application; it is left untouched' };
  }
  if (version > CACHE_SCHEMA_VERSION) {
    return { kind: 'newer', message: `the file has cache schema version ${version}, newer than this package's ${CACHE_SCHEMA_VERSION}; it is left untouched` };
  }
  return undefined;
}

function upgrade(db: Database.Database): SchemaOutcome {
  const version = readVersion(db);
  const tables = listTables(db);
  if (isCurrent(db)) return { kind: 'ready' };
  if (tables.length > 0 && version > 0 && version < CACHE_SCHEMA_VERSION && migrate(db, version) && isCurrent(db)) return { kind: 'ready' };
  // Ours at the current version but a table is missing or altered: recreate the layout (its entries go)
  // rather than fail every read and fetch $metadata on every connection.
  const repaired = version === CACHE_SCHEMA_VERSION && readAppId(db) === CACHE_APPLICATION_ID;
  for (const table of tables.filter((t) => isOwnTable(t))) db.exec(`DROP TABLE "${table}"`);
  db.exec(CREATE_TABLES);
  db.pragma(`application_id = ${CACHE_APPLICATION_ID}`);
  db.pragma(`user_version = ${CACHE_SCHEMA_VERSION}`);
  if (repaired) return { kind: 'ready', repaired: true };
  return tables.length > 0 ? { kind: 'ready', rebuiltFrom: version } : { kind: 'ready' };
}

function isCurrent(db: Database.Database): boolean {
  if (readVersion(db) !== CACHE_SCHEMA_VERSION || readAppId(db) !== CACHE_APPLICATION_ID) return false;
  return Object.entries(CURRENT_COLUMNS).every(([table, columns]) => {
    const have = new Set(db.prepare(`SELECT name FROM pragma_table_info(?)`).all(table).map((r) => String((r as { name: unknown }).name)));
    return columns.every((c) => have.has(c));
  });
}

/** Runs the chain of steps from `version` to the current one; false (nothing done) when a step is missing. */
function migrate(db: Database.Database, version: number): boolean {
  for (let v = version; v < CACHE_SCHEMA_VERSION; v++) if (!MIGRATIONS[v]) return false;
  for (let v = version; v < CACHE_SCHEMA_VERSION; v++) MIGRATIONS[v]?.(db);
  db.pragma(`user_version = ${CACHE_SCHEMA_VERSION}`);
  return true;
}

function isOwnTable(name: string): boolean {
  return (OWN_TABLES as readonly string[]).includes(name);
}

function readVersion(db: Database.Database): number {
  return Number(db.pragma('user_version', { simple: true }));
}

function readAppId(db: Database.Database): number {
  return Number(db.pragma('application_id', { simple: true }));
}

function listTables(db: Database.Database): string[] {
  const rows = db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%'").all();
  return rows.map((row) => String((row as { name: unknown }).name));
}
