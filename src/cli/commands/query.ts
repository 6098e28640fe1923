import { parseArgs } from 'node:util';
import { connect } from '../../connect.ts';
import { formatRows, OUTPUT_FORMATS, type OutputFormat } from '../format.ts';
import { QUERY_USAGE } from '../usage.ts';

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
  const output = new Output(out);
  try {
    if (values.explain) {
      await output.write((await db.explain(sql)).text + '\n');
      return 0;
    }
    if (format === 'ndjson') {
      // Stops reading (and cancels the request in flight) once the reader has gone, as in `| head`.
      for await (const row of db.stream(sql)) if (!(await output.write(JSON.stringify(row) + '\n'))) break;
      return 0;
    }
    const result = await db.execute(sql);
    await output.write(formatRows(format, result.columns.map((c) => c.name), result.rows));
    // INSERT, UPDATE and DELETE: the count goes to stderr, so stdout stays the rows in the format asked for.
    if (result.rowsAffected >= 0) process.stderr.write(`${result.rowsAffected} row(s) affected\n`);
    return 0;
  } finally {
    output.release();
  }
}

/**
 * Writes to the output stream, waiting for `drain` when its buffer is full so that streaming keeps about a
 * page in memory. A reader that goes away (EPIPE, as with `| head`) ends the output quietly; any other
 * write error is thrown.
 */
class Output {
  #gone = false;
  #failure: Error | undefined;
  readonly #out: NodeJS.WritableStream;
  readonly #onError = (err: NodeJS.ErrnoException): void => {
    this.#gone = true;
    if (err.code !== 'EPIPE' && err.code !== 'ERR_STREAM_DESTROYED') this.#failure = err;
  };

  constructor(out: NodeJS.WritableStream) {
    this.#out = out;
    out.on('error', this.#onError);
  }

  /** Resolves true when the text was written and more may follow, false once the reader has gone. */
  async write(text: string): Promise<boolean> {
    if (!this.#gone && !this.#out.write(text)) {
      await new Promise<void>((resolve) => {
        const done = (): void => {
          this.#out.off('drain', done);
          this.#out.off('error', done);
          this.#out.off('close', done);
          resolve();
        };
        this.#out.on('drain', done);
        this.#out.on('error', done);
        this.#out.on('close', done);
      });
    }
    if (this.#failure) throw this.#failure;
    return !this.#gone;
  }

  /** Stops listening for errors; a late EPIPE on an ended output is still ignored. */
  release(): void {
    this.#out.off('error', this.#onError);
    if (!this.#out.listeners('error').includes(ignoreBrokenPipe)) this.#out.on('error', ignoreBrokenPipe);
  }
}

function ignoreBrokenPipe(err: NodeJS.ErrnoException): void {
  if (err.code !== 'EPIPE') throw err;
}
