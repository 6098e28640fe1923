/**
 * Example 2: stream a large table and stop early.
 *
 *   node --import tsx examples/02-stream-early-break.ts
 *
 * `db.stream()` yields rows while pages arrive (about one page in memory at a time); `break` cancels the
 * requests in flight, so only the pages you read are fetched. Uses KINETIC_SQL_CONNECTION when set
 * (Service must include Erp.BO.SalesOrderSvc), else the bundled simulator.
 */
import { connect } from '../src/index.ts';
import { startSimulator } from '../src/simulator/index.ts';

const sim = process.env.KINETIC_SQL_CONNECTION ? undefined : await startSimulator({ port: 0, seed: 1, customers: 300 });
// Pagesize sets `$top` of each page request (default 1000); PrefetchPages how many pages are fetched ahead.
const db = await connect(
  sim
    ? sim.connectionString({ Service: 'Erp.BO.SalesOrderSvc', ApiVersion: 'v2', CacheMetadata: 'false', Pagesize: 500 })
    : process.env.KINETIC_SQL_CONNECTION,
);

try {
  // SELECT COUNT(*) is a single count request: no rows are transferred.
  const { rows } = await db.query('SELECT COUNT(*) AS n FROM OrderDtls');
  const total = Number(rows[0]?.n);
  console.log(`OrderDtls holds ${total} order lines`);

  // Walk the lines until 1,200 have been seen, summing their extended price as we go.
  let seen = 0;
  let amount = 0;
  for await (const line of db.stream('SELECT OrderNum, OrderLine, PartNum, ExtPriceDtl FROM OrderDtls')) {
    seen++;
    amount += Number(line.ExtPriceDtl);
    if (seen === 1200) break; // cancels the page requests still in flight
  }
  console.log(`Stopped early after ${seen} rows (sum of ExtPriceDtl: ${amount.toFixed(2)})`);

  if (sim) {
    // The simulator counts the requests it served per path: proof that the scan did not read everything.
    const pages = Object.entries(sim.stats().byPath)
      .filter(([path]) => path.endsWith('/OrderDtls'))
      .reduce((n, [, s]) => n + s.requests, 0);
    console.log(`The server answered ${pages} requests for OrderDtls (the count plus a few pages, not ${Math.ceil(total / 500)} pages)`);
  }
} finally {
  await db.close();
  await sim?.close();
}
