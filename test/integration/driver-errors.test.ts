/**
 * Every error a user can cause, end to end through the public API: each is a KineticError with its
 * stable `code` and a message that says what to do. Errors found in the SQL send no request.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect, KineticError, type Connection, type KineticErrorCode } from '../../src/index.ts';
import { startSimulator, type Simulator } from '../../src/simulator/index.ts';

/** Asserts that `promise` rejects with a KineticError of `code` whose message matches `message`. */
async function rejectsWith(promise: Promise<unknown>, code: KineticErrorCode, message: RegExp): Promise<KineticError> {
  let caught: unknown;
  await assert.rejects(promise, (err: unknown) => {
    caught = err;
    return true;
  });
  assert.ok(caught instanceof KineticError, `not a KineticError: ${String(caught)}`);
  assert.equal(caught.code, code, caught.message);
  assert.match(caught.message, message);
  return caught;
}

describe('driver errors from the user side', () => {
  let sim: Simulator;
  let dir: string;
  let db: Connection;
  const cs = (overrides: Record<string, string> = {}): string =>
    sim.connectionString({ CacheLocation: join(dir, 'metadata.sqlite'), ...overrides });

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'kinetic-e2e-errors-'));
    sim = await startSimulator({ port: 0, seed: 1, customers: 60 });
    db = await connect(cs({ Service: 'Erp.BO.CustomerSvc,BaqSvc' }));
  });
  after(async () => {
    await db.close();
    await sim.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('EPROPERTY: an unknown property suggests the closest name; bad and missing values say what to set', async () => {
    await rejectsWith(connect(`Pagesiz=5;${cs()}`), 'EPROPERTY', /Unknown connection property "Pagesiz"\. Did you mean "Pagesize"\?/);
    // After Password the name may be a piece of the password (an unquoted ";"): it is not repeated.
    await rejectsWith(connect(cs({ Pagesiz: '5' })), 'EPROPERTY', /unknown property after Password .*quote it/);
    await rejectsWith(connect(cs({ Pagesize: 'abc' })), 'EPROPERTY', /Pagesize/);
    await rejectsWith(connect(cs({ ApiVersion: 'v3' })), 'EPROPERTY', /ApiVersion must be one of v1, v2/);
    await rejectsWith(connect(cs({ URL: '' })), 'EPROPERTY', /Missing connection property URL/);
    await rejectsWith(connect({ connectionString: cs(), Servce: 'x' } as never), 'EPROPERTY', /Did you mean "Service"/);
  });

  it('ESQL_SYNTAX gives the line and column of the problem', async () => {
    sim.resetStats();
    const err = await rejectsWith(db.query('SELECT CustID,\n  Name\nFROM Customers WHERE Name = = 1'), 'ESQL_SYNTAX', /line 3, column 29/);
    assert.equal(err.line, 3);
    assert.equal(err.column, 29);
    const typo = await rejectsWith(db.query('SELEC CustID FROM Customers'), 'ESQL_SYNTAX', /line 1, column 1/);
    assert.equal(typo.line, 1);
    assert.equal(sim.stats().requests, 0, 'nothing was sent');
  });

  it('ESQL_UNSUPPORTED for what the driver does not run (INTERSECT ALL, SELECT INTO), never a silent drop', async () => {
    await rejectsWith(db.query('SELECT c.CustNum FROM Customers c INTERSECT ALL SELECT CustNum FROM ShipToes'), 'ESQL_UNSUPPORTED', /INTERSECT ALL/);
    await rejectsWith(db.query('SELECT Name INTO Copy FROM Customers'), 'ESQL_UNSUPPORTED', /INTO/);
    await rejectsWith(db.query('EXEC Anything'), 'ESQL_UNSUPPORTED', /execute\(\)/);
  });

  it('ENO_TABLE and ENO_COLUMN suggest the closest names', async () => {
    const table = await rejectsWith(db.query('SELECT * FROM Custmers'), 'ENO_TABLE', /"Custmers".*Did you mean Customers\?/);
    assert.equal(table.subject, 'Custmers');
    const column = await rejectsWith(db.query('SELECT Nmae FROM Customers'), 'ENO_COLUMN', /"Nmae".*Did you mean Name\?/);
    assert.equal(column.subject, 'Nmae');
    await rejectsWith(db.query("SELECT CustID FROM Customers WHERE Stat = 'MN'"), 'ENO_COLUMN', /Did you mean State\?/);
  });

  it('EPARAM for missing, extra, wrongly shaped and mixed parameters, and a missing BAQ parameter', async () => {
    sim.resetStats();
    const missing = await rejectsWith(db.query('SELECT CustID FROM Customers WHERE Name = @n', {}), 'EPARAM', /@n/);
    assert.equal(missing.subject, 'n');
    await rejectsWith(db.query('SELECT CustID FROM Customers WHERE Name = ? AND City = ?', ['a']), 'EPARAM', /2 \? marker/);
    await rejectsWith(db.query('SELECT CustID FROM Customers WHERE Name = ?'), 'EPARAM', /pass the values as an array/);
    await rejectsWith(db.query('SELECT CustID FROM Customers WHERE Name = @a', ['x']), 'EPARAM', /object keyed by name/);
    await rejectsWith(db.query('SELECT CustID FROM Customers WHERE Name = ? AND City = @c', ['x']), 'EPARAM', /mixes \? and @name/);
    await rejectsWith(db.query('SELECT Customer_CustID FROM zCustomer01'), 'EPARAM', /zipCode/);
    assert.equal(sim.stats().requests, 0, 'nothing was sent');
  });

  it('EHTTP for an unknown service says to check Service', async () => {
    const err = await rejectsWith(connect(cs({ Service: 'Erp.BO.NoSuchSvc' })), 'EHTTP', /check the Service property/);
    assert.equal(err.status, 404);
    assert.equal(err.subject, 'Erp.BO.NoSuchSvc');
    assert.ok(err.url?.includes('Erp.BO.NoSuchSvc'));
    assert.ok(err.correlationId, "Epicor's correlation id is kept");
  });

  it('EAUTH for a wrong password, with status 401: at connect when metadata is fetched, else at the first query', async () => {
    const cold = await rejectsWith(connect(cs({ Password: 'not-the-password', CacheMetadata: 'false' })), 'EAUTH', /401.*check User\/Password/);
    assert.equal(cold.status, 401);
    assert.equal(cold.errorMessage, 'Invalid user name or password.');
    // With the catalog cached, connect() sends nothing, so the password is first checked by the query.
    const warm = await connect(cs({ Password: 'not-the-password' }));
    try {
      const err = await rejectsWith(warm.query('SELECT TOP 1 CustID FROM Customers'), 'EAUTH', /401/);
      assert.equal(err.status, 401);
    } finally {
      await warm.close();
    }
  });

  it('ETIMEOUT when the server does not answer within Timeout', { timeout: 20_000 }, async () => {
    const slow = await connect(cs({ Timeout: '1' }));
    sim.setFaults([{ path: '/Customers', kind: 'stall', stallMs: 3000 }]);
    try {
      const err = await rejectsWith(slow.query('SELECT CustID FROM Customers'), 'ETIMEOUT', /within 1 s.*raise Timeout/);
      assert.ok(err.url?.includes('/Customers'));
    } finally {
      sim.setFaults([]);
      await slow.close();
    }
  });

  it('EABORTED for a cancelled call', async () => {
    await rejectsWith(db.query('SELECT CustID FROM Customers', undefined, { signal: AbortSignal.abort() }), 'EABORTED', /cancelled/);
  });

  it('EPROCEDURE for EXEC of an unknown procedure', async () => {
    await rejectsWith(db.execute('EXEC NoSuchProcedure'), 'EPROCEDURE', /NoSuchProcedure/);
    await rejectsWith(db.callProcedure('NoSuchProcedure'), 'EPROCEDURE', /NoSuchProcedure/);
  });

  it('ECLOSED for a call after close(); closing twice is harmless', async () => {
    const other = await connect(cs());
    await other.close();
    await other.close();
    await rejectsWith(other.query('SELECT CustID FROM Customers'), 'ECLOSED', /connect\(\)/);
    await rejectsWith(other.explain('SELECT CustID FROM Customers'), 'ECLOSED', /closed/);
    await rejectsWith(other.execute('EXEC NoSuchProcedure'), 'ECLOSED', /closed/);
    const stream = other.stream('SELECT CustID FROM Customers');
    await rejectsWith(stream.next(), 'ECLOSED', /closed/);
  });
});
