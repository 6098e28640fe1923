/**
 * CAST/CONVERT/TRY_CAST/TRY_CONVERT helpers the engine renders: `ss_convert(value, type[, style[, source]])`,
 * `ss_try_convert(...)` and `ss_try_cast(value, type)`. `type` is the SQL Server type as text ('int',
 * 'decimal(10,2)', 'nvarchar(50)', 'date'). `source` is the value's static type when the engine knows it
 * ('date', 'datetime', 'string', ...): dates are TEXT in the local database, so without it a text in the
 * exact canonical form `YYYY-MM-DDTHH:MM:SS.SSS` is taken for a datetime and any other text for a string.
 * Styles apply to dates printed as text and to text read as a date; number styles are not modelled.
 */
import { formatDateStyle, DAY_FIRST_STYLES } from './date-styles.ts';
import { DAY_1900, MS_PER_DAY, canonicalFromMs, fromMs, parseDateText, toMs, type DateParts } from './date-values.ts';
import { SqlServerFunctionError, UNSUPPORTED } from './function-error.ts';
import { roundDecimal } from './math-functions.ts';
import { bool, fixed, numberText, toNumber, toText, type FunctionDefinition, type SqlArg, type SqlResult, type SqlValueType } from './values.ts';

interface TargetType {
  readonly name: string;
  readonly length?: number | 'max';
  readonly scale?: number;
}

function parseType(text: string): TargetType {
  const m = /^\s*(\w+)\s*(?:\(\s*(max|\d+)\s*(?:,\s*(\d+)\s*)?\))?\s*$/i.exec(text);
  if (m === null) throw new SqlServerFunctionError(243, `Type ${text} is not a defined system type.`);
  const length = m[2] === undefined ? undefined : m[2].toLowerCase() === 'max' ? 'max' : Number(m[2]);
  return { name: m[1]!.toLowerCase(), ...(length === undefined ? {} : { length }), ...(m[3] === undefined ? {} : { scale: Number(m[3]) }) };
}

const CANONICAL = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}$/;
const STRING_TYPES = new Set(['varchar', 'nvarchar', 'char', 'nchar', 'text', 'ntext', 'sysname']);
const INT_RANGES: Readonly<Record<string, readonly [bigint, bigint]>> = {
  tinyint: [0n, 255n], smallint: [-32768n, 32767n], int: [-(2n ** 31n), 2n ** 31n - 1n], bigint: [-(2n ** 63n), 2n ** 63n - 1n],
};

const fail = (number: number, message: string): never => {
  throw new SqlServerFunctionError(number, message);
};
const conversionFailed = (v: Exclude<SqlArg, null>, type: string): never =>
  fail(245, `Conversion failed when converting the ${typeof v === 'string' ? 'varchar ' : ''}value '${toText(v)}' to data type ${type}.`);
const arithmeticOverflow = (type: string): never => fail(8115, `Arithmetic overflow error converting expression to data type ${type}.`);
/** SQL Server refuses these whatever the value, and TRY_CAST/TRY_CONVERT refuse them too. */
const NOT_ALLOWED = 529;

const isDateSource = (v: Exclude<SqlArg, null>, source: SqlValueType | undefined): boolean =>
  typeof v === 'string' && (source === 'date' || source === 'datetime' || (source === undefined && CANONICAL.test(v)));

function toDateParts(v: Exclude<SqlArg, null>, type: string, style: number | undefined, source: SqlValueType | undefined): DateParts {
  if (typeof v === 'number' || typeof v === 'bigint') {
    if (type === 'date' || type === 'datetime2') fail(NOT_ALLOWED, `Explicit conversion from data type ${typeof v === 'bigint' ? 'int' : 'float'} to ${type} is not allowed.`);
    return fromMs(Math.round((DAY_1900 + Number(v)) * MS_PER_DAY));
  }
  if (typeof v !== 'string') return conversionFailed(v, type);
  if (v.trim() === '' && !isDateSource(v, source)) return fromMs(DAY_1900 * MS_PER_DAY);
  const p = parseDateText(v, style !== undefined && DAY_FIRST_STYLES.has(style));
  if (p === null) return fail(241, 'Conversion failed when converting date and/or time from character string.');
  return p;
}

function toDate(v: Exclude<SqlArg, null>, type: string, style: number | undefined, source: SqlValueType | undefined): string {
  const p = toDateParts(v, type, style, source);
  let ms = toMs(p);
  if (type === 'date') ms = Math.floor(ms / MS_PER_DAY) * MS_PER_DAY;
  if (type === 'smalldatetime') ms = Math.round(ms / 60_000) * 60_000;
  const year = fromMs(ms).year;
  if ((type === 'datetime' && year < 1753) || (type === 'smalldatetime' && (year < 1900 || year > 2079))) {
    fail(242, `The conversion of a varchar data type to a ${type} data type resulted in an out-of-range value.`);
  }
  return canonicalFromMs(ms);
}

