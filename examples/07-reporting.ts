/**
 * Example 7: reporting SQL. Joins across services, GROUP BY, SQL Server functions and a window function
 * run on the local engine; each table's request still carries what Epicor's OData can do.
 *
 *   node --import tsx examples/07-reporting.ts
 *
 * Uses KINETIC_SQL_CONNECTION when set (Service must include Erp.BO.CustomerSvc and
 * Erp.BO.SalesOrderSvc), else the bundled simulator.
 */
import { connect } from '../src/index.ts';
import { startSimulator } from '../src/simulator/index.ts';

const sim = process.env.KINETIC_SQL_CONNECTION ? undefined : await startSimulator({ port: 0, seed: 1, customers: 300 });
const options = { Service: 'Erp.BO.CustomerSvc,Erp.BO.SalesOrderSvc', ApiVersion: 'v2', CacheMetadata: 'false' };
await using db = await connect(sim ? sim.connectionString(options) : process.env.KINETIC_SQL_CONNECTION);

try {
  // Order totals per customer in one state: the customers are filtered by Epicor, their orders are
  // read by the customers' keys (a semi-join), and SQLite joins, groups and ranks them.
  const sql = `
    SELECT TOP 3 c.CustID, c.Name, COUNT(*) AS Orders, SUM(o.OrderAmt) AS Total,
           RANK() OVER (ORDER BY SUM(o.OrderAmt) DESC) AS Rnk
    FROM Customers c
    JOIN SalesOrders o ON o.CustNum = c.CustNum
    WHERE c.State = ?
    GROUP BY c.CustID, c.Name
    ORDER BY Total DESC`;
  const plan = await db.explain(sql, ['MN']);
  console.log(`Requests: ${plan.requests.length}; local statement: ${plan.local === null ? 'none' : 'yes'}`);
  console.log(plan.text.includes('read by the CustNum values') ? 'Orders are read by the keys of the customers found' : 'Orders are read whole');
  const { rows, columns } = await db.query(sql, ['MN']);
  console.log(`Columns: ${columns.map((c) => `${c.name}:${c.type}`).join(', ')}`);
  for (const r of rows) console.log(`  #${r.Rnk} ${r.CustID}  ${r.Name}: ${r.Orders} orders, ${r.Total}`);

  // SQL Server functions and CASE over one table: LEN, LEFT and a condition OData cannot express.
  const { rows: names } = await db.query(
    "SELECT TOP 3 CustID, LEFT(Name, CHARINDEX(' ', Name + ' ') - 1) AS FirstWord, CASE WHEN CreditLimit >= 100000 THEN 'large' ELSE 'small' END AS Size FROM Customers WHERE LEN(Name) > 20 ORDER BY CustID",
  );
  console.log('Long names:');
  for (const r of names) console.log(`  ${r.CustID}  ${r.FirstWord}  ${r.Size}`);
} finally {
  await sim?.close();
}
