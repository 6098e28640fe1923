/**
 * What the reshaped query path gives a user: columns of one name keep every value, rows as arrays,
 * TOP (?) beside LIMIT ?, parameters named like internal markers, and refusals that promise nothing.
 * Checked against the simulator's own database and, for pushdown, its request log.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { connect, KineticError, type Connection } from '../../src/index.ts';
import { startSimulator, type Simulator } from '../../src/simulator/index.ts';

describe('result shape (v1 and v2)', () => {
  let sim: Simulator;
  const dbs: Partial<Record<'v1' | 'v2', Connection>> = {};
  const first = (sql: string): Record<string, unknown> => sim.db.prepare(sql).get() as Record<string, unknown>;

  before(async () => {
    sim = await startSimulator({ port: 0, seed: 3, customers: 60 });
    for (const v of ['v1', 'v2'] as const) dbs[v] = await connect(sim.connectionString({ ApiVersion: v, CacheMetadata: 'false', Service: 'Erp.BO.CustomerSvc' }));
  });
  after(async () => {
    for (const db of Object.values(dbs)) await db?.close();
    await sim.close();
  });

  for (const v of ['v1', 'v2'] as const) {
    const db = () => dbs[v]!;

    it(`${v}: two columns of one name keep both values, under CustID and CustID_2, and as arrays`, async () => {
      const truth = first("SELECT CustID, Name FROM Customers WHERE Company = 'EPIC06' ORDER BY Company, CustNum LIMIT 1");
      const sql = 'SELECT TOP 1 CustID, Name AS CustID FROM Customers';
      const named = await db().query(sql);
      assert.deepEqual(named.columns.map((c) => c.name), ['CustID', 'CustID_2']);
      assert.deepEqual(named.rows, [{ CustID: truth['CustID'], CustID_2: truth['Name'] }]);
      const arrays = await db().query(sql, [], { rowMode: 'array' });
      assert.deepEqual(arrays.rows, [[truth['CustID'], truth['Name']]]);
      assert.deepEqual(arrays.columns, named.columns);
      const streamed: unknown[][] = [];
      for await (const row of db().stream(sql, undefined, { rowMode: 'array' })) streamed.push(row);
      assert.deepEqual(streamed, arrays.rows);
    });

    it(`${v}: TOP (?) and TOP (@n) limit rows like LIMIT ?, and the limit reaches the server`, async () => {
      const byTop = await db().query('SELECT TOP (?) CustNum FROM Customers WHERE CustNum > ?', [3, 10]);
      const byLimit = await db().query('SELECT CustNum FROM Customers WHERE CustNum > ? LIMIT ?', [10, 3]);
      const byName = await db().query('SELECT TOP (@n) CustNum FROM Customers WHERE CustNum > @min', { n: 3, min: 10 });
      assert.deepEqual(byTop.rows, byLimit.rows);
      assert.deepEqual(byName.rows, byLimit.rows);
      assert.deepEqual(byTop.rows.map((r) => r['CustNum']), [11, 12, 13]);
      const plan = await db().explain('SELECT TOP (?) CustNum FROM Customers', [3]);
      assert.match(plan.requests[0]!.url, /\$top=3&\$skip=0$/);
      await assert.rejects(db().query('SELECT TOP (?) CustNum FROM Customers', ['three']), { code: 'EPARAM' });
    });

    it(`${v}: a parameter named like an internal marker is bound as a parameter`, async () => {
      const { rows } = await db().query('SELECT CustNum FROM Customers WHERE CustNum = @__exact_number__5', { __exact_number__5: 7 });
      assert.deepEqual(rows, [{ CustNum: 7 }]);
      const plan = await db().explain('SELECT CustNum FROM Customers WHERE CustNum = @x1 OR CustNum = @q1', { x1: 8, q1: 9 });
      assert.match(decodeURIComponent(plan.requests[0]!.url), /\$filter=CustNum eq 8 or CustNum eq 9&/);
    });

    it(`${v}: what the driver cannot run is refused by name, promising nothing`, async () => {
      const cases: [string, RegExp][] = [
        ['SELECT Name FROM Customers INTERSECT ALL SELECT Name FROM ShipToes', /^INTERSECT ALL is not supported/],
        ['SELECT SOUNDEXX(Name) FROM Customers', /^The function SOUNDEXX\(\) is not one the driver knows/],
        ['SELECT Name FROM Customers WHERE City = NULL', /^Comparing with NULL is not supported: write IS NULL/],
      ];
      for (const [sql, message] of cases) {
        await assert.rejects(db().query(sql), (err: unknown) => {
          assert.ok(err instanceof KineticError, String(err));
          assert.equal(err.code, 'ESQL_UNSUPPORTED', sql);
          assert.match(err.message, message, sql);
          assert.doesNotMatch(err.message, /local engine|will run/, sql);
          return true;
        });
      }
    });
  }
});
