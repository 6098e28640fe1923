/**
 * Rows of a paged scan, one at a time. A hand-written iterator rather than an async generator with
 * `yield* page`: the generator's per-row machinery cost more than converting the row. The pages are
 * opened on the first `next()`, so errors surface while iterating, and `return()` (a `break` in
 * `for await`) closes the page source, which cancels its requests in flight.
 */
export class RowStream<R> implements AsyncIterableIterator<R> {
  readonly #open: () => AsyncGenerator<R[]>;
  #pages: AsyncGenerator<R[]> | undefined;
  #page: R[] = [];
  #index = 0;
  #done = false;
  #pending: Promise<void> | undefined;

  constructor(open: () => AsyncGenerator<R[]>) {
    this.#open = open;
  }

  /** Calls made before the previous one settled wait their turn, as an async generator's would. */
  next(): Promise<IteratorResult<R, undefined>> {
    if (this.#index < this.#page.length && this.#pending === undefined) {
      return Promise.resolve({ value: this.#page[this.#index++]!, done: false });
    }
    const result = (this.#pending ?? Promise.resolve()).then(() => this.#pull());
    const settled = result.then(() => undefined, () => undefined);
    this.#pending = settled;
    void settled.then(() => {
      if (this.#pending === settled) this.#pending = undefined;
    });
    return result;
  }

  async #pull(): Promise<IteratorResult<R, undefined>> {
    while (this.#index >= this.#page.length) {
      if (this.#done) return { value: undefined, done: true };
      this.#pages ??= this.#open();
      const r = await this.#pages.next();
      if (r.done) {
        this.#done = true;
        this.#page = [];
        return { value: undefined, done: true };
      }
      this.#page = r.value;
      this.#index = 0;
    }
    return { value: this.#page[this.#index++]!, done: false };
  }

  async return(): Promise<IteratorResult<R, undefined>> {
    this.#done = true;
    this.#page = [];
    await this.#pages?.return(undefined);
    return { value: undefined, done: true };
  }

  [Symbol.asyncIterator](): this {
    return this;
  }
}
