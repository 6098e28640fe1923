/**
 * The local engine: a join of about 100,000 order lines to their orders and customers with GROUP BY,
 * beside the time to fetch the same rows alone (two plain scans, the same columns); a filtered join
 * (a semi-join) beside the unfiltered one (bytes and time, from the simulator's side); the peak RSS; and
 * the event loop's longest stall while the large local query runs (perf_hooks.monitorEventLoopDelay,
 * sampled every 10 ms): the driver runs inside web apps, where a long stall is a defect.
 *
 * Run: node --import tsx bench/local.ts [--lines 100000] [--rounds 3]
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { connect, type Connection } from '../src/index.ts';
import { scaleForLines } from '../src/simulator/seed/index.ts';
import { emitFigure } from './lib/report.ts';
import { startSimulatorChild } from './lib/sim-child.ts';
import { int, median } from './lib/stats.ts';

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(name);
  return i >= 0 ? (process.argv[i + 1] ?? fallback) : fallback;
}

const LINES = Number(arg('--lines', '100000'));
const ROUNDS = Math.max(1, Number(arg('--rounds', '3')));
const TARGET_OVERHEAD = 0.3;
const STALL_TARGET_MS = 100;

const JOIN = `SELECT c.State, COUNT(*) AS lines, SUM(d.OrderQty * d.UnitPrice) AS amount
  FROM OrderDtls d JOIN SalesOrders o ON o.OrderNum = d.OrderNum JOIN Customers c ON c.CustNum = o.CustNum
  GROUP BY c.State ORDER BY amount DESC`;
const ALONE = ['SELECT OrderNum, OrderQty, UnitPrice FROM OrderDtls', 'SELECT OrderNum, CustNum FROM SalesOrders', 'SELECT CustNum, State FROM Customers'];
const FILTERED = "SELECT c.CustID, o.OrderNum, o.OrderAmt FROM Customers c JOIN SalesOrders o ON o.CustNum = c.CustNum WHERE c.State = 'TX'";
const UNFILTERED = 'SELECT c.CustID, o.OrderNum, o.OrderAmt FROM Customers c JOIN SalesOrders o ON o.CustNum = c.CustNum';

async function timed<T>(run: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const t0 = performance.now();
  const value = await run();
  return { ms: performance.now() - t0, value };
}

async function fetchAlone(db: Connection): Promise<number> {
  let rows = 0;
  await Promise.all(ALONE.map(async (sql) => {
    for await (const _ of db.stream(sql)) rows++;
  }));
  return rows;
}

async function main(): Promise<void> {
  const customers = scaleForLines(Math.ceil(LINES * 1.3));
  console.log(`local: starting the simulator in a child process (customers=${customers}) ...`);
  const sim = await startSimulatorChild({ customers });
  try {
    const db = await connect({ connectionString: sim.v2, Service: 'Erp.BO.CustomerSvc,Erp.BO.SalesOrderSvc', CacheMetadata: 'false', MaxLocalRows: '5000000' });
    try {
      const lines = (await db.query('SELECT COUNT(*) AS n FROM OrderDtls')).rows[0]?.['n'] as number;
      console.log(`  ${int(lines)} order lines; the join reads lines, orders and customers and groups by state`);
      console.log((await db.explain(JOIN)).text.split('\n').map((l) => `    ${l}`).join('\n'));
      await db.query(JOIN); // warm-up
      const alone: number[] = [];
      const joined: number[] = [];
      for (let i = 0; i < ROUNDS; i++) {
        const a = await timed(() => fetchAlone(db));
        const j = await timed(() => db.query(JOIN));
        alone.push(a.ms);
        joined.push(j.ms);
        console.log(`  round ${i + 1}: fetch alone ${int(a.ms)} ms (${int(a.value)} rows), join + GROUP BY ${int(j.ms)} ms (${j.value.rowCount} groups)`);
      }
      const overhead = median(joined) / median(alone) - 1;
      console.log(`  median: alone ${int(median(alone))} ms, local join ${int(median(joined))} ms: the local work adds ${(overhead * 100).toFixed(0)}% (target <= ${TARGET_OVERHEAD * 100}%)`);
      emitFigure({ name: 'local: fetch alone (lines, orders, customers)', value: Math.round(median(alone)), unit: 'ms' });
      emitFigure({ name: 'local: join + GROUP BY', value: Math.round(median(joined)), unit: 'ms' });
      emitFigure({ name: 'local: added by the local work', value: Number(overhead.toFixed(3)), target: `<= ${TARGET_OVERHEAD}`, ok: overhead <= TARGET_OVERHEAD });

      const delay = monitorEventLoopDelay({ resolution: 10 });
      delay.enable();
      const rss0 = process.memoryUsage().rss;
      let peak = rss0;
      const sampler = setInterval(() => { peak = Math.max(peak, process.memoryUsage().rss); }, 20);
      await db.query(JOIN);
      clearInterval(sampler);
      delay.disable();
      const stall = delay.max / 1e6;
      console.log(`  event loop: longest stall ${int(stall)} ms during the join (target < ${STALL_TARGET_MS} ms); peak RSS ${int(peak / 2 ** 20)} MiB`);
      emitFigure({ name: 'local: longest event-loop stall during the join', value: Math.round(stall), unit: 'ms', target: `< ${STALL_TARGET_MS}`, ok: stall < STALL_TARGET_MS });
      emitFigure({ name: 'local: peak RSS during the join', value: Math.round(peak / 2 ** 20), unit: 'MiB' });

      const f = await timed(() => db.query(FILTERED));
      const u = await timed(() => db.query(UNFILTERED));
      console.log(`  filtered join (semi-join): ${int(f.ms)} ms, ${f.value.rowCount} rows; unfiltered: ${int(u.ms)} ms, ${u.value.rowCount} rows`);
      emitFigure({ name: 'local: filtered join (semi-join)', value: Math.round(f.ms), unit: 'ms' });
      emitFigure({ name: 'local: unfiltered join', value: Math.round(u.ms), unit: 'ms' });

      // Where reading by keys stops paying (SEMI_JOIN_MAX_KEYS, 300): the same join read by k customer
      // keys (past the threshold the driver itself reads the table whole), and with a condition on the
      // orders too, which turns the semi-join off.
      for (const k of [100, 250, 400, 1000]) {
        const byKeys = await timed(() => db.query(`SELECT c.CustID, o.OrderNum FROM Customers c JOIN SalesOrders o ON o.CustNum = c.CustNum WHERE c.CustNum <= ${k} AND c.CustNum > 0`));
        const whole = await timed(() => db.query(`SELECT c.CustID, o.OrderNum FROM Customers c JOIN SalesOrders o ON o.CustNum = c.CustNum WHERE c.CustNum <= ${k} AND c.CustNum > 0 AND o.OrderNum > 0`));
        console.log(`  ${k} customer keys: default ${int(byKeys.ms)} ms${k > 300 ? ' (over the threshold: read whole)' : ' (by keys)'}, whole orders table ${int(whole.ms)} ms (${byKeys.value.rowCount} rows)`);
        emitFigure({ name: `local: ${k} keys, default / whole table`, value: Number((byKeys.ms / whole.ms).toFixed(2)) });
      }
    } finally {
      await db.close();
    }
  } finally {
    await sim.close();
  }
}

await main();
