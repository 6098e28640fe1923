/**
 * SQL Server's date functions over the canonical date text (date-values.ts). Week numbers and weekdays
 * follow us_english: DATEFIRST 7 (Sunday is day 1 of the week); DATEDIFF(week) counts Sundays crossed, as
 * SQL Server does whatever DATEFIRST says. Precision is the millisecond (datetime2(3)); SQL Server's
 * datetime rounds to 1/300 s, so DATEADD(ms, 1, ...) on a datetime column can differ there.
 */
import { SqlServerFunctionError } from './function-error.ts';
import {
  MAX_MS, MONTHS, MS_PER_DAY, WEEKDAYS, canonicalFromMs, dateArgMs, daysInMonth, formatCanonical, fromMs, parseDateText, toMs,
} from './date-values.ts';
import { bool, fixed, int, toInt, toText, type FunctionDefinition, type SqlArg, type SqlResult, type SqlValueType } from './values.ts';

export type DatePart =
  | 'year' | 'quarter' | 'month' | 'dayofyear' | 'day' | 'week' | 'weekday' | 'hour' | 'minute' | 'second'
  | 'millisecond' | 'microsecond' | 'nanosecond' | 'iso_week';

/** Every spelling SQL Server accepts for a date part, lower case. */
const PART_NAMES: Readonly<Record<string, DatePart>> = {
  year: 'year', yy: 'year', yyyy: 'year',
  quarter: 'quarter', qq: 'quarter', q: 'quarter',
  month: 'month', mm: 'month', m: 'month',
  dayofyear: 'dayofyear', dy: 'dayofyear', y: 'dayofyear',
  day: 'day', dd: 'day', d: 'day',
  week: 'week', wk: 'week', ww: 'week',
  weekday: 'weekday', dw: 'weekday', w: 'weekday',
  hour: 'hour', hh: 'hour',
  minute: 'minute', mi: 'minute', n: 'minute',
  second: 'second', ss: 'second', s: 'second',
  millisecond: 'millisecond', ms: 'millisecond',
  microsecond: 'microsecond', mcs: 'microsecond',
  nanosecond: 'nanosecond', ns: 'nanosecond',
  iso_week: 'iso_week', isowk: 'iso_week', isoww: 'iso_week',
};

export function datePart(v: SqlArg, fn: string): DatePart {
  const part = typeof v === 'string' ? PART_NAMES[v.toLowerCase()] : undefined;
  if (part === undefined) throw new SqlServerFunctionError(155, `'${v === null ? 'NULL' : toText(v)}' is not a recognized ${fn} option.`);
  return part;
}

/** A date argument in milliseconds, or the error SQL Server gives for text that is not a date. */
export function dateMs(v: Exclude<SqlArg, null>): number {
  const ms = dateArgMs(v);
  if (ms === null) throw new SqlServerFunctionError(241, `Conversion failed when converting date and/or time from character string '${toText(v)}'.`);
  return ms;
}

const overflow = (): never => {
  throw new SqlServerFunctionError(517, "Adding a value to a 'datetime' column caused an overflow.");
};

function addMonths(ms: number, months: number): number {
  const p = fromMs(ms);
  const total = p.year * 12 + (p.month - 1) + months;
  const year = Math.floor(total / 12);
  const month = (total % 12) + 1;
  if (year < 1 || year > 9999) overflow();
  return toMs({ ...p, year, month, day: Math.min(p.day, daysInMonth(year, month)) });
}

const UNIT_MS: Partial<Record<DatePart, number>> = {
  dayofyear: MS_PER_DAY, day: MS_PER_DAY, weekday: MS_PER_DAY, week: 7 * MS_PER_DAY,
  hour: 3_600_000, minute: 60_000, second: 1000, millisecond: 1, microsecond: 0.001, nanosecond: 0.000001,
};

