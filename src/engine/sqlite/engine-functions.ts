import type Database from 'better-sqlite3';
import { KineticSqlError } from '../../errors.ts';

/**
 * Turns an ISO 8601 date or instant text (`2024-03-01`, `2024-03-01T10:00:00`, `…Z`, `…+02:00`, a space
 * instead of `T`) into the local database's instant text `YYYY-MM-DDTHH:MM:SS.SSS` (UTC; no offset means
 * UTC, as Epicor's v1 dates do). Anything else is undefined.
 *
 * @example
 * ```ts
 * localInstant('2024-03-01T10:00:00+02:00'); // '2024-03-01T08:00:00.000'
 * ```
 */
export function localInstant(text: string): string | undefined {
  const t = text.trim().replace(' ', 'T');
  if (!/^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?)?(Z|[+-]\d{2}:?\d{2})?$/i.test(t)) return undefined;
  const withTime = t.length === 10 ? `${t}T00:00:00` : t;
  const ms = Date.parse(/(Z|[+-]\d{2}:?\d{2})$/i.test(withTime) ? withTime : `${withTime}Z`);
  return Number.isNaN(ms) ? undefined : new Date(ms).toISOString().slice(0, 23);
}

const INTEGER = new Set(['INT', 'INTEGER', 'BIGINT', 'SMALLINT', 'TINYINT']);
const DECIMAL = new Set(['DECIMAL', 'NUMERIC', 'MONEY', 'SMALLMONEY']);
const TEXT = new Set(['VARCHAR', 'NVARCHAR', 'CHAR', 'NCHAR', 'TEXT', 'NTEXT', 'UNIQUEIDENTIFIER']);

function castError(value: unknown, target: string): KineticSqlError {
  return new KineticSqlError('ESQL_UNSUPPORTED', `Conversion failed when converting the value ${JSON.stringify(value)} to ${target}.`);
}

/**
 * CAST(value AS target(length, scale)) with SQL Server's results for the common cases: to integers
 * truncates toward zero, to DECIMAL(p, s) rounds to s places, to text cuts to the length (30 by default
 * for CONVERT of a number), to BIT is 0/1, to DATE/DATETIME reads ISO text. `from` is the value's
 * local type, so that a date cast to text comes out as SQL Server writes it (`2024-03-01 10:00:00.000`).
 */
export function castValue(value: unknown, target: string, length: number | null, scale: number | null, from: string): unknown {
  if (value === null || value === undefined) return null;
  const t = target.toUpperCase();
  if (INTEGER.has(t)) {
    const n = typeof value === 'string' ? (/^\s*[+-]?\d+\s*$/.test(value) ? Number(value) : NaN) : Number(value);
    if (!Number.isFinite(n)) throw castError(value, t.toLowerCase());
    return Math.trunc(n);
  }
  if (DECIMAL.has(t) || t === 'FLOAT' || t === 'REAL') {
    const n = typeof value === 'string' ? (value.trim() === '' ? NaN : Number(value)) : Number(value);
    if (!Number.isFinite(n)) throw castError(value, t.toLowerCase());
    if (!DECIMAL.has(t)) return n;
    const places = scale ?? 0;
    const factor = 10 ** places;
    return Math.round(n * factor) / factor;
  }
  if (t === 'BIT') {
    if (typeof value === 'string') {
      const v = value.trim().toUpperCase();
      if (v === 'TRUE') return 1;
      if (v === 'FALSE') return 0;
      const n = Number(v);
      if (Number.isNaN(n) || v === '') throw castError(value, 'bit');
      return n === 0 ? 0 : 1;
    }
    return Number(value) === 0 ? 0 : 1;
  }
  if (t === 'DATE' || t.startsWith('DATETIME') || t === 'SMALLDATETIME') {
    const instant = typeof value === 'string' ? localInstant(value) : undefined;
    if (!instant) throw castError(value, t.toLowerCase());
    return t === 'DATE' ? `${instant.slice(0, 10)}T00:00:00.000` : instant;
  }
  if (TEXT.has(t)) {
    let text: string;
    if (from === 'datetime' || from === 'date') text = String(value).replace('T', ' ');
    else if (from === 'boolean') text = Number(value) ? '1' : '0';
    else text = String(value);
    const max = length === null ? 30 : length < 0 ? Infinity : length;
    return text.length > max ? text.slice(0, max) : text;
  }
  throw new KineticSqlError('ESQL_UNSUPPORTED', `CAST to ${target} is not supported.`);
}

/**
 * The functions the local engine's own SQL uses (beside the SQL Server library): `kq_datetime(text)`
 * reads ISO text as a local instant, `kq_cast(value, target, length, scale, style, from)` is CAST.
 *
 * @example
 * ```ts
 * registerEngineFunctions(db); db.prepare("SELECT kq_datetime('2024-03-01')").pluck().get(); // '2024-03-01T00:00:00.000'
 * ```
 */
export function registerEngineFunctions(db: Database.Database): void {
  db.function('kq_datetime', { deterministic: true }, (v: unknown) => (typeof v === 'string' ? localInstant(v) ?? null : v ?? null));
  db.function('kq_cast', { deterministic: true }, (value: unknown, target: unknown, length: unknown, scale: unknown, _style: unknown, from: unknown) =>
    castValue(value, String(target), typeof length === 'number' ? length : null, typeof scale === 'number' ? scale : null, String(from)) as number | string | null);
}
