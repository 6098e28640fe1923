/** The key values of one row an INSERT created. */
export interface InsertedIdentity {
  /** The table (entity set) written, as the catalog names it. */
  readonly table: string;
  /** The row's key columns and values, as the server answered them. */
  readonly keys: Readonly<Record<string, unknown>>;
  /**
   * What SCOPE_IDENTITY() answers for this row: its single integer key column's value (for a composite
   * key such as (Company, CustNum), the system-assigned integer column, else the last integer key
   * column), or null when the key has no integer column. Absent when the writer did not say.
   */
  readonly identity?: number | null;
}

/**
 * The rows this connection's INSERT statements created, newest last, kept per connection: what
 * `SELECT SCOPE_IDENTITY()` and the `sys_identity` system table read. Only the last statement's rows are
 * kept, as SQL Server's SCOPE_IDENTITY() answers for the last insert.
 *
 * @example
 * ```ts
 * const log = new IdentityLog();
 * log.record([{ table: 'Customers', keys: { Company: 'EPIC06', CustNum: 501 } }]);
 * log.last()?.keys.CustNum; // 501
 * ```
 */
export class IdentityLog {
  #rows: readonly InsertedIdentity[] = [];

  /** Replaces the log with the rows of the latest INSERT (an INSERT that created none leaves it as is). */
  record(rows: readonly InsertedIdentity[]): void {
    if (rows.length > 0) this.#rows = Object.freeze([...rows]);
  }

  /** The last row inserted, or undefined before any INSERT. */
  last(): InsertedIdentity | undefined {
    return this.#rows.at(-1);
  }

  /** Every row of the latest INSERT, in the order written. */
  rows(): readonly InsertedIdentity[] {
    return this.#rows;
  }
}