/** DATEADD: month and year keep the day when it exists and take the month's last day otherwise. */
export function dateAdd(part: DatePart, n: number, ms: number): number {
  let out: number;
  if (part === 'year') out = addMonths(ms, n * 12);
  else if (part === 'quarter') out = addMonths(ms, n * 3);
  else if (part === 'month') out = addMonths(ms, n);
  else if (part === 'iso_week') out = ms + n * 7 * MS_PER_DAY;
  else out = ms + Math.trunc(n * UNIT_MS[part]!);
  if (out < 0 || out > MAX_MS) overflow();
  return out;
}

const dayNumber = (ms: number): number => Math.floor(ms / MS_PER_DAY);
/** 0 for Sunday .. 6 for Saturday. 0001-01-01 was a Monday. */
const weekday0 = (ms: number): number => (dayNumber(ms) + 1) % 7;

function isoWeek(ms: number): number {
  const day = dayNumber(ms);
  const thursday = day - ((weekday0(ms) + 6) % 7) + 3;
  const jan1 = dayNumber(toMs({ ...fromMs(thursday * MS_PER_DAY), month: 1, day: 1 }));
  return Math.floor((thursday - jan1) / 7) + 1;
}

export function datePartValue(part: DatePart, ms: number): number {
  const p = fromMs(ms);
  const jan1 = toMs({ ...p, month: 1, day: 1, hour: 0, minute: 0, second: 0, ms: 0 });
  switch (part) {
    case 'year': return p.year;
    case 'quarter': return Math.floor((p.month - 1) / 3) + 1;
    case 'month': return p.month;
    case 'dayofyear': return dayNumber(ms) - dayNumber(jan1) + 1;
    case 'day': return p.day;
    case 'week': return Math.floor((dayNumber(ms) - dayNumber(jan1) + weekday0(jan1)) / 7) + 1;
    case 'weekday': return weekday0(ms) + 1;
    case 'hour': return p.hour;
    case 'minute': return p.minute;
    case 'second': return p.second;
    case 'millisecond': return p.ms;
    case 'microsecond': return p.ms * 1000;
    case 'nanosecond': return p.ms * 1_000_000;
    case 'iso_week': return isoWeek(ms);
  }
}

/** DATEDIFF counts the boundaries of `part` crossed between the two instants (end minus start). */
export function dateDiff(part: DatePart, start: number, end: number): number {
  const a = fromMs(start);
  const b = fromMs(end);
  switch (part) {
    case 'year': return b.year - a.year;
    case 'quarter': return b.year * 4 + Math.floor((b.month - 1) / 3) - (a.year * 4 + Math.floor((a.month - 1) / 3));
    case 'month': return b.year * 12 + b.month - (a.year * 12 + a.month);
    case 'dayofyear': case 'day': case 'weekday': return dayNumber(end) - dayNumber(start);
    // Weeks start on Sunday for DATEDIFF: day 6 (0001-01-07) was the first Sunday.
    case 'week': case 'iso_week': return Math.floor((dayNumber(end) + 1) / 7) - Math.floor((dayNumber(start) + 1) / 7);
    case 'hour': return Math.floor(end / 3_600_000) - Math.floor(start / 3_600_000);
    case 'minute': return Math.floor(end / 60_000) - Math.floor(start / 60_000);
    case 'second': return Math.floor(end / 1000) - Math.floor(start / 1000);
    case 'millisecond': return end - start;
    case 'microsecond': return (end - start) * 1000;
    case 'nanosecond': return (end - start) * 1_000_000;
  }
}

const INT_MAX = 2_147_483_647;

const def = (
  sqlite: string, minArgs: number, maxArgs: number, returns: FunctionDefinition['returns'], impl: FunctionDefinition['impl'], deterministic = true,
): FunctionDefinition => ({ sqlite, minArgs, maxArgs, returns, deterministic, impl });

const dateType = (t: SqlValueType | undefined): SqlValueType => (t === 'date' ? 'date' : 'datetime');
const startOfDay = (ms: number): string => canonicalFromMs(dayNumber(ms) * MS_PER_DAY);

