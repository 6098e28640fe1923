import { randomBytes } from 'node:crypto';
import { createWriteStream, type WriteStream } from 'node:fs';
import { mkdir, rename, rm } from 'node:fs/promises';
import { basename, dirname, extname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { stringify } from 'csv-stringify/sync';
import { connect } from '../../connect.ts';
import { KineticError } from '../../errors.ts';
import type { Row } from '../../index.ts';
import { errorText } from '../error-text.ts';
import { text } from '../format.ts';
import { paramsFromTokens, STATEMENT_OPTIONS } from '../options.ts';
import { Progress } from '../progress.ts';
import { EXPORT_USAGE } from '../usage.ts';
import { UsageError } from '../usage-error.ts';
import { isQuery, pagesizeOf } from '../run-statement.ts';

export type ExportFormat = 'csv' | 'json' | 'ndjson';
const FORMATS: readonly ExportFormat[] = ['csv', 'json', 'ndjson'];
const BY_EXTENSION: Readonly<Record<string, ExportFormat>> = { '.csv': 'csv', '.json': 'json', '.ndjson': 'ndjson', '.jsonl': 'ndjson' };
/** Rows turned into text at once: a few hundred keep the memory bounded and the CSV writer busy. */
const BATCH = 500;

/** Writes one format: a head, the rows in batches, a tail. */
interface Encoder {
  head(columns: readonly string[]): string;
  rows(columns: readonly string[], rows: readonly Row[], first: boolean): string;
  tail(): string;
}

const ENCODERS: Readonly<Record<ExportFormat, Encoder>> = {
  csv: {
    head: (columns) => stringify([[...columns]], { record_delimiter: 'windows' }),
    rows: (columns, rows) => stringify(rows.map((r) => columns.map((c) => text(r[c]))), { record_delimiter: 'windows' }),
    tail: () => '',
  },
  json: {
    head: () => '[',
    rows: (_columns, rows, first) => (first ? '\n' : ',\n') + rows.map((r) => JSON.stringify(r)).join(',\n'),
    tail: () => '\n]\n',
  },
  ndjson: {
    head: () => '',
    rows: (_columns, rows) => rows.map((r) => JSON.stringify(r) + '\n').join(''),
    tail: () => '',
  },
};

/**
 * `kinetic-sql export "<sql>" --out FILE`: streams the rows to a temporary file beside FILE (bounded
 * memory: a batch of rows at a time, waiting for the disk) and renames it to FILE once complete. A
 * failure or Ctrl-C removes the temporary file, so FILE is either the whole result or untouched.
 * Returns the exit code (1 for a query or file error, 130 after Ctrl-C).
 *
 * @example
 * ```sh
 * kinetic-sql export "SELECT * FROM SalesOrders WHERE OrderDate >= ?" --param 2024-01-01 --out orders.csv
 * ```
 */
export async function runExportCommand(argv: string[]): Promise<number> {
  const { values, positionals, tokens } = parseArgs({
    args: argv,
    allowPositionals: true,
    tokens: true,
    options: { ...STATEMENT_OPTIONS, format: { type: 'string', short: 'f' }, out: { type: 'string', short: 'o' } },
  });
  if (values.help) {
    process.stdout.write(EXPORT_USAGE + '\n');
    return 0;
  }
  const sql = positionals.join(' ').trim();
  if (!sql) throw new UsageError('No SQL given.');
  if (!values.out) throw new UsageError('--out FILE is required: the file to write.');
  if (!isQuery(sql)) throw new UsageError('export runs a SELECT statement.');
  const file = resolve(values.out);
  const format = (values.format ?? BY_EXTENSION[extname(file).toLowerCase()] ?? 'csv') as ExportFormat;
  if (!FORMATS.includes(format)) throw new UsageError(`Unknown format "${values.format}": use csv, json or ndjson.`);
  const params = paramsFromTokens(tokens);

  await using db = await connect(values.connection);
  const controller = new AbortController();
  let interrupted = false;
  const onSigint = (): void => {
    interrupted = true;
    controller.abort();
  };
  process.on('SIGINT', onSigint);
  const temp = join(dirname(file), `.${basename(file)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  const progress = new Progress(process.stderr, { quiet: values.quiet, pagesize: pagesizeOf(db) });
  let stream: WriteStream | undefined;
  try {
    const columns = (await db.explain(sql, params)).columns.map((c) => c.name);
    await mkdir(dirname(file), { recursive: true }); // as codegen does: `--out reports/today.csv` just works
    stream = createWriteStream(temp, { flags: 'wx', mode: 0o644 });
    await new Promise<void>((ok, fail) => stream!.once('open', () => ok()).once('error', fail));
    const encoder = ENCODERS[format];
    await write(stream, encoder.head(columns));
    let batch: Row[] = [];
    let first = true;
    for await (const row of db.stream(sql, params, { signal: controller.signal })) {
      batch.push(row);
      progress.row();
      if (batch.length >= BATCH) {
        await write(stream, encoder.rows(columns, batch, first));
        first = false;
        batch = [];
      }
    }
    if (batch.length > 0) await write(stream, encoder.rows(columns, batch, first));
    await write(stream, encoder.tail());
    await close(stream);
    await rename(temp, file);
    progress.done(true);
    if (process.stderr.isTTY && !values.quiet) process.stderr.write(`Exported ${progress.count.toLocaleString('en-US')} rows to ${values.out} (${format}).\n`);
    return 0;
  } catch (err) {
    progress.done(false);
    stream?.destroy();
    await rm(temp, { force: true });
    if (interrupted) {
      process.stderr.write(`kinetic-sql: export cancelled (Ctrl-C); ${values.out} was not written.\n`);
      return 130;
    }
    if (err instanceof KineticError) {
      process.stderr.write(`kinetic-sql: ${errorText(err, { verbose: values.verbose, sql })}\n`);
      return 1;
    }
    const code = (err as NodeJS.ErrnoException).code;
    if (typeof code === 'string' && code.startsWith('E')) {
      process.stderr.write(`kinetic-sql: cannot write ${values.out}: ${(err as Error).message}\n`);
      return 1;
    }
    throw err;
  } finally {
    process.off('SIGINT', onSigint);
  }
}

/** Writes and waits for the disk when the stream's buffer is full, so memory stays bounded. */
async function write(stream: WriteStream, chunk: string): Promise<void> {
  if (chunk === '' || stream.write(chunk)) return;
  await new Promise<void>((ok, fail) => {
    const done = (err?: Error): void => {
      stream.off('drain', done);
      stream.off('error', done);
      if (err) fail(err);
      else ok();
    };
    stream.once('drain', done);
    stream.once('error', done);
  });
}

function close(stream: WriteStream): Promise<void> {
  return new Promise((ok, fail) => {
    stream.once('error', fail);
    stream.end(() => ok());
  });
}
