import type Database from 'better-sqlite3';
import { toUtcDate } from '../../odata/date-value.ts';
import { collationKey } from './collation.ts';

/**
 * Turns an ISO 8601 date or instant text (`2024-03-01`, `2024-03-01T10:00:00`, `…Z`, `…+02:00`, a space
 * instead of `T`) into the local database's instant text `YYYY-MM-DDTHH:MM:SS.SSS` (UTC; no offset means
 * UTC, as Epicor's v1 dates do), read by the driver's one date parser (toUtcDate). Anything else, an
 * impossible day included, is undefined.
 *
 * @example
 * ```ts
 * localInstant('2024-03-01T10:00:00+02:00'); // '2024-03-01T08:00:00.000'
 * ```
 */
export function localInstant(text: string): string | undefined {
  try {
    return toUtcDate(text).toISOString().slice(0, 23);
  } catch {
    return undefined;
  }
}

/**
 * The functions the local engine's own SQL uses (beside the SQL Server library): `kq_datetime(text)`
 * reads ISO text as a local instant; `kq_min_text`/`kq_max_text` are MIN and MAX of text by the collation.
 *
 * @example
 * ```ts
 * registerEngineFunctions(db); db.prepare("SELECT kq_datetime('2024-03-01')").pluck().get(); // '2024-03-01T00:00:00.000'
 * ```
 */
export function registerEngineFunctions(db: Database.Database): void {
  // MIN and MAX of text order by the collation, as SQL Server's do.
  const pick = (better: (a: string, b: string) => boolean) => ({
    start: (): unknown => null,
    step: (best: unknown, v: unknown): unknown => (typeof v !== 'string' ? best ?? v ?? null : typeof best !== 'string' || better(v, best) ? v : best),
  });
  db.aggregate('kq_min_text', { ...pick((a, b) => collationKey(a) < collationKey(b)), deterministic: true });
  db.aggregate('kq_max_text', { ...pick((a, b) => collationKey(a) > collationKey(b)), deterministic: true });
  db.function('kq_datetime', { deterministic: true }, (v: unknown) => (typeof v === 'string' ? localInstant(v) ?? null : v ?? null));
}
