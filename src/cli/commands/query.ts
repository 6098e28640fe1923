import { parseArgs } from 'node:util';
import { connect } from '../../connect.ts';
import { formatRows, OUTPUT_FORMATS, type OutputFormat } from '../format.ts';

export const QUERY_USAGE = `Usage: kinetic-sql query "<sql>" [--connection STRING] [--format table|csv|json|ndjson] [--explain]

Runs one SQL statement and prints its rows. The connection string comes from --connection, else from the
KINETIC_SQL_CONNECTION environment variable. --explain prints the OData requests instead of running them.`;

/** `kinetic-sql query`: runs one statement and writes its rows to stdout. Returns the exit code. */
export async function runQueryCommand(argv: string[], out: NodeJS.WritableStream = process.stdout): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      connection: { type: 'string', short: 'c' },
      format: { type: 'string', short: 'f', default: 'table' },
      explain: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    out.write(QUERY_USAGE + '\n');
    return 0;
  }
  const sql = positionals.join(' ').trim();
  const format = values.format as OutputFormat;
  if (!sql || !OUTPUT_FORMATS.includes(format)) {
    process.stderr.write((sql ? `Unknown format "${values.format}".\n` : 'No SQL given.\n') + QUERY_USAGE + '\n');
    return 2;
  }
  await using db = await connect(values.connection);
  if (values.explain) {
    out.write((await db.explain(sql)).text + '\n');
    return 0;
  }
  if (format === 'ndjson') {
    for await (const row of db.stream(sql)) out.write(JSON.stringify(row) + '\n');
    return 0;
  }
  const result = await db.execute(sql);
  out.write(formatRows(format, result.columns.map((c) => c.name), result.rows));
  return 0;
}
