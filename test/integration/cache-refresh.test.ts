// When cached metadata is fetched again: MetadataTTL expiry, refreshMetadata() and the REFRESH METADATA
// statement (one service or all), and a schema change on the server.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { connect, KineticError, type Connection } from '../../src/index.ts';
import { startSimulator, type Simulator } from '../../src/simulator/index.ts';
import { metadataRequestCount, metadataRequests, tempFolder } from './fixtures/cache-support.ts';

const CUSTOMER_METADATA = '/KineticSim/api/v1/Erp.BO.CustomerSvc/$metadata';
const PART_METADATA = '/KineticSim/api/v1/Erp.BO.PartSvc/$metadata';

let sim: Simulator;
let root: { dir: string; cleanup: () => void };
let folders = 0;

before(async () => {
  root = tempFolder();
  sim = await startSimulator({ port: 0, seed: 3, customers: 300 });
});

after(async () => {
  await sim.close();
  root.cleanup();
});

/** A connection string with a cache file of its own. */
function freshCache(overrides: Record<string, string> = {}): string {
  return sim.connectionString({ CacheLocation: join(root.dir, `cache-${++folders}`, 'metadata.sqlite'), ...overrides });
}

/** The `$metadata` requests `action` makes. */
async function metadataDuring(action: () => Promise<unknown>): Promise<Record<string, number>> {
  sim.resetStats();
  await action();
  return metadataRequests(sim);
}

/** Connects (to PartSvc, the quickest $metadata), runs a query; returns the `$metadata` requests made. */
async function connectCount(cs: string): Promise<number> {
  sim.resetStats();
  const db = await connect(cs);
  try {
    const { rowCount } = await db.query('SELECT TOP 2 PartNum FROM Parts ORDER BY PartNum');
    assert.equal(rowCount, 2);
  } finally {
    await db.close();
  }
  return metadataRequestCount(sim);
}

describe('time to live', () => {
  const partsV2 = { Service: 'Erp.BO.PartSvc', ApiVersion: 'v2' };

  test('MetadataTTL=0 never hits: every connection fetches $metadata', async () => {
    const cs = freshCache({ MetadataTTL: '0', ...partsV2 });
    assert.equal(await connectCount(cs), 1);
    assert.equal(await connectCount(cs), 1);
  });

  test('an entry older than MetadataTTL is fetched again, and the fetch restarts the TTL', async () => {
    const cs = freshCache({ MetadataTTL: '1', ...partsV2 });
    assert.equal(await connectCount(cs), 1);
    assert.equal(await connectCount(cs), 0, 'fresh within the TTL');
    await sleep(1200);
    assert.equal(await connectCount(cs), 1, 'stale after the TTL');
    assert.equal(await connectCount(cs), 0, 'the new fetch was stored with a new time');
  });
});

