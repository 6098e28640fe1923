/**
 * Dates in the local database are TEXT `YYYY-MM-DDTHH:MM:SS.SSS` (no zone, fixed width, so text order is
 * time order; a date alone is `YYYY-MM-DDT00:00:00.000`). This module reads that form and the string forms
 * SQL Server accepts for datetime under us_english (DATEFORMAT mdy), and writes the canonical form.
 * Times are held as milliseconds since 0001-01-01 on the proleptic Gregorian calendar, like datetime2.
 */

export interface DateParts {
  readonly year: number;
  readonly month: number;
  readonly day: number;
  readonly hour: number;
  readonly minute: number;
  readonly second: number;
  readonly ms: number;
  /** Digits of the fraction given in the text (datetime takes at most 3; ISDATE says 0 beyond). */
  readonly fractionDigits: number;
}

export const MS_PER_DAY = 86_400_000;
export const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
export const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

export const isLeap = (y: number): boolean => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
export const daysInMonth = (y: number, m: number): number =>
  m === 2 ? (isLeap(y) ? 29 : 28) : [4, 6, 9, 11].includes(m) ? 30 : 31;

/** Milliseconds since 0001-01-01T00:00 for the given fields (the fields need not be in range). */
export function toMs(p: Pick<DateParts, 'year' | 'month' | 'day' | 'hour' | 'minute' | 'second' | 'ms'>): number {
  const d = new Date(0);
  d.setUTCFullYear(p.year, p.month - 1, p.day);
  d.setUTCHours(p.hour, p.minute, p.second, p.ms);
  return d.getTime() - EPOCH_0001;
}
const EPOCH_0001 = (() => {
  const d = new Date(0);
  d.setUTCFullYear(1, 0, 1);
  return d.getTime();
})();
/** Day number of 1900-01-01, SQL Server's datetime zero (a Monday). */
export const DAY_1900 = 693_595;

export function fromMs(ms: number): DateParts {
  const d = new Date(ms + EPOCH_0001);
  return {
    year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate(),
    hour: d.getUTCHours(), minute: d.getUTCMinutes(), second: d.getUTCSeconds(), ms: d.getUTCMilliseconds(), fractionDigits: 3,
  };
}

const pad = (n: number, w: number): string => String(n).padStart(w, '0');

/** The canonical text of a date/time. */
export function formatCanonical(p: Pick<DateParts, 'year' | 'month' | 'day' | 'hour' | 'minute' | 'second' | 'ms'>): string {
  return `${pad(p.year, 4)}-${pad(p.month, 2)}-${pad(p.day, 2)}T${pad(p.hour, 2)}:${pad(p.minute, 2)}:${pad(p.second, 2)}.${pad(p.ms, 3)}`;
}

export const canonicalFromMs = (ms: number): string => formatCanonical(fromMs(ms));

const CANONICAL = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})\.(\d{3})$/;
const ISO = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ](.+?))?(?:Z|[+-]\d{2}:?\d{2})?$/i;
const UNSEPARATED = /^(\d{8}|\d{6}|\d{4})(?:[T ](.+))?$/;
const NUMERIC = /^(\d{1,4})([/.-])(\d{1,2})\2(\d{1,4})(?:\s+(.+))?$/;
const TIME = /^(\d{1,2})(?::(\d{1,2})(?::(\d{1,2})(?:[.:](\d{1,9}))?)?)?\s*(am|pm)?$/i;
const MONTH_PREFIX = new Map(MONTHS.flatMap((m, i) => [[m.toLowerCase(), i + 1], [m.slice(0, 3).toLowerCase(), i + 1]] as const));

/** Years written with 2 digits: SQL Server's default two-digit year cutoff is 2049. */
const fullYear = (digits: string): number => {
  const y = Number(digits);
  return digits.length > 2 ? y : y <= 49 ? 2000 + y : 1900 + y;
};

interface Time { hour: number; minute: number; second: number; ms: number; fractionDigits: number }

