// The metadata cache seen from the public API: a warm connection makes no `$metadata` request and
// answers exactly like a cold one; company, user and API version never share an entry.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { connect, KineticError, type Connection } from '../../src/index.ts';
import { startSimulator, type Simulator } from '../../src/simulator/index.ts';
import { metadataRequestCount, metadataRequests, SAMPLE_QUERIES, tempFolder } from './fixtures/cache-support.ts';

const SECOND_USER = { user: 'analyst', password: 'analyst-password-2' };

let sim: Simulator;
let root: { dir: string; cleanup: () => void };

before(async () => {
  root = tempFolder();
  sim = await startSimulator({
    port: 0,
    seed: 7,
    customers: 300,
    users: [{ user: 'manager', password: 'manager-password-1' }, SECOND_USER],
  });
});

after(async () => {
  await sim.close();
  root.cleanup();
});

async function answers(db: Connection): Promise<unknown[]> {
  const out: unknown[] = [];
  for (const [sql, params] of SAMPLE_QUERIES) {
    const { rows, columns, rowCount } = await db.query(sql, params as unknown[] | undefined);
    out.push({ sql, rows, columns, rowCount });
  }
  return out;
}

/** Connects, runs `work`, closes; returns the `$metadata` requests made while doing so. */
async function withConnection<T>(cs: string, work: (db: Connection) => Promise<T>): Promise<{ value: T; metadata: Record<string, number> }> {
  sim.resetStats();
  const db = await connect(cs);
  try {
    const value = await work(db);
    return { value, metadata: metadataRequests(sim) };
  } finally {
    await db.close();
  }
}

