#!/usr/bin/env node
/**
 * The `kinetic-sql` command. Subcommands are entries of {@link COMMANDS}: add one by adding an entry.
 *
 * @example
 * ```sh
 * kinetic-sql simulator --port 8080 --customers 500
 * kinetic-sql shell --connection "$KINETIC_SQL_CONNECTION"
 * ```
 */
import { realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { errorText } from './error-text.ts';
import { CODEGEN_USAGE, EXPORT_USAGE, OAUTH_USAGE, QUERY_USAGE, SHELL_USAGE, SIMULATOR_USAGE } from './usage.ts';
import { UsageError } from './usage-error.ts';

interface Command {
  readonly summary: string;
  readonly usage: string;
  /** Runs the command with its own arguments; resolves to the exit code. */
  run(args: string[]): Promise<number>;
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
    usage: SIMULATOR_USAGE,
    run: async (args) => (await import('./commands/simulator.ts')).runSimulatorCommand(args),
  },
  shell: {
    summary: 'interactive SQL shell: history, multi-line statements, .tables, .describe, .params, completion',
    usage: SHELL_USAGE,
    run: async (args) => (await import('./shell/run-shell.ts')).runShellCommand(args),
  },
  export: {
    summary: 'stream the rows of one statement to a csv, json or ndjson file (for reporting jobs)',
    usage: EXPORT_USAGE,
    run: async (args) => (await import('./commands/export.ts')).runExportCommand(args),
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
    // Query errors (KineticError and anything unexpected): one line with the code; details with --verbose.
    const verbose = rest.includes('--verbose') || rest.includes('-v');
    process.stderr.write(`kinetic-sql: ${errorText(err, { verbose })}\n`);
    return 1;
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
      process.stderr.write(`kinetic-sql: ${errorText(err, { verbose: false })}\n`);
      process.exitCode = 1;
    },
  );
}