/** The wall-clock fields of an instant in the process's time zone, as SQL Server's GETDATE gives the server's. */
function localCanonical(d: Date): string {
  return formatCanonical({
    year: d.getFullYear(), month: d.getMonth() + 1, day: d.getDate(),
    hour: d.getHours(), minute: d.getMinutes(), second: d.getSeconds(), ms: d.getMilliseconds(),
  });
}
const utcCanonical = (d: Date): string => canonicalFromMs(toMs({
  year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate(),
  hour: d.getUTCHours(), minute: d.getUTCMinutes(), second: d.getUTCSeconds(), ms: d.getUTCMilliseconds(),
}));

function diff(name: string, limit: number) {
  return ([part, start, end]: readonly SqlArg[]): SqlResult => {
    const p = datePart(part ?? null, name);
    if (start === null || end === null || start === undefined || end === undefined) return null;
    const n = dateDiff(p, dateMs(start), dateMs(end));
    if (Math.abs(n) > limit) {
      throw new SqlServerFunctionError(535, `The ${name} function resulted in an overflow. The number of dateparts separating two date/time instances is too large. Try to use ${name} with a less precise datepart.`);
    }
    return int(n);
  };
}

function eomonth([d, offset]: readonly SqlArg[]): SqlResult {
  if (d === null || d === undefined || offset === null) return null;
  const ms = dateMs(d);
  const shifted = offset === undefined ? ms : addMonths(ms, toInt(offset, 'eomonth'));
  const p = fromMs(shifted);
  return startOfDay(toMs({ ...p, day: daysInMonth(p.year, p.month) }));
}

function dateFromParts(args: readonly SqlArg[]): SqlResult {
  if (args.some((a) => a === null)) return null;
  const [y, m, d] = args.map((a) => toInt(a!, 'datefromparts')) as [number, number, number];
  if (y < 1 || y > 9999 || m < 1 || m > 12 || d < 1 || d > daysInMonth(y, m)) {
    throw new SqlServerFunctionError(289, 'Cannot construct data type date, some of the arguments have values which are not valid.');
  }
  return formatCanonical({ year: y, month: m, day: d, hour: 0, minute: 0, second: 0, ms: 0 });
}

/** ISDATE: 1 for text that converts to datetime (1753-01-01 to 9999-12-31, at most 3 fraction digits). */
function isDate([v]: readonly SqlArg[]): SqlResult {
  if (v === null || v === undefined) return 0n;
  const p = typeof v === 'string' ? parseDateText(v) : parseDateText(toText(v));
  return bool(p !== null && p.year >= 1753 && p.fractionDigits <= 3);
}

/** DATETRUNC (SQL Server 2022): the start of the part's period; week starts on Sunday (DATEFIRST 7). */
export function dateTrunc(part: DatePart, ms: number): number {
  const p = fromMs(ms);
  const day = dayNumber(ms) * MS_PER_DAY;
  switch (part) {
    case 'year': return toMs({ ...p, month: 1, day: 1, hour: 0, minute: 0, second: 0, ms: 0 });
    case 'quarter': return toMs({ ...p, month: p.month - ((p.month - 1) % 3), day: 1, hour: 0, minute: 0, second: 0, ms: 0 });
    case 'month': return toMs({ ...p, day: 1, hour: 0, minute: 0, second: 0, ms: 0 });
    case 'dayofyear': case 'day': return day;
    case 'week': return day - weekday0(ms) * MS_PER_DAY;
    case 'iso_week': return day - ((weekday0(ms) + 6) % 7) * MS_PER_DAY;
    case 'hour': return Math.floor(ms / 3_600_000) * 3_600_000;
    case 'minute': return Math.floor(ms / 60_000) * 60_000;
    case 'second': return Math.floor(ms / 1000) * 1000;
    case 'millisecond': case 'microsecond': case 'nanosecond': return ms;
    case 'weekday': throw new SqlServerFunctionError(9810, 'The datepart weekday is not supported by date function datetrunc for data type datetime2.');
  }
}

