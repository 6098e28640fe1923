/**
 * Example 1: run a SELECT with parameters.
 *
 *   node --import tsx examples/01-query-parameters.ts
 *
 * With KINETIC_SQL_CONNECTION set, it queries that Epicor server (Service must include
 * Erp.BO.CustomerSvc); otherwise it starts the bundled simulator, so it runs with no Epicor at all.
 */
import { connect } from '../src/index.ts';
import { startSimulator } from '../src/simulator/index.ts';

// No connection string in the environment: serve a seeded, deterministic fake Epicor on loopback.
const sim = process.env.KINETIC_SQL_CONNECTION ? undefined : await startSimulator({ port: 0, seed: 1, customers: 300 });
const db = await connect(
  sim ? sim.connectionString({ Service: 'Erp.BO.CustomerSvc', ApiVersion: 'v2', CacheMetadata: 'false' }) : process.env.KINETIC_SQL_CONNECTION,
);

try {
  // An array binds the `?` markers in order. Values are sent as typed OData literals, never spliced
  // into the text, so a quote in a value is harmless.
  const byState = await db.query('SELECT TOP 5 CustID, Name, City FROM Customers WHERE State = ? AND CreditHold = ? ORDER BY CustID', [
    'MN',
    false,
  ]);
  console.log(`Customers in MN (not on credit hold): ${byState.rowCount} shown`);
  for (const row of byState.rows) console.log(`  ${row.CustID}  ${row.Name} (${row.City})`);

  // An object binds `@name` markers (keys without the `@`). Mixing `?` and `@name` is an EPARAM error.
  const named = await db.query(
    'SELECT CustID, Name, CreditLimit FROM Customers WHERE Country = @country AND CreditLimit >= @min ORDER BY CreditLimit DESC LIMIT 3',
    { country: 'Canada', min: 100000 },
  );
  console.log('Largest credit limits in Canada:');
  for (const row of named.rows) console.log(`  ${row.CustID}  ${row.Name}  ${row.CreditLimit}`);

  // `columns` describes the result: name, EDM type, nullability and the table it comes from.
  console.log('Columns:', named.columns.map((c) => `${c.name}:${c.type}`).join(', '));
} finally {
  await db.close();
  await sim?.close();
}
