import { maskSecrets } from './config/catalog.ts';
import type { Config } from './config/types.ts';
import { KineticConnectionError, KineticSqlError } from './errors.ts';
import { connectionAuth } from './auth/connection-auth.ts';
import { listProcedures, runProcedure } from '../procedures/registry.ts';
import { nameRows, type Row } from './engine/convert.ts';
import { executePlan, explainPlan, type ExecContext, type Explain } from './engine/execute.ts';
import { IdentityLog } from './engine/identity-log.ts';
import { RowStream } from './engine/row-stream.ts';
import { executeWrite, explainWrite } from './engine/write.ts';
import type { Logger } from './config/logger.ts';
import type { EpicorClient } from './epicor/client.ts';
import type { Catalog } from './metadata/catalog.ts';
import type { CatalogHolder } from './deferred-catalog.ts';
import { compile } from './plan/compile.ts';
import type { Params, QueryPlan, ResultColumn, Statement } from './plan/types.ts';

export type { Row, Explain };

/** Options of one call. */
export interface QueryOptions {
  /** Cancels the call: the request in flight is aborted and the call rejects with `EABORTED`. */
  readonly signal?: AbortSignal;
  /**
   * `'object'` (the default): each row is an object keyed by column name. `'array'`: each row is an
   * array of values in the order of `columns`.
   */
  readonly rowMode?: 'object' | 'array';
}

/** {@link QueryOptions} asking for rows as arrays. */
export interface ArrayRowOptions extends QueryOptions {
  readonly rowMode: 'array';
}

/** The answer of {@link Connection.query}. */
export interface QueryResult<R = Row> {
  readonly rows: R[];
  readonly columns: readonly ResultColumn[];
  readonly rowCount: number;
}

/** The answer of {@link Connection.execute}: rows for statements that return them. */
export interface ExecuteResult {
  readonly rows: Row[];
  readonly columns: readonly ResultColumn[];
  /** Rows written by INSERT/UPDATE/DELETE; -1 for statements that do not write. */
  readonly rowsAffected: number;
}

/**
 * An open connection to one Epicor instance. Create it with {@link connect}; close it with `close()` or
 * `await using`.
 *
 * @example
 * ```ts
 * await using db = await connect(process.env.KINETIC_SQL_CONNECTION);
 * const { rows } = await db.query('SELECT CustID, Name FROM Customers WHERE State = ?', ['CA']);
 * ```
 */
export class Connection {
  #closed = false;
  readonly #config: Config;
  readonly #client: EpicorClient;
  readonly #catalogs: CatalogHolder;
  readonly #log: Logger;
  readonly #identities = new IdentityLog();

  /** @internal Use {@link connect}. */
  constructor(config: Config, client: EpicorClient, catalogs: CatalogHolder, log: Logger = () => undefined) {
    this.#config = config;
    this.#client = client;
    this.#catalogs = catalogs;
    this.#log = log;
  }

