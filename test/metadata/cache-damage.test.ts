import { test } from 'node:test';
import { randomBytes } from 'node:crypto';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { metadataCacheKey } from '../../src/metadata/cache-key.ts';
import { CACHE_APPLICATION_ID, CACHE_SCHEMA_VERSION } from '../../src/metadata/cache-schema.ts';
import { openMetadataCache } from '../../src/metadata/metadata-cache.ts';
import type { MetadataCache } from '../../src/metadata/metadata-cache.ts';
import { customerCatalog, scopeParts, tempFolder } from './helpers.ts';

const key = metadataCacheKey({ ...scopeParts, service: 'Erp.BO.CustomerSvc' });
const day = { ttlSeconds: 86_400 };

async function openLogged(file: string, busyTimeoutMs?: number): Promise<{ cache: MetadataCache; lines: string[] }> {
  const lines: string[] = [];
  const cache = await openMetadataCache(file, { log: (line) => lines.push(line), ...(busyTimeoutMs ? { busyTimeoutMs } : {}) });
  return { cache, lines };
}

/** Opens a damaged file: it must be moved aside, rebuilt, logged once, and work at once. */
async function assertRebuilt(file: string): Promise<void> {
  const { cache, lines } = await openLogged(file);
  try {
    assert.equal(cache.enabled, true);
    assert.equal(lines.length, 1, lines.join('\n'));
    assert.match(lines[0]!, /damaged/);
    assert.ok(existsSync(`${file}.damaged`));
    assert.equal(await cache.get(key, day), undefined);
    assert.equal(await cache.put(key, customerCatalog()), true);
    assert.deepEqual(await cache.get(key, day), customerCatalog());
  } finally {
    cache.close();
  }
}

async function writeFullCache(file: string): Promise<Buffer> {
  const cache = await openMetadataCache(file);
  for (const service of ['A', 'B', 'C', 'D']) await cache.put({ ...key, service }, customerCatalog(35));
  cache.close();
  return readFileSync(file);
}

test('a file that is not SQLite is not ours: left untouched, the cache runs disabled', async (t) => {
  const { dir, cleanup } = tempFolder();
  t.after(cleanup);
  const file = join(dir, 'cache.sqlite');
  writeFileSync(file, 'this is not a database\n'.repeat(500));
  const before = readFileSync(file);
  const { cache, lines } = await openLogged(file);
  t.after(() => cache.close());
  assert.equal(cache.enabled, false);
  assert.equal(await cache.put(key, customerCatalog()), false);
  assert.match(lines.join('\n'), /not a SQLite file.*left untouched/);
  assert.deepEqual(readFileSync(file), before);
  assert.equal(existsSync(`${file}.damaged`), false);
});

test('a SQLite file of ours damaged after its header is moved aside and rebuilt', async (t) => {
  const { dir, cleanup } = tempFolder();
  t.after(cleanup);
  const file = join(dir, 'cache.sqlite');
  const bytes = await writeFullCache(file);
  randomBytes(bytes.length - 100).copy(bytes, 100);
  writeFileSync(file, bytes);
  await assertRebuilt(file);
});

test('a truncated cache file is moved aside and rebuilt', async (t) => {
  const { dir, cleanup } = tempFolder();
  t.after(cleanup);
  const file = join(dir, 'cache.sqlite');
  const bytes = await writeFullCache(file);
  writeFileSync(file, bytes.subarray(0, Math.floor(bytes.length / 2)));
  await assertRebuilt(file);
});

test('a file cut inside the SQLite header cannot be told ours: it is left untouched', async (t) => {
  const { dir, cleanup } = tempFolder();
  t.after(cleanup);
  const file = join(dir, 'cache.sqlite');
  writeFileSync(file, (await writeFullCache(file)).subarray(0, 50));
  const before = readFileSync(file);
  const { cache, lines } = await openLogged(file);
  t.after(() => cache.close());
  assert.equal(cache.enabled, false);
  assert.match(lines.join('\n'), /cut inside its header/);
  assert.deepEqual(readFileSync(file), before);
});

test('an empty file becomes a working cache without complaint', async (t) => {
  const { dir, cleanup } = tempFolder();
  t.after(cleanup);
  const file = join(dir, 'cache.sqlite');
  writeFileSync(file, '');
  const { cache, lines } = await openLogged(file);
  t.after(() => cache.close());
  assert.equal(await cache.put(key, customerCatalog()), true);
  assert.deepEqual(await cache.get(key, day), customerCatalog());
  assert.deepEqual(lines, []);
});