describe('a warm cache', () => {
  test('a second connection makes zero $metadata requests and gives the same rows and columns', async () => {
    const cs = sim.connectionString({ Service: 'Erp.BO.CustomerSvc', CacheLocation: join(root.dir, 'reuse', 'metadata.sqlite') });
    const cold = await withConnection(cs, async (db) => ({ answers: await answers(db), catalog: db.catalog }));
    assert.deepEqual(cold.metadata, { '/KineticSim/api/v1/Erp.BO.CustomerSvc/$metadata': 1 });

    const warm = await withConnection(cs, async (db) => {
      assert.equal(sim.stats().requests, 0, 'connecting with a warm cache sends no request');
      return { answers: await answers(db), catalog: db.catalog };
    });
    assert.deepEqual(warm.metadata, {}, 'the warm connection read its catalog from the cache');
    assert.deepEqual(warm.value.answers, cold.value.answers);
    assert.deepEqual(warm.value.catalog, cold.value.catalog);

    // The answers are right, not merely equal: compare with the simulator's own rows.
    const ca = sim.db.prepare("SELECT CustID FROM Customers WHERE Company = 'EPIC06' AND State = 'MN' ORDER BY CustID").all();
    const filtered = warm.value.answers[1] as { rows: { CustID: string }[] };
    assert.ok(filtered.rows.length > 0);
    assert.deepEqual(filtered.rows.map((r) => r.CustID), ca.map((r) => (r as { CustID: string }).CustID));
    const wide = warm.value.answers[2] as { columns: unknown[]; rows: Record<string, unknown>[] };
    assert.ok(wide.columns.length > 400, `SELECT * has every Customers column from the cached catalog (${wide.columns.length})`);
  });

  test('the service name is matched without regard to case, for the cache and for REFRESH METADATA', async () => {
    const file = join(root.dir, 'case', 'metadata.sqlite');
    const lower = await withConnection(sim.connectionString({ Service: 'erp.bo.customersvc', CacheLocation: file }), async (db) => (await db.query('SELECT TOP 2 CustID FROM Customers')).rowCount);
    assert.equal(lower.value, 2);
    assert.equal(Object.values(lower.metadata).reduce((a, b) => a + b, 0), 1);
    const proper = await withConnection(sim.connectionString({ Service: 'Erp.BO.CustomerSvc', CacheLocation: file }), async (db) => {
      const before = metadataRequestCount(sim);
      await db.execute('REFRESH METADATA Erp.BO.CustomerSvc');
      return { refreshed: metadataRequestCount(sim) - before, rows: (await db.query('SELECT TOP 2 CustID FROM Customers')).rowCount };
    });
    assert.equal(proper.value.refreshed, 1, 'the refresh fetched once');
    assert.equal(Object.values(proper.metadata).reduce((a, b) => a + b, 0), 1, 'connecting hit the entry the other spelling made');
    assert.equal(proper.value.rows, 2);
  });

  test('a connection to several services reads each one from the cache', async () => {
    const cs = sim.connectionString({
      Service: 'Erp.BO.CustomerSvc,Erp.BO.PartSvc',
      ApiVersion: 'v2',
      CacheLocation: join(root.dir, 'multi'),
    });
    const sql = 'SELECT TOP 3 PartNum, PartDescription FROM Parts ORDER BY PartNum';
    const cold = await withConnection(cs, (db) => db.query(sql));
    assert.deepEqual(Object.keys(cold.metadata).sort(), [
      '/KineticSim/api/v2/odata/EPIC06/Erp.BO.CustomerSvc/$metadata',
      '/KineticSim/api/v2/odata/EPIC06/Erp.BO.PartSvc/$metadata',
    ]);
    const warm = await withConnection(cs, (db) => db.query(sql));
    assert.deepEqual(warm.metadata, {});
    assert.equal(warm.value.rowCount, 3);
    assert.deepEqual(warm.value, cold.value);

    // A connection naming only one of the two services finds its entry too.
    const one = await withConnection(sim.connectionString({ Service: 'Erp.BO.PartSvc', ApiVersion: 'v2', CacheLocation: join(root.dir, 'multi') }), (db) => db.query(sql));
    assert.deepEqual(one.metadata, {});
    assert.deepEqual(one.value, cold.value);
  });

  test('another company, another user or another API version each fetch their own $metadata', async () => {
    const location = join(root.dir, 'scopes', 'metadata.sqlite');
    const base = { Service: 'Erp.BO.CustomerSvc', ApiVersion: 'v2', Company: 'EPIC06', User: 'manager', Password: 'manager-password-1', CacheLocation: location };
    const count = 'SELECT COUNT(*) FROM Customers';
    const variants = [
      { name: 'base (EPIC06, manager, v2)', props: base, path: '/KineticSim/api/v2/odata/EPIC06/Erp.BO.CustomerSvc/$metadata', customers: 240 },
      { name: 'company EPIC07', props: { ...base, Company: 'EPIC07' }, path: '/KineticSim/api/v2/odata/EPIC07/Erp.BO.CustomerSvc/$metadata', customers: 60 },
      { name: 'user analyst', props: { ...base, User: SECOND_USER.user, Password: SECOND_USER.password }, path: '/KineticSim/api/v2/odata/EPIC06/Erp.BO.CustomerSvc/$metadata', customers: 240 },
      { name: 'API version v1', props: { ...base, ApiVersion: 'v1' }, path: '/KineticSim/api/v1/Erp.BO.CustomerSvc/$metadata', customers: 240 },
    ];
    for (const v of variants) {
      const first = await withConnection(sim.connectionString(v.props), (db) => db.query(count));
      assert.deepEqual(first.metadata, { [v.path]: 1 }, `${v.name}: its first connection fetches its own $metadata`);
      assert.deepEqual(Object.values(first.value.rows[0] ?? {}), [v.customers], `${v.name}: rows of its company`);
    }
    // Every scope now has its entry, and none replaced another's.
    for (const v of variants) {
      const again = await withConnection(sim.connectionString(v.props), (db) => db.query(count));
      assert.deepEqual(again.metadata, {}, `${v.name}: a second connection hits its own entry`);
      assert.deepEqual(Object.values(again.value.rows[0] ?? {}), [v.customers]);
    }
  });

  test('a warm connection makes no request at all until it queries, BaqSvc included', async () => {
    const cs = sim.connectionString({ Service: 'BaqSvc', ApiVersion: 'v2', CacheLocation: join(root.dir, 'baq') });
    sim.resetStats();
    const cold = await connect(cs);
    const coldRequests = sim.stats().requests;
    const coldCatalog = cold.catalog;
    await cold.close();
    assert.ok(coldRequests >= 2, 'the cold connection read the service document and the BAQs\' $metadata');

    sim.resetStats();
    const db = await connect(cs);
    try {
      assert.equal(sim.stats().requests, 0, 'no service document, no $metadata');
      assert.deepEqual(db.catalog, coldCatalog);
      // The BAQ's parameter comes from the cached catalog: missing it is EPARAM, giving it works.
      await assert.rejects(db.query('SELECT * FROM zCustomer01'), (err: unknown) => err instanceof KineticError && err.code === 'EPARAM');
      const zip = (sim.db.prepare("SELECT Zip FROM Customers WHERE Company = 'EPIC06' ORDER BY CustNum LIMIT 1").get() as { Zip: string }).Zip;
      const { rows } = await db.query('SELECT * FROM zCustomer01 WHERE zipCode = ?', [zip]);
      assert.ok(rows.length > 0);
      assert.equal(metadataRequestCount(sim), 0);
    } finally {
      await db.close();
    }
  });

  test('a wrong password gets no rows from a warm cache: the first query fails with EAUTH', async () => {
    const location = join(root.dir, 'auth', 'metadata.sqlite');
    const good = sim.connectionString({ ApiVersion: 'v2', User: 'manager', Password: 'manager-password-1', CacheLocation: location });
    await withConnection(good, (db) => db.query('SELECT TOP 1 CustID FROM Customers'));
    const bad = await connect(sim.connectionString({ ApiVersion: 'v2', User: 'manager', Password: 'wrong-password', CacheLocation: location }));
    try {
      await assert.rejects(bad.query('SELECT TOP 1 CustID FROM Customers'), (err: unknown) => {
        assert.ok(err instanceof KineticError && err.code === 'EAUTH', String(err));
        assert.ok(!err.message.includes('wrong-password'));
        return true;
      });
    } finally {
      await bad.close();
    }
  });

  test('CacheMetadata=false fetches $metadata on every connection and writes no file', async () => {
    const location = join(root.dir, 'off', 'metadata.sqlite');
    const cs = sim.connectionString({ CacheMetadata: 'false', CacheLocation: location });
    for (let i = 0; i < 2; i++) {
      sim.resetStats();
      const db = await connect(cs);
      await db.close();
      assert.equal(metadataRequestCount(sim), 1);
    }
    assert.equal(existsSync(location), false);
  });
});
