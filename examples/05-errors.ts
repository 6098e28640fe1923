/**
 * Example 5: handle failures by their `code`.
 *
 *   node --import tsx examples/05-errors.ts
 *
 * Every failure is a KineticError with a stable `code` (match on it, not on the message), a message that
 * says what to do, and for HTTP failures `status`, `url` (no credentials) and Epicor's `errorMessage`,
 * `errorType` and `correlationId`. Uses KINETIC_SQL_CONNECTION when set, else the bundled simulator
 * (the authentication and server-fault cases need the simulator).
 */
import { connect, KineticError } from '../src/index.ts';
import { startSimulator } from '../src/simulator/index.ts';

const sim = process.env.KINETIC_SQL_CONNECTION ? undefined : await startSimulator({ port: 0, seed: 1, customers: 300 });
const options = { Service: 'Erp.BO.CustomerSvc,BaqSvc', ApiVersion: 'v2', CacheMetadata: 'false' };
const db = await connect(sim ? sim.connectionString(options) : process.env.KINETIC_SQL_CONNECTION);

/** Runs one step and reports the error code it failed with (any other error is a bug: rethrow it). */
async function attempt(label: string, step: () => Promise<unknown>): Promise<void> {
  try {
    await step();
    console.log(`${label}: ok`);
  } catch (err) {
    if (!(err instanceof KineticError)) throw err;
    switch (err.code) {
      case 'ESQL_SYNTAX': // line and column point at the problem in the SQL text, when it is one place
        console.log(err.line !== undefined ? `${label}: ${err.code} at line ${err.line}, column ${err.column}` : `${label}: ${err.code}: ${err.message}`);
        break;
      case 'EAUTH':
      case 'EHTTP': // Epicor's answer: quote the correlation id to the Epicor administrator
        console.log(`${label}: ${err.code} status ${err.status}, Epicor said "${err.errorMessage}" (${err.correlationId})`);
        break;
      default: // ENO_COLUMN, ENO_TABLE, EPARAM, ESQL_UNSUPPORTED, EPROPERTY...: the message says what to do
        console.log(`${label}: ${err.code}: ${err.message}`);
    }
  }
}

try {
  await attempt('Misspelt column', () => db.query('SELECT Nmae FROM Customers'));
  await attempt('Unknown table', () => db.query('SELECT Name FROM Customer'));
  await attempt('Syntax error', () => db.query('SELECT Name\nFROM Customers WHERE State = = ?', ['MN']));
  await attempt('Missing BAQ parameter', () => db.query('SELECT Customer_CustID FROM zCustomer01'));
  await attempt('Mixed parameter styles', () => db.query('SELECT Name FROM Customers WHERE State = ? AND City = @city', ['MN']));
  await attempt('Not supported', () => db.query('SELECT Name FROM Customers INTERSECT ALL SELECT Name FROM ShipToes'));
  await attempt('Grouped wrongly', () => db.query('SELECT State, City, COUNT(*) FROM Customers GROUP BY State'));
  await attempt('Unknown property', () => connect('URL=http://127.0.0.1:1;ERPInstance=X;Service=Erp.BO.CustomerSvc;Colour=blue;'));

  if (sim) {
    await attempt('Wrong password', () => connect(sim.connectionString({ ...options, Password: 'not-the-password' })));
    // Transient failures (429, 503, reset connections) are retried: this one succeeds on the second try.
    sim.setFaults([{ path: '/Customers', nth: 1, kind: 'status503', retryAfter: 0 }]);
    await attempt('One 503, then retried', () => db.query('SELECT TOP 1 Name FROM Customers'));
    // A server error is not retried: it surfaces as EHTTP with Epicor's error body.
    sim.setFaults([{ path: '/Customers', kind: 'status500' }]);
    await attempt('Server error', () => db.query('SELECT TOP 1 Name FROM Customers'));
    sim.setFaults([]);
  }
} finally {
  await db.close();
  await sim?.close();
}
