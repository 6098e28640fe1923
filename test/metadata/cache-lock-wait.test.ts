// Waiting for another process's lock runs on the event loop: SQLite's own (blocking) busy timeout is a few
// milliseconds, and the rest of the wait is asynchronous retries. Proof: a lock released by a timer while
// the cache waits is seen, and the write goes through (a synchronous wait would hold the timer back until
// it gave up).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { metadataCacheKey } from '../../src/metadata/cache-key.ts';
import { openMetadataCache } from '../../src/metadata/metadata-cache.ts';
import { customerCatalog, scopeParts, tempFolder } from './helpers.ts';

const key = metadataCacheKey({ ...scopeParts, service: 'Erp.BO.CustomerSvc' });

test('a write waiting for another connection\'s lock lets timers run, and succeeds once the lock goes', async (t) => {
  const { dir, cleanup } = tempFolder();
  t.after(cleanup);
  const file = join(dir, 'cache.sqlite');
  (await openMetadataCache(file)).close();
  const cache = await openMetadataCache(file, { busyTimeoutMs: 10_000 });
  t.after(() => cache.close());
  const locker = new Database(file);
  t.after(() => locker.close());
  locker.exec('BEGIN IMMEDIATE');
  let ticks = 0;
  const ticker = setInterval(() => ticks++, 1);
  t.after(() => clearInterval(ticker));
  setTimeout(() => locker.exec('COMMIT'), 50);
  assert.equal(await cache.put(key, customerCatalog()), true, 'stored after the lock was released');
  assert.ok(ticks > 0, 'the event loop ran while the cache waited');
  assert.deepEqual(await cache.get(key, { ttlSeconds: 60 }), customerCatalog());
});

test('opening a file locked by another connection waits asynchronously and then works', async (t) => {
  const { dir, cleanup } = tempFolder();
  t.after(cleanup);
  const file = join(dir, 'cache.sqlite');
  const locker = new Database(file);
  t.after(() => locker.close());
  locker.exec('BEGIN EXCLUSIVE');
  setTimeout(() => locker.exec('ROLLBACK'), 50);
  const cache = await openMetadataCache(file, { busyTimeoutMs: 10_000 });
  t.after(() => cache.close());
  assert.equal(cache.enabled, true);
  assert.equal(await cache.put(key, customerCatalog()), true);
});
