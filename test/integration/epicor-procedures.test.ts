// Epicor's custom methods and Epicor Functions called as procedures, over v1 and v2 against the simulator:
// the request the simulator saw, the rows, and the errors (EPROCEDURE naming the parameter, EREADONLY,
// Epicor's own error) raised before or after a request as documented.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { connect, KineticError, type Connection } from '../../src/index.ts';
import { startSimulator, type Simulator } from '../../src/simulator/index.ts';
import { metadataRequestCount, tempFolder } from './fixtures/cache-support.ts';

let sim: Simulator;
const open: Connection[] = [];

before(async () => {
  sim = await startSimulator({ port: 0, seed: 5, customers: 80 });
});

after(async () => {
  for (const db of open) await db.close();
  await sim.close();
});

async function db(version: 'v1' | 'v2', extra: Record<string, string> = {}): Promise<Connection> {
  const c = await connect(sim.connectionString({ Service: 'Erp.BO.CustomerSvc', ApiVersion: version, CacheMetadata: 'false', ...extra }));
  open.push(c);
  return c;
}

/** The POST requests the simulator saw for paths ending in `suffix` since the last reset. */
function posts(suffix: string): number {
  return Object.entries(sim.stats().byPath).filter(([p]) => p.endsWith(suffix)).reduce((n, [, s]) => n + s.requests, 0);
}

/** An error check: its code, and (for EPROCEDURE) the parameter or procedure it names in `subject` and the message. */
function isCode(code: string, subject?: string): (err: unknown) => boolean {
  return (err: unknown) => {
    assert.ok(err instanceof KineticError, String(err));
    assert.equal(err.code, code, err.message);
    if (subject !== undefined) {
      assert.match(err.message, new RegExp(`\\b${subject}\\b`));
      if (code === 'EPROCEDURE') assert.equal(err.subject, subject);
    }
    return true;
  };
}

