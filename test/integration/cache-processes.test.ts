// The metadata cache shared by processes, and what the file holds: two processes connecting at once to
// an empty cache both succeed and leave one valid entry per service; no secret is ever written to it.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { connect } from '../../src/index.ts';
import { startSimulator, type Simulator } from '../../src/simulator/index.ts';
import { metadataRequestCount, metadataRequests, runChild, tempFolder } from './fixtures/cache-support.ts';

const PASSWORD = 'Pw-9f3c1e7a-Zq';
const API_KEY = 'ApiKey-5be2d0c4-Xy';

let sim: Simulator;
let root: { dir: string; cleanup: () => void };

before(async () => {
  root = tempFolder();
  sim = await startSimulator({ port: 0, seed: 5, customers: 300, users: [{ user: 'manager', password: PASSWORD }], apiKeys: [API_KEY] });
});

after(async () => {
  await sim.close();
  root.cleanup();
});

test('two processes connecting at once to an empty cache both succeed and leave one entry per service', async () => {
  const file = join(root.dir, 'shared', 'metadata.sqlite');
  const cs = sim.connectionString({ Service: 'Erp.BO.CustomerSvc,Erp.BO.PartSvc', ApiVersion: 'v2', CacheLocation: file });
  const sql = "SELECT CustNum, CustID, Name FROM Customers WHERE State = 'CA' ORDER BY CustNum";
  const home = join(root.dir, 'home');
  mkdirSync(home);
  sim.resetStats();
  // Both children start, then wait for the same moment (a margin for the slower one to load) to connect.
  const startAt = Date.now() + 1500;
  const answers = await Promise.all([runChild(cs, sql, { home, startAt }), runChild(cs, sql, { home, startAt })]);
  const fetched = metadataRequests(sim);

  const expected = sim.db.prepare("SELECT CustNum, CustID, Name FROM Customers WHERE Company = 'EPIC06' AND State = 'CA' ORDER BY CustNum").all();
  assert.ok(expected.length > 0);
  for (const answer of answers) {
    assert.equal(answer.error, undefined, answer.message);
    assert.deepEqual(answer.rows, expected);
  }
  // Each process fetched what it did not find; neither fetched a service twice.
  for (const n of Object.values(fetched)) assert.ok(n >= 1 && n <= 2, JSON.stringify(fetched));
  assert.equal(Object.keys(fetched).length, 2);

  const cache = new Database(file, { readonly: true });
  try {
    assert.equal(cache.pragma('integrity_check', { simple: true }), 'ok');
    const rows = cache.prepare('SELECT scope, service, catalog FROM catalog_entry ORDER BY service').all() as { scope: string; service: string; catalog: string }[];
    // Entries are keyed by the service name in lower case: Epicor's service paths ignore case.
    assert.deepEqual(rows.map((r) => r.service), ['erp.bo.customersvc', 'erp.bo.partsvc']);
    assert.equal(new Set(rows.map((r) => r.scope)).size, 1);
    for (const r of rows) {
      const catalog = JSON.parse(r.catalog) as { service: string; tables: unknown[] };
      assert.equal(catalog.service.toLowerCase(), r.service);
      assert.ok(catalog.tables.length >= 20);
    }
  } finally {
    cache.close();
  }

  // A third connection finds both entries.
  sim.resetStats();
  const third = await connect(cs);
  try {
    assert.deepEqual((await third.query(sql)).rows, expected);
    assert.ok((await third.query('SELECT TOP 1 PartNum FROM Parts')).rowCount === 1);
  } finally {
    await third.close();
  }
  assert.equal(metadataRequestCount(sim), 0);
});

test('the cache file and its WAL hold no password, API key or Basic credentials', async () => {
  const folder = join(root.dir, 'secrets');
  const file = join(folder, 'metadata.sqlite');
  const needles = [PASSWORD, API_KEY, Buffer.from(`manager:${PASSWORD}`).toString('base64')].flatMap((s) => [
    Buffer.from(s, 'utf8'),
    Buffer.from(s, 'utf16le'),
  ]);
  const scan = (path: string): void => {
    if (!existsSync(path)) return;
    const bytes = readFileSync(path);
    for (const needle of needles) assert.equal(bytes.indexOf(needle), -1, `${path} holds a secret`);
  };
  const scanned: string[] = [];
  for (const props of [{ ApiVersion: 'v2' }, { ApiVersion: 'v1' }, { ApiVersion: 'v2', AuthScheme: 'Token' }]) {
    const db = await connect(sim.connectionString({ ...props, Service: 'Erp.BO.CustomerSvc,Erp.BO.PartSvc', CacheLocation: file }));
    try {
      assert.equal((await db.query('SELECT TOP 1 CustID FROM Customers')).rowCount, 1);
      await db.refreshMetadata('Erp.BO.PartSvc');
      // While the connection is open the new entries sit in the WAL: scan it too.
      for (const suffix of ['', '-wal', '-shm']) {
        scan(file + suffix);
        if (existsSync(file + suffix)) scanned.push(suffix || 'db');
      }
    } finally {
      await db.close();
    }
    scan(file);
  }
  assert.ok(scanned.includes('-wal'), 'the WAL was there to be scanned');
  const cache = new Database(file, { readonly: true });
  try {
    // v1 and v2 are two scopes; Basic and Token as the same user share one (the key is the user name).
    assert.equal(cache.prepare('SELECT COUNT(*) FROM catalog_entry').pluck().get(), 4, 'two scopes, two services each');
  } finally {
    cache.close();
  }
});
