/**
 * Writes to the output stream, waiting for `drain` when its buffer is full so that streaming keeps about a
 * page in memory. A reader that goes away (EPIPE, as with `| head`) ends the output quietly; any other
 * write error is thrown.
 */
export class Output {
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
