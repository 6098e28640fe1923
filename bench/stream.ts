/**
 * Streaming throughput: rows per second of `db.stream()` over a 200,000-row scan of OrderDtls, beside a
 * raw undici loop (one Agent, `request()` + `body.json()`) that fetches the same page URLs with the same
 * headers one after the other: the practical limit. The simulator runs in a child process, so server and
 * client do not share an event loop. Runs alternate (raw, driver, raw, driver, ...) after one discarded
 * warm-up pair; medians are reported. Done for the driver's default Pagesize and for 5000.
 *
 * The driver also runs once with PrefetchPages=0 (strictly one request at a time, like the raw loop).
 * CPU per row is printed for the client (raw, driver) and for the simulator child: on a busy machine it
 * says more than wall-clock rates.
 *
 * Run: node --import tsx bench/stream.ts [--rows 200000] [--rounds 3] [--pagesizes default,5000]
 */
import { Agent } from 'undici';
import { connect, type Connection } from '../src/index.ts';
import { scaleForLines } from '../src/simulator/seed/index.ts';
import { PROPERTIES } from '../src/config/catalog.ts';
import { emitFigure } from './lib/report.ts';
import { basicHeaders, pageUrls, rawScan, type ScanResult } from './lib/raw-scan.ts';
import { startSimulatorChild } from './lib/sim-child.ts';
import { int, median } from './lib/stats.ts';

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(name);
  return i >= 0 ? (process.argv[i + 1] ?? fallback) : fallback;
}

const ROWS = Number(arg('--rows', '200000'));
const ROUNDS = Math.max(1, Number(arg('--rounds', '3')));
const DEFAULT_PAGESIZE = Number(PROPERTIES.find((p) => p.name === 'Pagesize')?.default ?? '1000');
const PAGESIZES = arg('--pagesizes', 'default,5000')
  .split(',')
  .map((s) => (s === 'default' ? DEFAULT_PAGESIZE : Number(s)));
const COLUMNS = 'OrderNum, OrderLine, CustNum, PartNum, LineDesc, ProdCode, OrderQty, UnitPrice, RequestDate, NeedByDate';
const SQL = `SELECT TOP ${ROWS} ${COLUMNS} FROM OrderDtls`;
const TARGET_RATIO = 0.9;

async function driverScan(db: Connection): Promise<ScanResult> {
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  let rows = 0;
  for await (const row of db.stream(SQL)) if (row !== undefined) rows++;
  const ms = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  return { rows, ms, cpuMs: (cpu.user + cpu.system) / 1000 };
}

interface Measured extends ScanResult {
  /** CPU milliseconds the simulator child used during the scan. */
  readonly serverCpuMs: number;
}

const rate = (r: ScanResult): number => r.rows / (r.ms / 1000);
/** Client CPU microseconds per row. */
const cpuPerRow = (r: ScanResult): number => (r.cpuMs * 1000) / r.rows;

