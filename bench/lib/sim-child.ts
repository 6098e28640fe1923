/**
 * Runs the simulator in a child process (`kinetic-sql simulator`), so that the server and the code under
 * measurement do not share one event loop or one CPU account. Parses the URL, credentials and connection
 * strings it prints.
 *
 * @example
 * ```ts
 * const sim = await startSimulatorChild({ customers: scaleForLines(200_000) });
 * console.log(sim.url, `ready in ${sim.readyMs} ms`);
 * await sim.close();
 * ```
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));

export interface SimulatorChild {
  readonly url: string;
  readonly instance: string;
  readonly company: string;
  readonly user: string;
  readonly password: string;
  readonly apiKey: string;
  /** The printed v2 connection string (Service=Erp.BO.CustomerSvc). */
  readonly v2: string;
  /** The printed v1 connection string. */
  readonly v1: string;
  /** Milliseconds from spawning the child to the simulator listening: process start, seeding, listen. */
  readonly readyMs: number;
  readonly pid: number;
  /** CPU milliseconds (user + system) the child has used so far; NaN where /proc is not available. */
  cpuMs(): number;
  /** Stops the child (SIGTERM) and waits for it to exit. */
  close(): Promise<void>;
}

export interface SimulatorChildOptions {
  readonly customers: number;
  readonly seed?: number;
  /** Gives up when the simulator has not printed its URL after this long; default 10 minutes. */
  readonly startTimeoutMs?: number;
}

function field(lines: readonly string[], label: string): string {
  const line = lines.find((l) => l.startsWith(`${label}: `));
  if (line === undefined) throw new Error(`The simulator did not print "${label}:"; it printed:\n${lines.join('\n')}`);
  return line.slice(label.length + 2).replace(/\s+\(.*\)\s*$/, '').trim();
}

export async function startSimulatorChild(options: SimulatorChildOptions): Promise<SimulatorChild> {
  const args = ['--import', 'tsx', 'src/cli/main.ts', 'simulator', '--port', '0', '--customers', String(options.customers), '--seed', String(options.seed ?? 1)];
  const started = performance.now();
  const child: ChildProcess = spawn(process.execPath, args, { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  const exited = once(child, 'exit');
  let stderr = '';
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => {
    stderr += chunk;
  });
  const lines: string[] = [];
  const ready = new Promise<void>((resolve, reject) => {
    let buffer = '';
    child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
      buffer += chunk;
      let i: number;
      while ((i = buffer.indexOf('\n')) >= 0) {
        const line = buffer.slice(0, i);
        buffer = buffer.slice(i + 1);
        lines.push(line);
        if (line.startsWith('Press Ctrl+C')) resolve();
      }
    });
    child.once('exit', (code, signal) => reject(new Error(`The simulator exited (${code ?? signal}) before listening:\n${stderr.slice(-2000)}`)));
    child.once('error', reject);
  });
  const timeoutMs = options.startTimeoutMs ?? 600_000;
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`The simulator did not start within ${timeoutMs / 1000} s.`)), timeoutMs);
  });
  try {
    await Promise.race([ready, timeout]);
  } catch (err) {
    child.kill('SIGKILL');
    throw err;
  } finally {
    clearTimeout(timer);
  }
  const readyMs = performance.now() - started;
  // Never leave a seeded simulator behind when this process ends without calling close().
  const killOnExit = (): void => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  };
  process.once('exit', killOnExit);
  return {
    url: field(lines, 'URL'),
    instance: field(lines, 'Instance'),
    company: field(lines, 'Company'),
    user: field(lines, 'User'),
    password: field(lines, 'Password'),
    apiKey: field(lines, 'API key'),
    v1: field(lines, 'v1'),
    v2: field(lines, 'v2'),
    readyMs,
    pid: child.pid!,
    cpuMs: () => processCpuMs(child.pid!),
    async close() {
      process.off('exit', killOnExit);
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

/** utime + stime of a process from /proc/<pid>/stat (clock ticks of 10 ms on Linux), in milliseconds. */
function processCpuMs(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10; // fields 14 and 15 of the full line
  } catch {
    return NaN;
  }
}