function dateTimeFromParts(args: readonly SqlArg[]): SqlResult {
  if (args.some((a) => a === null)) return null;
  const [year, month, day, hour, minute, second, ms] = args.map((a) => toInt(a!, 'datetimefromparts')) as number[] as [number, number, number, number, number, number, number];
  if (year < 1753 || year > 9999 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)
    || hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59 || ms < 0 || ms > 999) {
    throw new SqlServerFunctionError(289, 'Cannot construct data type datetime, some of the arguments have values which are not valid.');
  }
  return formatCanonical({ year, month, day, hour, minute, second, ms });
}

function part(fn: (p: DatePart, ms: number) => SqlResult, name: string) {
  return ([pt, d]: readonly SqlArg[]): SqlResult => {
    const p = datePart(pt ?? null, name);
    return d === null || d === undefined ? null : fn(p, dateMs(d));
  };
}

export const DATE_FUNCTIONS: Readonly<Record<string, FunctionDefinition>> = {
  GETDATE: def('ss_getdate', 0, 0, fixed('datetime'), (_, ctx) => localCanonical(ctx.now), false),
  SYSDATETIME: def('ss_sysdatetime', 0, 0, fixed('datetime'), (_, ctx) => localCanonical(ctx.now), false),
  GETUTCDATE: def('ss_getutcdate', 0, 0, fixed('datetime'), (_, ctx) => utcCanonical(ctx.now), false),
  SYSUTCDATETIME: def('ss_sysutcdatetime', 0, 0, fixed('datetime'), (_, ctx) => utcCanonical(ctx.now), false),
  DATEADD: def('ss_dateadd', 3, 3, (t) => dateType(t[2]), ([pt, n, d]) => {
    const p = datePart(pt ?? null, 'dateadd');
    if (n === null || d === null || n === undefined || d === undefined) return null;
    return canonicalFromMs(dateAdd(p, toInt(n, 'dateadd'), dateMs(d)));
  }),
  DATEDIFF: def('ss_datediff', 3, 3, fixed('integer'), diff('datediff', INT_MAX)),
  DATEDIFF_BIG: def('ss_datediff_big', 3, 3, fixed('integer'), diff('datediff_big', Number.MAX_SAFE_INTEGER)),
  DATEPART: def('ss_datepart', 2, 2, fixed('integer'), part((p, ms) => int(datePartValue(p, ms)), 'datepart')),
  DATENAME: def('ss_datename', 2, 2, fixed('string'), part((p, ms) =>
    p === 'month' ? MONTHS[fromMs(ms).month - 1]! : p === 'weekday' ? WEEKDAYS[weekday0(ms)]! : String(datePartValue(p, ms)), 'datename')),
  DATEFROMPARTS: def('ss_datefromparts', 3, 3, fixed('date'), dateFromParts),
  DATETIMEFROMPARTS: def('ss_datetimefromparts', 7, 7, fixed('datetime'), dateTimeFromParts),
  DATETRUNC: def('ss_datetrunc', 2, 2, (t) => dateType(t[1]), part((p, ms) => canonicalFromMs(dateTrunc(p, ms)), 'datetrunc')),
  EOMONTH: def('ss_eomonth', 1, 2, fixed('date'), eomonth),
  YEAR: def('ss_year', 1, 1, fixed('integer'), ([d]) => (d === null || d === undefined ? null : int(fromMs(dateMs(d)).year))),
  MONTH: def('ss_month', 1, 1, fixed('integer'), ([d]) => (d === null || d === undefined ? null : int(fromMs(dateMs(d)).month))),
  DAY: def('ss_day', 1, 1, fixed('integer'), ([d]) => (d === null || d === undefined ? null : int(fromMs(dateMs(d)).day))),
  ISDATE: def('ss_isdate', 1, 1, fixed('integer'), isDate),
};