for (const version of ['v1', 'v2'] as const) {
  describe(`custom methods as procedures (${version})`, () => {
    test('EXEC [Erp.BO.CustomerSvc].[GetByID] posts the camelCase body and returns the Customer row of the table set', async () => {
      const c = await db(version);
      const { rows: expected } = await c.query('SELECT CustNum, CustID, Name FROM Customers WHERE CustNum = 5');
      sim.resetStats();
      const r = await c.execute('EXEC [Erp.BO.CustomerSvc].[GetByID] @custNum = 5');
      const path = version === 'v1' ? '/api/v1/Erp.BO.CustomerSvc/GetByID' : `/api/v2/odata/${sim.company}/Erp.BO.CustomerSvc/GetByID`;
      assert.equal(posts(path), 1);
      assert.equal(r.rows.length, 1);
      assert.deepEqual({ CustNum: r.rows[0]!['CustNum'], CustID: r.rows[0]!['CustID'], Name: r.rows[0]!['Name'] }, expected[0]);
      assert.equal(r.columns.find((col) => col.name === 'CustNum')?.type, 'Edm.Int32', 'typed from the catalog row type');
      // The same call through callProcedure, by the dotted name and with a parameter.
      const again = await c.callProcedure('Erp.BO.CustomerSvc.GetByID', { custnum: 5 });
      assert.equal(again.rows[0]!['Name'], expected[0]!['Name']);
      const bound = await c.execute('EXEC Erp.BO.CustomerSvc.GetByID @custNum = ?', [5]);
      assert.equal(bound.rows[0]!['CustNum'], 5);
    });

    test('GetRows returns the rows of its table set, with the morePages output parameter as a column', async () => {
      const c = await db(version);
      const { rows } = await c.execute("EXEC [Erp.BO.CustomerSvc].[GetRows] whereClauseCustomer = 'CustNum <= 10', pageSize = 4, absolutePage = 1");
      assert.deepEqual(rows.map((r) => r['CustNum']), [1, 2, 3, 4]);
      assert.ok(rows.every((r) => r['morePages'] === true));
      const last = await c.execute("EXEC [Erp.BO.CustomerSvc].[GetRows] whereClauseCustomer = 'CustNum <= 10', pageSize = 4, absolutePage = 3");
      assert.deepEqual(last.rows.map((r) => [r['CustNum'], r['morePages']]), [[9, false], [10, false]]);
    });

    test('GetNewCustomer takes its dataset as JSON and returns the new row', async () => {
      const c = await db(version);
      const { rows } = await c.execute(`EXEC [Erp.BO.CustomerSvc].[GetNewCustomer] ds = '{"Customer": []}'`);
      assert.equal(rows.length, 1);
      assert.equal(rows[0]!['RowMod'], 'A');
      assert.equal(rows[0]!['Company'], sim.company);
    });

    test('a wrong parameter name or type is EPROCEDURE naming it, before any request', async () => {
      const c = await db(version);
      sim.resetStats();
      await assert.rejects(c.execute('EXEC [Erp.BO.CustomerSvc].[GetByID] @custNumber = 5'), isCode('EPROCEDURE', 'custNumber'));
      await assert.rejects(c.execute("EXEC [Erp.BO.CustomerSvc].[GetByID] @custNum = 'five'"), isCode('EPROCEDURE', 'custNum'));
      await assert.rejects(c.execute('EXEC [Erp.BO.CustomerSvc].[GetByID]'), isCode('EPROCEDURE', 'custNum'));
      await assert.rejects(c.execute("EXEC [Erp.BO.CustomerSvc].[GetNewCustomer] ds = 'not json'"), isCode('EPROCEDURE', 'ds'));
      await assert.rejects(c.execute('EXEC [Erp.BO.CustomerSvc].[GetByIDs] @custNum = 5'), isCode('EPROCEDURE', 'GetByIDs'));
      await assert.rejects(c.execute('EXEC [Erp.BO.PartSvc].[GetByID] @partNum = 5'), isCode('EPROCEDURE', 'Erp.BO.PartSvc.GetByID'));
      assert.equal(sim.stats().requests, 0);
    });

    test("Epicor's error comes back as EHTTP with its message", async () => {
      const c = await db(version);
      await assert.rejects(c.execute('EXEC [Erp.BO.CustomerSvc].[GetByID] @custNum = 999999'), (err: unknown) =>
        err instanceof KineticError && err.code === 'EHTTP' && /Record not found/.test(err.message));
    });

    test('Readonly=true refuses a method that may write (EREADONLY, no request) and runs a read-only one', async () => {
      const c = await db(version, { Readonly: 'true' });
      sim.resetStats();
      await assert.rejects(c.execute(`EXEC [Erp.BO.CustomerSvc].[Update] ds = '{"Customer": []}'`), isCode('EREADONLY', 'Update'));
      assert.equal(sim.stats().requests, 0);
      const { rows } = await c.execute('EXEC [Erp.BO.CustomerSvc].[GetByID] custNum = 3');
      assert.equal(rows[0]!['CustNum'], 3);
    });
  });
}