test('a file of an older schema is rebuilt, never misread', async (t) => {
  const { dir, cleanup } = tempFolder();
  t.after(cleanup);
  const file = join(dir, 'cache.sqlite');
  const old = new Database(file);
  // An imagined pre-versioned layout: same table name, other columns, the catalog under a plain-text key.
  old.exec('CREATE TABLE catalog_entry (scope TEXT, service TEXT, fetched_at TEXT, catalog TEXT)');
  old.prepare('INSERT INTO catalog_entry VALUES (?, ?, ?, ?)').run(key.scope, key.service, '2020-01-01', '{"old":true}');
  old.close();
  const { cache, lines } = await openLogged(file);
  t.after(() => cache.close());
  assert.equal(cache.enabled, true);
  assert.equal(await cache.get(key, { ttlSeconds: 1e12 }), undefined);
  assert.match(lines.join('\n'), /rebuilt/);
  await cache.put(key, customerCatalog());
  assert.deepEqual(await cache.get(key, day), customerCatalog());
  const check = new Database(file, { readonly: true });
  t.after(() => check.close());
  assert.equal(check.pragma('user_version', { simple: true }), CACHE_SCHEMA_VERSION);
  assert.equal(check.pragma('application_id', { simple: true }), CACHE_APPLICATION_ID);
});

test('a file of a newer schema version is left untouched and the cache runs disabled', async (t) => {
  const { dir, cleanup } = tempFolder();
  t.after(cleanup);
  const file = join(dir, 'cache.sqlite');
  (await openMetadataCache(file)).close();
  const newer = new Database(file);
  newer.pragma(`user_version = ${CACHE_SCHEMA_VERSION + 1}`);
  newer.close();
  const before = readFileSync(file);
  const { cache, lines } = await openLogged(file);
  t.after(() => cache.close());
  assert.equal(cache.enabled, false);
  assert.equal(await cache.put(key, customerCatalog()), false);
  assert.equal(await cache.get(key, day), undefined);
  assert.equal(lines.length, 1);
  assert.match(lines[0]!, /newer/);
  assert.deepEqual(readFileSync(file), before);
});

test("another application's SQLite database is never modified", async (t) => {
  const { dir, cleanup } = tempFolder();
  t.after(cleanup);
  const file = join(dir, 'app.db');
  const app = new Database(file);
  app.exec("CREATE TABLE invoices (id INTEGER PRIMARY KEY, total REAL); INSERT INTO invoices VALUES (1, 9.5)");
  app.close();
  const before = readFileSync(file);
  const { cache, lines } = await openLogged(file);
  t.after(() => cache.close());
  assert.equal(cache.enabled, false);
  assert.match(lines.join('\n'), /another application/);
  assert.deepEqual(readFileSync(file), before);
});

test('a cache file locked by a writer: reads still hit (WAL), writes are skipped and logged once', async (t) => {
  const { dir, cleanup } = tempFolder();
  t.after(cleanup);
  const file = join(dir, 'cache.sqlite');
  const writer = await openMetadataCache(file);
  await writer.put(key, customerCatalog());
  writer.close();
  const locker = new Database(file);
  t.after(() => locker.close());
  locker.exec('BEGIN EXCLUSIVE');
  locker.exec('DELETE FROM catalog_entry');
  const { cache, lines } = await openLogged(file, 50);
  t.after(() => cache.close());
  assert.equal(cache.enabled, true);
  assert.deepEqual(await cache.get(key, day), customerCatalog());
  assert.equal(await cache.put(key, customerCatalog()), false);
  assert.equal(await cache.put(key, customerCatalog()), false);
  assert.equal(lines.length, 1, lines.join('\n'));
  assert.match(lines[0]!, /locked/);
  locker.exec('ROLLBACK');
  assert.equal(await cache.put(key, customerCatalog()), true, 'writes resume once the lock is released');
});

test('a file held locked by a writer (rollback journal) at open gives a disabled cache, not a throw', async (t) => {
  const { dir, cleanup } = tempFolder();
  t.after(cleanup);
  const file = join(dir, 'cache.sqlite');
  const locker = new Database(file);
  t.after(() => locker.close());
  locker.exec('BEGIN EXCLUSIVE');
  const { cache, lines } = await openLogged(file, 50);
  t.after(() => cache.close());
  assert.equal(cache.enabled, false);
  assert.equal(await cache.get(key, day), undefined);
  assert.equal(await cache.put(key, customerCatalog()), false);
  assert.equal(lines.length, 1);
  assert.match(lines[0]!, /SQLITE_BUSY/);
});

test('a logger that throws does not make the cache throw', async (t) => {
  const { dir, cleanup } = tempFolder();
  t.after(cleanup);
  const file = join(dir, 'cache.sqlite');
  const bytes = await writeFullCache(file);
  writeFileSync(file, bytes.subarray(0, Math.floor(bytes.length / 2))); // damaged: logged, moved aside
  const cache = await openMetadataCache(file, { log: () => { throw new Error('logger down'); } });
  t.after(() => cache.close());
  assert.equal(await cache.put(key, customerCatalog()), true);
});

test('a location that cannot be a file (its folder is a file) gives a disabled cache, logged once', async (t) => {
  const { dir, cleanup } = tempFolder();
  t.after(cleanup);
  writeFileSync(join(dir, 'plain-file'), 'x');
  const { cache, lines } = await openLogged(join(dir, 'plain-file', 'metadata.sqlite'));
  t.after(() => cache.close());
  assert.equal(cache.enabled, false);
  assert.equal(await cache.put(key, customerCatalog()), false);
  assert.equal(lines.length, 1);
  assert.match(lines[0]!, /ENOTDIR/);
});
