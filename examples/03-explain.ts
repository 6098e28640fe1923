/**
 * Example 3: see the OData requests a SELECT becomes, without fetching any data.
 *
 *   node --import tsx examples/03-explain.ts
 *
 * `db.explain(sql, params)` answers `{ requests: [{ method, url }], local, text }`: the first request
 * of each table read (the first page for paged scans) and the part run locally (null when everything is
 * pushed down to Epicor). Uses KINETIC_SQL_CONNECTION when set (Service must include
 * Erp.BO.CustomerSvc and Erp.BO.SalesOrderSvc), else the bundled simulator.
 */
import { connect } from '../src/index.ts';
import { startSimulator } from '../src/simulator/index.ts';

const sim = process.env.KINETIC_SQL_CONNECTION ? undefined : await startSimulator({ port: 0, seed: 1, customers: 300 });
const db = await connect(
  sim
    ? sim.connectionString({ Service: 'Erp.BO.CustomerSvc,Erp.BO.SalesOrderSvc', ApiVersion: 'v2', CacheMetadata: 'false' })
    : process.env.KINETIC_SQL_CONNECTION,
);

const statements: [string, unknown[]?][] = [
  // WHERE, ORDER BY and TOP become $filter, $orderby and $top; only the named columns are $select-ed.
  ["SELECT TOP 10 CustID, Name FROM Customers WHERE State = 'MN' AND Name LIKE 'A%' ORDER BY Name", []],
  // Parameters become typed OData literals: a number stays a number, a Date becomes a DateTime literal.
  ['SELECT OrderNum, OrderAmt FROM SalesOrders WHERE OrderAmt > ? AND OrderDate >= ?', [5000, new Date('2025-01-01T00:00:00Z')]],
  // IN, IS NULL and functions that OData knows are pushed down too.
  ["SELECT CustID FROM Customers WHERE UPPER(City) IN ('DALLAS', 'AUSTIN') AND PhoneNum IS NOT NULL", []],
  // COUNT(*) is a count request ($count=true on v2, $inlinecount=allpages on v1) with $top=0.
  ['SELECT COUNT(*) FROM SalesOrders WHERE OpenOrder = 1', []],
];

try {
  const before = sim?.stats().requests ?? 0;
  for (const [sql, params] of statements) {
    const plan = await db.explain(sql, params);
    console.log(`SQL:   ${sql}`);
    // URLs are percent-encoded; decode them for reading.
    for (const r of plan.requests) console.log(`OData: ${r.method} ${decodeURIComponent(r.url)}`);
    console.log(`local: ${plan.local ?? 'none (everything runs on the server)'}\n`);
  }
  // explain() fetched nothing: the simulator saw no request since the connection was opened.
  if (sim) console.log(`Requests sent while explaining: ${sim.stats().requests - before}`);
} finally {
  await db.close();
  await sim?.close();
}