  /**
   * The connection's effective properties (given or defaulted), with secrets (Password, ApiKey, tokens,
   * client secrets) masked, so the object is safe to log.
   *
   * @example
   * ```ts
   * console.log(db.properties.ApiVersion, db.properties.Password); // 'v2' '********'
   * ```
   */
  get properties(): Readonly<Record<string, string | undefined>> {
    return Object.freeze(maskSecrets(this.#config.properties));
  }

  /** The current catalog of every configured service (tables, views, columns, keys). */
  get catalog(): Catalog {
    return this.#catalogs.catalog;
  }

  /**
   * Runs a query and returns all its rows. Rows are objects keyed by column name; two columns with one
   * name get distinct keys (`CustID`, `CustID_2`, as `columns` says). With `{ rowMode: 'array' }` each
   * row is an array in the order of `columns`.
   *
   * @example
   * ```ts
   * const { rows, columns } = await db.query('SELECT TOP 5 OrderNum, OrderAmt FROM SalesOrders WHERE OpenOrder = @open', { open: true });
   * const { rows: arrays } = await db.query('SELECT CustID, Name FROM Customers', [], { rowMode: 'array' }); // [['A1', 'Acme'], ...]
   * // Typed rows, with the row types `kinetic-sql codegen` writes (the type is asserted, not checked):
   * const { rows: customers } = await db.query<Pick<CustomersRow, 'CustID' | 'Name'>>('SELECT CustID, Name FROM Customers');
   * ```
   */
  async query(sql: string, params: Params | undefined, options: ArrayRowOptions): Promise<QueryResult<unknown[]>>;
  async query<R extends object = Row>(sql: string, params?: Params, options?: QueryOptions): Promise<QueryResult<R>>;
  async query(sql: string, params?: Params, options: QueryOptions = {}): Promise<QueryResult<Row> | QueryResult<unknown[]>> {
    return this.#collect(this.#queryPlan(sql, params), options);
  }

  async #collect(plan: QueryPlan, options: QueryOptions): Promise<QueryResult<Row> | QueryResult<unknown[]>> {
    const rows: unknown[][] = [];
    for await (const page of executePlan(plan, this.#context(options.signal))) {
      for (const r of page) rows.push(r);
    }
    if (options.rowMode === 'array') return { rows, columns: plan.columns, rowCount: rows.length };
    const name = nameRows(plan.columns.map((c) => c.name));
    return { rows: rows.map(name), columns: plan.columns, rowCount: rows.length };
  }

  /**
   * Streams the rows of a query: about one page is in memory at a time. Breaking out of the loop (or
   * aborting `options.signal`) cancels the request in flight and frees its connection.
   *
   * @example
   * ```ts
   * for await (const row of db.stream('SELECT OrderNum, PartNum FROM OrderDtls')) {
   *   if (row.PartNum === 'X') break;
   * }
   * for await (const line of db.stream<Pick<OrderDtlsRow, 'OrderNum' | 'PartNum'>>('SELECT OrderNum, PartNum FROM OrderDtls')) line.PartNum;
   * ```
   */
  stream(sql: string, params: Params | undefined, options: ArrayRowOptions): AsyncIterableIterator<unknown[]>;
  stream<R extends object = Row>(sql: string, params?: Params, options?: QueryOptions): AsyncIterableIterator<R>;
  stream(sql: string, params?: Params, options: QueryOptions = {}): AsyncIterableIterator<Row> | AsyncIterableIterator<unknown[]> {
    if (options.rowMode === 'array') return new RowStream<unknown[]>(() => this.#pages(sql, params, options.signal));
    return new RowStream<Row>(() => this.#namedPages(sql, params, options.signal));
  }

  async *#pages(sql: string, params: Params | undefined, signal: AbortSignal | undefined): AsyncGenerator<unknown[][]> {
    yield* executePlan(this.#queryPlan(sql, params), this.#context(signal));
  }

  async *#namedPages(sql: string, params: Params | undefined, signal: AbortSignal | undefined): AsyncGenerator<Row[]> {
    const plan = this.#queryPlan(sql, params);
    const name = nameRows(plan.columns.map((c) => c.name));
    for await (const page of executePlan(plan, this.#context(signal))) yield page.map(name);
  }

  /**
   * Shows what a statement would do, without fetching data: the first URL of each request and the local
   * step, if any.
   *
   * @example
   * ```ts
   * const plan = await db.explain("SELECT Name FROM Customers WHERE State = 'MN'");
   * console.log(plan.requests[0].url); // .../Customers?$select=Name&$filter=State eq 'MN'&$orderby=...&$top=1000&$skip=0
   * ```
   */
  async explain(sql: string, params?: Params): Promise<Explain> {
    const statement = this.#compile(sql, params);
    if (statement.kind === 'write') return explainWrite(statement.plan, this.#config);
    return explainPlan(this.#queryOf(statement, 'explain() takes'), this.#config);
  }

  /**
   * Runs any statement: a query (rows), INSERT, UPDATE or DELETE (`rowsAffected`; an INSERT also answers
   * the created rows as Epicor returned them), `REFRESH METADATA [service]`, or `EXEC procedure ...`.
   * Writes are described in docs/writes.md; `Readonly=true` refuses them with `EREADONLY`.
   *
   * @example
   * ```ts
   * const { rows, rowsAffected } = await db.execute('INSERT INTO Customers (CustID, Name) VALUES (?, ?)', ['ACME', 'Acme Inc']);
   * await db.execute('UPDATE Customers SET CreditLimit = CreditLimit * 1.1 WHERE State = @state', { state: 'MN' });
   * await db.execute('REFRESH METADATA');
   * ```
   */
  async execute(sql: string, params?: Params, options: QueryOptions = {}): Promise<ExecuteResult> {
    const statement = this.#compile(sql, params);
    switch (statement.kind) {
      case 'query': {
        const r = (await this.#collect(statement.plan, { ...options, rowMode: 'object' })) as QueryResult<Row>;
        return { rows: r.rows, columns: r.columns, rowsAffected: -1 };
      }
      case 'write': {
        const ctx = { ...this.#context(options.signal), client: this.#client };
        return executeWrite(statement.plan, ctx);
      }
      case 'refreshMetadata':
        await this.refreshMetadata(statement.service, options);
        return { rows: [], columns: [], rowsAffected: -1 };
      case 'exec':
        return this.callProcedure(statement.procedure, Object.fromEntries(statement.args.map((a, i) => [a.name ?? String(i), a.value])));
    }
  }

  /**
   * Calls a stored procedure by name with named arguments (names in any case, with or without `@`).
   * The procedures are GetOAuthAuthorizationURL, GetOAuthAccessToken and RefreshOAuthAccessToken
   * (docs/oauth.md), every custom method `$metadata` advertises as `[Service].[Method]` (or
   * `Service.Method`), and Epicor Functions as `efx.[Library].[Function]` (docs/procedures.md); a bad
   * argument is `EPROCEDURE` naming it.
   *
   * @example
   * ```ts
   * const { rows } = await db.callProcedure('RefreshOAuthAccessToken', { OAuthRefreshToken: token });
   * const { rows: customer } = await db.callProcedure('[Erp.BO.CustomerSvc].[GetByID]', { custNum: 5 });
   * const { rows: out } = await db.callProcedure('efx.SimTools.AddNumbers', { a: 2, b: 3 });
   * ```
   */
  async callProcedure(name: string, args: Readonly<Record<string, unknown>> = {}): Promise<ExecuteResult> {
    this.#assertOpen();
    return runProcedure(name, args, {
      config: this.#config,
      auth: connectionAuth(this.#client),
      log: this.#log,
      catalog: () => this.#catalogs.catalog,
      post: (url, body) => this.#client.postJson(url, body),
    });
  }

  /**
   * Fetches `$metadata` again for one service (or all), replacing the cached catalog.
   *
   * @example
   * ```ts
   * await db.refreshMetadata('Erp.BO.CustomerSvc');
   * ```
   */
  async refreshMetadata(service?: string, options: QueryOptions = {}): Promise<void> {
    this.#assertOpen();
    await this.#catalogs.refresh(service, options.signal);
  }

  /** Frees the connection's sockets and cache handle. Calling it twice is harmless. */
  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    this.#catalogs.close();
    await this.#client.close();
  }

  async [Symbol.asyncDispose](): Promise<void> {
    await this.close();
  }

  #assertOpen(): void {
    if (this.#closed) throw new KineticConnectionError('ECLOSED', 'The connection is closed: open a new one with connect().');
  }

  #compile(sql: string, params: Params | undefined): Statement {
    this.#assertOpen();
    if (typeof sql !== 'string') throw new KineticSqlError('ESQL_SYNTAX', 'The SQL statement must be a string.');
    const { apiVersion, maxUrlLength, pagesize } = this.#config;
    const statement = compile(sql, params, this.#catalogs.catalog, { apiVersion, maxUrlLength, pagesize });
    if (statement.kind === 'query') this.#log(`query: ${oneLine(sql)}`, 1);
    if (statement.kind === 'write') this.#log(`write: ${oneLine(sql)}`, 1);
    return statement;
  }

  #queryPlan(sql: string, params: Params | undefined): QueryPlan {
    return this.#queryOf(this.#compile(sql, params), 'query() and stream() take');
  }

  #queryOf(statement: Statement, what: string): QueryPlan {
    if (statement.kind === 'write') {
      // A write never runs by surprise through a call meant for reading.
      throw new KineticSqlError('ESQL_UNSUPPORTED', `${what} SELECT statements and never write: run INSERT, UPDATE and DELETE with execute().`);
    }
    if (statement.kind !== 'query') {
      throw new KineticSqlError('ESQL_UNSUPPORTED', `${what} SELECT statements: use execute() for EXEC and REFRESH METADATA.`);
    }
    return statement.plan;
  }

  // Before an Azure AD connection has its token there is no catalog: its own procedures are all there is.
  #procedures(catalog: Catalog): ReturnType<typeof listProcedures> {
    try {
      return listProcedures(catalog);
    } catch {
      return listProcedures({ services: [] });
    }
  }

    #context(signal: AbortSignal | undefined): ExecContext {
    const catalog = this.#catalogs.catalog;
    const system = { catalog, procedures: () => this.#procedures(catalog) };
    const base = { client: this.#client, config: this.#config, identities: this.#identities, system };
    return signal ? { ...base, signal } : base;
  }
}

// SQL text is logged (it is what Verbosity 1 promises) but kept to one bounded line.
function oneLine(sql: string): string {
  const text = sql.replace(/\s+/g, ' ').trim();
  return text.length > 2000 ? `${text.slice(0, 2000)}…` : text;
}
