/**
 * An INSERT sent by a client whose event loop was busy for a few seconds (parsing a large $metadata,
 * compiling a long VALUES list) reaches the simulator. Node's default 5 s keep-alive let the server close
 * the idle socket just as the request went out on it: the POST was reset, never retried (rightly), and
 * the INSERT failed though nothing had reached Epicor. The simulator keeps idle connections as IIS does.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { connect } from '../../src/index.ts';
import { startSimulator } from '../../src/simulator/index.ts';

test('an INSERT right after the client was busy for 5.5 s is created once, not reset', async () => {
  await using sim = await startSimulator({ port: 0, seed: 2, customers: 20 });
  await using db = await connect(sim.connectionString({ ApiVersion: 'v2', CacheMetadata: 'false', Service: 'Erp.BO.CustomerSvc' }));
  await db.query('SELECT TOP 1 CustID FROM Customers');
  // Synchronous work, as a client does between two requests; the kept-alive socket stays idle meanwhile.
  const end = Date.now() + 5_500;
  while (Date.now() < end) { /* busy */ }
  const r = await db.execute("INSERT INTO Customers (CustID, Name) VALUES ('BUSY-1', 'After a busy loop')");
  assert.equal(r.rowsAffected, 1);
  assert.deepEqual(sim.db.prepare("SELECT COUNT(*) AS n FROM Customers WHERE CustID = 'BUSY-1'").get(), { n: 1 });
});