describe('explicit refresh', () => {
  const twoServices = { Service: 'Erp.BO.CustomerSvc,Erp.BO.PartSvc' };
  let db: Connection;
  let cs: string;

  before(async () => {
    cs = freshCache(twoServices);
    db = await connect(cs);
  });
  after(async () => {
    await db.close();
  });

  test('refreshMetadata() fetches every service again, and a later connection hits the refreshed entries', async () => {
    assert.deepEqual(await metadataDuring(() => db.refreshMetadata()), { [CUSTOMER_METADATA]: 1, [PART_METADATA]: 1 });
    assert.equal(await connectCount(cs), 0);
    assert.equal(await connectCount(sim.connectionString({ ...twoServices, CacheLocation: cs.match(/CacheLocation=([^;]*)/)?.[1] ?? '', MetadataTTL: '0' })), 2,
      'MetadataTTL=0 on the same file misses both');
  });

  test('refreshMetadata(service) fetches that service only (its name matched case-insensitively)', async () => {
    assert.deepEqual(await metadataDuring(() => db.refreshMetadata('Erp.BO.PartSvc')), { [PART_METADATA]: 1 });
    assert.deepEqual(await metadataDuring(() => db.refreshMetadata('erp.bo.customersvc')), { [CUSTOMER_METADATA]: 1 });
  });

  test('the statement REFRESH METADATA refreshes all services, or the one it names', async () => {
    assert.deepEqual(await metadataDuring(() => db.execute('REFRESH METADATA')), { [CUSTOMER_METADATA]: 1, [PART_METADATA]: 1 });
    assert.deepEqual(await metadataDuring(() => db.execute('REFRESH METADATA Erp.BO.CustomerSvc')), { [CUSTOMER_METADATA]: 1 });
    assert.deepEqual(await metadataDuring(() => db.execute("REFRESH METADATA 'Erp.BO.PartSvc'")), { [PART_METADATA]: 1 });
    const { rows } = await db.query('SELECT TOP 1 PartNum FROM Parts ORDER BY PartNum');
    assert.equal(rows.length, 1);
  });

  test('a refresh that fails keeps the current catalog and the cached entries', async () => {
    sim.setFaults([{ kind: 'status500', path: '$metadata' }]);
    try {
      await assert.rejects(db.refreshMetadata(), (err: unknown) => err instanceof KineticError && err.code === 'EHTTP');
    } finally {
      sim.setFaults([]);
    }
    assert.equal((await db.query('SELECT TOP 1 PartNum FROM Parts')).rowCount, 1);
    assert.equal(await connectCount(cs), 0, 'the entries were not dropped');
  });

  test('refreshing a service the connection does not have is an error and fetches nothing', async () => {
    const requests = await metadataDuring(async () => {
      await assert.rejects(db.refreshMetadata('Erp.BO.SalesOrderSvc'), (err: unknown) => err instanceof KineticError && err.code === 'EPROPERTY');
      await assert.rejects(db.execute('REFRESH METADATA Erp.BO.SalesOrderSvc'), (err: unknown) => err instanceof KineticError && err.code === 'EPROPERTY');
    });
    assert.deepEqual(requests, {});
  });
});

describe('a schema change on the server', () => {
  test('is invisible on a warm connection, then picked up by refresh and kept in the cache', async () => {
    const cs = freshCache();
    const cold = await connect(cs);
    await cold.close();

    sim.resetStats();
    const db = await connect(cs);
    try {
      assert.equal(metadataRequestCount(sim), 0, 'warm connection');
      sim.addColumn('Erp.BO.CustomerSvc', 'Customers', { name: 'Loyalty_c', type: 'Edm.String', nullable: true, maxLength: 20 });
      sim.db.prepare("UPDATE Customers SET Loyalty_c = 'Gold' WHERE Company = 'EPIC06' AND CustNum % 2 = 0").run();
      const sql = 'SELECT CustNum, Loyalty_c FROM Customers WHERE CustNum <= 4 ORDER BY CustNum';

      await assert.rejects(db.query(sql), (err: unknown) => err instanceof KineticError && err.code === 'ENO_COLUMN');
      const before = await db.query('SELECT TOP 1 * FROM Customers ORDER BY CustNum');
      assert.ok(!before.columns.some((c) => c.name === 'Loyalty_c'), 'SELECT * still has the old columns');

      await db.refreshMetadata('Erp.BO.CustomerSvc');
      const { rows, columns } = await db.query(sql);
      assert.deepEqual(columns.map((c) => [c.name, c.type]), [['CustNum', 'Edm.Int32'], ['Loyalty_c', 'Edm.String']]);
      assert.deepEqual(rows.map((r) => r['Loyalty_c']), rows.map((r) => (Number(r['CustNum']) % 2 === 0 ? 'Gold' : null)));
      assert.ok(rows.length > 0);
      const star = await db.query('SELECT TOP 1 * FROM Customers ORDER BY CustNum');
      assert.equal(star.columns.at(-1)?.name, 'Loyalty_c');
      assert.equal(star.columns.length, before.columns.length + 1);
    } finally {
      await db.close();
    }

    // A new connection after the refresh reads the new schema from the cache.
    sim.resetStats();
    const later = await connect(cs);
    try {
      const { rows } = await later.query("SELECT CustNum FROM Customers WHERE Loyalty_c = 'Gold' ORDER BY CustNum");
      assert.ok(rows.length > 0);
      assert.ok(rows.every((r) => Number(r['CustNum']) % 2 === 0));
      assert.equal(metadataRequestCount(sim), 0);
    } finally {
      await later.close();
    }
  });
});
