import { test } from 'node:test';
import { createHash } from 'node:crypto';
import assert from 'node:assert/strict';
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { metadataCacheKey } from '../../src/metadata/cache-key.ts';
import { openMetadataCache } from '../../src/metadata/metadata-cache.ts';
import { baqCatalog, customerCatalog, scopeParts, tempFolder } from './helpers.ts';

const customersKey = metadataCacheKey({ ...scopeParts, service: 'Erp.BO.CustomerSvc' });
const day = { ttlSeconds: 86_400 };

test('put then get returns the same catalog, also from a new connection', async (t) => {
  const { dir, cleanup } = tempFolder();
  t.after(cleanup);
  const file = join(dir, 'cache.sqlite');
  const catalog = customerCatalog(34);
  const first = await openMetadataCache(file);
  assert.equal(first.enabled, true);
  assert.equal(await first.get(customersKey, day), undefined);
  assert.equal(await first.put(customersKey, catalog), true);
  assert.deepEqual(await first.get(customersKey, day), catalog);
  first.close();
  const second = await openMetadataCache(file);
  t.after(() => second.close());
  assert.deepEqual(await second.get(customersKey, day), catalog);
});

test('BAQ catalogs (views with parameters) are cached the same way', async (t) => {
  const { dir, cleanup } = tempFolder();
  t.after(cleanup);
  const cache = await openMetadataCache(join(dir, 'cache.sqlite'));
  t.after(() => cache.close());
  const key = metadataCacheKey({ ...scopeParts, service: 'BaqSvc' });
  await cache.put(key, baqCatalog());
  assert.deepEqual(await cache.get(key, day), baqCatalog());
});

test('entries of other users, companies, versions and services are never served', async (t) => {
  const { dir, cleanup } = tempFolder();
  t.after(cleanup);
  const cache = await openMetadataCache(join(dir, 'cache.sqlite'));
  t.after(() => cache.close());
  await cache.put(customersKey, customerCatalog());
  const others = [
    { ...scopeParts, identity: 'bob', service: 'Erp.BO.CustomerSvc' },
    { ...scopeParts, company: 'EPIC07', service: 'Erp.BO.CustomerSvc' },
    { ...scopeParts, apiVersion: 'v1', service: 'Erp.BO.CustomerSvc' },
    { ...scopeParts, erpInstance: 'Pilot', service: 'Erp.BO.CustomerSvc' },
    { ...scopeParts, service: 'BaqSvc' },
  ];
  for (const parts of others) assert.equal(await cache.get(metadataCacheKey(parts), day), undefined, JSON.stringify(parts));
  const bobKey = metadataCacheKey(others[0]!);
  await cache.put(bobKey, baqCatalog());
  assert.deepEqual(await cache.get(customersKey, day), customerCatalog());
  assert.deepEqual(await cache.get(bobKey, day), baqCatalog());
});

test('an entry older than the TTL is a miss; a TTL of 0 never hits', async (t) => {
  const { dir, cleanup } = tempFolder();
  t.after(cleanup);
  let now = 1_700_000_000_000;
  const cache = await openMetadataCache(join(dir, 'cache.sqlite'), { now: () => now });
  t.after(() => cache.close());
  await cache.put(customersKey, customerCatalog());
  assert.equal(await cache.get(customersKey, { ttlSeconds: 0 }), undefined);
  now += 59_999;
  assert.deepEqual(await cache.get(customersKey, { ttlSeconds: 60 }), customerCatalog());
  now += 1;
  assert.equal(await cache.get(customersKey, { ttlSeconds: 60 }), undefined);
  await cache.put(customersKey, customerCatalog());
  assert.deepEqual(await cache.get(customersKey, { ttlSeconds: 60 }), customerCatalog(), 'a refresh restarts the TTL');
});

test('invalidate clears one service or every service of a scope, and nothing of other scopes', async (t) => {
  const { dir, cleanup } = tempFolder();
  t.after(cleanup);
  const cache = await openMetadataCache(join(dir, 'cache.sqlite'));
  t.after(() => cache.close());
  const baqKey = metadataCacheKey({ ...scopeParts, service: 'BaqSvc' });
  const bobKey = metadataCacheKey({ ...scopeParts, identity: 'bob', service: 'BaqSvc' });
  for (const key of [customersKey, baqKey, bobKey]) await cache.put(key, baqCatalog());
  assert.equal(await cache.invalidate({ ...scopeParts, service: 'BaqSvc' }), 1);
  assert.equal(await cache.get(baqKey, day), undefined);
  assert.ok(await cache.get(customersKey, day));
  await cache.put(baqKey, baqCatalog());
  assert.equal(await cache.invalidate(scopeParts), 2);
  assert.equal(await cache.get(customersKey, day), undefined);
  assert.equal(await cache.get(baqKey, day), undefined);
  assert.deepEqual(await cache.get(bobKey, day), baqCatalog());
});

