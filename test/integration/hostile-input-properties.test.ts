/**
 * Property-based checks (fast-check, fixed number of runs; a failure prints its seed and the shrunk
 * case) of what the hostile-input tests check by example:
 * - random SQL fragments after WHERE end in rows or a KineticError, never another error;
 * - random strings bound as a parameter reach the simulator's own OData parser (@odata/parser) as
 *   exactly that literal: the decoded `$filter` is `Name eq '<the string, quotes doubled>'`, and the
 *   one customer stored with that name is the row found; with a lone surrogate, EPARAM and no request;
 * - random numbers (doubles, whole numbers, decimal text with exponents, huge or tiny) as a parameter or
 *   a literal give the rows SQLite gives over the simulator's raw rows, or EPARAM/ESQL_UNSUPPORTED;
 * - random dates (Date objects, ISO text, ISO text with an offset) give the rows SQLite gives;
 * - random conditions of comparisons, IN, BETWEEN, AND, OR and NOT give the rows SQLite gives over the
 *   simulator's raw rows.
 * Each test has a timeout: a frozen process fails it rather than hanging the run.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { request } from 'undici';
import { connect, KineticError, type Connection } from '../../src/index.ts';
import { startSimulator, type Simulator } from '../../src/simulator/index.ts';

const TIMEOUT = { timeout: 120_000 };

describe('hostile input, property-based', () => {
  let sim: Simulator;
  let dir: string;
  let db: Connection;
  let authorization: string;

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'kinetic-hostile-props-'));
    sim = await startSimulator({ port: 0, seed: 3, customers: 60 });
    authorization = `Basic ${Buffer.from(`${sim.user}:${sim.password}`).toString('base64')}`;
    db = await connect(sim.connectionString({ ApiVersion: 'v2', Service: 'Erp.BO.CustomerSvc,Erp.BO.SalesOrderSvc', CacheLocation: join(dir, 'metadata.sqlite') }));
  });
  after(async () => {
    await db?.close();
    await sim?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const customerQueries = (): string[] => Object.entries(sim.stats().byPath).filter(([p]) => p.endsWith('/Customers')).flatMap(([, s]) => s.queries);
  /** The simulator's raw rows of the connection's company, by SQLite: the reference answer. */
  const reference = (where: string, params: readonly unknown[] = []): string[] =>
    (sim.db.prepare(`SELECT CustID FROM Customers WHERE Company = ? AND (${where})`).all(sim.company, ...params) as { CustID: string }[]).map((r) => r.CustID).sort();
  const ids = (rows: readonly Record<string, unknown>[]): string[] => rows.map((r) => String(r['CustID'])).sort();

  /** Rows, or a KineticError: anything else thrown fails the property. */
  async function outcome(run: () => Promise<{ rows: readonly Record<string, unknown>[] }>): Promise<{ rows: readonly Record<string, unknown>[] } | KineticError> {
    try {
      return await run();
    } catch (err) {
      if (err instanceof KineticError) return err;
      throw err;
    }
  }

  it('random SQL fragments after WHERE end in rows or a KineticError', TIMEOUT, async () => {
    const token = fc.oneof(
      fc.constantFrom('CustNum', 'Name', 'CreditLimit', 'State', 'NOT', 'AND', 'OR', 'IN', 'LIKE', 'BETWEEN', 'IS', 'NULL', '(', ')', ',', '=', '<>', '<', '>=', '+', '-', '*', '/', '?', 'UPPER(', 'LEN(', 'CAST(', 'AS', 'INT', "'", 'N', '[', ']', '"', '@p', ';', '--', '/*', '*/', 'SELECT', 'FROM', 'Customers', 'TOP', 'ORDER BY', '1e-999999', '1e50000000', '0x1F', '.5', '5.', '\uD800', '\u{1F600}', '%', '&', '#', '$filter=', '\u0000'),
      fc.integer().map(String),
      fc.double().map(String),
      fc.string({ unit: 'binary', maxLength: 6 }).map((s) => `'${s.replaceAll("'", "''")}'`),
      fc.stringMatching(/^\d{1,30}(\.\d{0,30})?(e[+-]?\d{1,9})?$/),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(token, { minLength: 1, maxLength: 12 }), fc.array(fc.oneof(fc.string(), fc.integer(), fc.double()), { maxLength: 3 }), async (tokens, params) => {
        const sql = `SELECT CustID FROM Customers WHERE ${tokens.join(' ')}`;
        const result = await outcome(() => db.query(sql, params));
        if (result instanceof KineticError) assert.ok(result.message.length <= 2100);
      }),
      { numRuns: 150 },
    );
  });

  it('a random string bound as a parameter is exactly the literal the simulator parses', TIMEOUT, async () => {
    let n = 0;
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.string({ unit: 'binary', maxLength: 30 }), fc.string({ unit: fc.constantFrom("'", '&', '#', '%', '+', '=', '?', '/', ' ', '\u00e9', '\u{1F600}', '$', '(', ')', 'a'), maxLength: 20 })), async (name) => {
        const custId = `PB${n++}`;
        const res = await request(`${sim.url}/${sim.instance}/api/v1/Erp.BO.CustomerSvc/Customers`, {
          method: 'POST',
          headers: { authorization, 'content-type': 'application/json', accept: 'application/json' },
          body: JSON.stringify({ CustID: custId, Name: name }),
        });
        assert.equal(res.statusCode, 201, await res.body.text());
        sim.resetStats();
        const { rows } = await db.query('SELECT CustID, Name FROM Customers WHERE Name = ? AND CustID = ?', [name, custId]);
        assert.deepEqual(rows, [{ CustID: custId, Name: name }]);
        const sent = customerQueries();
        assert.equal(sent.length, 1);
        assert.ok(sent[0]!.startsWith(`$select=CustID,Name&$filter=Name eq '${name.replaceAll("'", "''")}' and CustID eq '${custId}'&`), sent[0]);
      }),
      { numRuns: 60 },
    );
  });

  it('a string with a lone surrogate is EPARAM, and nothing is sent', TIMEOUT, async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ unit: 'binary', maxLength: 10 }), fc.integer({ min: 0xd800, max: 0xdfff }), fc.string({ unit: 'binary', maxLength: 10 }), async (before, code, after) => {
        sim.resetStats();
        const result = await outcome(() => db.query('SELECT CustID FROM Customers WHERE Name = ?', [`${before}${String.fromCharCode(code)}${after}`]));
        assert.ok(result instanceof KineticError && result.code === 'EPARAM', String(result));
        assert.equal(customerQueries().length, 0);
      }),
      { numRuns: 100 },
    );
  });

  const numberText = fc.oneof(
    fc.double({ noNaN: true, noDefaultInfinity: true }).map(String),
    fc.integer().map(String),
    fc.stringMatching(/^-?\d{1,25}(\.\d{1,25})?$/),
    fc.tuple(fc.stringMatching(/^-?\d{1,3}(\.\d{1,5})?$/), fc.oneof(fc.integer({ min: -400, max: 400 }), fc.integer())).map(([m, e]) => `${m}e${e}`),
  );

  it('a random number as a parameter: the rows SQLite gives, or EPARAM', TIMEOUT, async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(numberText, fc.double().map((d) => d as unknown as string)), fc.constantFrom('>', '<=', '='), async (value, op) => {
        const result = await outcome(() => db.query(`SELECT CustID FROM Customers WHERE CreditLimit ${op} ?`, [value]));
        if (result instanceof KineticError) {
          assert.equal(result.code, 'EPARAM', result.message);
          return;
        }
        assert.deepEqual(ids(result.rows), reference(`CreditLimit ${op} ?`, [Number(value)]));
      }),
      { numRuns: 100 },
    );
  });

  it('a random number as a literal in the text: the rows SQLite gives, or a typed error', TIMEOUT, async () => {
    await fc.assert(
      fc.asyncProperty(numberText, async (text) => {
        const literal = text.startsWith('-') ? `(${text})` : text;
        const result = await outcome(() => db.query(`SELECT CustID FROM Customers WHERE CreditLimit > ${literal}`));
        if (result instanceof KineticError) {
          assert.ok(result.code === 'ESQL_UNSUPPORTED' || result.code === 'EPARAM', result.message);
          assert.match(result.message, /limit of 400|beyond what/);
          return;
        }
        assert.deepEqual(ids(result.rows), reference('CreditLimit > ?', [Number(text)]));
      }),
      { numRuns: 100 },
    );
  });

  it('a random date as a parameter (Date, ISO text, with an offset): the rows SQLite gives', TIMEOUT, async () => {
    const day = fc.date({ min: new Date('2018-06-01T00:00:00Z'), max: new Date('2027-06-01T00:00:00Z'), noInvalidDate: true });
    const offset = fc.integer({ min: -12 * 60, max: 14 * 60 });
    const value = fc.oneof(
      day.map((d) => ({ value: d as unknown, at: d })),
      day.map((d) => ({ value: d.toISOString() as unknown, at: d })),
      fc.tuple(day, offset).map(([d, minutes]) => {
        const local = new Date(d.getTime() + minutes * 60_000).toISOString().slice(0, 23);
        const sign = minutes < 0 ? '-' : '+';
        const hh = String(Math.floor(Math.abs(minutes) / 60)).padStart(2, '0');
        const mm = String(Math.abs(minutes) % 60).padStart(2, '0');
        return { value: `${local}${sign}${hh}:${mm}` as unknown, at: d };
      }),
    );
    await fc.assert(
      fc.asyncProperty(value, fc.constantFrom('>=', '<', '='), async ({ value: v, at }, op) => {
        const { rows } = await db.query(`SELECT OrderNum FROM SalesOrders WHERE OrderDate ${op} ?`, [v]);
        // The simulator stores UTC instants as ISO text without a zone, milliseconds only when not zero.
        const iso = at.toISOString().replace(/\.000Z$|Z$/, '');
        const expected = (sim.db.prepare(`SELECT OrderNum FROM SalesOrders WHERE Company = ? AND OrderDate ${op} ?`).all(sim.company, iso) as { OrderNum: number }[]).map((r) => r.OrderNum).sort((a, b) => a - b);
        assert.deepEqual(rows.map((r) => r['OrderNum'] as number).sort((a, b) => a - b), expected, `${String(v)} -> ${iso}`);
      }),
      { numRuns: 100 },
    );
  });

  it('random conditions of comparisons, IN, BETWEEN, AND, OR and NOT give the rows SQLite gives', TIMEOUT, async () => {
    const op = fc.constantFrom('=', '<>', '<', '<=', '>', '>=');
    const { condition } = fc.letrec((tie) => ({
      atom: fc.oneof(
        fc.tuple(op, fc.integer({ min: 0, max: 100 })).map(([o, v]) => `CustNum ${o} ${v}`),
        fc.tuple(op, fc.integer({ min: 0, max: 250 })).map(([o, v]) => `CreditLimit ${o} ${v * 1000 + (v % 3 === 0 ? 0.5 : 0)}`),
        fc.tuple(fc.boolean(), fc.array(fc.integer({ min: 0, max: 100 }), { minLength: 1, maxLength: 30 })).map(([not, list]) => `CustNum ${not ? 'NOT ' : ''}IN (${list.join(', ')})`),
        fc.tuple(fc.boolean(), fc.integer({ min: 0, max: 100 }), fc.integer({ min: 0, max: 100 })).map(([not, a, b]) => `CustNum ${not ? 'NOT ' : ''}BETWEEN ${a} AND ${b}`),
        fc.constantFrom('CreditHold = 1', 'CreditHold = 0', 'CountryNum = 1', 'CountryNum <> 2'),
      ),
      condition: fc.oneof(
        { depthSize: 'small', withCrossShrink: true },
        tie('atom') as fc.Arbitrary<string>,
        fc.tuple(tie('condition') as fc.Arbitrary<string>, fc.constantFrom('AND', 'OR'), tie('condition') as fc.Arbitrary<string>).map(([a, o, b]) => `(${a} ${o} ${b})`),
        (tie('condition') as fc.Arbitrary<string>).map((c) => `NOT (${c})`),
      ),
    }));
    await fc.assert(
      fc.asyncProperty(condition, async (where) => {
        const { rows } = await db.query(`SELECT CustID FROM Customers WHERE ${where}`);
        assert.deepEqual(ids(rows), reference(where));
      }),
      { numRuns: 100 },
    );
  });
});
