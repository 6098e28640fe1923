import { KineticSqlError } from '../errors.ts';

const DATE = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?)?\s*(Z|[+-]\d{2}:?\d{2})?$/i;

/**
 * Reads a JS Date or an ISO 8601 string (`2024-03-01`, `2024-03-01T10:00:00`, `…Z`, `…+02:00`) as an
 * instant; a string without an offset means UTC, as Epicor's v1 dates do. Impossible dates (Feb 30)
 * and anything else are an EPARAM error.
 *
 * @example
 * ```ts
 * toUtcDate('2024-03-01T10:00:00+02:00').toISOString(); // '2024-03-01T08:00:00.000Z'
 * ```
 */
export function toUtcDate(value: unknown): Date {
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) throw new KineticSqlError('EPARAM', 'expected a date, got an invalid Date');
    return value;
  }
  const m = typeof value === 'string' ? DATE.exec(value.trim()) : null;
  if (!m) throw new KineticSqlError('EPARAM', `expected a date (a Date or an ISO 8601 string such as 2024-03-01T00:00:00), got ${describe(value)}`);
  const [y, mo, d, h, mi, s] = [1, 2, 3, 4, 5, 6].map((i) => Number(m[i] ?? 0)) as [number, number, number, number, number, number];
  const ms = Number((m[7] ?? '').padEnd(3, '0').slice(0, 3));
  const utc = new Date(Date.UTC(y, mo - 1, d, h, mi, s, ms));
  if (utc.getUTCFullYear() !== y || utc.getUTCMonth() !== mo - 1 || utc.getUTCDate() !== d || h > 23 || mi > 59 || s > 59) {
    throw new KineticSqlError('EPARAM', `expected a date, got ${describe(value)}, which is not a day of the calendar`);
  }
  return new Date(utc.getTime() - offsetMinutes(m[8]) * 60_000);
}

function offsetMinutes(zone: string | undefined): number {
  if (!zone || zone.toUpperCase() === 'Z') return 0;
  const digits = zone.replace(':', '');
  const minutes = Number(digits.slice(1, 3)) * 60 + Number(digits.slice(3, 5));
  return digits.startsWith('-') ? -minutes : minutes;
}

/** `2024-03-01T00:00:00` (UTC, milliseconds only when not zero). */
export function formatUtc(date: Date): string {
  const iso = date.toISOString();
  return iso.endsWith('.000Z') ? iso.slice(0, 19) : iso.slice(0, 23);
}

/** A short description of a value for error messages: its type, and for short strings and numbers the value. */
export function describe(value: unknown): string {
  if (typeof value === 'string') return value.length <= 24 ? `the string ${JSON.stringify(value)}` : 'a long string';
  if (typeof value === 'number' || typeof value === 'bigint' || typeof value === 'boolean') return `${typeof value} ${String(value)}`;
  if (value === null) return 'null';
  if (value instanceof Date) return 'a Date';
  return typeof value === 'object' ? 'an object' : typeof value;
}
