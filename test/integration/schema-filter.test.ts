/** The Tables and Views properties limit what a connection sees, without changing what is cached. */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect, KineticError } from '../../src/index.ts';
import { startSimulator, type Simulator } from '../../src/simulator/index.ts';

describe('Tables and Views', () => {
  let sim: Simulator;
  let dir: string;
  const cs = (extra: Record<string, string>) =>
    sim.connectionString({ Service: 'Erp.BO.CustomerSvc,BaqSvc', CacheLocation: join(dir, 'metadata.sqlite'), ...extra });

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'kinetic-schema-filter-'));
    sim = await startSimulator({ port: 0, seed: 5, customers: 60 });
  });
  after(async () => {
    await sim.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const code = (err: unknown) => (err instanceof KineticError ? err.code : String(err));

  it('exposes only the listed tables and views (names case-insensitive, brackets allowed)', async () => {
    const db = await connect(cs({ Tables: 'customers, [ShipToes]', Views: 'zCustomer01' }));
    try {
      const tables = db.catalog.services.flatMap((s) => s.tables.map((t) => t.name)).sort();
      assert.deepEqual(tables, ['Customers', 'ShipToes', 'zCustomer01']);
      assert.ok((await db.query('SELECT TOP 3 CustID FROM Customers')).rowCount > 0);
      await assert.rejects(db.query('SELECT CustNum FROM CustBillToes'), (e) => code(e) === 'ENO_TABLE');
      await assert.rejects(db.query('SELECT * FROM [68138-HSCustomers]'), (e) => code(e) === 'ENO_TABLE');
    } finally {
      await db.close();
    }
  });

  it('keeps whole services in the cache: a later connection without the filter sees every table, with no $metadata request', async () => {
    sim.resetStats();
    const db = await connect(cs({}));
    try {
      const metadata = Object.keys(sim.stats().byPath).filter((p) => p.endsWith('$metadata'));
      assert.deepEqual(metadata, []);
      assert.ok(db.catalog.services.some((s) => s.tables.some((t) => t.name === 'CustBillToes')));
    } finally {
      await db.close();
    }
  });

  it('a listed name that no service has is EPROPERTY naming it', async () => {
    await assert.rejects(connect(cs({ Tables: 'Customers,Custmers' })), (e: unknown) => {
      assert.equal(code(e), 'EPROPERTY');
      assert.match((e as Error).message, /Tables lists "custmers"/);
      return true;
    });
    await assert.rejects(connect(cs({ Views: 'zNope' })), (e: unknown) => code(e) === 'EPROPERTY' && /Views lists "znope"/.test((e as Error).message));
  });
});
