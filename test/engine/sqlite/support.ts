// A real in-memory SQLite database with the SQL Server functions registered, and a helper that runs
// `SELECT <expr>` and returns the one value, so a test reads like the SQL Server documentation's examples.
import Database from 'better-sqlite3';
import { registerSqlServerFunctions, type RegisterOptions } from '../../../src/engine/sqlite/functions.ts';

export function openDb(options?: RegisterOptions): Database.Database {
  const db = new Database(':memory:');
  registerSqlServerFunctions(db, options);
  return db;
}

const shared = openDb({ now: () => new Date('2024-02-29T12:34:56.789Z') });

/** The value of one SQL expression, with optional parameters. */
export function value(expr: string, ...params: unknown[]): unknown {
  const row = shared.prepare(`SELECT ${expr} AS v`).get(...params) as { v: unknown };
  return row.v;
}

/** The SQLite storage class of the expression's value: 'integer', 'real', 'text', 'null'. */
export const storage = (expr: string, ...params: unknown[]): unknown => value(`typeof(${expr})`, ...params);

/** Asserts the expression throws SQL Server's error (checked by message). */
export function errorOf(expr: string, ...params: unknown[]): string {
  try {
    value(expr, ...params);
  } catch (err) {
    return (err as Error).message;
  }
  return '(no error)';
}
