/**
 * Example 8: a typed report written with kysely, run on Epicor through the driver's dialect.
 *
 *   node --import tsx examples/08-kysely-report.ts
 *
 * The row types come from the metadata: examples/types/epicor-db.ts was written by
 *   kinetic-sql codegen --out examples/types/epicor-db.ts --tables Customers,SalesOrders
 * (the connection from --connection or KINETIC_SQL_CONNECTION), so a misspelt column or a wrong value
 * type is a compile error. kysely is a peer dependency: `npm install kysely`. Uses KINETIC_SQL_CONNECTION
 * when set (Service must include Erp.BO.CustomerSvc and Erp.BO.SalesOrderSvc), else the bundled simulator.
 */
import { Kysely } from 'kysely';
import { connect } from '../src/index.ts';
import { KineticDialect } from '../src/kysely/index.ts';
import { startSimulator } from '../src/simulator/index.ts';
import type { DB } from './types/epicor-db.ts';

const sim = process.env.KINETIC_SQL_CONNECTION ? undefined : await startSimulator({ port: 0, seed: 1, customers: 300 });
const options = { Service: 'Erp.BO.CustomerSvc,Erp.BO.SalesOrderSvc', ApiVersion: 'v2', CacheMetadata: 'false' };
await using db = await connect(sim ? sim.connectionString(options) : process.env.KINETIC_SQL_CONNECTION);
const kysely = new Kysely<DB>({ dialect: new KineticDialect({ connection: db }) });

try {
  // Order totals per state for one country: kysely writes SQL Server's SQL with `?` markers, the driver
  // sends the customers' filter to Epicor and joins and groups locally.
  const country = 'USA';
  const byState = kysely
    .selectFrom('Customers as c')
    .innerJoin('SalesOrders as o', 'o.CustNum', 'c.CustNum')
    .select((eb) => [
      'c.State',
      eb.fn.countAll<number>().as('Orders'),
      eb.fn.sum<number>('o.OrderAmt').as('Total'),
      eb.fn.max('o.OrderDate').as('LastOrder'),
    ])
    .where('c.Country', '=', country)
    .groupBy('c.State')
    .orderBy('Total', 'desc')
    .top(5);
  console.log(`SQL: ${byState.compile().sql}`);
  const rows = await byState.execute();
  console.log(`Top states by order total (${country}):`);
  for (const r of rows) {
    // r is typed: { State: string | null; Orders: number; Total: number; LastOrder: Date | null }
    console.log(`  ${(r.State ?? '?').padEnd(3)} ${String(r.Orders).padStart(4)} orders  ${r.Total.toFixed(2)}  last ${r.LastOrder?.toISOString().slice(0, 10)}`);
  }

  // Streaming through kysely: chunks of 500 rows, about a page in memory at a time.
  let open = 0;
  let amount = 0;
  for await (const o of kysely.selectFrom('SalesOrders').select(['OrderNum', 'OrderAmt']).where('OpenOrder', '=', true).stream(500)) {
    open++;
    amount += o.OrderAmt ?? 0;
  }
  console.log(`Open orders streamed: ${open}, worth ${amount.toFixed(2)}`);
} finally {
  await kysely.destroy();
  await sim?.close();
}
