import type { Connection, Params, Row } from '../index.ts';
import type { Progress } from './progress.ts';

/** A SELECT (or WITH) streams; EXEC and REFRESH METADATA go through `execute`. */
export function isQuery(sql: string): boolean {
  return /^(\s|--[^\n]*\n|\/\*[\s\S]*?\*\/)*\(?\s*(select|with)\b/i.test(sql);
}

/**
 * Runs one statement for the CLI and collects its rows, counting them on `progress` as they stream
 * (a SELECT is read page by page through `db.stream`; other statements through `db.execute`). The
 * column names come from the plan, so a result with no rows still has its header.
 *
 * @example
 * ```ts
 * const { columns, rows } = await runStatement(db, 'SELECT Name FROM Customers', undefined, { signal });
 * ```
 */
export async function runStatement(
  db: Connection,
  sql: string,
  params: Params | undefined,
  options: { signal?: AbortSignal; progress?: Progress } = {},
): Promise<{ columns: string[]; rows: Row[]; rowsAffected: number }> {
  const signal = options.signal ? { signal: options.signal } : {};
  if (!isQuery(sql)) {
    const result = await db.execute(sql, params, signal);
    return { columns: result.columns.map((c) => c.name), rows: result.rows, rowsAffected: result.rowsAffected };
  }
  const columns = (await db.explain(sql, params)).columns.map((c) => c.name);
  const rows: Row[] = [];
  for await (const row of db.stream(sql, params, signal)) {
    options.progress?.row();
    rows.push(row);
  }
  return { columns, rows, rowsAffected: -1 };
}

/** The connection's page size, for the progress line's page count. */
export function pagesizeOf(db: Connection): number {
  const n = Number(db.properties['Pagesize']);
  return Number.isInteger(n) && n > 0 ? n : 1000;
}
