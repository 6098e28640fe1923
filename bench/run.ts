/**
 * `npm run bench`: runs each benchmark in its own child process, one after another, echoes its output,
 * and prints a summary table at the end (figure, value, target, ok?). Not run in CI.
 *
 *   translate   bench/translate.ts   compile() time per statement, first and cached
 *   simulator   bench/simulator.ts   only with --full (its all-columns scan takes minutes); by default
 *                                    its figures (seeding at ~1M lines, rows/s served) come from memory
 *   stream      bench/stream.ts      driver vs raw undici rows/s, Pagesize default and 5000
 *   local       bench/local.ts       join + GROUP BY vs fetching alone, semi-join, event-loop stall
 *   memory      bench/memory.ts      peak RSS streaming 1,000,000 rows; seeding time; rows/s served
 *   metadata    bench/metadata.ts    cold vs warm connect (skipped when the file does not exist)
 *   paging      bench/paging.ts      paging guards' cost; PagingMode=skip vs key, 0 and 20 ms latency
 *
 * Run: npm run bench [-- --only stream,memory] [-- --full]
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { FIGURES_ENV, parseFigures, type Figure } from './lib/report.ts';
import { REPO_ROOT } from './lib/sim-child.ts';

interface Step {
  readonly name: string;
  readonly file: string;
  readonly args?: readonly string[];
  /** Why the step does not run, or undefined when it runs. */
  readonly skip?: () => string | undefined;
  /** Figures read from the step's plain-text output (for benchmarks that do not emit figure lines). */
  readonly parse?: (stdout: string) => Figure[];
  readonly timeoutMs: number;
}

const argv = process.argv.slice(2);
const FULL = argv.includes('--full');
const onlyIndex = argv.indexOf('--only');
const ONLY = onlyIndex >= 0 ? new Set((argv[onlyIndex + 1] ?? '').split(',').filter(Boolean)) : undefined;

function num(text: string | undefined): number {
  return text === undefined ? NaN : Number(text.replace(/,/g, ''));
}

function parseTranslate(stdout: string): Figure[] {
  const m = /^\s*([\d.]+)\s+([\d.]+)\s+all statements/m.exec(stdout);
  if (!m) return [];
  const cached = num(m[2]);
  return [
    { name: 'translate: first compile (median)', value: num(m[1]), unit: 'µs' },
    { name: 'translate: cached compile (median)', value: cached, unit: 'µs', target: '<= 20', ok: cached <= 20 },
  ];
}

function parseSimulator(stdout: string): Figure[] {
  const figures: Figure[] = [];
  const seeded = /started \(seeded and listening\) in ([\d.]+) s/.exec(stdout);
  if (seeded) figures.push({ name: 'simulator (in-process): seeded ~1M lines', value: num(seeded[1]), unit: 's' });
  for (const [label, name] of [['all columns', 'all columns'], ['six columns', '6 columns']] as const) {
    const m = new RegExp(`${label}[^\\n]*\\n\\s*([\\d,]+) rows/s`).exec(stdout);
    if (m) figures.push({ name: `simulator (in-process) serving, ${name}, pages of 5000`, value: num(m[1]), unit: 'rows/s' });
  }
  return figures;
}

function parseMetadata(stdout: string): Figure[] {
  const figures: Figure[] = [];
  for (const section of ['one process', 'fresh process']) {
    const start = stdout.indexOf(`${section},`);
    if (start < 0) continue;
    const text = stdout.slice(start, start + 2000);
    const cold = /cold \(empty cache\)\s+connect \+ first query\s+([\d.]+)/.exec(text);
    const warm = /warm \(cache hit\)\s+connect \+ first query\s+([\d.]+)[^\n]*\$metadata requests per run: ([\d,]+)/.exec(text);
    if (cold) figures.push({ name: `metadata (${section}): cold connect + query`, value: num(cold[1]), unit: 'ms' });
    if (warm) {
      figures.push({ name: `metadata (${section}): warm connect + query`, value: num(warm[1]), unit: 'ms' });
      const requests = Math.max(...(warm[2] ?? '').split(',').filter(Boolean).map(Number));
      figures.push({ name: `metadata (${section}): $metadata requests when warm`, value: requests, target: '0', ok: requests === 0 });
    }
    if (cold && warm) {
      const ratio = num(warm[1]) / num(cold[1]);
      figures.push({ name: `metadata (${section}): warm/cold`, value: Number(ratio.toFixed(3)), target: '< 1', ok: ratio < 1 });
    }
  }
  return figures;
}