function toInteger(v: Exclude<SqlArg, null>, type: string, source: SqlValueType | undefined): bigint {
  const [lo, hi] = INT_RANGES[type]!;
  let n: bigint;
  if (typeof v === 'bigint') n = v;
  else if (typeof v === 'number') n = Number.isFinite(v) ? BigInt(Math.trunc(v)) : arithmeticOverflow(type);
  else if (isDateSource(v, source)) n = BigInt(Math.round(toMs(toDateParts(v, 'datetime', undefined, source)) / MS_PER_DAY) - DAY_1900);
  else if (typeof v === 'string') {
    const t = v.trim();
    if (t === '') n = 0n;
    else if (/^[+-]?\d+$/.test(t)) n = BigInt(t);
    else return conversionFailed(v, type);
  } else return conversionFailed(v, type);
  if (n < lo || n > hi) arithmeticOverflow(type);
  return n;
}

function toDecimal(v: Exclude<SqlArg, null>, t: TargetType): number {
  const precision = typeof t.length === 'number' ? t.length : 18;
  const scale = t.name === 'money' || t.name === 'smallmoney' ? 4 : (t.scale ?? 0);
  let n: number;
  if (typeof v === 'string') {
    const s = v.trim();
    if (!/^[+-]?(\d+\.?\d*|\.\d+)$/.test(s)) return conversionFailed(v, t.name === 'money' ? 'money' : 'numeric');
    n = Number(s);
  } else n = toNumber(v, 'convert');
  const rounded = roundDecimal(n, scale, false);
  if (Math.abs(rounded) >= 10 ** (precision - scale)) arithmeticOverflow('numeric');
  return rounded;
}

function toFloat(v: Exclude<SqlArg, null>, type: string): number {
  let n: number;
  if (typeof v === 'string') {
    const s = v.trim();
    if (s === '') n = 0;
    else if (/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(s)) n = Number(s);
    else return conversionFailed(v, type);
  } else n = toNumber(v, 'convert');
  return type === 'real' ? Math.fround(n) : n;
}

function toBit(v: Exclude<SqlArg, null>): bigint {
  if (typeof v === 'string') {
    const s = v.trim().toLowerCase();
    if (s === 'true') return 1n;
    if (s === 'false') return 0n;
    if (/^[+-]?(\d+\.?\d*|\.\d+)$/.test(s)) return bool(Number(s) !== 0);
    return conversionFailed(v, 'bit');
  }
  return bool(toNumber(v, 'convert') !== 0);
}

function toString(v: Exclude<SqlArg, null>, t: TargetType, style: number | undefined, source: SqlValueType | undefined): string {
  let s: string;
  if (isDateSource(v, source)) {
    const p = toDateParts(v, 'datetime2', undefined, source);
    const st = style ?? (source === 'date' ? 23 : 0);
    s = formatDateStyle(p, st, source === 'date') ?? fail(281, `${st} is not a valid style number when converting from datetime to a character string.`);
  } else s = typeof v === 'number' ? numberText(v) : toText(v);
  // Without a length, CAST and CONVERT to a string type take 30 characters.
  const length = t.length === 'max' || t.name === 'text' || t.name === 'ntext' ? Infinity : (t.length ?? (t.name === 'sysname' ? 128 : 30));
  if (s.length > length) {
    if (typeof v !== 'string') {
      if (t.name.startsWith('n')) arithmeticOverflow(t.name);
      return '*';
    }
    s = s.slice(0, length);
  }
  return (t.name === 'char' || t.name === 'nchar') && Number.isFinite(length) ? s.padEnd(length, ' ') : s;
}

