/**
 * Simulator benchmark: seeds about a million order lines, then reads ~200,000 OrderDtls rows over v2 in
 * pages of 5,000 with undici and prints the rows per second served.
 *
 * Run: node --import tsx bench/simulator.ts
 */
import { Agent, request } from 'undici';
import { scaleForLines } from '../src/simulator/seed/index.ts';
import { startSimulator } from '../src/simulator/index.ts';

const PAGE = 5_000;
const TARGET_ROWS = 200_000;

async function readPages(agent: Agent, headers: Record<string, string>, base: string, extra: string, label: string): Promise<void> {
  let rows = 0;
  let bytes = 0;
  let servedMs = 0;
  const t0 = performance.now();
  for (let skip = 0; rows < TARGET_ROWS; skip += PAGE) {
    const sent = performance.now();
    const res = await request(`${base}?$top=${PAGE}&$skip=${skip}${extra}`, { headers, dispatcher: agent });
    const body = Buffer.from(await res.body.arrayBuffer());
    servedMs += performance.now() - sent;
    const text = body.toString('utf8');
    if (res.statusCode !== 200) throw new Error(`HTTP ${res.statusCode}: ${text.slice(0, 200)}`);
    bytes += body.length;
    const page = (JSON.parse(text) as { value: unknown[] }).value.length;
    rows += page;
    if (page < PAGE) break;
  }
  const seconds = (performance.now() - t0) / 1000;
  const served = servedMs / 1000;
  console.log(`${label}: ${rows.toLocaleString('en-US')} OrderDtls rows (${(bytes / 1e6).toFixed(1)} MB) in pages of ${PAGE} in ${seconds.toFixed(2)} s`);
  // Served: request sent to last byte received (the client shares this process). End to end adds the
  // client's decoding and JSON.parse of every page.
  console.log(`  served ${Math.round(rows / served).toLocaleString('en-US')} rows/s, ${(bytes / 1e6 / served).toFixed(1)} MB/s`);
  console.log(`  end to end (with JSON.parse) ${Math.round(rows / seconds).toLocaleString('en-US')} rows/s`);
}

async function main(): Promise<void> {
  const customers = scaleForLines(1_000_000);
  const started = performance.now();
  const sim = await startSimulator({ customers, seed: 1 });
  const seedMs = performance.now() - started;
  const agent = new Agent({ connections: 1 });
  try {
    const counts = ['Customers', 'SalesOrders', 'OrderDtls', 'OrderRels', 'Parts'].map((t) => {
      const n = (sim.db.prepare(`SELECT COUNT(*) AS n FROM "${t}"`).get() as { n: number } | undefined)?.n ?? 0;
      return `${t} ${n.toLocaleString('en-US')}`;
    });
    console.log(`customers option ${customers}; started (seeded and listening) in ${(seedMs / 1000).toFixed(1)} s`);
    console.log(`rows: ${counts.join(', ')}`);
    const headers = {
      authorization: `Basic ${Buffer.from(`${sim.user}:${sim.password}`).toString('base64')}`,
      'x-api-key': sim.apiKey,
      accept: 'application/json',
    };
    const base = `${sim.url}/${sim.instance}/api/v2/odata/${sim.company}/Erp.BO.SalesOrderSvc/OrderDtls`;
    await readPages(agent, headers, base, '', 'all columns');
    await readPages(agent, headers, base, '&$select=OrderNum,OrderLine,PartNum,OrderQty,UnitPrice,NeedByDate', 'six columns ($select)');
  } finally {
    await agent.close();
    await sim.close();
  }
}

await main();
