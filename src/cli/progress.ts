/**
 * Progress of a long scan on standard error: rows, pages, rate and elapsed time on one line rewritten in
 * place, at most every 200 ms, and only when the stream is a terminal (never when piped or with
 * --quiet). Pages are counted as the driver reads them: one per `Pagesize` rows (a server page cap can
 * make them smaller, so the count is shown as an estimate, `~`).
 *
 * @example
 * ```ts
 * const progress = new Progress(process.stderr, { quiet: false, pagesize: 1000 });
 * for await (const row of db.stream(sql)) progress.row();
 * progress.done();
 * ```
 */
export class Progress {
  readonly #out: NodeJS.WritableStream & { isTTY?: boolean; columns?: number };
  readonly #enabled: boolean;
  readonly #pagesize: number;
  readonly #started = Date.now();
  #rows = 0;
  #shown = false;
  #timer: NodeJS.Timeout | undefined;

  constructor(out: NodeJS.WritableStream & { isTTY?: boolean }, options: { quiet: boolean; pagesize: number }) {
    this.#out = out;
    this.#enabled = !options.quiet && out.isTTY === true;
    this.#pagesize = Math.max(1, options.pagesize);
    if (this.#enabled) {
      // The first line after half a second: a quick query shows none.
      this.#timer = setInterval(() => this.#render(), 200);
      this.#timer.unref();
    }
  }

  /** Counts one row. */
  row(): void {
    this.#rows++;
  }

  /** Counts rows given at once. */
  rows(n: number): void {
    this.#rows += n;
  }

  get count(): number {
    return this.#rows;
  }

  /** The progress line (also the summary of a finished scan). */
  line(): string {
    const seconds = (Date.now() - this.#started) / 1000;
    const pages = Math.ceil(this.#rows / this.#pagesize);
    const rate = seconds > 0 ? Math.round(this.#rows / seconds) : 0;
    return `${this.#rows.toLocaleString('en-US')} rows, ~${pages} page${pages === 1 ? '' : 's'}, ${rate.toLocaleString('en-US')} rows/s, ${seconds.toFixed(1)} s elapsed`;
  }

  #render(): void {
    if (Date.now() - this.#started < 500) return;
    this.#shown = true;
    this.#out.write(`\r\x1b[K${this.line()}`);
  }

  /** Stops; leaves the final line on the terminal (with `keep`) or erases it. */
  done(keep = true): void {
    if (this.#timer) clearInterval(this.#timer);
    this.#timer = undefined;
    if (!this.#enabled || !this.#shown) return;
    this.#out.write(keep ? `\r\x1b[K${this.line()}\n` : '\r\x1b[K');
    this.#shown = false;
  }
}
