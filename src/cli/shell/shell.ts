import { createInterface, type Interface } from 'node:readline';
import type { Connection } from '../../index.ts';
import { errorText } from '../error-text.ts';
import { formatRows, type OutputFormat } from '../format.ts';
import type { CliParams } from '../params.ts';
import { Progress } from '../progress.ts';
import { pagesizeOf, runStatement } from '../run-statement.ts';
import { UsageError } from '../usage-error.ts';
import { shellCompleter } from './completer.ts';
import { DOT_COMMANDS, runDotCommand, type ShellState } from './dot-commands.ts';
import { HISTORY_SIZE, isPrivate, loadHistory, saveHistory } from './history.ts';
import { StatementBuffer, usesParams } from './statement-buffer.ts';

const PROMPT = 'kinetic> ';
const MORE = '     ..> ';

export interface ShellOptions {
  readonly input: NodeJS.ReadableStream & { isTTY?: boolean };
  readonly output: NodeJS.WritableStream & { isTTY?: boolean };
  readonly errors: NodeJS.WritableStream & { isTTY?: boolean };
  readonly historyFile: string | undefined;
  readonly format: OutputFormat;
  /** Opens a connection for `.connect`. */
  readonly connect: (connection: string) => Promise<Connection>;
}

/**
 * The interactive shell over node:readline: statements end with `;` (over several lines), dot-commands
 * (`.help`), tab completion from the catalog, history kept in a file, and Ctrl-C that cancels the
 * running query through its AbortSignal while the shell stays.
 *
 * @example
 * ```ts
 * const code = await new Shell(db, { input: process.stdin, output: process.stdout, errors: process.stderr,
 *   historyFile: undefined, format: 'table', connect }).run();
 * ```
 */
export class Shell {
  readonly #options: ShellOptions;
  readonly #buffer = new StatementBuffer();
  readonly #state: ShellState;
  #rl: Interface | undefined;
  #running: AbortController | undefined;
  #queue: Promise<void> = Promise.resolve();
  #closed = false;
  #interactive = false;
  #failed = false;

  constructor(db: Connection, options: ShellOptions) {
    this.#options = options;
    this.#state = {
      db,
      format: options.format,
      timer: false,
      params: undefined as CliParams | undefined,
      print: (text) => void options.output.write(text),
      reconnect: async (connection) => {
        const next = await options.connect(connection);
        const previous = this.#state.db;
        this.#state.db = next;
        await previous.close();
      },
      quit: () => this.#rl?.close(),
    };
  }

  /** Runs until Ctrl-D, `.quit` or the end of piped input; resolves to the exit code. */
  async run(): Promise<number> {
    const { input, output } = this.#options;
    const terminal = input.isTTY === true && output.isTTY === true;
    const rl = createInterface({
      input,
      output,
      terminal,
      history: loadHistory(this.#options.historyFile),
      historySize: HISTORY_SIZE,
      removeHistoryDuplicates: true,
      completer: shellCompleter(() => {
        try {
          return this.#state.db.catalog;
        } catch {
          return { services: [] };
        }
      }, Object.keys(DOT_COMMANDS)),
    });
    this.#rl = rl;
    rl.on('history', (history: string[]) => {
      // readline lets the listener edit the list: a private line (a .connect string) is never kept.
      if (history[0] !== undefined && isPrivate(history[0])) history.shift();
      saveHistory(this.#options.historyFile, history);
    });
    rl.on('SIGINT', () => this.#interrupt());
    const closed = new Promise<void>((resolve) => rl.once('close', resolve));
    rl.on('line', (line) => {
      this.#queue = this.#queue.then(() => this.#onLine(line)).then(() => this.#prompt());
    });
    this.#interactive = terminal;
    if (terminal) {
      const tables = this.#tableCount();
      output.write(`Connected to ${this.#state.db.properties['URL'] ?? 'Epicor'} (${tables} tables and BAQs). Statements end with ;  .help lists the commands.\n`);
    }
    this.#prompt();
    await closed;
    // Ctrl-D on a terminal leaves now; piped input (a script) runs to its end first.
    if (terminal) {
      this.#closed = true;
      this.#running?.abort();
    }
    await this.#queue;
    this.#closed = true;
    if (terminal) output.write('\n');
    await this.#state.db.close();
    // A script piped in fails (exit 1) when one of its statements failed; a terminal session ends with 0.
    return !terminal && this.#failed ? 1 : 0;
  }

  #tableCount(): number {
    try {
      return this.#state.db.catalog.services.reduce((n, s) => n + s.tables.length, 0);
    } catch {
      return 0;
    }
  }

  #prompt(): void {
    if (this.#closed || !this.#interactive) return;
    this.#rl?.setPrompt(this.#buffer.pending ? MORE : PROMPT);
    this.#rl?.prompt();
  }

  #interrupt(): void {
    const rl = this.#rl;
    if (!rl) return;
    if (this.#running) {
      this.#running.abort();
      return;
    }
    if (rl.line !== '' || this.#buffer.pending) {
      this.#buffer.clear();
      // As psql: the typed text stays on the screen, followed by ^C, and a fresh prompt. readline has no
      // call that drops the line without redrawing it, so its (public, documented) line state is reset.
      this.#options.output.write('^C\n');
      Object.assign(rl, { line: '', cursor: 0 });
    } else {
      this.#options.output.write('\n(To quit, press Ctrl-D or type .quit)\n');
    }
    this.#prompt();
  }

  async #onLine(line: string): Promise<void> {
    if (this.#closed) return;
    if (!this.#buffer.pending && line.trim().startsWith('.')) {
      await this.#guard(undefined, () => runDotCommand(this.#state, line));
      return;
    }
    for (const sql of this.#buffer.add(line)) {
      if (this.#closed) return;
      await this.#runSql(sql);
    }
  }

  async #runSql(sql: string): Promise<void> {
    const controller = new AbortController();
    this.#running = controller;
    const started = performance.now();
    const { db } = this.#state;
    const progress = new Progress(this.#options.errors, { quiet: false, pagesize: pagesizeOf(db) });
    try {
      await this.#guard(sql, async () => {
        const params = usesParams(sql) ? this.#state.params : undefined;
        const result = runStatement(db, sql, params, { signal: controller.signal, progress });
        // The progress line goes before anything is printed, a result or an error.
        const { columns, rows, rowsAffected } = await result.finally(() => progress.done(false));
        if (rowsAffected >= 0 && columns.length === 0) this.#state.print(`${rowsAffected} row(s) affected\n`);
        else this.#state.print(formatRows(this.#state.format, columns, rows));
      }, controller.signal);
    } finally {
      progress.done(false);
      this.#running = undefined;
      if (this.#state.timer) this.#state.print(`Time: ${((performance.now() - started) / 1000).toFixed(3)} s\n`);
    }
  }

  /** Runs a step; its error is printed (one line, a caret under a syntax error), and the shell goes on. */
  async #guard(sql: string | undefined, step: () => Promise<void>, signal?: AbortSignal): Promise<void> {
    try {
      await step();
    } catch (err) {
      if (signal?.aborted) {
        this.#options.errors.write('Query cancelled.\n');
        return;
      }
      this.#failed = true;
      const text = err instanceof UsageError ? err.message : errorText(err, { verbose: false, caret: true, ...(sql !== undefined ? { sql } : {}) });
      this.#options.errors.write(`${text}\n`);
    }
  }
}
