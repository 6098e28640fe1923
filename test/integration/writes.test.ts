/**
 * INSERT, UPDATE and DELETE end to end against the simulator, over v1 and v2: every write is visible to
 * the next SELECT (and in the simulator's own database), several VALUES rows, INSERT … SELECT, UPDATE and
 * DELETE by key and by a WHERE on other columns (the key-finding request is filtered on the server),
 * SET values computed from the row, parameters of both styles, rowsAffected, the created rows, and
 * SCOPE_IDENTITY().
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { connect, KineticError, type Connection } from '../../src/index.ts';
import { startSimulator, type Simulator } from '../../src/simulator/index.ts';
import { methodCounts } from '../support/sim-stats.ts';

/** The query strings of the GETs to a set's collection path (not its key paths), since the last resetStats(). */
function collectionQueries(sim: Simulator, set: string): string[] {
  return Object.entries(sim.stats().byPath).filter(([p]) => p.endsWith(`/${set}`)).flatMap(([, s]) => s.queries.filter((q) => q !== ''));
}

for (const version of ['v1', 'v2'] as const) {
  describe(`writes over ${version}`, () => {
    let sim: Simulator;
    let db: Connection;
    const stored = (sql: string, ...args: unknown[]): Record<string, unknown>[] => sim.db.prepare(sql).all(...args) as Record<string, unknown>[];

    before(async () => {
      sim = await startSimulator({ port: 0, seed: 3, customers: 60 });
      db = await connect(sim.connectionString({ ApiVersion: version, CacheMetadata: 'false', Service: 'Erp.BO.CustomerSvc' }));
    });
    after(async () => {
      await db.close();
      await sim.close();
    });

    it('SCOPE_IDENTITY() is NULL before any INSERT on the connection', async () => {
      const { rows } = await db.query('SELECT SCOPE_IDENTITY() AS id');
      assert.deepEqual(rows, [{ id: null }]);
    });

    it('INSERT of several VALUES rows with parameters: one POST each, numbers assigned, rows returned and visible', async () => {
      const before = stored('SELECT MAX(CustNum) AS n FROM Customers WHERE Company = ?', sim.company)[0]?.['n'] as number;
      sim.resetStats();
      const r = await db.execute(
        "INSERT INTO Customers (CustID, Name, State, CreditLimit) VALUES (?, ?, 'MN', 100.5), ('WR-B', 'Writer B', ?, -7), (?, 'Writer C', NULL, ?)",
        ['WR-A', "O'Brien & Sons", 'WI', 'WR-C', 2500],
      );
      assert.equal(r.rowsAffected, 3);
      assert.deepEqual(methodCounts(sim, '/Customers'), { POST: 3 });
      assert.deepEqual(r.rows.map((row) => [row['CustID'], row['CustNum'], row['Company']]), [
        ['WR-A', before + 1, sim.company], ['WR-B', before + 2, sim.company], ['WR-C', before + 3, sim.company],
      ]);
      assert.ok(r.columns.some((c) => c.name === 'SysRowID'), 'the row as Epicor created it, SysRowID included');
      const seen = await db.query("SELECT CustID, Name, State, CreditLimit FROM Customers WHERE CustID LIKE 'WR-%' ORDER BY CustID");
      assert.deepEqual(seen.rows, [
        { CustID: 'WR-A', Name: "O'Brien & Sons", State: 'MN', CreditLimit: 100.5 },
        { CustID: 'WR-B', Name: 'Writer B', State: 'WI', CreditLimit: -7 },
        { CustID: 'WR-C', Name: 'Writer C', State: null, CreditLimit: 2500 },
      ]);
      const { rows } = await db.query('SELECT SCOPE_IDENTITY() AS id');
      assert.deepEqual(rows, [{ id: before + 3 }]);
    });

    it('INSERT … SELECT reads the rows first (filtered on the server), then posts each', async () => {
      const source = stored("SELECT CustID, Name FROM Customers WHERE Company = ? AND State = 'MN' ORDER BY CustNum", sim.company);
      assert.ok(source.length >= 2, 'the seed has customers in MN');
      sim.resetStats();
      const r = await db.execute("INSERT INTO Customers (CustID, Name, State) SELECT 'CP-' + CustID, Name, @to FROM Customers WHERE State = @from", { from: 'MN', to: 'ZZ' });
      assert.equal(r.rowsAffected, source.length);
      assert.equal(methodCounts(sim, '/Customers')['POST'], source.length);
      assert.ok(collectionQueries(sim, 'Customers').some((q) => q.includes("$filter=State eq 'MN'")), 'the source rows were filtered by Epicor');
      const copies = await db.query("SELECT CustID, Name FROM Customers WHERE State = 'ZZ' ORDER BY CustNum");
      assert.deepEqual(copies.rows, source.map((s) => ({ CustID: `CP-${String(s['CustID'])}`, Name: s['Name'] })));
    });

    it('UPDATE by key: one PATCH to the key predicate, visible to the next SELECT', async () => {
      const target = stored("SELECT CustNum FROM Customers WHERE Company = ? AND CustID = 'WR-B'", sim.company)[0]?.['CustNum'] as number;
      sim.resetStats();
      const r = await db.execute('UPDATE Customers SET Name = ?, CreditHold = ? WHERE Company = ? AND CustNum = ?', ['Renamed B', true, sim.company, target]);
      assert.equal(r.rowsAffected, 1);
      assert.deepEqual(methodCounts(sim, `/Customers('${sim.company}',${target})`), { PATCH: 1 });
      const { rows } = await db.query('SELECT Name, CreditHold FROM Customers WHERE CustNum = @n', { n: target });
      assert.deepEqual(rows, [{ Name: 'Renamed B', CreditHold: true }]);
    });

    it('UPDATE by a non-key WHERE with a SET computed from each row: keys found by a filtered request', async () => {
      const beforeRows = stored("SELECT CustNum, CreditLimit FROM Customers WHERE Company = ? AND State = 'ZZ' ORDER BY CustNum", sim.company);
      sim.resetStats();
      const r = await db.execute("UPDATE Customers SET CreditLimit = CreditLimit * 1.1 + 5, Name = UPPER(Name) WHERE State = 'ZZ'");
      assert.equal(r.rowsAffected, beforeRows.length);
      assert.equal(methodCounts(sim, "/Customers('")['PATCH'], beforeRows.length);
      const finds = collectionQueries(sim, 'Customers');
      assert.equal(finds.length, 1);
      assert.match(finds[0] as string, /\$filter=State eq 'ZZ'/);
      const after = await db.query("SELECT CustNum, CreditLimit, Name FROM Customers WHERE State = 'ZZ' ORDER BY CustNum");
      assert.deepEqual(after.rows.map((row) => row['CreditLimit']), beforeRows.map((b) => Math.round(((b['CreditLimit'] as number) * 1.1 + 5) * 1000) / 1000));
      assert.ok(after.rows.every((row) => row['Name'] === String(row['Name']).toUpperCase()));
    });

    it('MaxRows limits what a query returns, never the rows a write finds', async () => {
      await using capped = await connect(sim.connectionString({ ApiVersion: version, CacheMetadata: 'false', Service: 'Erp.BO.CustomerSvc', MaxRows: '1' }));
      const zz = stored("SELECT CustNum FROM Customers WHERE Company = ? AND State = 'ZZ'", sim.company).length;
      assert.ok(zz >= 2);
      assert.equal((await capped.execute("UPDATE Customers SET CreditLimit = CreditLimit + 0 WHERE State = 'ZZ'")).rowsAffected, zz, 'computed SET: local key-finding');
      assert.equal((await capped.execute("UPDATE Customers SET TermsCode = 'NET30' WHERE State = 'ZZ'")).rowsAffected, zz, 'constant SET: remote key-finding');
      assert.equal((await capped.query("SELECT CustNum FROM Customers WHERE State = 'ZZ'")).rows.length, 1);
    });

    it('UPDATE that matches nothing writes nothing and says 0', async () => {
      sim.resetStats();
      const r = await db.execute("UPDATE Customers SET Name = 'x' WHERE CustID = 'NO-SUCH-ID'");
      assert.equal(r.rowsAffected, 0);
      assert.equal(methodCounts(sim, '/Customers')['PATCH'], undefined);
    });

    it('DELETE by a non-key WHERE: filtered key-finding request, one DELETE per key, rows gone', async () => {
      const doomed = stored("SELECT CustNum FROM Customers WHERE Company = ? AND CustID LIKE 'CP-%'", sim.company);
      sim.resetStats();
      const r = await db.execute("DELETE FROM Customers WHERE CustID LIKE 'CP-%'");
      assert.equal(r.rowsAffected, doomed.length);
      assert.equal(methodCounts(sim, "/Customers('")['DELETE'], doomed.length);
      const finds = collectionQueries(sim, 'Customers');
      assert.equal(finds.length, 1);
      assert.match(finds[0] as string, /\$select=Company,CustNum&\$filter=startswith\(CustID,'CP-'\)/);
      assert.deepEqual((await db.query("SELECT CustID FROM Customers WHERE CustID LIKE 'CP-%'")).rows, []);
      assert.deepEqual(stored("SELECT CustNum FROM Customers WHERE CustID LIKE 'CP-%'"), []);
    });

    it('DELETE by key with named parameters', async () => {
      const target = stored("SELECT CustNum FROM Customers WHERE Company = ? AND CustID = 'WR-C'", sim.company)[0]?.['CustNum'] as number;
      const r = await db.execute('DELETE FROM Customers WHERE CustNum = @num AND Company = @co', { num: target, co: sim.company });
      assert.equal(r.rowsAffected, 1);
      assert.deepEqual((await db.query("SELECT CustID FROM Customers WHERE CustID = 'WR-C'")).rows, []);
    });

    it('string keys are quoted with doubled quotes and encoded in the key predicate', async () => {
      const cust = stored("SELECT CustNum FROM Customers WHERE Company = ? AND CustID = 'WR-A'", sim.company)[0]?.['CustNum'] as number;
      const shipTo = "O'Neil & #1/2";
      await db.execute('INSERT INTO ShipToes (CustNum, ShipToNum, Name) VALUES (?, ?, ?)', [cust, shipTo, 'Dock']);
      assert.deepEqual((await db.query('SELECT SCOPE_IDENTITY() AS id')).rows, [{ id: cust }], "the key's one integer column");
      sim.resetStats();
      const r = await db.execute("UPDATE ShipToes SET Name = 'Back dock' WHERE CustNum = ? AND ShipToNum = ?", [cust, shipTo]);
      assert.equal(r.rowsAffected, 1);
      assert.deepEqual(methodCounts(sim, `/ShipToes('${sim.company}',${cust},'O''Neil & #1/2')`), { PATCH: 1 });
      assert.deepEqual((await db.query('SELECT Name FROM ShipToes WHERE ShipToNum = ?', [shipTo])).rows, [{ Name: 'Back dock' }]);
      assert.equal((await db.execute('DELETE FROM ShipToes WHERE ShipToNum = ?', [shipTo])).rowsAffected, 1);
      assert.deepEqual(stored('SELECT ShipToNum FROM ShipToes WHERE ShipToNum = ?', shipTo), []);
    });

    it('explain() of a write shows the key-finding GET and the write shape, and writes nothing', async () => {
      sim.resetStats();
      const plan = await db.explain("UPDATE Customers SET Name = 'x' WHERE State = ?", ['WI']);
      assert.deepEqual(plan.requests.map((q) => q.method), ['GET', 'PATCH']);
      assert.match(plan.requests[0]?.url ?? '', /\$select=Company,CustNum&\$filter=State%20eq%20'WI'/);
      assert.match(plan.requests[1]?.url ?? '', /\/Customers\(\{Company\},\{CustNum\}\)$/);
      const insert = await db.explain("INSERT INTO Customers (CustID, Name) VALUES ('a', 'b'), ('c', 'd')");
      assert.deepEqual(insert.requests.map((q) => q.method), ['POST', 'POST']);
      assert.equal(sim.stats().requests, 0);
    });

    it('query() and stream() refuse a write before any request', async () => {
      sim.resetStats();
      await assert.rejects(db.query("DELETE FROM Customers WHERE CustID = 'WR-A'"), (e: unknown) => e instanceof KineticError && e.code === 'ESQL_UNSUPPORTED' && /execute\(\)/.test(e.message));
      await assert.rejects(async () => {
        for await (const _ of db.stream("UPDATE Customers SET Name = 'x'")) break;
      }, (e: unknown) => e instanceof KineticError && e.code === 'ESQL_UNSUPPORTED');
      assert.equal(sim.stats().requests, 0);
      assert.equal(stored("SELECT COUNT(*) AS n FROM Customers WHERE CustID = 'WR-A'")[0]?.['n'], 1);
    });
  });
}
