/**
 * Writes that must not happen, or that fail, against the simulator over v1 and v2: Readonly=true and
 * unknown or read-only columns are refused with no request at all; Epicor's validation error on the nth
 * row of a several-row write is EHTTP with Epicor's fields plus `applied` and `failed`, and the data
 * matches them; POST is never retried after a dropped connection or a 503, while PATCH and DELETE are.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { connect, KineticError, type Connection } from '../../src/index.ts';
import { startSimulator, type Simulator } from '../../src/simulator/index.ts';
import { methodCounts } from '../support/sim-stats.ts';

const isKinetic = (code: string, test: (e: KineticError) => boolean = () => true) => (e: unknown): boolean => {
  assert.ok(e instanceof KineticError, `a KineticError, got ${String(e)}`);
  assert.equal(e.code, code, e.message);
  return test(e);
};

for (const version of ['v1', 'v2'] as const) {
  describe(`failing writes over ${version}`, () => {
    let sim: Simulator;
    let db: Connection;
    const cs = (more: Record<string, string> = {}): string =>
      sim.connectionString({ ApiVersion: version, CacheMetadata: 'false', Service: 'Erp.BO.CustomerSvc', ...more });
    const stored = (sql: string, ...args: unknown[]): Record<string, unknown>[] => sim.db.prepare(sql).all(...args) as Record<string, unknown>[];
    const custNum = (custId: string): number | undefined => stored('SELECT CustNum FROM Customers WHERE Company = ? AND CustID = ?', sim.company, custId)[0]?.['CustNum'] as number | undefined;

    before(async () => {
      sim = await startSimulator({ port: 0, seed: 5, customers: 40 });
      db = await connect(cs({ MaxRetries: '3' }));
    });
    after(async () => {
      await db.close();
      await sim.close();
    });

    it('Readonly=true refuses every write with EREADONLY and sends nothing', async () => {
      await using ro = await connect(cs({ Readonly: 'true' }));
      const rows = stored('SELECT COUNT(*) AS n FROM Customers')[0]?.['n'];
      sim.resetStats();
      for (const sql of [
        "INSERT INTO Customers (CustID, Name) VALUES ('RO-1', 'x')",
        "INSERT INTO Customers (CustID, Name) SELECT CustID + 'x', Name FROM Customers WHERE State = 'MN'",
        "UPDATE Customers SET Name = 'x' WHERE State = 'MN'",
        'DELETE FROM Customers',
      ]) {
        await assert.rejects(ro.execute(sql), isKinetic('EREADONLY', (e) => /Readonly=true/.test(e.message)));
      }
      assert.equal(sim.stats().requests, 0);
      assert.equal(stored('SELECT COUNT(*) AS n FROM Customers')[0]?.['n'], rows);
      assert.deepEqual((await ro.query("SELECT COUNT(*) AS n FROM Customers WHERE CustID = 'RO-1'")).rows, [{ n: 0 }], 'reads still work');
    });

    it('an unknown column is ENO_COLUMN with did-you-mean, a read-only or key column EREADONLY, before any request', async () => {
      sim.resetStats();
      await assert.rejects(db.execute("INSERT INTO Customers (CustID, Nmae) VALUES ('X', 'y')"), isKinetic('ENO_COLUMN', (e) => e.subject === 'Nmae' && /Did you mean Name\b/.test(e.message)));
      await assert.rejects(db.execute("UPDATE Customers SET CreditLimt = 5 WHERE State = 'MN'"), isKinetic('ENO_COLUMN', (e) => /CreditLimit/.test(e.message)));
      await assert.rejects(db.execute("UPDATE Customers SET SysRevID = 5 WHERE State = 'MN'"), isKinetic('EREADONLY', (e) => e.subject === 'SysRevID' && /SysRevID/.test(e.message)));
      await assert.rejects(db.execute("INSERT INTO Customers (CustID, SysRowID) VALUES ('X', '3f2504e0-4f89-11d3-9a0c-0305e82c3301')"), isKinetic('EREADONLY', (e) => e.subject === 'SysRowID'));
      await assert.rejects(db.execute("INSERT INTO Customers (CustNum, CustID) VALUES (999, 'X')"), isKinetic('EREADONLY', (e) => e.subject === 'CustNum'));
      await assert.rejects(db.execute("UPDATE ShipToes SET ShipToNum = 'B' WHERE ShipToNum = 'A'"), isKinetic('EREADONLY', (e) => e.subject === 'ShipToNum' && /key/.test(e.message)));
      await assert.rejects(db.execute("INSERT INTO Customers (CustID, CreditLimit) VALUES ('X', 'lots')"), isKinetic('EPARAM', (e) => e.subject === 'CreditLimit'));
      assert.equal(sim.stats().requests, 0);
    });

    it('a computed SET value that does not fit its column is EPARAM before any PATCH', async () => {
      sim.resetStats();
      await assert.rejects(db.execute("UPDATE Customers SET CreditHold = Name + 'x' WHERE Company = ?", [sim.company]), isKinetic('EPARAM', (e) => e.subject === 'CreditHold'));
      assert.equal(methodCounts(sim, '/Customers')['PATCH'], undefined);
      assert.equal(methodCounts(sim, '/Customers')['GET'], 1, 'only the key-finding request');
    });

    it('the catalog marks what Epicor computes or assigns as read-only', () => {
      const customers = db.catalog.services.flatMap((s) => s.tables).find((t) => t.name === 'Customers');
      const readOnly = customers?.columns.filter((c) => c.readOnly).map((c) => c.name).sort();
      assert.deepEqual(readOnly, ['CustNum', 'SysRevID', 'SysRowID']);
    });

    it('a validation error on the 3rd of 5 INSERT rows: EHTTP with Epicor fields, applied and failed, data to match', async () => {
      sim.setFaults([{ path: '/Customers', method: 'POST', nth: 3, kind: 'status400', message: 'The credit limit is over the maximum.' }]);
      sim.resetStats();
      const err = await db.execute(
        'INSERT INTO Customers (CustID, Name) VALUES (?, ?), (?, ?), (?, ?), (?, ?), (?, ?)',
        ['PF-1', 'One', 'PF-2', 'Two', 'PF-3', 'Three', 'PF-4', 'Four', 'PF-5', 'Five'],
      ).then(() => assert.fail('the INSERT should fail'), (e: unknown) => e);
      sim.setFaults([]);
      assert.ok(err instanceof KineticError);
      assert.equal(err.code, 'EHTTP');
      assert.equal(err.status, 400);
      assert.equal(err.errorMessage, 'The credit limit is over the maximum.');
      assert.equal(err.errorType, 'Ice.Common.BusinessObjectException');
      assert.match(err.correlationId ?? '', /^[0-9a-f-]{36}$/);
      // Also under the names of Epicor's error body.
      assert.deepEqual([err.ErrorMessage, err.ErrorType, err.CorrelationId], [err.errorMessage, err.errorType, err.correlationId]);
      assert.match(err.message, /row 3 of 5/);
      assert.doesNotMatch(err.message, /manager|PF-4|Four/, 'no credentials and no row values in the message');
      assert.deepEqual(err.applied, [
        { Company: sim.company, CustNum: custNum('PF-1') },
        { Company: sim.company, CustNum: custNum('PF-2') },
      ]);
      assert.deepEqual(err.failed, [{ CustID: 'PF-3', Name: 'Three' }, { CustID: 'PF-4', Name: 'Four' }, { CustID: 'PF-5', Name: 'Five' }]);
      assert.equal(methodCounts(sim, '/Customers')['POST'], 3, 'rows 4 and 5 were not attempted');
      assert.deepEqual(stored("SELECT CustID FROM Customers WHERE CustID LIKE 'PF-%' ORDER BY CustID").map((r) => r['CustID']), ['PF-1', 'PF-2']);
      assert.deepEqual((await db.query('SELECT SCOPE_IDENTITY() AS id')).rows, [{ id: custNum('PF-2') }], 'the rows created are the last insert');
    });

    it("Epicor's own refusal of a row (a duplicate key) is EHTTP with its error type, and the rows before it stay", async () => {
      const cust = custNum('PF-1') as number;
      const err = await db.execute("INSERT INTO ShipToes (CustNum, ShipToNum, Name) VALUES (?, 'DUP', 'a'), (?, 'DUP', 'b')", [cust, cust])
        .then(() => assert.fail('should fail'), (e: unknown) => e);
      assert.ok(err instanceof KineticError && err.code === 'EHTTP' && err.status === 400);
      assert.equal(err.errorType, 'Ice.Common.DuplicateRecordException');
      assert.match(err.errorMessage ?? '', /already exists/);
      assert.deepEqual(err.applied, [{ Company: sim.company, CustNum: cust, ShipToNum: 'DUP' }]);
      assert.deepEqual(err.failed, [{ CustNum: cust, ShipToNum: 'DUP', Name: 'b' }]);
      assert.deepEqual(stored("SELECT Name FROM ShipToes WHERE ShipToNum = 'DUP'"), [{ Name: 'a' }]);
    });

    it('a validation error on the 2nd PATCH of an UPDATE: applied and failed keys, only the first row changed', async () => {
      await db.execute("INSERT INTO Customers (CustID, Name, State) VALUES ('UF-1', 'a', 'UF'), ('UF-2', 'b', 'UF'), ('UF-3', 'c', 'UF')");
      const keys = stored("SELECT Company, CustNum FROM Customers WHERE Company = ? AND State = 'UF' ORDER BY CustNum", sim.company);
      assert.equal(keys.length, 3);
      sim.setFaults([{ path: "/Customers('", method: 'PATCH', nth: 2, kind: 'status400', message: 'Name is locked.' }]);
      const err = await db.execute("UPDATE Customers SET Name = 'Changed' WHERE State = 'UF'").then(() => assert.fail('should fail'), (e: unknown) => e);
      sim.setFaults([]);
      assert.ok(err instanceof KineticError && err.code === 'EHTTP' && err.status === 400 && err.errorMessage === 'Name is locked.');
      assert.deepEqual(err.applied, keys.slice(0, 1));
      assert.deepEqual(err.failed, keys.slice(1));
      const names = stored("SELECT Name FROM Customers WHERE Company = ? AND State = 'UF' ORDER BY CustNum", sim.company).map((r) => r['Name']);
      assert.deepEqual(names, ['Changed', 'b', 'c']);
    });

    it('a failing DELETE in the middle: applied and failed keys, and exactly the applied rows are gone', async () => {
      await db.execute("INSERT INTO Customers (CustID, Name, State) VALUES ('DF-1', 'a', 'QQ'), ('DF-2', 'b', 'QQ'), ('DF-3', 'c', 'QQ')");
      const keys = stored("SELECT Company, CustNum FROM Customers WHERE State = 'QQ' ORDER BY CustNum");
      sim.setFaults([{ path: "/Customers('", method: 'DELETE', nth: 2, kind: 'status500' }]);
      const err = await db.execute("DELETE FROM Customers WHERE State = 'QQ'").then(() => assert.fail('should fail'), (e: unknown) => e);
      sim.setFaults([]);
      assert.ok(err instanceof KineticError && err.code === 'EHTTP' && err.status === 500);
      assert.deepEqual(err.applied, keys.slice(0, 1));
      assert.deepEqual(err.failed, keys.slice(1));
      assert.deepEqual(stored("SELECT Company, CustNum FROM Customers WHERE State = 'QQ' ORDER BY CustNum"), keys.slice(1));
    });

    it('a POST whose connection drops is not retried (the row was created once); the error says so', async () => {
      sim.setFaults([{ path: '/Customers', method: 'POST', nth: 1, kind: 'reset' }]);
      sim.resetStats();
      const err = await db.execute("INSERT INTO Customers (CustID, Name) VALUES ('RS-1', 'Reset')").then(() => assert.fail('should fail'), (e: unknown) => e);
      sim.setFaults([]);
      assert.ok(err instanceof KineticError && err.code === 'EHTTP' && err.status === undefined, String(err));
      assert.match(err.message, /never retried/);
      assert.deepEqual(err.applied, []);
      assert.deepEqual(err.failed, [{ CustID: 'RS-1', Name: 'Reset' }]);
      assert.deepEqual(methodCounts(sim, '/Customers'), { POST: 1 });
      assert.equal(stored("SELECT COUNT(*) AS n FROM Customers WHERE CustID = 'RS-1'")[0]?.['n'], 1, 'created exactly once');
    });

    it('an INSERT cancelled before its first row is EABORTED with every row failed, and does not say a row may exist', async () => {
      sim.resetStats();
      const err = await db.execute("INSERT INTO Customers (CustID, Name) VALUES ('AB-1', 'x'), ('AB-2', 'y')", [], { signal: AbortSignal.abort() })
        .then(() => assert.fail('should fail'), (e: unknown) => e);
      assert.ok(err instanceof KineticError && err.code === 'EABORTED', String(err));
      assert.deepEqual(err.applied, []);
      assert.deepEqual(err.failed, [{ CustID: 'AB-1', Name: 'x' }, { CustID: 'AB-2', Name: 'y' }]);
      assert.doesNotMatch(err.message, /may have created/, 'no POST was sent, so no row can exist');
      assert.equal(methodCounts(sim, '/Customers')['POST'], undefined);
    });

    it('a POST answered 503 is not retried either', async () => {
      sim.setFaults([{ path: '/Customers', method: 'POST', kind: 'status503', retryAfter: 0 }]);
      sim.resetStats();
      await assert.rejects(db.execute("INSERT INTO Customers (CustID, Name) VALUES ('RS-2', 'x')"), isKinetic('EHTTP', (e) => e.status === 503));
      sim.setFaults([]);
      assert.deepEqual(methodCounts(sim, '/Customers'), { POST: 1 });
    });

    it('a DELETE whose connection drops is retried and counts as done (the retry finds the row gone)', async () => {
      await db.execute("INSERT INTO Customers (CustID, Name) VALUES ('RS-3', 'x')");
      const num = custNum('RS-3');
      sim.setFaults([{ path: "/Customers('", method: 'DELETE', nth: 1, kind: 'reset' }]);
      sim.resetStats();
      const r = await db.execute("DELETE FROM Customers WHERE CustID = 'RS-3'");
      sim.setFaults([]);
      assert.equal(r.rowsAffected, 1);
      assert.deepEqual(methodCounts(sim, `/Customers('${sim.company}',${num})`), { DELETE: 2 });
      assert.equal(stored("SELECT COUNT(*) AS n FROM Customers WHERE CustID = 'RS-3'")[0]?.['n'], 0);
    });

    it('a PATCH answered 503 or dropped is retried with the same values', async () => {
      const num = custNum('RS-1') as number;
      sim.setFaults([
        { path: "/Customers('", method: 'PATCH', nth: 1, kind: 'status503', retryAfter: 0 },
        { path: "/Customers('", method: 'PATCH', nth: 2, kind: 'reset' },
      ]);
      sim.resetStats();
      const r = await db.execute('UPDATE Customers SET Name = ? WHERE CustNum = ?', ['Patched', num]);
      sim.setFaults([]);
      assert.equal(r.rowsAffected, 1);
      assert.deepEqual(methodCounts(sim, `/Customers('${sim.company}',${num})`), { PATCH: 3 });
      assert.equal(stored('SELECT Name FROM Customers WHERE Company = ? AND CustNum = ?', sim.company, num)[0]?.['Name'], 'Patched');
    });
  });
}
