/**
 * Paging: the cost of the paging guards and key paging against `$skip` paging, on a 200,000-row scan of
 * OrderDtls (Pagesize 1000, PrefetchPages 2), with no added latency and with 20 ms per response. The
 * simulator runs in this process (it adds the latency itself), one instance per latency.
 *
 * For each latency: the scan with PagingMode=skip (prefetching), and with 20 ms also PagingMode=key (one
 * request at a time, each page filtered after the last key read), its time and the requests the server
 * saw (one round each: the key scans take minutes on the simulator); and a
 * small query whose rows fit in the first window, which costs one more request to confirm its end (a
 * server may cap pages below $top silently). The guards' CPU (key bookkeeping per row) is measured apart,
 * over the same number of rows.
 *
 * Run: node --import tsx bench/paging.ts [--rows 200000] [--latencies 0,20]
 */
import { connect, type Connection } from '../src/index.ts';
import { PageGuard } from '../src/engine/page-guard.ts';
import { scaleForLines } from '../src/simulator/seed/index.ts';
import { startSimulator, type Simulator } from '../src/simulator/index.ts';
import { emitFigure } from './lib/report.ts';
import { int, median } from './lib/stats.ts';

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(name);
  return i >= 0 ? (process.argv[i + 1] ?? fallback) : fallback;
}

const ROWS = Number(arg('--rows', '200000'));
const LATENCIES = arg('--latencies', '0,20').split(',').map(Number);
const COLUMNS = 'OrderNum, OrderLine, PartNum, OrderQty, UnitPrice';
const SCAN = `SELECT TOP ${ROWS} ${COLUMNS} FROM OrderDtls`;

async function timed(sim: Simulator, db: Connection, sql: string): Promise<{ ms: number; rows: number; requests: number }> {
  sim.resetStats();
  const t0 = performance.now();
  let rows = 0;
  for await (const _ of db.stream(sql)) rows++;
  const ms = performance.now() - t0;
  return { ms, rows, requests: sim.stats().requests };
}

function guardCpu(): number {
  const rows = Array.from({ length: ROWS }, (_, i) => ({ OrderNum: Math.floor(i / 4) + 1, OrderLine: (i % 4) + 1, PartNum: `P${i % 500}`, OrderQty: 1, UnitPrice: 2.5 }));
  const runs: number[] = [];
  for (let r = 0; r < 5; r++) {
    const guard = new PageGuard(['Company', 'OrderNum', 'OrderLine'], [{ column: 'Company', desc: false }, { column: 'OrderNum', desc: false }, { column: 'OrderLine', desc: false }]);
    const t0 = performance.now();
    for (let at = 0; at < rows.length; at += 1000) guard.window(rows.slice(at, at + 1000), 'http://bench/OrderDtls');
    runs.push(performance.now() - t0);
  }
  return median(runs);
}

async function main(): Promise<void> {
  const customers = scaleForLines(Math.ceil(ROWS * 1.3));
  const guardMs = guardCpu();
  console.log(`paging: guard bookkeeping over ${int(ROWS)} rows in pages of 1000: ${guardMs.toFixed(1)} ms (median of 5)`);
  emitFigure({ name: `paging: guard CPU over ${int(ROWS)} rows`, value: Number(guardMs.toFixed(1)), unit: 'ms' });
  for (const latencyMs of LATENCIES) {
    const t0 = performance.now();
    const sim = await startSimulator({ port: 0, seed: 1, customers, latencyMs });
    console.log(`\nlatency ${latencyMs} ms per response (simulator seeded in ${((performance.now() - t0) / 1000).toFixed(1)} s)`);
    const open = async (mode: string): Promise<Connection> =>
      connect(sim.connectionString({ ApiVersion: 'v2', Service: 'Erp.BO.SalesOrderSvc', CacheMetadata: 'false', Pagesize: '1000', PagingMode: mode }));
    const skip = await open('skip');
    const key = await open('key');
    try {
      await timed(sim, skip, `SELECT TOP 5000 ${COLUMNS} FROM OrderDtls`); // warm-up
      const modes = latencyMs > 0 ? (['skip', 'key'] as const) : (['skip'] as const);
      const results: Record<string, { ms: number; rows: number; requests: number }[]> = { skip: [], key: [] };
      for (const mode of modes) results[mode]!.push(await timed(sim, mode === 'skip' ? skip : key, SCAN));
      for (const mode of modes) {
        const runs = results[mode]!;
        const ms = median(runs.map((r) => r.ms));
        const { rows, requests } = runs[0]!;
        if (rows !== ROWS) throw new Error(`PagingMode=${mode} returned ${rows} rows, not ${ROWS}.`);
        const pages = Math.ceil(ROWS / 1000);
        console.log(`  PagingMode=${mode.padEnd(4)} ${int(rows)} rows in ${(ms / 1000).toFixed(2)} s (${int(rows / (ms / 1000))} rows/s), ${requests} requests for ${pages} pages`);
        emitFigure({ name: `paging ${latencyMs} ms: ${int(ROWS)}-row scan, PagingMode=${mode}`, value: Math.round(ms), unit: 'ms' });
        emitFigure({ name: `paging ${latencyMs} ms: ${int(ROWS)}-row scan, PagingMode=${mode}, requests`, value: requests, target: `<= ${pages + 1}`, ok: requests <= pages + 1 });
      }
      const firstOrder = (sim.db.prepare('SELECT MIN(OrderNum) AS n FROM OrderDtls WHERE Company = ?').get(sim.company) as { n: number }).n;
      const small = await timed(sim, skip, `SELECT OrderNum, OrderLine, PartNum FROM OrderDtls WHERE OrderNum <= ${firstOrder + 3}`);
      console.log(`  small query (${small.rows} rows, fits the first window): ${small.requests} requests (one confirms the end), ${small.ms.toFixed(1)} ms`);
      emitFigure({ name: `paging ${latencyMs} ms: small query, requests`, value: small.requests });
      emitFigure({ name: `paging ${latencyMs} ms: small query`, value: Number(small.ms.toFixed(1)), unit: 'ms' });
    } finally {
      await skip.close();
      await key.close();
      await sim.close();
    }
  }
}

await main();
