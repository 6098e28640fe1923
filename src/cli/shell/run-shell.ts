import { parseArgs } from 'node:util';
import { connect } from '../../connect.ts';
import { OUTPUT_FORMATS, type OutputFormat } from '../format.ts';
import { SHELL_USAGE } from '../usage.ts';
import { UsageError } from '../usage-error.ts';
import { historyLocation } from './history.ts';
import { Shell } from './shell.ts';

/**
 * `kinetic-sql shell`: connects (--connection, else KINETIC_SQL_CONNECTION) and runs the interactive
 * shell on the terminal. Returns the exit code.
 *
 * @example
 * ```sh
 * kinetic-sql shell --connection "URL=http://127.0.0.1:8080;...;Service=Erp.BO.CustomerSvc,BaqSvc;"
 * ```
 */
export async function runShellCommand(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      connection: { type: 'string', short: 'c' },
      format: { type: 'string', short: 'f', default: 'table' },
      history: { type: 'string' },
      verbose: { type: 'boolean', short: 'v', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    process.stdout.write(SHELL_USAGE + '\n');
    return 0;
  }
  const format = values.format as OutputFormat;
  if (!OUTPUT_FORMATS.includes(format)) throw new UsageError(`Unknown format "${values.format}": use table, csv, json or ndjson.`);
  const db = await connect(values.connection);
  const shell = new Shell(db, {
    input: process.stdin,
    output: process.stdout,
    errors: process.stderr,
    historyFile: historyLocation(values.history, process.env),
    format,
    connect: (connection) => connect(connection),
  });
  return shell.run();
}
