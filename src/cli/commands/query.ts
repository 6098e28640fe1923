import { parseArgs } from 'node:util';
import { connect } from '../../connect.ts';
import { KineticError } from '../../errors.ts';
import { errorText } from '../error-text.ts';
import { explainJson, formatRows, OUTPUT_FORMATS, type OutputFormat } from '../format.ts';
import { paramsFromTokens, STATEMENT_OPTIONS } from '../options.ts';
import { Output } from '../output.ts';
import { Progress } from '../progress.ts';
import { isQuery, pagesizeOf, runStatement } from '../run-statement.ts';
import { QUERY_USAGE } from '../usage.ts';
import { UsageError } from '../usage-error.ts';

/**
 * `kinetic-sql query`: runs one statement and writes its rows to stdout. Returns the exit code: 0, 1 for
 * a query error (printed on one line; details with --verbose), 2 for a usage error (thrown as UsageError).
 *
 * @example
 * ```sh
 * kinetic-sql query "SELECT Name FROM Customers WHERE State = ? AND CustNum > @min" --param MN   # one ?
 * kinetic-sql query "SELECT Name FROM Customers WHERE State = @st" --param st=MN --format csv
 * ```
 */
export async function runQueryCommand(argv: string[], out: NodeJS.WritableStream = process.stdout): Promise<number> {
  const { values, positionals, tokens } = parseArgs({
    args: argv,
    allowPositionals: true,
    tokens: true,
    options: {
      ...STATEMENT_OPTIONS,
      format: { type: 'string', short: 'f', default: 'table' },
      explain: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    out.write(QUERY_USAGE + '\n');
    return 0;
  }
  const sql = positionals.join(' ').trim();
  const format = values.format as OutputFormat;
  if (!sql) throw new UsageError('No SQL given.');
  if (!OUTPUT_FORMATS.includes(format)) throw new UsageError(`Unknown format "${values.format}": use table, csv, json or ndjson.`);
  const params = paramsFromTokens(tokens);
  await using db = await connect(values.connection);
  const output = new Output(out);
  const progress = new Progress(process.stderr, { quiet: values.quiet, pagesize: pagesizeOf(db) });
  try {
    if (values.explain) {
      const plan = await db.explain(sql, params);
      await output.write(format === 'json' || format === 'ndjson' ? explainJson(plan, format) : plan.text + '\n');
      return 0;
    }
    if (format === 'ndjson' && isQuery(sql)) {
      // Stops reading (and cancels the request in flight) once the reader has gone, as in `| head`.
      for await (const row of db.stream(sql, params)) {
        progress.row();
        if (!(await output.write(JSON.stringify(row) + '\n'))) break;
      }
      return 0;
    }
    const { columns, rows, rowsAffected } = await runStatement(db, sql, params, { progress });
    progress.done(false);
    await output.write(formatRows(format, columns, rows));
    // INSERT, UPDATE and DELETE: the count goes to stderr, so stdout stays the rows in the format asked for.
    if (rowsAffected >= 0) process.stderr.write(`${rowsAffected} row(s) affected
`);
    return 0;
  } catch (err) {
    progress.done(false); // before the error line
    if (!(err instanceof KineticError)) throw err;
    process.stderr.write(`kinetic-sql: ${errorText(err, { verbose: values.verbose, sql })}\n`);
    return 1;
  } finally {
    progress.done(false);
    output.release();
  }
}
