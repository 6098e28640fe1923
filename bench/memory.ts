/**
 * Peak memory of this process while `db.stream()` reads 1,000,000 OrderDtls rows (a few columns) from the
 * simulator, which runs in a child process seeded at benchmark scale. Memory is sampled every 100 ms
 * (`process.memoryUsage()`: rss, heapUsed, arrayBuffers) and the kernel's peak (`resourceUsage().maxRSS`)
 * is read at the end. Also prints the simulator's start-up (seeding) time, and, after the memory
 * figures are taken, the rows per second the simulator serves to a raw undici loop over six columns in
 * pages of 5,000 (the figure bench/simulator.ts prints, without its slow all-columns scan).
 *
 * Run: node --import tsx bench/memory.ts [--rows 1000000] [--pagesize N]
 */
import { Agent } from 'undici';
import { connect } from '../src/index.ts';
import { scaleForLines } from '../src/simulator/seed/index.ts';
import { startMemorySampler } from './lib/memory-sampler.ts';
import { basicHeaders, pageUrls, rawScan } from './lib/raw-scan.ts';
import { emitFigure } from './lib/report.ts';
import { startSimulatorChild } from './lib/sim-child.ts';
import { int, mib } from './lib/stats.ts';

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(name);
  return i >= 0 ? (process.argv[i + 1] ?? fallback) : fallback;
}

const ROWS = Number(arg('--rows', '1000000'));
const PAGESIZE = arg('--pagesize', '');
const TARGET_MB = 200;
const SQL = `SELECT TOP ${ROWS} OrderNum, OrderLine, PartNum, OrderQty, UnitPrice, NeedByDate FROM OrderDtls`;
const SERVE_ROWS = Math.min(200_000, ROWS);
const SERVE_PAGE = 5_000;

async function main(): Promise<void> {
  // About 80% of the seeded lines belong to the connection's company (EPIC06; the rest to EPIC07): seed
  // 1.3x ROWS lines so that the company holds at least ROWS of them.
  const lines = Math.ceil(ROWS * 1.3);
  const customers = scaleForLines(lines);
  console.log(`memory: starting the simulator in a child process (scaleForLines(${int(lines)}) = ${customers} customers) ...`);
  const sim = await startSimulatorChild({ customers });
  const seedSeconds = sim.readyMs / 1000;
  console.log(`  seeded and listening after ${seedSeconds.toFixed(1)} s (child process start included)`);
  emitFigure({ name: `simulator start, ${int(lines)} lines seeded`, value: Number(seedSeconds.toFixed(1)), unit: 's' });
  try {
    const db = await connect({
      connectionString: sim.v2,
      Service: 'Erp.BO.SalesOrderSvc',
      CacheMetadata: 'false',
      ...(PAGESIZE ? { Pagesize: PAGESIZE } : {}),
    });
    let served: number | undefined;
    try {
      const total = (await db.query('SELECT COUNT(*) AS n FROM OrderDtls')).rows[0]?.['n'] as number;
      if (!(total >= ROWS)) throw new Error(`OrderDtls has ${total} rows in company ${sim.company}; the scan needs ${ROWS}.`);
      const before = process.memoryUsage();
      console.log(`  ${int(total)} OrderDtls rows in ${sim.company}; streaming ${int(ROWS)} with Pagesize ${db.properties.Pagesize}, PrefetchPages ${db.properties.PrefetchPages}`);
      console.log(`  before the scan: rss ${mib(before.rss)} MiB, heapUsed ${mib(before.heapUsed)} MiB`);

      const sampler = startMemorySampler(100);
      const t0 = performance.now();
      let rows = 0;
      let checksum = 0;
      for await (const row of db.stream(SQL)) {
        rows++;
        checksum += row['OrderLine'] as number;
      }
      const seconds = (performance.now() - t0) / 1000;
      const peaks = sampler.stop();
      if (rows !== ROWS) throw new Error(`The scan returned ${rows} rows, not ${ROWS}.`);
      const peakMb = mib(peaks.maxRss);
      console.log(`  streamed ${int(rows)} rows in ${seconds.toFixed(1)} s (${int(rows / seconds)} rows/s; checksum ${checksum})`);
      console.log(`  peak RSS (resourceUsage().maxRSS) ${peakMb} MiB (target < ${TARGET_MB} MB); sampled every 100 ms (${peaks.samples} samples):` +
        ` rss ${mib(peaks.peakRss)} MiB, heapUsed ${mib(peaks.peakHeapUsed)} MiB, arrayBuffers ${mib(peaks.peakArrayBuffers)} MiB`);
      emitFigure({ name: `memory: peak RSS streaming ${int(ROWS)} rows`, value: peakMb, unit: 'MiB', target: `< ${TARGET_MB}`, ok: peakMb < TARGET_MB });
      emitFigure({ name: 'memory: peak heapUsed (sampled)', value: mib(peaks.peakHeapUsed), unit: 'MiB' });
      emitFigure({ name: `memory: driver rows/s over ${int(ROWS)} rows`, value: Math.round(rows / seconds), unit: 'rows/s' });

      // Serving rate of the simulator (after the memory figures: these pages would raise the peak).
      const agent = new Agent();
      try {
        const cols = 'OrderNum,OrderLine,PartNum,OrderQty,UnitPrice,NeedByDate';
        const first = `${sim.url}/${sim.instance}/api/v2/odata/${sim.company}/Erp.BO.SalesOrderSvc/OrderDtls?$select=${cols}&$top=${SERVE_PAGE}&$skip=0`;
        const headers = basicHeaders(sim.user, sim.password, sim.apiKey);
        const r = await rawScan(agent, pageUrls(first, SERVE_PAGE, SERVE_ROWS), headers);
        served = r.rows / (r.ms / 1000);
        console.log(`  simulator serving six columns to raw undici, pages of ${SERVE_PAGE}: ${int(r.rows)} rows in ${(r.ms / 1000).toFixed(1)} s, ${int(served)} rows/s`);
      } finally {
        await agent.close();
      }
    } finally {
      await db.close();
    }
    if (served !== undefined) emitFigure({ name: 'simulator serving, 6 columns, pages of 5000', value: Math.round(served), unit: 'rows/s' });
  } finally {
    await sim.close();
  }
}

await main();
