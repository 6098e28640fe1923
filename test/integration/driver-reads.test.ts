/**
 * End to end reads through the public API against the simulator: rows and `columns` on v1 and v2, value
 * conversion, aliases, `*`, several services in one connection, BAQs with parameters, and explain().
 * Every answer is compared with the simulator's own database.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { request } from 'undici';
import { connect, KineticError, type Connection } from '../../src/index.ts';
import { startSimulator, type Simulator } from '../../src/simulator/index.ts';

// v2 gets the four services (PartSubs is then ambiguous); v1 three, to keep the cold start short.
const SERVICES = { v1: 'Erp.BO.CustomerSvc,Erp.BO.SalesOrderSvc,BaqSvc', v2: 'Erp.BO.CustomerSvc,Erp.BO.SalesOrderSvc,Erp.BO.PartSvc,BaqSvc' };

type DbRow = Record<string, unknown>;

describe('driver reads (v1 and v2)', () => {
  let sim: Simulator;
  let dir: string;
  // A metadata cache in a temp folder: connections after the first skip $metadata.
  const cs = (overrides: Record<string, string>): string => sim.connectionString({ CacheLocation: join(dir, 'metadata.sqlite'), ...overrides });
  const dbs: Partial<Record<'v1' | 'v2', Connection>> = {};
  const open = (v: 'v1' | 'v2'): Connection => dbs[v]!;
  const all = (sql: string, ...args: unknown[]): DbRow[] => sim.db.prepare(sql).all(...args) as DbRow[];

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'kinetic-e2e-reads-'));
    sim = await startSimulator({ port: 0, seed: 1, customers: 300 });
    for (const v of ['v1', 'v2'] as const) {
      dbs[v] = await connect(cs({ ApiVersion: v, Service: SERVICES[v] }));
    }
  });
  after(async () => {
    for (const db of Object.values(dbs)) await db?.close();
    await sim.close();
    rmSync(dir, { recursive: true, force: true });
  });

  for (const v of ['v1', 'v2'] as const) {
    it(`${v}: rows, columns metadata and converted values match the server's data`, async () => {
      const { rows, columns, rowCount } = await open(v).query(
        'SELECT TOP 5 CustNum, CustID AS Id, Name, CreditHold, EstDate FROM Customers ORDER BY CustNum',
      );
      const expected = all('SELECT CustNum, CustID, Name, CreditHold, EstDate FROM Customers WHERE Company = ? ORDER BY CustNum LIMIT 5', sim.company);
      assert.equal(rowCount, 5);
      assert.deepEqual(columns, [
        { name: 'CustNum', type: 'Edm.Int32', nullable: false, table: 'Customers' },
        { name: 'Id', type: 'Edm.String', nullable: true, table: 'Customers' },
        { name: 'Name', type: 'Edm.String', nullable: true, table: 'Customers' },
        { name: 'CreditHold', type: 'Edm.Boolean', nullable: false, table: 'Customers' },
        { name: 'EstDate', type: v === 'v1' ? 'Edm.DateTime' : 'Edm.DateTimeOffset', nullable: true, table: 'Customers' },
      ]);
      rows.forEach((row, i) => {
        const e = expected[i]!;
        assert.deepEqual(Object.keys(row), ['CustNum', 'Id', 'Name', 'CreditHold', 'EstDate'], 'rows are keyed by alias, in select order');
        assert.equal(row.CustNum, e.CustNum);
        assert.equal(row.Id, e.CustID);
        assert.equal(row.Name, e.Name);
        assert.equal(row.CreditHold, e.CreditHold === 1, 'booleans are booleans');
        assert.ok(row.EstDate instanceof Date, 'dates are Date objects');
        // The server stores dates without an offset; the driver reads them as UTC.
        assert.equal((row.EstDate as Date).toISOString(), `${e.EstDate as string}.000Z`);
      });
    });

    it(`${v}: decimals are numbers, or exact strings with DecimalsAsStrings=true`, async () => {
      const sql = 'SELECT TOP 20 OrderNum, OrderAmt FROM SalesOrders ORDER BY OrderNum';
      const expected = all('SELECT OrderNum, OrderAmt FROM SalesOrders WHERE Company = ? ORDER BY OrderNum LIMIT 20', sim.company);
      assert.ok(expected.some((e) => !Number.isInteger(e.OrderAmt)), 'the sample holds amounts with cents');
      const asNumbers = await open(v).query(sql);
      const modelAmt = sim.model.services.find((s) => s.name === 'Erp.BO.SalesOrderSvc')!.entitySets.find((e) => e.name === 'SalesOrders')!.columns.find((c) => c.name === 'OrderAmt')!;
      assert.deepEqual(asNumbers.columns[1], { name: 'OrderAmt', type: 'Edm.Decimal', nullable: modelAmt.nullable, table: 'SalesOrders' });
      assert.deepEqual(asNumbers.rows.map((r) => r.OrderAmt), expected.map((e) => e.OrderAmt));

      const db = await connect(cs({ ApiVersion: v, Service: 'Erp.BO.SalesOrderSvc', DecimalsAsStrings: 'true' }));
      try {
        const asStrings = await db.query(sql);
        for (const [i, r] of asStrings.rows.entries()) {
          assert.equal(typeof r.OrderAmt, 'string');
          assert.equal(Number(r.OrderAmt), expected[i]!.OrderAmt);
          assert.equal(typeof r.OrderNum, 'number', 'integers stay numbers');
        }
      } finally {
        await db.close();
      }
    });

    it(`${v}: SELECT * returns every column of the table, in metadata order`, async () => {
      const { rows, columns } = await open(v).query('SELECT TOP 3 * FROM Customers');
      const modelColumns = sim.model.services.find((s) => s.name === 'Erp.BO.CustomerSvc')!.entitySets.find((e) => e.name === 'Customers')!.columns;
      assert.equal(columns.length, modelColumns.length);
      assert.ok(columns.length > 400, 'Customers has its hundreds of real columns');
      assert.deepEqual(new Set(columns.map((c) => c.name)), new Set(modelColumns.map((c) => c.name)));
      assert.equal(rows.length, 3);
      for (const r of rows) assert.deepEqual(Object.keys(r), columns.map((c) => c.name));
      const first = all('SELECT CustID, Name FROM Customers WHERE Company = ? ORDER BY CustNum LIMIT 1', sim.company)[0]!;
      assert.equal(rows[0]!.CustID, first.CustID);
      assert.equal(rows[0]!.Name, first.Name);
    });

    it(`${v}: a BAQ parameter becomes the query-string parameter, not a filter`, async () => {
      const db = open(v);
      // A zip with a leading zero must stay text.
      const zip = (all("SELECT Zip FROM Customers WHERE Company = ? AND Zip LIKE '0%' GROUP BY Zip ORDER BY COUNT(*) DESC LIMIT 1", sim.company)[0]!.Zip) as string;
      const expected = all('SELECT CustID, Name, Zip FROM Customers WHERE Company = ? AND Zip = ? ORDER BY CustID', sim.company, zip);
      assert.ok(expected.length >= 2);
      sim.resetStats();
      const r = await db.query('SELECT Customer_CustID, Customer_Name, Customer_Zip FROM zCustomer01 WHERE zipCode = ?', [zip]);
      assert.deepEqual(
        r.rows.map((x) => [x.Customer_CustID, x.Customer_Name, x.Customer_Zip]).sort(),
        expected.map((e) => [e.CustID, e.Name, e.Zip]).sort(),
      );
      const queries = Object.entries(sim.stats().byPath).filter(([p]) => p.includes('/zCustomer01/')).flatMap(([, s]) => s.queries);
      assert.ok(queries.length > 0);
      for (const q of queries) {
        assert.ok(q.split('&').includes(`zipCode=${zip}`), q);
        assert.doesNotMatch(q, /\$filter=[^&]*zipCode/, 'the parameter is not sent as a filter');
      }
      // The literal form works the same.
      const literal = await db.query(`SELECT Customer_CustID FROM zCustomer01 WHERE zipCode = '${zip}'`);
      assert.equal(literal.rowCount, expected.length);
    });

    it(`${v}: a missing mandatory BAQ parameter is EPARAM naming it, before any request`, async () => {
      sim.resetStats();
      await assert.rejects(open(v).query('SELECT Customer_CustID FROM zCustomer01'), (err: KineticError) => {
        assert.equal(err.code, 'EPARAM');
        assert.match(err.message, /zipCode/);
        return true;
      });
      assert.equal(sim.stats().requests, 0);
    });

    it(`${v}: a hyphenated BAQ id works in brackets, with and without its optional parameter`, async () => {
      const db = open(v);
      const all1 = await db.query('SELECT Customer_CustID, Customer_State, Customer_CreditHold, Calculated_OpenOrderAmt FROM [68138-HSCustomers]');
      const expectedAll = all('SELECT CustID FROM Customers WHERE Company = ? AND CreditHold = 1 ORDER BY CustID', sim.company);
      assert.deepEqual(all1.rows.map((r) => r.Customer_CustID).sort(), expectedAll.map((e) => e.CustID).sort());
      assert.ok(all1.rows.every((r) => r.Customer_CreditHold === true && typeof r.Calculated_OpenOrderAmt === 'number'));

      const state = (all('SELECT State FROM Customers WHERE Company = ? AND CreditHold = 1 GROUP BY State ORDER BY COUNT(*) DESC LIMIT 1', sim.company)[0]!.State) as string;
      sim.resetStats();
      const some = await db.query('SELECT Customer_CustID, Customer_State FROM [68138-HSCustomers] WHERE state = @s', { s: state });
      const expected = all('SELECT CustID FROM Customers WHERE Company = ? AND CreditHold = 1 AND State = ?', sim.company, state);
      assert.deepEqual(some.rows.map((r) => r.Customer_CustID).sort(), expected.map((e) => e.CustID).sort());
      assert.ok(some.rows.every((r) => r.Customer_State === state));
      const paths = Object.keys(sim.stats().byPath);
      assert.ok(paths.some((p) => p.includes('/BaqSvc/68138-HSCustomers/')), paths.join(', '));
    });

    it(`${v}: explain() gives the request URL and makes no request`, async () => {
      sim.resetStats();
      const plan = await open(v).explain("SELECT TOP 7 CustID, Name FROM Customers WHERE State = 'MN' ORDER BY Name");
      assert.equal(sim.stats().requests, 0, 'explain fetched nothing');
      assert.equal(plan.requests.length, 1);
      assert.equal(plan.requests[0]!.method, 'GET');
      assert.equal(plan.local, null);
      const url = new URL(plan.requests[0]!.url);
      assert.ok(url.href.startsWith(sim.url));
      assert.ok(url.pathname.endsWith('/Erp.BO.CustomerSvc/Customers'), url.pathname);
      assert.equal(url.searchParams.get('$select'), 'CustID,Name');
      assert.equal(url.searchParams.get('$filter'), "State eq 'MN'");
      assert.match(url.searchParams.get('$orderby') ?? '', /^Name/);
      assert.equal(url.searchParams.get('$top'), '7');
      assert.match(plan.text, /Customers/);
      assert.doesNotMatch(plan.requests[0]!.url + plan.text, new RegExp(`${sim.password}|${sim.apiKey}`), 'no secret in the plan');

      // The URL explain() shows is the one query() sends.
      const rows = (await open(v).query("SELECT TOP 7 CustID, Name FROM Customers WHERE State = 'MN' ORDER BY Name")).rows;
      assert.equal(rows.length, 7);
      const sent = Object.entries(sim.stats().byPath).find(([p]) => p.endsWith('/Customers'))!;
      assert.equal(sent[1].queries[0], decodeURIComponent(url.search.slice(1)));
    });
  }

  it('v2: several services in one connection; an ambiguous table is qualified by its service', async () => {
    const db = open('v2');
    const orders = await db.query('SELECT TOP 3 OrderNum, CustNum FROM SalesOrders ORDER BY OrderNum');
    assert.deepEqual(orders.rows, all('SELECT OrderNum, CustNum FROM SalesOrders WHERE Company = ? ORDER BY OrderNum LIMIT 3', sim.company));
    const parts = await db.query('SELECT TOP 3 PartNum FROM Parts ORDER BY PartNum');
    assert.deepEqual(parts.rows, all('SELECT PartNum FROM Parts WHERE Company = ? ORDER BY PartNum LIMIT 3', sim.company));

    // PartSubs is in SalesOrderSvc and PartSvc.
    await assert.rejects(db.query('SELECT * FROM PartSubs'), (err: KineticError) => {
      assert.equal(err.code, 'ENO_TABLE');
      assert.match(err.message, /ambiguous/);
      assert.match(err.message, /\[Erp\.BO\.SalesOrderSvc\]\.\[PartSubs\]/);
      assert.match(err.message, /\[Erp\.BO\.PartSvc\]\.\[PartSubs\]/);
      return true;
    });
    // The seed leaves PartSubs empty: add a row through the simulator's REST API.
    const part = all('SELECT PartNum FROM Parts WHERE Company = ? ORDER BY PartNum LIMIT 2', sim.company);
    const res = await request(`${sim.url}/${sim.instance}/api/v1/Erp.BO.PartSvc/PartSubs`, {
      method: 'POST',
      headers: {
        authorization: `Basic ${Buffer.from(`${sim.user}:${sim.password}`).toString('base64')}`,
        'content-type': 'application/json',
        accept: 'application/json',
      },
      body: JSON.stringify({ Company: sim.company, PartNum: part[0]!.PartNum, SubPart: part[1]!.PartNum }),
    });
    assert.equal(res.statusCode, 201, await res.body.text());
    for (const service of ['Erp.BO.PartSvc', 'Erp.BO.SalesOrderSvc']) {
      sim.resetStats();
      const r = await db.query(`SELECT PartNum, SubPart FROM [${service}].[PartSubs]`);
      assert.deepEqual(r.rows, [{ PartNum: part[0]!.PartNum, SubPart: part[1]!.PartNum }]);
      const paths = Object.keys(sim.stats().byPath);
      assert.deepEqual(paths.map((p) => p.endsWith(`/${service}/PartSubs`)), paths.map(() => true), `only ${service} was asked: ${paths.join(', ')}`);
      assert.ok(paths.length > 0);
    }
  });
});
