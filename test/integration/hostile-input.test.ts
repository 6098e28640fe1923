/**
 * Bad input ends in the exact answer or a typed KineticError, never a RangeError, URIError or TypeError,
 * and never a frozen process: long IN lists and OR/AND chains (answered, split under the URL budget),
 * deep NOT nesting (refused with the limit named), lone UTF-16 surrogates, numbers that would be
 * millions of digits written out, and messages that would quote a megabyte. Timing is not asserted here
 * (bench/hostile-input.ts measures it); the outcome is.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect, KineticError, type Connection } from '../../src/index.ts';
import { startSimulator, type Simulator } from '../../src/simulator/index.ts';

const range = (from: number, to: number): number[] => Array.from({ length: to - from + 1 }, (_, i) => from + i);

/** Runs `run` and answers the KineticError it throws; anything else (or success) fails the test. */
async function kineticError(run: () => Promise<unknown>): Promise<KineticError> {
  try {
    await run();
  } catch (err) {
    assert.ok(err instanceof KineticError, `expected a KineticError, got ${String(err)}`);
    return err;
  }
  assert.fail('expected an error');
}

describe('hostile input', () => {
  let sim: Simulator;
  let dir: string;
  let db: Connection;
  /** CustNum -> CustID of the connection's company, read from the simulator's own rows. */
  let custIds: Map<number, string>;

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'kinetic-hostile-'));
    sim = await startSimulator({ port: 0, seed: 1, customers: 150 });
    db = await connect(sim.connectionString({ ApiVersion: 'v2', Service: 'Erp.BO.CustomerSvc,Erp.BO.SalesOrderSvc', CacheLocation: join(dir, 'metadata.sqlite') }));
    const raw = sim.db.prepare('SELECT CustNum, CustID FROM Customers WHERE Company = ?').all(sim.company) as { CustNum: number; CustID: string }[];
    custIds = new Map(raw.map((r) => [r.CustNum, r.CustID]));
  });
  after(async () => {
    await db?.close();
    await sim?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const customerRequests = (): string[] => Object.entries(sim.stats().byPath).filter(([p]) => p.endsWith('/Customers')).flatMap(([, s]) => s.queries);
  const sortedIds = (rows: readonly Record<string, unknown>[]): string[] => rows.map((r) => String(r['CustID'])).sort();
  const expectedIds = (keep: (custNum: number) => boolean): string[] => [...custIds].filter(([n]) => keep(n)).map(([, id]) => id).sort();

  describe('long lists and chains are answered, split under the URL budget', () => {
    it('an IN list of 5,000 numbers', async () => {
      sim.resetStats();
      const wanted = new Set(range(40, 5039));
      const { rows } = await db.query(`SELECT CustID FROM Customers WHERE CustNum IN (${[...wanted].join(',')})`);
      assert.deepEqual(sortedIds(rows), expectedIds((n) => wanted.has(n)));
      const sent = customerRequests();
      assert.ok(sent.length > 10, `${sent.length} requests`);
      assert.equal(sim.stats().queryStringTooLong, 0);
    });

    it('an IN list of 2,000 quoted CustIDs on the single-table path (each quote costs %27 on the wire)', async () => {
      sim.resetStats();
      const some = [...custIds.values()].slice(0, 30);
      const list = [...some, ...range(1, 1970).map((i) => `NOPE${i}`)];
      const { rows } = await db.query(`SELECT CustID FROM Customers WHERE CustID IN (${list.map((v) => `'${v}'`).join(',')})`);
      assert.deepEqual(sortedIds(rows), [...some].sort());
      assert.equal(sim.stats().queryStringTooLong, 0, 'no request over IIS maxQueryString');
      assert.ok(customerRequests().length > 1);
    });

    it('the same on API v1', async () => {
      const v1 = await connect(sim.connectionString({ ApiVersion: 'v1', CacheLocation: join(dir, 'metadata.sqlite') }));
      try {
        sim.resetStats();
        const some = [...custIds.values()].slice(10, 25);
        const list = [...range(1, 1000).map((i) => `NOPE'${i}`), ...some, ...range(1001, 2000).map((i) => `NOPE'${i}`)];
        const { rows } = await v1.query(`SELECT CustID FROM Customers WHERE CustID IN (${list.map((v) => `'${v.replaceAll("'", "''")}'`).join(',')})`);
        assert.deepEqual(sortedIds(rows), [...some].sort());
        assert.equal(sim.stats().queryStringTooLong, 0);
      } finally {
        await v1.close();
      }
    });

    it('an IN list of 2,000 parameters', async () => {
      const list = range(1, 2000);
      const { rows } = await db.query(`SELECT CustID FROM Customers WHERE CustNum IN (${list.map(() => '?').join(',')}) AND CustNum > ?`, [...list, 50]);
      assert.deepEqual(sortedIds(rows), expectedIds((n) => n > 50));
    });

    it('an OR chain of 4,000 terms', async () => {
      sim.resetStats();
      const terms = range(3, 4002).map((i) => `CustNum = ${i * 2}`);
      const { rows } = await db.query(`SELECT CustID FROM Customers WHERE ${terms.join(' OR ')}`);
      assert.deepEqual(sortedIds(rows), expectedIds((n) => n % 2 === 0 && n >= 6));
      // Split like an IN list: the server filters, the table is not read whole.
      const sent = customerRequests();
      assert.ok(sent.length > 1 && sent.every((q) => q.includes('$filter=CustNum eq ')), sent[0]);
    });

    it('an AND chain of 2,000 terms', async () => {
      const terms = range(1, 2000).map((i) => `CustNum <> ${i + 100}`);
      const { rows } = await db.query(`SELECT CustID FROM Customers WHERE ${terms.join(' AND ')}`);
      assert.deepEqual(sortedIds(rows), expectedIds((n) => n <= 100));
    });

    it('a NOT IN list of 5,000 numbers', async () => {
      const { rows } = await db.query(`SELECT CustID FROM Customers WHERE CustNum NOT IN (${range(11, 5010).join(',')})`);
      assert.deepEqual(sortedIds(rows), expectedIds((n) => n <= 10));
    });

    it('a long IN list inside a join (the local engine) is answered too', async () => {
      const { rows } = await db.query(`SELECT DISTINCT c.CustID FROM Customers c JOIN SalesOrders o ON o.CustNum = c.CustNum WHERE c.CustNum IN (${range(1, 3000).join(',')})`);
      const withOrders = new Set((sim.db.prepare('SELECT DISTINCT CustNum FROM SalesOrders WHERE Company = ?').all(sim.company) as { CustNum: number }[]).map((r) => r.CustNum));
      assert.deepEqual(sortedIds(rows), expectedIds((n) => withOrders.has(n)));
    });
  });

  it('a list run locally with more values than SQLite binds is refused with the limit named', async () => {
    const list = range(1, 33_000);
    const err = await kineticError(() => db.query(`SELECT UPPER(Name) AS n FROM Customers WHERE CustNum NOT IN (${list.map(() => '?').join(',')}) OR LEN(Name) > 100`, list));
    assert.equal(err.code, 'ESQL_UNSUPPORTED');
    assert.match(err.message, /32766/);
  });

  describe('nesting deeper than the limit is refused with the limit named', () => {
    it('3,000 nested NOT', async () => {
      const err = await kineticError(() => db.query(`SELECT CustID FROM Customers WHERE ${'NOT '.repeat(3000)}CustNum = 1`));
      assert.equal(err.code, 'ESQL_UNSUPPORTED');
      assert.match(err.message, /1000 levels/);
    });

    it('20,000 nested NOT (deeper than the SQL parser itself can go)', async () => {
      const err = await kineticError(() => db.query(`SELECT CustID FROM Customers WHERE ${'NOT '.repeat(20_000)}CustNum = 1`));
      assert.equal(err.code, 'ESQL_UNSUPPORTED');
      assert.match(err.message, /1000 levels/);
    });

    it('a 1,500-term arithmetic chain', async () => {
      const err = await kineticError(() => db.query(`SELECT CustID FROM Customers WHERE CustNum = ${range(1, 1500).map(() => '1').join(' + ')}`));
      assert.equal(err.code, 'ESQL_UNSUPPORTED');
      assert.match(err.message, /1000 levels/);
    });

    it('900 nested NOT and a 900-term sum run locally are still answered', async () => {
      const not = await db.query(`SELECT CustID FROM Customers WHERE ${'NOT '.repeat(900)}CustNum = 1`);
      assert.deepEqual(sortedIds(not.rows), expectedIds((n) => n === 1));
      const sum = await db.query(`SELECT CustID FROM Customers WHERE CustNum = ${range(1, 900).map(() => '1').join(' + ')} - 897`);
      assert.deepEqual(sortedIds(sum.rows), expectedIds((n) => n === 3));
    });
  });

  describe('a lone UTF-16 surrogate is refused where it is', () => {
    it('in a literal: ESQL_SYNTAX with its line and column', async () => {
      const err = await kineticError(() => db.query("SELECT CustID FROM Customers\nWHERE Name = 'ab\uD800c'"));
      assert.equal(err.code, 'ESQL_SYNTAX');
      assert.equal(err.line, 2);
      assert.equal(err.column, 17);
      assert.match(err.message, /surrogate/);
    });

    it('in a ? parameter: EPARAM naming it', async () => {
      const err = await kineticError(() => db.query('SELECT CustID FROM Customers WHERE CustID = ? AND Name = ?', ['C1', 'x\uDC00']));
      assert.equal(err.code, 'EPARAM');
      assert.match(err.message, /parameter 2 .*surrogate.*character 2/);
    });

    it('in an @name parameter, used by the local engine', async () => {
      const err = await kineticError(() => db.query('SELECT UPPER(Name) AS n FROM Customers WHERE LEN(Name) > LEN(@name)', { name: '\uD83D' }));
      assert.equal(err.code, 'EPARAM');
      assert.match(err.message, /@name/);
    });

    it('a surrogate pair (an emoji) is a character and works', async () => {
      const { rows } = await db.query('SELECT CustID FROM Customers WHERE Name = ?', ['\u{1F600} nobody']);
      assert.deepEqual(rows, []);
    });
  });

  describe('numbers too long to write out are refused', () => {
    it('1e-999999 in the text', async () => {
      const err = await kineticError(() => db.query('SELECT CustID FROM Customers WHERE CreditLimit = 1e-999999'));
      assert.ok(err.code === 'ESQL_UNSUPPORTED', err.code);
      assert.match(err.message, /limit of 400/);
    });

    it('a 40,000-digit parameter', async () => {
      const err = await kineticError(() => db.query('SELECT CustID FROM Customers WHERE CreditLimit > ?', ['9'.repeat(40_000)]));
      assert.equal(err.code, 'EPARAM');
      assert.match(err.message, /parameter 1 .*limit of 400/);
      assert.ok(err.message.length < 600, `${err.message.length} characters`);
    });

    it("'1e50000000' as a parameter", async () => {
      const err = await kineticError(() => db.query('SELECT CustID FROM Customers WHERE CreditLimit > ?', ['1e50000000']));
      assert.equal(err.code, 'EPARAM');
      assert.match(err.message, /1e50000000.*more than a billion|1e50000000.*characters long/);
    });

    it('numbers a double can hold are still written out whole', async () => {
      sim.resetStats();
      const { rows } = await db.query('SELECT CustID FROM Customers WHERE CreditLimit > ?', ['1.5e-300']);
      assert.equal(rows.length, custIds.size);
      assert.ok(customerRequests()[0]!.includes(`CreditLimit gt 0.${'0'.repeat(299)}15`));
    });
  });

  describe('messages stay short whatever the value', () => {
    it('a million-digit whole number for an Int32 column', async () => {
      const err = await kineticError(() => db.query('SELECT CustID FROM Customers WHERE CustNum = ?', ['7'.repeat(1_000_000)]));
      assert.equal(err.code, 'EPARAM');
      assert.ok(err.message.length < 500, `${err.message.length} characters`);
      assert.match(err.message, /\(1000000 characters\)/);
    });

    it('a 90,000-character column name', async () => {
      const err = await kineticError(() => db.query(`SELECT ${'x'.repeat(90_000)} FROM Customers`));
      assert.ok(err.message.length <= 2100, `${err.message.length} characters`);
    });

    it('an HTTP error for a long URL does not hold the whole URL', async () => {
      // A MaxUrlLength above the server's limit: IIS answers 404.15; the message is cut, the url is whole.
      const wide = await connect(sim.connectionString({ ApiVersion: 'v2', CacheLocation: join(dir, 'metadata.sqlite'), MaxUrlLength: '60000' }));
      try {
        const err = await kineticError(() => wide.query(`SELECT CustID FROM Customers WHERE CustNum IN (${range(1, 5000).join(',')})`));
        assert.equal(err.code, 'EHTTP');
        assert.ok(err.message.length <= 2100, `${err.message.length} characters`);
        assert.ok((err.url ?? '').length > 20_000);
      } finally {
        await wide.close();
      }
    });
  });
});
