/**
 * Example 4: several services in one connection, and a BAQ with a parameter.
 *
 *   node --import tsx examples/04-services-and-baq.ts
 *
 * `Service` lists the services the connection reads (comma separated); their entity sets are tables.
 * With `BaqSvc` in the list, each BAQ is a view and its parameters are pseudo-columns: `WHERE zipCode = ?`
 * becomes the BAQ's `zipCode` query-string parameter. Uses KINETIC_SQL_CONNECTION when set (with the
 * same services and a BAQ zCustomer01), else the bundled simulator.
 */
import { connect } from '../src/index.ts';
import { startSimulator } from '../src/simulator/index.ts';

const sim = process.env.KINETIC_SQL_CONNECTION ? undefined : await startSimulator({ port: 0, seed: 1, customers: 300 });
const db = await connect(
  sim
    ? sim.connectionString({ Service: 'Erp.BO.CustomerSvc,Erp.BO.SalesOrderSvc,BaqSvc', ApiVersion: 'v2', CacheMetadata: 'false' })
    : process.env.KINETIC_SQL_CONNECTION,
);

try {
  // Erp.BO.CustomerSvc: one customer.
  const { rows: [customer] } = await db.query("SELECT TOP 1 CustNum, CustID, Name, Zip FROM Customers WHERE State = 'MN' ORDER BY CustID");
  if (!customer) throw new Error('no customer in MN');
  console.log(`Customer ${customer.CustID}: ${customer.Name}, zip ${customer.Zip}`);

  // Erp.BO.SalesOrderSvc, same connection: that customer's five largest orders.
  const orders = await db.query('SELECT TOP 5 OrderNum, OrderDate, OrderAmt FROM SalesOrders WHERE CustNum = ? ORDER BY OrderAmt DESC', [
    customer.CustNum,
  ]);
  console.log(`Largest orders of ${customer.CustID}:`);
  for (const o of orders.rows) console.log(`  #${o.OrderNum}  ${(o.OrderDate as Date).toISOString().slice(0, 10)}  ${o.OrderAmt}`);

  // BaqSvc: zCustomer01 has a mandatory parameter zipCode; bind it like any value. BAQ columns are
  // named {Table}_{Field}, as Epicor names them.
  const baq = await db.query('SELECT Customer_CustID, Customer_Name, Customer_City FROM zCustomer01 WHERE zipCode = ?', [customer.Zip]);
  console.log(`BAQ zCustomer01 with zipCode=${customer.Zip}: ${baq.rowCount} customers`);
  for (const r of baq.rows.slice(0, 5)) console.log(`  ${r.Customer_CustID}  ${r.Customer_Name} (${r.Customer_City})`);
} finally {
  await db.close();
  await sim?.close();
}