test('the folder is created with mode 0700 and the files with 0600', async (t) => {
  const { dir, cleanup } = tempFolder();
  t.after(cleanup);
  const file = join(dir, 'xdg', 'epicor-kinetic-sql', 'metadata.sqlite');
  const cache = await openMetadataCache(file);
  t.after(() => cache.close());
  await cache.put(customersKey, customerCatalog());
  assert.equal(statSync(join(dir, 'xdg', 'epicor-kinetic-sql')).mode & 0o777, 0o700);
  for (const f of [file, `${file}-wal`, `${file}-shm`]) assert.equal(statSync(f).mode & 0o777, 0o600, f);
});

test('an existing cache file readable by others is tightened to 0600; a folder location holds metadata.sqlite', async (t) => {
  const { dir, cleanup } = tempFolder();
  t.after(cleanup);
  writeFileSync(join(dir, 'metadata.sqlite'), '', { mode: 0o644 });
  const cache = await openMetadataCache(dir);
  t.after(() => cache.close());
  assert.equal(cache.file, join(dir, 'metadata.sqlite'));
  assert.equal(await cache.put(customersKey, customerCatalog()), true);
  assert.equal(statSync(cache.file).mode & 0o777, 0o600);
});

test('the file holds only the scope digest, the service name, the fetch time, the catalog and its checksum', async (t) => {
  const { dir, cleanup } = tempFolder();
  t.after(cleanup);
  const file = join(dir, 'cache.sqlite');
  const cache = await openMetadataCache(file, { now: () => 1_700_000_000_000 });
  await cache.put(customersKey, customerCatalog());
  cache.close();
  const bytes = readFileSync(file).toString('latin1');
  for (const word of ['alice', 'EPIC06', 'acme.example.com', 'Live', 'Password']) assert.ok(!bytes.includes(word), word);
  const db = new Database(file, { readonly: true });
  t.after(() => db.close());
  const tables = db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table'").pluck().all();
  assert.deepEqual(tables, ['catalog_entry']);
  const rows = db.prepare('SELECT * FROM catalog_entry').all();
  assert.deepEqual(rows, [
    {
      scope: customersKey.scope,
      service: 'erp.bo.customersvc',
      fetched_at: 1_700_000_000_000,
      catalog: JSON.stringify(customerCatalog()),
      checksum: createHash('sha256').update(JSON.stringify(customerCatalog())).digest('hex'),
    },
  ]);
  assert.match(customersKey.scope, /^[0-9a-f]{64}$/);
});

test('after close, get is a miss and put a no-op, without throwing', async (t) => {
  const { dir, cleanup } = tempFolder();
  t.after(cleanup);
  const cache = await openMetadataCache(join(dir, 'cache.sqlite'));
  await cache.put(customersKey, customerCatalog());
  cache.close();
  cache.close();
  assert.equal(cache.enabled, false);
  assert.equal(await cache.get(customersKey, day), undefined);
  assert.equal(await cache.put(customersKey, customerCatalog()), false);
  assert.equal(await cache.invalidate(scopeParts), 0);
});

test('an entry whose JSON is damaged is a miss, logged once, and is replaced by the next put', async (t) => {
  const { dir, cleanup } = tempFolder();
  t.after(cleanup);
  const file = join(dir, 'cache.sqlite');
  const lines: string[] = [];
  const cache = await openMetadataCache(file, { log: (line) => lines.push(line) });
  t.after(() => cache.close());
  await cache.put(customersKey, customerCatalog());
  const other = new Database(file);
  other.prepare('UPDATE catalog_entry SET catalog = ?').run('{"service":"Erp.BO.CustomerSvc","tables":[{"name":');
  other.close();
  assert.equal(await cache.get(customersKey, day), undefined);
  assert.equal(await cache.get(customersKey, day), undefined);
  assert.equal(lines.length, 1);
  await cache.put(customersKey, customerCatalog());
  assert.deepEqual(await cache.get(customersKey, day), customerCatalog());
});