describe('Epicor Functions (efx)', () => {
  test('EXEC efx.[SimTools].[AddNumbers] posts to /api/v2/efx/{Company}/... and returns the output parameters as one row', async () => {
    const c = await db('v2');
    sim.resetStats();
    const r = await c.execute('EXEC efx.[SimTools].[AddNumbers] @a = 2, @b = 3.5');
    assert.deepEqual(r.rows, [{ sum: 5.5, product: 7 }]);
    assert.deepEqual(r.columns.map((col) => col.name), ['sum', 'product']);
    assert.equal(posts(`/api/v2/efx/${sim.company}/SimTools/AddNumbers`), 1);
    const same = await c.callProcedure('efx.SimTools.AddNumbers', { '@a': 1, b: 1 });
    assert.deepEqual(same.rows, [{ sum: 2, product: 1 }]);
  });

  test("a Function that reads data agrees with a query; a bad input is Epicor's 400 (EHTTP)", async () => {
    const c = await db('v2');
    const { rows: count } = await c.query("SELECT COUNT(*) AS n FROM Customers WHERE State = 'MN'");
    const { rows } = await c.execute("EXEC efx.SimTools.CustomerCount @state = 'MN'");
    assert.deepEqual(rows, [{ count: count[0]!['n'], company: sim.company }]);
    await assert.rejects(c.execute("EXEC efx.SimTools.AddNumbers @a = 'two', @b = 1"), (err: unknown) =>
      err instanceof KineticError && err.code === 'EHTTP' && (err as KineticError & { status?: number }).status === 400 && /a must be a number/.test(err.message));
  });

  test('EfxStaging=true calls the staging URL, where an unpublished library lives', async () => {
    const published = await db('v2');
    await assert.rejects(published.execute('EXEC efx.SimDraft.Echo @x = 1'), (err: unknown) => err instanceof KineticError && err.code === 'EHTTP');
    const staging = await db('v2', { EfxStaging: 'true' });
    sim.resetStats();
    const { rows } = await staging.execute("EXEC efx.SimDraft.Echo @x = 1, @label = 'hi'");
    assert.deepEqual(rows, [{ x: 1, label: 'hi', staged: true }]);
    assert.equal(posts(`/api/v2/efx/staging/${sim.company}/SimDraft/Echo`), 1);
  });

  test('v1 is refused, Readonly refuses Functions, positional arguments are refused: EPROCEDURE/EREADONLY before any request', async () => {
    const v1 = await db('v1');
    const ro = await db('v2', { Readonly: 'true' });
    const v2 = await db('v2');
    sim.resetStats();
    await assert.rejects(v1.execute('EXEC efx.SimTools.AddNumbers @a = 1, @b = 2'), (err: unknown) =>
      err instanceof KineticError && err.code === 'EPROCEDURE' && /ApiVersion=v2/.test(err.message));
    await assert.rejects(ro.execute('EXEC efx.SimTools.AddNumbers @a = 1, @b = 2'), isCode('EREADONLY'));
    await assert.rejects(v2.execute('EXEC efx.SimTools.AddNumbers 1, 2'), isCode('EPROCEDURE'));
    await assert.rejects(v2.execute('EXEC efx.SimTools @a = 1'), isCode('EPROCEDURE'));
    assert.equal(sim.stats().requests, 0);
  });
});

describe('methods and the metadata cache', () => {
  test('a warm start lists the methods and calls them with no $metadata request', async (t) => {
    const root = tempFolder();
    t.after(root.cleanup);
    const cs = sim.connectionString({ Service: 'Erp.BO.CustomerSvc', ApiVersion: 'v2', CacheLocation: join(root.dir, 'metadata.sqlite') });
    sim.resetStats();
    const cold = await connect(cs);
    const coldMethods = (await cold.query("SELECT ProcedureName FROM sys_procedures WHERE SchemaName = 'Erp.BO.CustomerSvc' ORDER BY ProcedureName")).rows;
    await cold.close();
    assert.equal(metadataRequestCount(sim), 1);
    sim.resetStats();
    const warm = await connect(cs);
    try {
      const { rows } = await warm.query("SELECT ProcedureName FROM sys_procedures WHERE SchemaName = 'Erp.BO.CustomerSvc' ORDER BY ProcedureName");
      assert.deepEqual(rows, coldMethods);
      assert.deepEqual(rows.map((r) => r['ProcedureName']), ['GetByID', 'GetList', 'GetNewCustomer', 'GetRows', 'Update']);
      const { rows: fks } = await warm.query("SELECT COUNT(*) AS n FROM sys_foreignkeys WHERE ReferencedTableName = 'Customers'");
      assert.ok(Number(fks[0]!['n']) > 0, 'navigation columns come back from the cache too');
      const { rows: customer } = await warm.execute('EXEC [Erp.BO.CustomerSvc].[GetByID] @custNum = 7');
      assert.equal(customer[0]!['CustNum'], 7);
      assert.equal(metadataRequestCount(sim), 0);
    } finally {
      await warm.close();
    }
  });
});
