/**
 * The local engine from the user's side and the server's: answers compared with SQLite over the
 * simulator's raw rows (written by hand here, not by the driver's planner), and what was fetched proven
 * from the simulator's request log (`sim.stats()`): the row-limit rule, semi-joins, the URL budget.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { connect, KineticError, type Connection } from '../../src/index.ts';
import { startSimulator, type Simulator } from '../../src/simulator/index.ts';

const SERVICES = 'Erp.BO.CustomerSvc,Erp.BO.SalesOrderSvc';

describe('local engine (v1 and v2)', () => {
  let sim: Simulator;
  const dbs: Partial<Record<'v1' | 'v2', Connection>> = {};
  const oracle = (sql: string, ...args: unknown[]): unknown[][] => sim.db.prepare(sql).raw(true).all(...args) as unknown[][];
  let version: 'v1' | 'v2' = 'v1';
  const pathOf = (set: string): string | undefined => Object.keys(sim.stats().byPath).find((p) => p.includes(`/api/${version}/`) && p.endsWith(`/${set}`));
  /** Query strings the simulator received for one entity set of the current API version since `since`. */
  const queriesOf = (set: string, since: Record<string, number>): string[] => {
    const path = pathOf(set);
    const all = path ? sim.stats().byPath[path]!.queries : [];
    return all.slice(since[set] ?? 0);
  };
  const mark = (): Record<string, number> => Object.fromEntries(['Customers', 'SalesOrders'].map((s) => [s, queriesOf(s, {}).length]));
  const bytesOf = (set: string): number => {
    const path = pathOf(set);
    return path ? sim.stats().byPath[path]!.bytes : 0;
  };

  before(async () => {
    sim = await startSimulator({ port: 0, seed: 5, customers: 150 });
    for (const v of ['v1', 'v2'] as const) dbs[v] = await connect(sim.connectionString({ ApiVersion: v, CacheMetadata: 'false', Service: SERVICES }));
  });
  after(async () => {
    for (const db of Object.values(dbs)) await db?.close();
    await sim.close();
  });

  for (const v of ['v1', 'v2'] as const) {
    const db = () => {
      version = v;
      return dbs[v]!;
    };

    it(`${v}: TOP after a local condition fetches every row the pushed condition allows, then takes 5`, async () => {
      version = v;
      const since = mark();
      const { rows } = await db().query("SELECT TOP 5 CustNum, Name FROM Customers WHERE State = 'TX' AND CHARINDEX('a', Name) > 3 ORDER BY CustNum", [], { rowMode: 'array' });
      // CHARINDEX is case-insensitive and 1-based: instr() over lower-case text is the same here.
      const truth = oracle("SELECT CustNum, Name FROM Customers WHERE Company = ? AND State = 'TX' AND instr(lower(Name), 'a') > 3 ORDER BY CustNum LIMIT 5", sim.company);
      assert.ok(truth.length > 0, 'the seed has such customers');
      assert.deepEqual(rows, truth);
      const sent = queriesOf('Customers', since).filter((q) => q.endsWith('$skip=0'));
      assert.ok(sent.length > 0 && sent.every((q) => q.includes("$filter=State eq 'TX'") && !q.includes('$top=5')), sent.join('\n'));
    });

    it(`${v}: TOP goes to Epicor when the local work drops no row (expressions in the select list only)`, async () => {
      version = v;
      const since = mark();
      const { rows } = await db().query('SELECT TOP 3 UPPER(Name) AS n, CustNum, TRY_CAST(CustID AS int) AS id FROM Customers ORDER BY CustNum DESC', [], { rowMode: 'array' });
      const truth = oracle('SELECT upper(Name), CustNum, NULL FROM Customers WHERE Company = ? ORDER BY CustNum DESC LIMIT 3', sim.company);
      assert.deepEqual(rows.map((r) => [String(r[0]).toLowerCase(), r[1], r[2]]), truth.map((t) => [String(t[0]).toLowerCase(), t[1], t[2]]));
      const sent = queriesOf('Customers', since);
      assert.deepEqual(sent.length, 1);
      assert.match(sent[0]!, /\$orderby=CustNum desc,Company&\$top=3&\$skip=0$/);
    });

    it(`${v}: a join with GROUP BY and SUM gives the oracle's answer`, async () => {
      const { rows } = await db().query(
        'SELECT c.State, COUNT(*) AS n, SUM(o.OrderAmt) AS total FROM Customers c JOIN SalesOrders o ON o.CustNum = c.CustNum GROUP BY c.State ORDER BY c.State',
        [], { rowMode: 'array' });
      const truth = oracle(
        'SELECT c.State, COUNT(*), SUM(o.OrderAmt) FROM Customers c JOIN SalesOrders o ON o.Company = c.Company AND o.CustNum = c.CustNum WHERE c.Company = ? GROUP BY lower(c.State) ORDER BY lower(c.State)',
        sim.company);
      assert.equal(rows.length, truth.length);
      rows.forEach((r, i) => {
        const t = truth[i]!;
        assert.equal(String(r[0]).toLowerCase(), String(t[0]).toLowerCase());
        assert.equal(r[1], t[1]);
        assert.ok(Math.abs(Number(r[2]) - Number(t[2])) < 0.01, `${r[2]} vs ${t[2]}`);
      });
      // A sum of amounts is exact to the column's scale (SQL Server's decimal), not a double's digits.
      for (const r of rows) assert.match(String(r[2]), /^-?\d+(\.\d{1,3})?$/);
    });

    it(`${v}: a filtered join reads the other table by the keys it needs (a semi-join), not whole`, async () => {
      version = v;
      const since = mark();
      const before = bytesOf('SalesOrders');
      const sql = "SELECT c.CustID, o.OrderNum FROM Customers c JOIN SalesOrders o ON o.CustNum = c.CustNum WHERE c.State = 'TX' ORDER BY o.OrderNum";
      const plan = await db().explain(sql);
      assert.match(plan.text, /read by the CustNum values of t0/);
      const { rows } = await db().query(sql, [], { rowMode: 'array' });
      const truth = oracle("SELECT c.CustID, o.OrderNum FROM Customers c JOIN SalesOrders o ON o.Company = c.Company AND o.CustNum = c.CustNum WHERE c.Company = ? AND c.State = 'TX' ORDER BY o.OrderNum", sim.company);
      assert.ok(truth.length > 0);
      assert.deepEqual(rows, truth);
      // First pages only (each key batch starts at $skip=0): a page prefetched by the test before may arrive late.
      const orders = queriesOf('SalesOrders', since).filter((q) => q.endsWith('$skip=0'));
      assert.ok(orders.length > 0 && orders.every((q) => /\$filter=CustNum eq \d+( or CustNum eq \d+)*&/.test(q)), orders.join('\n'));
      const semi = bytesOf('SalesOrders') - before;
      const whole = bytesOf('SalesOrders');
      await db().query('SELECT c.CustID, o.OrderNum FROM Customers c JOIN SalesOrders o ON o.CustNum = c.CustNum');
      assert.ok(semi * 3 < bytesOf('SalesOrders') - whole, `semi-join read ${semi} bytes of orders, the whole table ${bytesOf('SalesOrders') - whole}`);
    });

    it(`${v}: LEFT JOIN keeps customers without orders; a condition on the orders in ON is sent with the orders`, async () => {
      version = v;
      const since = mark();
      const { rows } = await db().query(
        'SELECT c.CustNum, COUNT(o.OrderNum) FROM Customers c LEFT JOIN SalesOrders o ON o.CustNum = c.CustNum AND o.OrderAmt > 50000 GROUP BY c.CustNum ORDER BY c.CustNum',
        [], { rowMode: 'array' });
      const truth = oracle(
        'SELECT c.CustNum, COUNT(o.OrderNum) FROM Customers c LEFT JOIN SalesOrders o ON o.Company = c.Company AND o.CustNum = c.CustNum AND o.OrderAmt > 50000 WHERE c.Company = ? GROUP BY c.CustNum ORDER BY c.CustNum',
        sim.company);
      assert.deepEqual(rows, truth);
      assert.ok(truth.some((t) => t[1] === 0), 'some customers have no such order');
      // First pages only: a page prefetched by the test before may still arrive after `since`.
      const sent = queriesOf('SalesOrders', since).filter((q) => q.endsWith('$skip=0'));
      assert.ok(sent.length === 1 && /\$filter=OrderAmt gt 50000M?&/.test(sent[0]!), sent.join('\n'));
    });

    it(`${v}: a long IN list is split into requests that each stay under MaxUrlLength`, async () => {
      const small = await connect(sim.connectionString({ ApiVersion: v, CacheMetadata: 'false', Service: SERVICES, MaxUrlLength: '400' }));
      try {
        const ids = Array.from({ length: 120 }, (_, i) => i + 1);
        const sql = `SELECT CustNum, Name FROM Customers WHERE CustNum IN (${ids.join(', ')}) ORDER BY CustNum`;
        const plan = await small.explain(sql);
        assert.ok(plan.requests.length > 1, 'split');
        for (const r of plan.requests) assert.ok(new URL(r.url).search.length - 1 <= 400, `${new URL(r.url).search.length}`);
        const { rows } = await small.query(sql, [], { rowMode: 'array' });
        assert.deepEqual(rows, oracle(`SELECT CustNum, Name FROM Customers WHERE Company = ? AND CustNum <= 120 ORDER BY CustNum`, sim.company));
      } finally {
        await small.close();
      }
    });

    it(`${v}: values equal under the collation are sent once when a list is split, so no row comes twice`, async () => {
      const small = await connect(sim.connectionString({ ApiVersion: v, CacheMetadata: 'false', Service: SERVICES, MaxUrlLength: '256' }));
      try {
        const distinct = ['TX', 'MN', 'CA', 'NY', 'OH', 'WA', 'FL', 'IL', 'GA', 'PA', 'MI', 'NC', 'NJ', 'VA'];
        const states = distinct.flatMap((st) => [st, st.toLowerCase(), `${st} `]);
        const sql = `SELECT CustNum FROM Customers WHERE State IN (${states.map((s) => `'${s}'`).join(', ')}) ORDER BY CustNum`;
        assert.ok((await small.explain(sql)).requests.length > 1, 'split');
        const { rows } = await small.query(sql, [], { rowMode: 'array' });
        const truth = oracle(`SELECT CustNum FROM Customers WHERE Company = ? AND upper(rtrim(State)) IN (${distinct.map((st) => `'${st}'`).join(', ')}) ORDER BY CustNum`, sim.company);
        assert.ok(truth.length > 0);
        assert.deepEqual(rows, truth);
      } finally {
        await small.close();
      }
    });

    it(`${v}: a SQL Server function's run-time error is ESQL_RUNTIME with SQL Server's message`, async () => {
      await assert.rejects(db().query('SELECT LEFT(Name, -1) FROM Customers'), (err: unknown) => {
        assert.ok(err instanceof KineticError);
        assert.equal(err.code, 'ESQL_RUNTIME');
        assert.match(err.message, /Invalid length parameter passed to the left function/);
        return true;
      });
      await assert.rejects(db().query("SELECT CAST(Name AS int) FROM Customers"), { code: 'ESQL_RUNTIME' });
    });

    it(`${v}: a condition too long for any request is applied locally instead`, async () => {
      const long = 'x'.repeat(2500);
      const first = oracle('SELECT Name FROM Customers WHERE Company = ? ORDER BY CustNum LIMIT 1', sim.company)[0]![0] as string;
      const sql = 'SELECT CustNum FROM Customers WHERE Name = ? OR Name = ? ORDER BY CustNum';
      const plan = await db().explain(sql, [first, long]);
      assert.ok(plan.local !== null && !decodeURIComponent(plan.requests[0]!.url).includes(long.slice(0, 100)));
      const { rows } = await db().query(sql, [first, long], { rowMode: 'array' });
      assert.deepEqual(rows, oracle('SELECT CustNum FROM Customers WHERE Company = ? AND Name = ? ORDER BY CustNum', sim.company, first));
    });

    it(`${v}: a BAQ joins like a table: its parameter goes to the BAQ, its keys fetch the other side`, async () => {
      const baq = await connect(sim.connectionString({ ApiVersion: v, CacheMetadata: 'false', Service: 'Erp.BO.CustomerSvc,BaqSvc' }));
      try {
        const zip = oracle("SELECT Zip FROM Customers WHERE Company = ? AND Zip <> '' GROUP BY Zip ORDER BY COUNT(*) DESC, Zip LIMIT 1", sim.company)[0]![0] as string;
        const sql = 'SELECT b.Customer_CustID, c.CreditLimit FROM zCustomer01 b JOIN Customers c ON c.CustID = b.Customer_CustID WHERE b.zipCode = ? ORDER BY b.Customer_CustID';
        const plan = await baq.explain(sql, [zip]);
        assert.match(decodeURIComponent(plan.requests[0]!.url), new RegExp(`zipCode=${zip}&`));
        assert.match(plan.text, /read by the Customer_CustID values of t0/);
        const { rows } = await baq.query(sql, [zip], { rowMode: 'array' });
        const truth = oracle('SELECT CustID, CreditLimit FROM Customers WHERE Company = ? AND Zip = ? ORDER BY CustID', sim.company, zip);
        assert.ok(truth.length > 0);
        assert.deepEqual(rows, truth);
      } finally {
        await baq.close();
      }
    });

    it(`${v}: more rows than MaxLocalRows is ELIMIT, not memory exhaustion`, async () => {
      const tight = await connect(sim.connectionString({ ApiVersion: v, CacheMetadata: 'false', Service: SERVICES, MaxLocalRows: '50' }));
      try {
        await assert.rejects(tight.query('SELECT c.Name, o.OrderNum FROM Customers c JOIN SalesOrders o ON o.CustNum = c.CustNum'), (err: unknown) => {
          assert.ok(err instanceof KineticError);
          assert.equal(err.code, 'ELIMIT');
          assert.match(err.message, /MaxLocalRows=50/);
          return true;
        });
      } finally {
        await tight.close();
      }
    });
  }
});
