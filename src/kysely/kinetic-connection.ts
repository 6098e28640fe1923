import { InsertQueryNode, type CompiledQuery, type DatabaseConnection, type QueryResult } from 'kysely';
import type { CatalogTable, Connection, Params, Row } from '../index.ts';
import { KineticQueryCompiler } from './kinetic-query-compiler.ts';

/** kysely's default number of rows per chunk of `stream()`. */
const DEFAULT_CHUNK_SIZE = 100;

/**
 * kysely's view of a {@link Connection}: `executeQuery` runs the compiled statement with `db.execute`
 * (SELECT, INSERT, UPDATE, DELETE, and EXEC of the driver's procedures), `streamQuery` reads it with
 * `db.stream`, in chunks. A write's rows affected are kysely's `numAffectedRows` (`numInsertedOrUpdatedRows`,
 * `numUpdatedRows`, `numDeletedRows` of its results); an INSERT's `insertId` is the integer key of the
 * last row it created, as `SCOPE_IDENTITY()` answers (`CustNum` of Customers), when the key has one.
 */
export class KineticDatabaseConnection implements DatabaseConnection {
  readonly #db: Connection;

  constructor(db: Connection) {
    this.#db = db;
  }

  async executeQuery<R>(query: CompiledQuery): Promise<QueryResult<R>> {
    const compiledQuery = this.#resolved(query);
    const result = await this.#db.execute(compiledQuery.sql, params(compiledQuery));
    const rows = result.rows as R[];
    if (result.rowsAffected < 0) return { rows };
    const insertId = InsertQueryNode.is(compiledQuery.query) ? this.#insertId(compiledQuery.query, result.rows) : undefined;
    return { rows, numAffectedRows: BigInt(result.rowsAffected), ...(insertId === undefined ? {} : { insertId }) };
  }

  // The first query of a dialect that opens its own connection is compiled before the catalog is known.
  #resolved(query: CompiledQuery): CompiledQuery {
    if (!KineticQueryCompiler.compiledBeforeConnect(query)) return query;
    return new KineticQueryCompiler(() => this.#db.catalog.services.map((s) => s.service)).compileQuery(query.query, query.queryId);
  }

  #insertId(node: InsertQueryNode, created: readonly Row[]): bigint | undefined {
    const last = created.at(-1);
    const into = node.into?.table;
    if (!last || !into) return undefined;
    const table = findTable(this.#db, into.schema?.name, into.identifier.name);
    const column = table && identityColumn(table);
    const value = column === undefined ? undefined : last[column];
    // An Int64 key comes as a string beyond 2^53 (DecimalsAsStrings=true).
    if (typeof value === 'number' && Number.isSafeInteger(value)) return BigInt(value);
    return typeof value === 'string' && /^-?\d+$/.test(value) ? BigInt(value) : undefined;
  }

  async *streamQuery<R>(query: CompiledQuery, chunkSize = DEFAULT_CHUNK_SIZE): AsyncIterableIterator<QueryResult<R>> {
    const compiledQuery = this.#resolved(query);
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

const INTEGERS = new Set(['Edm.Byte', 'Edm.SByte', 'Edm.Int16', 'Edm.Int32', 'Edm.Int64']);

/** The table an INSERT wrote: by name, in the service the schema names (whole or its last part) if given. */
function findTable(db: Connection, schema: string | undefined, name: string): CatalogTable | undefined {
  const lower = (s: string): string => s.toLowerCase();
  const services = db.catalog.services.filter(
    (s) => schema === undefined || lower(s.service) === lower(schema) || lower(s.service.slice(s.service.lastIndexOf('.') + 1)) === lower(schema),
  );
  return services.flatMap((s) => s.tables).find((t) => lower(t.name) === lower(name));
}

// SCOPE_IDENTITY()'s rule (docs/writes.md): the integer key column the system assigns, else the last one.
function identityColumn(table: CatalogTable): string | undefined {
  const integers = table.keys.map((k) => table.columns.find((c) => c.name === k)).filter((c) => c !== undefined && INTEGERS.has(c.type));
  return (integers.find((c) => c?.readOnly) ?? integers.at(-1))?.name;
}

// The compiler writes `?` markers in the order of kysely's parameter array.
const params = (query: CompiledQuery): Params => query.parameters;
