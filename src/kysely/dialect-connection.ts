import { connect, type Connection, type ConnectionOptions, type ConnectOptions } from '../index.ts';

/** Where the dialect's connection comes from, and whether `kysely.destroy()` closes it. */
export type ConnectionSourceConfig =
  | { readonly connection: Connection | (() => Promise<Connection>) }
  | { readonly connectionString: string | ConnectionOptions; readonly connectOptions?: ConnectOptions };

/**
 * The one connection of a dialect: an open one given by the caller (never closed here), or one this
 * opens on first use, with `connect()` or the caller's factory, and closes in `close()`.
 */
export class DialectConnection {
  readonly #config: ConnectionSourceConfig;
  #opening: Promise<Connection> | undefined;
  #current: Connection | undefined;

  constructor(config: ConnectionSourceConfig) {
    this.#config = config;
    if ('connection' in config && typeof config.connection !== 'function') this.#current = config.connection;
  }

  /** The connection when it is open (the query compiler reads its catalog), else undefined. */
  current(): Connection | undefined {
    return this.#current;
  }

  /** The connection, opened on the first call when the dialect owns it. */
  async get(): Promise<Connection> {
    if (this.#current) return this.#current;
    this.#opening ??= this.#open().then(
      (db) => (this.#current = db),
      (err: unknown) => {
        this.#opening = undefined;
        throw err;
      },
    );
    return this.#opening;
  }

  /** Closes the connection if this opened it; a connection the caller gave stays open. */
  async close(): Promise<void> {
    if (!this.#owned()) return;
    const opening = this.#opening;
    this.#opening = undefined;
    this.#current = undefined;
    const db = await opening?.catch(() => undefined);
    await db?.close();
  }

  #owned(): boolean {
    return !('connection' in this.#config) || typeof this.#config.connection === 'function';
  }

  async #open(): Promise<Connection> {
    const config = this.#config;
    if ('connection' in config) return typeof config.connection === 'function' ? config.connection() : config.connection;
    return connect(config.connectionString, config.connectOptions);
  }
}
