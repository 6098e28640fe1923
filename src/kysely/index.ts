/**
 * epicor-kinetic-sql/kysely: a kysely dialect for Epicor Kinetic. kysely is a peer dependency: install it
 * beside this package (`npm install kysely`).
 *
 * @example
 * ```ts
 * import { Kysely } from 'kysely';
 * import { connect } from 'epicor-kinetic-sql';
 * import { KineticDialect } from 'epicor-kinetic-sql/kysely';
 *
 * // The dialect opens the connection on the first query; kysely.destroy() closes it.
 * const kysely = new Kysely<DB>({ dialect: new KineticDialect({ connectionString: process.env.KINETIC_SQL_CONNECTION! }) });
 * // Or share an open connection, which kysely.destroy() leaves open:
 * await using db = await connect(process.env.KINETIC_SQL_CONNECTION);
 * const shared = new Kysely<DB>({ dialect: new KineticDialect({ connection: db }) });
 * ```
 */
export { KineticDialect, type KineticDialectConfig } from './kinetic-dialect.ts';
export { KineticDriver } from './kinetic-driver.ts';
export { KineticDatabaseConnection } from './kinetic-connection.ts';
export { KineticQueryCompiler } from './kinetic-query-compiler.ts';
export { KineticIntrospector } from './kinetic-introspector.ts';