function toGuid(v: Exclude<SqlArg, null>): string {
  const s = toText(v).trim();
  const m = /^\{?([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\}?/i.exec(s);
  return m === null ? fail(8169, 'Conversion failed when converting from a character string to uniqueidentifier.') : m[1]!.toUpperCase();
}

/** CONVERT(type, value, style) on a non-NULL value, throwing SQL Server's error when it cannot convert. */
export function convertValue(v: Exclude<SqlArg, null>, typeText: string, style?: number, source?: SqlValueType): SqlResult {
  const t = parseType(typeText);
  if (STRING_TYPES.has(t.name)) return toString(v, t, style, source);
  if (t.name in INT_RANGES) return toInteger(v, t.name, source);
  switch (t.name) {
    case 'bit': return toBit(v);
    case 'decimal': case 'numeric': case 'money': case 'smallmoney': return toDecimal(v, t);
    case 'float': case 'real': return toFloat(v, t.name);
    case 'date': case 'datetime': case 'datetime2': case 'smalldatetime': return toDate(v, t.name, style, source);
    case 'uniqueidentifier': return toGuid(v);
    default: return fail(UNSUPPORTED, `Conversion to ${typeText} is not supported by the local engine.`);
  }
}

const SOURCE_TYPES = new Set<SqlValueType>(['string', 'integer', 'decimal', 'float', 'boolean', 'datetime', 'date', 'unknown']);

function convertArgs(name: string, tryIt: boolean) {
  return ([v, type, style, source]: readonly SqlArg[]): SqlResult => {
    if (typeof type !== 'string') return fail(243, `${name} needs the target type as text.`);
    if (v === null || v === undefined) return null;
    // A NULL style is "no style" here, so CAST with a source type renders as ss_convert(v, type, NULL, source).
    // (SQL Server's CONVERT(type, v, NULL) is NULL: the engine renders a literal NULL style as NULL.)
    const st = style === undefined || style === null ? undefined : Number(style);
    const src = typeof source === 'string' && SOURCE_TYPES.has(source as SqlValueType) && source !== 'unknown' ? (source as SqlValueType) : undefined;
    if (!tryIt) return convertValue(v, type, st, src);
    try {
      return convertValue(v, type, st, src);
    } catch (err) {
      if (err instanceof SqlServerFunctionError && ![NOT_ALLOWED, UNSUPPORTED, 243].includes(err.number)) return null;
      throw err;
    }
  };
}

/** The result type of a conversion to `type` text, for the engine's column typing. */
export function convertedType(typeText: string): SqlValueType {
  const name = /^\s*(\w+)/.exec(typeText)?.[1]?.toLowerCase() ?? '';
  if (STRING_TYPES.has(name) || name === 'uniqueidentifier') return 'string';
  if (name in INT_RANGES) return 'integer';
  if (name === 'bit') return 'boolean';
  if (['decimal', 'numeric', 'money', 'smallmoney'].includes(name)) return 'decimal';
  if (name === 'float' || name === 'real') return 'float';
  if (name === 'date') return 'date';
  if (['datetime', 'datetime2', 'smalldatetime'].includes(name)) return 'datetime';
  return 'unknown';
}

/**
 * ISNUMERIC: 1 when the text converts to some numeric type, with SQL Server's leniency: '$', '+', '-',
 * '.', ',' alone, '1,000', '$12.50', '1e5', '1d5' and surrounding whitespace are numeric; '' and 'abc' are not.
 */
function isNumeric([v]: readonly SqlArg[]): SqlResult {
  if (v === null || v === undefined) return 0n;
  if (typeof v !== 'string') return 1n;
  const s = v.replace(/^[\s]+|[\s]+$/g, '');
  if (s === '') return 0n;
  const money = /^([$£€¥¢]\s*)?[+-]?\s*[\d,]*(\.\d*)?$/.test(s) || /^[+-]?\s*[$£€¥¢]\s*[\d,]*(\.\d*)?$/.test(s);
  const float = /^[+-]?(\d+\.?\d*|\.\d+)[eEdD][+-]?\d+$/.test(s);
  return bool(money || float);
}

const def = (sqlite: string, minArgs: number, maxArgs: number, returns: FunctionDefinition['returns'], impl: FunctionDefinition['impl']): FunctionDefinition =>
  ({ sqlite, minArgs, maxArgs, returns, deterministic: true, impl });

export const CONVERSION_FUNCTIONS: Readonly<Record<string, FunctionDefinition>> = {
  ISNUMERIC: def('ss_isnumeric', 1, 1, fixed('integer'), isNumeric),
};

/**
 * The helpers CAST/CONVERT are rendered with, keyed by SQLite name (their SQL syntax is not a call, so
 * they are not in SQLSERVER_FUNCTIONS). `returns` cannot see the target type text: use `convertedType`.
 */
export const CONVERSION_HELPERS: Readonly<Record<string, FunctionDefinition>> = {
  ss_convert: def('ss_convert', 2, 4, fixed('unknown'), convertArgs('CONVERT', false)),
  ss_try_convert: def('ss_try_convert', 2, 4, fixed('unknown'), convertArgs('TRY_CONVERT', true)),
  ss_try_cast: def('ss_try_cast', 2, 2, fixed('unknown'), convertArgs('TRY_CAST', true)),
};