function parseTime(text: string | undefined): Time | null {
  if (text === undefined || text === '') return { hour: 0, minute: 0, second: 0, ms: 0, fractionDigits: 0 };
  const m = TIME.exec(text.trim());
  if (m === null || (m[2] === undefined && m[5] === undefined)) return null;
  let hour = Number(m[1]);
  const ampm = m[5]?.toLowerCase();
  if (ampm !== undefined) {
    if (hour > 12) return null;
    hour = (hour % 12) + (ampm === 'pm' ? 12 : 0);
  }
  const fraction = m[4] ?? '';
  const time = {
    hour, minute: Number(m[2] ?? 0), second: Number(m[3] ?? 0),
    ms: fraction === '' ? 0 : Math.round(Number(`0.${fraction}`) * 1000), fractionDigits: fraction.length,
  };
  return time.hour > 23 || time.minute > 59 || time.second > 59 ? null : time;
}

function build(year: number, month: number, day: number, time: Time | null): DateParts | null {
  if (time === null || year < 1 || year > 9999 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  if (time.ms === 1000) return { ...fromMs(toMs({ year, month, day, ...time })), fractionDigits: time.fractionDigits };
  return { year, month, day, ...time };
}

/** 'April 15, 2008', 'Apr 15 2008 10:00AM', '15 April 2008', 'April 2008'. */
function parseAlphabetic(text: string): DateParts | null {
  const m = /^([a-z]+)\.?\s+(\d{1,2}),?\s+(\d{2,4})(?:\s+(.+))?$/i.exec(text)
    ?? /^(\d{1,2})\s+([a-z]+)\.?,?\s+(\d{2,4})(?:\s+(.+))?$/i.exec(text)
    ?? /^([a-z]+)\.?,?\s+(\d{4})()(?:\s+(.+))?$/i.exec(text);
  if (m === null) return null;
  const monthFirst = /^[a-z]/i.test(m[1]!);
  const month = MONTH_PREFIX.get((monthFirst ? m[1]! : m[2]!).toLowerCase());
  if (month === undefined) return null;
  if (m[3] === '') return build(Number(m[2]), month, 1, parseTime(m[4]));
  return build(fullYear(m[3]!), month, Number(monthFirst ? m[2] : m[1]), parseTime(m[4]));
}

/**
 * Reads a date/time string as SQL Server's CAST to datetime2 does under us_english, or returns null.
 * `dayFirst` reads 'dd/mm/yyyy' (CONVERT styles 103, 104, 105), otherwise 'mm/dd/yyyy'.
 */
export function parseDateText(input: string, dayFirst = false): DateParts | null {
  const c = CANONICAL.exec(input);
  if (c !== null) {
    return build(Number(c[1]), Number(c[2]), Number(c[3]), {
      hour: Number(c[4]), minute: Number(c[5]), second: Number(c[6]), ms: Number(c[7]), fractionDigits: 3,
    });
  }
  const text = input.trim();
  let m = ISO.exec(text);
  if (m !== null) return build(Number(m[1]), Number(m[2]), Number(m[3]), parseTime(m[4]));
  m = UNSEPARATED.exec(text);
  if (m !== null) {
    const d = m[1]!;
    const time = parseTime(m[2]);
    if (d.length === 4) return build(Number(d), 1, 1, time);
    if (d.length === 6) return build(fullYear(d.slice(0, 2)), Number(d.slice(2, 4)), Number(d.slice(4)), time);
    return build(Number(d.slice(0, 4)), Number(d.slice(4, 6)), Number(d.slice(6)), time);
  }
  m = NUMERIC.exec(text);
  if (m !== null) {
    const [a, b, y] = [m[1]!, m[3]!, m[4]!];
    const time = parseTime(m[5]);
    if (a.length === 4) return build(Number(a), Number(b), Number(y), time);
    if (a.length > 2 || y.length === 3 || y.length === 1) return null;
    return dayFirst ? build(fullYear(y), Number(b), Number(a), time) : build(fullYear(y), Number(a), Number(b), time);
  }
  return parseAlphabetic(text);
}

/**
 * A function's date argument: canonical or SQL Server date text, or a number of days since 1900-01-01
 * (SQL Server converts int and float to datetime that way: YEAR(0) is 1900). Null when it is not a date.
 */
export function dateArgMs(v: string | number | bigint | Uint8Array): number | null {
  if (typeof v === 'number' || typeof v === 'bigint') {
    const days = Number(v);
    return Number.isFinite(days) ? Math.round((DAY_1900 + days) * MS_PER_DAY) : null;
  }
  if (typeof v !== 'string') return null;
  const p = parseDateText(v);
  return p === null ? null : toMs(p);
}

export const MAX_MS = toMs({ year: 9999, month: 12, day: 31, hour: 23, minute: 59, second: 59, ms: 999 });
