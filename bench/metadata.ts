/**
 * Metadata cache benchmark: connect + first query on Erp.BO.CustomerSvc (35 entity sets, 1,100+ columns),
 * cold (empty cache: `$metadata` is fetched, parsed and stored) versus warm (the catalog is read from the
 * cache file), with the number of `$metadata` requests each made. Two settings:
 *  1. in one process, runs alternated (cold, warm, ...) after one discarded pair, median of RUNS each;
 *  2. each run in a fresh Node process (what a command-line call or a short job sees: nothing is JIT-warm).
 * Not a test: it prints. Run: node --import tsx bench/metadata.ts [--api v1|v2] [--runs N]
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { connect } from '../src/index.ts';
import { startSimulator, type Simulator } from '../src/simulator/index.ts';

const SERVICE = 'Erp.BO.CustomerSvc';
const FIRST_QUERY = 'SELECT TOP 10 CustID, Name, City FROM Customers ORDER BY CustID';

interface Timing {
  /** connect() alone, ms. */
  readonly connect: number;
  /** connect() + the first query, ms. */
  readonly total: number;
}

async function connectAndQuery(connectionString: string): Promise<Timing> {
  const t0 = performance.now();
  const db = await connect(connectionString);
  try {
    const connected = performance.now() - t0;
    const { rowCount } = await db.query(FIRST_QUERY);
    if (rowCount !== 10) throw new Error(`expected 10 rows, got ${rowCount}`);
    return { connect: connected, total: performance.now() - t0 };
  } finally {
    await db.close();
  }
}

// Child mode: one connect + first query in this fresh process; prints the timing as JSON.
if (process.argv[2] === '--child') {
  const cs = process.env['KINETIC_SQL_CONNECTION'] ?? '';
  process.stdout.write(`${JSON.stringify(await connectAndQuery(cs))}\n`);
  process.exit(0);
}

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(name);
  return i >= 0 ? (process.argv[i + 1] ?? fallback) : fallback;
}

const API = arg('--api', 'v2');
const RUNS = Math.max(1, Number(arg('--runs', '7')));
const run = promisify(execFile);

function median(values: readonly number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
}

function metadataRequests(sim: Simulator): number {
  let n = 0;
  for (const [path, stats] of Object.entries(sim.stats().byPath)) if (path.endsWith('$metadata')) n += stats.requests;
  return n;
}

interface Sample extends Timing {
  readonly metadata: number;
}

async function main(): Promise<void> {
  const work = mkdtempSync(join(tmpdir(), 'kinetic-bench-metadata-'));
  const sim = await startSimulator({ port: 0, seed: 1, customers: 300 });
  let folders = 0;
  const coldString = () => sim.connectionString({ Service: SERVICE, ApiVersion: API, CacheLocation: join(work, `cold-${++folders}`, 'metadata.sqlite') });
  const warmFile = join(work, 'warm', 'metadata.sqlite');
  const warmString = sim.connectionString({ Service: SERVICE, ApiVersion: API, CacheLocation: warmFile });

  const measure = async (make: () => Promise<Timing>): Promise<Sample> => {
    sim.resetStats();
    const timing = await make();
    return { ...timing, metadata: metadataRequests(sim) };
  };
  const inChild = async (cs: string): Promise<Timing> => {
    const { stdout } = await run(process.execPath, ['--import', 'tsx', import.meta.filename, '--child'], {
      env: { ...process.env, KINETIC_SQL_CONNECTION: cs },
    });
    return JSON.parse(stdout) as Timing;
  };

  try {
    const service = sim.model.services.find((s) => s.name === SERVICE);
    const columns = service?.entitySets.reduce((n, set) => n + set.columns.length, 0) ?? 0;
    console.log(`metadata cache: ${SERVICE} over ${API} (${service?.entitySets.length ?? 0} entity sets, ${columns} columns); connect + "${FIRST_QUERY}"`);

    // 1. One process. The first pair warms the JIT and fills the warm file; it is not counted.
    await connectAndQuery(coldString());
    await connectAndQuery(warmString);
    const cold: Sample[] = [];
    const warm: Sample[] = [];
    for (let i = 0; i < RUNS; i++) {
      cold.push(await measure(() => connectAndQuery(coldString())));
      warm.push(await measure(() => connectAndQuery(warmString)));
    }
    console.log(`cache file: ${(statSync(warmFile).size / 1024).toFixed(0)} KiB for one service`);
    report('one process', cold, warm);

    // 2. Fresh processes (each pays Node + module loading too: reported as is, not subtracted).
    const childRuns = Math.max(3, Math.floor(RUNS / 2));
    const coldChild: Sample[] = [];
    const warmChild: Sample[] = [];
    for (let i = 0; i < childRuns; i++) {
      coldChild.push(await measure(() => inChild(coldString())));
      warmChild.push(await measure(() => inChild(warmString)));
    }
    report('fresh process', coldChild, warmChild);
  } finally {
    await sim.close();
    rmSync(work, { recursive: true, force: true });
  }
}

function report(label: string, cold: readonly Sample[], warm: readonly Sample[]): void {
  console.log(`${label}, ${cold.length} runs each (ms; medians, then every run):`);
  for (const [name, runs] of [['cold (empty cache)', cold], ['warm (cache hit)  ', warm]] as const) {
    const total = runs.map((s) => s.total);
    const conn = runs.map((s) => s.connect);
    console.log(`  ${name}  connect + first query ${median(total).toFixed(1).padStart(7)}  connect alone ${median(conn).toFixed(1).padStart(7)}` +
      `   runs: ${total.map((ms) => ms.toFixed(0)).join(' ')}   $metadata requests per run: ${runs.map((s) => s.metadata).join(',')}`);
  }
  const ratio = median(warm.map((s) => s.total)) / median(cold.map((s) => s.total));
  const connectRatio = median(warm.map((s) => s.connect)) / median(cold.map((s) => s.connect));
  console.log(`  warm/cold time ratio: connect + first query ${ratio.toFixed(3)} (cold ${(1 / ratio).toFixed(1)}x warm), connect alone ${connectRatio.toFixed(3)} (${(1 / connectRatio).toFixed(1)}x)`);
}

await main();
