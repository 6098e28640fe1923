import type { CompiledQuery, DatabaseConnection, QueryResult } from 'kysely';
import type { Connection, Params } from '../index.ts';

/** kysely's default number of rows per chunk of `stream()`. */
const DEFAULT_CHUNK_SIZE = 100;

/**
 * kysely's view of a {@link Connection}: `executeQuery` runs the compiled statement with `db.execute`
 * (SELECT, and EXEC of the driver's procedures), `streamQuery` reads it with `db.stream`, in chunks.
 */
export class KineticDatabaseConnection implements DatabaseConnection {
  readonly #db: Connection;

  constructor(db: Connection) {
    this.#db = db;
  }

  async executeQuery<R>(compiledQuery: CompiledQuery): Promise<QueryResult<R>> {
    const result = await this.#db.execute(compiledQuery.sql, params(compiledQuery));
    const rows = result.rows as R[];
    return result.rowsAffected >= 0 ? { rows, numAffectedRows: BigInt(result.rowsAffected) } : { rows };
  }

  async *streamQuery<R>(compiledQuery: CompiledQuery, chunkSize = DEFAULT_CHUNK_SIZE): AsyncIterableIterator<QueryResult<R>> {
    const size = Number.isInteger(chunkSize) && chunkSize > 0 ? chunkSize : DEFAULT_CHUNK_SIZE;
    let chunk: R[] = [];
    // Leaving the caller's loop returns this generator, which returns db.stream's iterator: the request
    // in flight is cancelled.
    for await (const row of this.#db.stream<R & object>(compiledQuery.sql, params(compiledQuery))) {
      chunk.push(row);
      if (chunk.length >= size) {
        yield { rows: chunk };
        chunk = [];
      }
    }
    if (chunk.length > 0) yield { rows: chunk };
  }
}

// The compiler writes `?` markers in the order of kysely's parameter array.
const params = (query: CompiledQuery): Params => query.parameters;
