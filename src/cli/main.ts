#!/usr/bin/env node
/**
 * The `kinetic-sql` command. Subcommands are entries of {@link COMMANDS}: add one by adding an entry.
 *
 * @example
 * ```sh
 * kinetic-sql simulator --port 8080 --customers 500
 * ```
 */
import { realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { CODEGEN_USAGE, OAUTH_USAGE, QUERY_USAGE } from './usage.ts';

interface Command {
  readonly summary: string;
  readonly usage: string;
  /** Runs the command with its own arguments; resolves to the exit code. */
  run(args: string[]): Promise<number>;
}

function integer(value: string | undefined, name: string, fallback: number | undefined): number | undefined {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new UsageError(`--${name} must be a non-negative integer, not "${value}".`);
  return n;
}

class UsageError extends Error {}

async function runSimulator(args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      port: { type: 'string' },
      host: { type: 'string' },
      seed: { type: 'string' },
      customers: { type: 'string' },
      'page-cap': { type: 'string' },
      'max-query-string': { type: 'string' },
      'max-url-length': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
  });
  if (values.help) {
    process.stdout.write(`${COMMANDS['simulator']?.usage}\n`);
    return 0;
  }
  const { startSimulator } = await import('../simulator/index.ts');
  const pageCap = integer(values['page-cap'], 'page-cap', undefined);
  const maxQueryString = integer(values['max-query-string'], 'max-query-string', undefined);
  const maxUrlLength = integer(values['max-url-length'], 'max-url-length', undefined);
  const sim = await startSimulator({
    port: integer(values.port, 'port', 0),
    host: values.host ?? '127.0.0.1',
    seed: integer(values.seed, 'seed', 1),
    customers: integer(values.customers, 'customers', 500),
    ...(pageCap !== undefined ? { pageCap } : {}),
    ...(maxQueryString !== undefined ? { maxQueryString } : {}),
    ...(maxUrlLength !== undefined ? { maxUrlLength } : {}),
  });
  const lines = [
    'Epicor Kinetic REST API simulator is running.',
    `URL: ${sim.url}`,
    `Instance: ${sim.instance}`,
    `Company: ${sim.company}`,
    `User: ${sim.user}`,
    `Password: ${sim.password}   (a fixed simulator-only credential)`,
    `API key: ${sim.apiKey}`,
    `v1: ${sim.connectionString({ ApiVersion: 'v1' })}`,
    `v2: ${sim.connectionString({ ApiVersion: 'v2' })}`,
    'Press Ctrl+C to stop.',
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  await sim.close();
  process.stdout.write('Simulator stopped.\n');
  return 0;
}

const COMMANDS: Readonly<Record<string, Command>> = {
  query: {
    summary: 'run one SQL statement and print the rows (table, csv, json, ndjson)',
    usage: QUERY_USAGE,
    run: async (args) => (await import('./commands/query.ts')).runQueryCommand(args),
  },
  codegen: {
    summary: 'write TypeScript row types (and kysely\'s DB interface) for the tables and BAQs',
    usage: CODEGEN_USAGE,
    run: async (args) => (await import('./commands/codegen.ts')).runCodegenCommand(args),
  },
  demo: {
    summary: 'start the simulator and run sample queries against it',
    usage: 'Usage: kinetic-sql demo',
    run: async (args) => (await import('./commands/demo.ts')).runDemoCommand(args),
  },
  oauth: {
    summary: 'Azure AD sign-in: login (browser), url and exchange (headless), status, rotate-key, logout',
    usage: OAUTH_USAGE,
    run: async (args) => (await import('./commands/oauth.ts')).runOAuthCommand(args),
  },
  simulator: {
    summary: 'run the Epicor REST API simulator on loopback',
    usage:
      'Usage: kinetic-sql simulator [--port N] [--host H] [--seed N] [--customers N] [--page-cap N]\n' +
      '                             [--max-query-string N] [--max-url-length N]   (IIS limits, default 2048 and 4096; 0 for none)',
    run: runSimulator,
  },
};

function help(): string {
  const rows = Object.entries(COMMANDS).map(([name, c]) => `  ${name.padEnd(12)} ${c.summary}`);
  return ['Usage: kinetic-sql <command> [options]', '', 'Commands:', ...rows, '', 'Run kinetic-sql <command> --help for its options.'].join('\n');
}

/** Runs the command line; resolves to the process exit code (2 for usage errors). */
export async function main(argv: readonly string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    process.stdout.write(`${help()}\n`);
    return name === undefined ? 2 : 0;
  }
  const command = COMMANDS[name];
  if (!command) {
    process.stderr.write(`kinetic-sql: unknown command "${name}".\n${help()}\n`);
    return 2;
  }
  try {
    return await command.run(rest);
  } catch (err) {
    if (err instanceof UsageError || (err as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      process.stderr.write(`kinetic-sql ${name}: ${(err as Error).message}\n${command.usage}\n`);
      return 2;
    }
    throw err;
  }
}

function isEntryPoint(): boolean {
  const script = process.argv[1];
  if (script === undefined) return false;
  try {
    return realpathSync(script) === realpathSync(fileURLToPath(import.meta.url));
  } catch {
    return false;
  }
}

if (isEntryPoint()) {
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (err: unknown) => {
      const code = (err as { code?: unknown }).code;
      const prefix = typeof code === 'string' && /^E[A-Z_]+$/.test(code) ? `${code}: ` : '';
      process.stderr.write(`kinetic-sql: ${prefix}${err instanceof Error ? err.message : String(err)}\n`);
      process.exitCode = 1;
    },
  );
}