const STEPS: readonly Step[] = [
  { name: 'translate', file: 'bench/translate.ts', parse: parseTranslate, timeoutMs: 120_000 },
  {
    name: 'simulator',
    file: 'bench/simulator.ts',
    parse: parseSimulator,
    timeoutMs: 900_000,
    skip: () => (FULL ? undefined : 'skipped: its all-columns scan takes several minutes (run with --full); seeding and serving figures come from "memory"'),
  },
  { name: 'stream', file: 'bench/stream.ts', timeoutMs: 480_000 },
  { name: 'local', file: 'bench/local.ts', timeoutMs: 600_000 },
  { name: 'memory', file: 'bench/memory.ts', timeoutMs: 480_000 },
  { name: 'paging', file: 'bench/paging.ts', timeoutMs: 600_000 },
  {
    name: 'metadata',
    file: 'bench/metadata.ts',
    parse: parseMetadata,
    timeoutMs: 300_000,
    skip: () => (existsSync(join(REPO_ROOT, 'bench/metadata.ts')) ? undefined : 'skipped: bench/metadata.ts does not exist yet'),
  },
];

interface Outcome {
  readonly step: string;
  readonly status: string;
  readonly seconds: number;
  readonly figures: Figure[];
}

let current: number | undefined; // the process group of the running step

function stopCurrent(signal: NodeJS.Signals): void {
  if (current === undefined) return;
  try {
    process.kill(-current, signal); // the step and the simulator child it started
  } catch {
    // already gone
  }
}

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    stopCurrent('SIGKILL');
    process.exit(130);
  });
}

async function runStep(step: Step): Promise<Outcome> {
  const started = performance.now();
  const child = spawn(process.execPath, ['--import', 'tsx', step.file, ...(step.args ?? [])], {
    cwd: REPO_ROOT,
    env: { ...process.env, [FIGURES_ENV]: '1' },
    stdio: ['ignore', 'pipe', 'inherit'],
    detached: true, // its own process group, so a timeout also stops the simulator it started
  });
  current = child.pid;
  let stdout = '';
  let pending = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    stdout += chunk;
    pending += chunk;
    let i: number;
    while ((i = pending.indexOf('\n')) >= 0) {
      const line = pending.slice(0, i);
      pending = pending.slice(i + 1);
      if (!line.startsWith('@@figure ')) process.stdout.write(`  ${line}\n`);
    }
  });
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    stopCurrent('SIGKILL');
  }, step.timeoutMs);
  const code = await new Promise<number | null>((resolve) => child.once('exit', (c) => resolve(c)));
  clearTimeout(timer);
  current = undefined;
  if (pending && !pending.startsWith('@@figure ')) process.stdout.write(`  ${pending}\n`);
  const figures = [...parseFigures(stdout), ...(step.parse ? step.parse(stdout) : [])];
  const status = timedOut ? `timed out after ${step.timeoutMs / 1000} s` : code === 0 ? 'ok' : `failed (exit ${code})`;
  return { step: step.name, status, seconds: (performance.now() - started) / 1000, figures };
}

function table(rows: readonly (readonly string[])[]): string {
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => (r[c] ?? '').length)));
  const line = (r: readonly string[]) => r.map((cell, c) => (c === 1 ? cell.padStart(widths[c]!) : cell.padEnd(widths[c]!))).join('  ').trimEnd();
  return [line(rows[0]!), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.slice(1).map(line)].join('\n');
}

function formatValue(f: Figure): string {
  const v = Number.isInteger(f.value) && Math.abs(f.value) >= 1000 ? f.value.toLocaleString('en-US') : String(f.value);
  return f.unit ? `${v} ${f.unit}` : v;
}

async function main(): Promise<void> {
  const t0 = performance.now();
  const outcomes: Outcome[] = [];
  for (const step of STEPS) {
    if (ONLY && !ONLY.has(step.name)) continue;
    const why = step.skip?.();
    process.stdout.write(`\n=== ${step.name} (${step.file}) ===\n`);
    if (why !== undefined) {
      process.stdout.write(`  ${why}\n`);
      outcomes.push({ step: step.name, status: why.split(':')[0] ?? 'skipped', seconds: 0, figures: [] });
      continue;
    }
    const outcome = await runStep(step);
    process.stdout.write(`  -> ${outcome.status} in ${outcome.seconds.toFixed(1)} s\n`);
    outcomes.push(outcome);
  }

  const rows: string[][] = [['figure', 'value', 'target', 'ok?']];
  for (const o of outcomes) {
    rows.push([`[${o.step}] ${o.status}${o.seconds > 0 ? `, ${o.seconds.toFixed(0)} s` : ''}`, '', '', '']);
    for (const f of o.figures) rows.push([`  ${f.name}`, formatValue(f), f.target ?? '', f.ok === undefined ? '' : f.ok ? 'yes' : 'NO']);
  }
  process.stdout.write(`\n=== summary (${((performance.now() - t0) / 1000).toFixed(0)} s in all) ===\n${table(rows)}\n`);
  const failed = outcomes.some((o) => o.status !== 'ok' && o.status !== 'skipped');
  process.exitCode = failed ? 1 : 0;
}

await main();