async function main(): Promise<void> {
  // About 80% of the seeded lines belong to the connection's company (EPIC06; the rest to EPIC07), and
  // the count varies around the requested one: seed 1.3x ROWS lines.
  const customers = scaleForLines(Math.ceil(ROWS * 1.3));
  console.log(`stream: starting the simulator in a child process (customers=${customers}) ...`);
  const sim = await startSimulatorChild({ customers });
  console.log(`  listening after ${(sim.readyMs / 1000).toFixed(1)} s (child pid ${sim.pid}; process start + seeding)`);
  const headers = basicHeaders(sim.user, sim.password, sim.apiKey);
  try {
    for (const pageSize of PAGESIZES) {
      const db = await connect({
        connectionString: sim.v2,
        Service: 'Erp.BO.SalesOrderSvc',
        CacheMetadata: 'false',
        Pagesize: String(pageSize),
      });
      const seq = await connect({
        connectionString: sim.v2,
        Service: 'Erp.BO.SalesOrderSvc',
        CacheMetadata: 'false',
        Pagesize: String(pageSize),
        PrefetchPages: '0',
      });
      const agent = new Agent({ keepAliveTimeout: 10_000 });
      try {
        const total = (await db.query('SELECT COUNT(*) AS n FROM OrderDtls')).rows[0]?.['n'] as number;
        if (!(total >= ROWS)) throw new Error(`OrderDtls has ${total} rows; the scan needs ${ROWS}.`);
        const first = (await db.explain(SQL)).requests[0]!.url;
        const urls = pageUrls(first, pageSize, ROWS);
        const label = `Pagesize ${pageSize}${pageSize === DEFAULT_PAGESIZE ? ' (default)' : ''}`;
        console.log(`\n${label}: ${int(ROWS)} of ${int(total)} OrderDtls rows, ${urls.length} pages; PrefetchPages default ${db.properties.PrefetchPages}`);
        console.log(`  GET ${first}`);

        // Warm-up (JIT, sockets, the simulator's statement cache); not counted.
        const warm = urls.slice(0, Math.max(1, Math.ceil(urls.length / 10)));
        await rawScan(agent, warm, headers);
        for await (const _ of db.stream(`SELECT TOP ${warm.length * pageSize} ${COLUMNS} FROM OrderDtls`)) void _;

        const raw: Measured[] = [];
        const drv: Measured[] = [];
        const measure = async (scan: () => Promise<ScanResult>): Promise<Measured> => {
          const server0 = sim.cpuMs();
          const r = await scan();
          if (r.rows !== ROWS) throw new Error(`A scan returned ${r.rows} rows, not ${ROWS}.`);
          return { ...r, serverCpuMs: sim.cpuMs() - server0 };
        };
        for (let i = 0; i < ROUNDS; i++) {
          const r = await measure(() => rawScan(agent, urls, headers));
          const d = await measure(() => driverScan(db));
          raw.push(r);
          drv.push(d);
          console.log(`  round ${i + 1}: raw ${int(rate(r)).padStart(7)} rows/s   driver ${int(rate(d)).padStart(7)} rows/s`);
        }
        // Once, for comparison: the driver strictly one request at a time, as the raw loop.
        const s = await measure(() => driverScan(seq));
        const rawRate = median(raw.map(rate));
        const drvRate = median(drv.map(rate));
        const ratio = drvRate / rawRate;
        const cpuRaw = median(raw.map(cpuPerRow));
        const cpuDrv = median(drv.map(cpuPerRow));
        const serverCpu = median([...raw, ...drv].map((m) => (m.serverCpuMs * 1000) / m.rows));
        console.log(`  median rows/s: raw undici ${int(rawRate)}, driver ${int(drvRate)}; ratio driver/raw ${ratio.toFixed(2)} (target >= ${TARGET_RATIO})`);
        console.log(`  driver with PrefetchPages=0 (one run): ${int(rate(s))} rows/s, ${(rate(s) / rawRate).toFixed(2)} of raw`);
        console.log(`  CPU per row (median µs): client raw ${cpuRaw.toFixed(2)}, client driver ${cpuDrv.toFixed(2)} (+${(cpuDrv - cpuRaw).toFixed(2)}), simulator ${serverCpu.toFixed(2)}`);
        const tag = `Pagesize ${pageSize}`;
        emitFigure({ name: `stream ${tag}: raw undici`, value: Math.round(rawRate), unit: 'rows/s' });
        emitFigure({ name: `stream ${tag}: driver`, value: Math.round(drvRate), unit: 'rows/s' });
        emitFigure({ name: `stream ${tag}: driver/raw`, value: Number(ratio.toFixed(3)), target: `>= ${TARGET_RATIO}`, ok: ratio >= TARGET_RATIO });
        emitFigure({ name: `stream ${tag}: driver PrefetchPages=0 / raw`, value: Number((rate(s) / rawRate).toFixed(3)) });
        emitFigure({ name: `stream ${tag}: client CPU per row, raw`, value: Number(cpuRaw.toFixed(2)), unit: 'µs' });
        emitFigure({ name: `stream ${tag}: client CPU per row, driver`, value: Number(cpuDrv.toFixed(2)), unit: 'µs' });
        emitFigure({ name: `stream ${tag}: simulator CPU per row`, value: Number(serverCpu.toFixed(2)), unit: 'µs' });
      } finally {
        await agent.close();
        await db.close();
        await seq.close();
      }
    }
  } finally {
    await sim.close();
  }
}

await main();
