/**
 * SQL Server's string functions. Lengths and positions count UTF-16 units, as SQL Server does for nvarchar
 * under a collation without supplementary-character support (SQL_Latin1_General_CP1_CI_AS): an emoji is
 * 2 characters for LEN, SUBSTRING and REVERSE. Searches (CHARINDEX, REPLACE, PATINDEX) follow the
 * collation: case-insensitive, accent-sensitive.
 */
import { foldUnits } from './collation.ts';
import { LOCAL_LIMIT, SqlServerFunctionError } from './function-error.ts';
import { patIndex } from './like.ts';
import { roundDecimal } from './math-functions.ts';
import {
  fixed, int, isNull, numberText, toInt, toNumber, toText,
  type FunctionDefinition, type SqlArg, type SqlResult,
} from './values.ts';

/**
 * Results longer than this many characters fail instead of exhausting memory (SQL Server's MAX types
 * allow 2 GB). REPLICATE truncates at 8,000 characters as SQL Server does for a non-MAX argument.
 */
export const MAX_TEXT_LENGTH = 16 * 1024 * 1024;
export const NON_MAX_LENGTH = 8000;

function bounded(s: string, fn: string): string {
  if (s.length > MAX_TEXT_LENGTH) {
    throw new SqlServerFunctionError(LOCAL_LIMIT, `The result of ${fn} is longer than ${MAX_TEXT_LENGTH} characters, the local engine's limit.`);
  }
  return s;
}

/** The function returns NULL when any argument is NULL (most of SQL Server's scalar functions). */
const strict = (fn: (args: readonly Exclude<SqlArg, null>[]) => SqlResult) => (args: readonly SqlArg[]): SqlResult =>
  args.some(isNull) ? null : fn(args as readonly Exclude<SqlArg, null>[]);

// CHAR() and ASCII() work in Epicor's code page, 1252 (SQL_Latin1_General_CP1). Bytes 0x80-0x9F are
// written out: Node's TextDecoder decodes 'windows-1252' as Latin-1. The five unassigned bytes map to the
// C1 controls, as Windows does.
const CP1252_HIGH = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ';
const cp1252Char = (byte: number): string => (byte >= 0x80 && byte <= 0x9f ? CP1252_HIGH[byte - 0x80]! : String.fromCharCode(byte));
const CP1252_BYTES = new Map(Array.from({ length: 128 }, (_, i) => [cp1252Char(i + 128), i + 128] as const));

const text = (v: Exclude<SqlArg, null> | undefined): string => (v === undefined ? '' : toText(v));

function lengthArg(v: Exclude<SqlArg, null>, fn: string): number {
  const n = toInt(v, fn);
  if (n < 0) throw new SqlServerFunctionError(536, `Invalid length parameter passed to the ${fn} function.`);
  return n;
}

const def = (
  sqlite: string, minArgs: number, maxArgs: number, returns: FunctionDefinition['returns'], impl: FunctionDefinition['impl'],
): FunctionDefinition => ({ sqlite, minArgs, maxArgs, returns, deterministic: true, impl });

/** CHARINDEX(find, search[, start]): 1-based, 0 when absent or when `find` is empty. */
function charIndex([find, search, start]: readonly Exclude<SqlArg, null>[]): SqlResult {
  const f = text(find);
  if (f === '') return 0n;
  const from = start === undefined ? 0 : Math.max(toInt(start, 'charindex') - 1, 0);
  return int(foldUnits(text(search)).indexOf(foldUnits(f), from) + 1);
}

/** REPLACE with the collation's matching; an empty search string returns the input unchanged. */
function replace([s, find, by]: readonly Exclude<SqlArg, null>[]): SqlResult {
  const input = text(s);
  const f = text(find);
  if (f === '') return input;
  const hay = foldUnits(input);
  const needle = foldUnits(f);
  const replacement = text(by);
  let out = '';
  let at = 0;
  for (let i = hay.indexOf(needle); i >= 0; i = hay.indexOf(needle, at)) {
    out += input.slice(at, i) + replacement;
    at = i + f.length;
    if (out.length > MAX_TEXT_LENGTH) bounded(out, 'REPLACE');
  }
  return out + input.slice(at);
}

/** SUBSTRING: characters from `start` to `start + length - 1` that lie in the string (start may be <= 0). */
function substring([s, start, length]: readonly Exclude<SqlArg, null>[]): SqlResult {
  const str = text(s);
  const n = lengthArg(length!, 'substring');
  const from = toInt(start!, 'substring');
  const first = Math.max(from, 1);
  const last = from + n - 1;
  return last < first ? '' : str.slice(first - 1, last);
}

/** STUFF: NULL when start is outside 1..LEN or length is negative; NULL replacement deletes only. */
function stuff(args: readonly SqlArg[]): SqlResult {
  const [s, start, length, by] = args;
  if (s === null || start === null || length === null || s === undefined || start === undefined || length === undefined) return null;
  const str = text(s);
  const from = toInt(start, 'stuff');
  const n = toInt(length, 'stuff');
  if (from < 1 || from > str.length || n < 0) return null;
  return bounded(str.slice(0, from - 1) + (by === null || by === undefined ? '' : text(by)) + str.slice(from - 1 + n), 'STUFF');
}

/** REPLICATE: NULL for a negative count; truncated at 8,000 characters unless the input is longer (MAX). */
function replicate([s, count]: readonly Exclude<SqlArg, null>[]): SqlResult {
  const str = text(s);
  const n = toInt(count!, 'replicate');
  if (n < 0) return null;
  if (str === '' || n === 0) return '';
  const limit = str.length > NON_MAX_LENGTH ? MAX_TEXT_LENGTH : NON_MAX_LENGTH;
  const times = Math.min(n, Math.ceil(limit / str.length));
  const out = str.repeat(times);
  return bounded(str.length > NON_MAX_LENGTH ? out : out.slice(0, NON_MAX_LENGTH), 'REPLICATE');
}

/** The characters a 2022-style `LTRIM(s, chars)` removes; spaces (U+0020) only by default. */
function trimmer(side: 'start' | 'end' | 'both') {
  return ([s, chars]: readonly Exclude<SqlArg, null>[]): SqlResult => {
    const str = text(s);
    const set = new Set(chars === undefined ? [' '] : [...text(chars)]);
    let a = 0;
    let b = str.length;
    if (side !== 'end') while (a < b && set.has(str[a]!)) a++;
    if (side !== 'start') while (b > a && set.has(str[b - 1]!)) b--;
    return str.slice(a, b);
  };
}

/** One unit to one unit, as SQL Server maps case: UPPER(N'ß') is 'ß', not 'SS'. */
function mapUnits(s: string, to: (c: string) => string): string {
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!;
    const m = to(c);
    out += m.length === 1 ? m : c;
  }
  return out;
}

function reverseUnits(s: string): string {
  let out = '';
  for (let i = s.length - 1; i >= 0; i--) out += s[i];
  return out;
}

/**
 * STR(number[, length = 10[, decimals = 0]]): right-aligned in `length`; the decimals shrink to fit and
 * a number whose integer part does not fit is `length` asterisks. NULL for a length outside 1..8000 or
 * negative decimals; more than 16 decimals are 16.
 */
function str([x, length, decimals]: readonly Exclude<SqlArg, null>[]): SqlResult {
  const n = toNumber(x!, 'str');
  const width = length === undefined ? 10 : toInt(length, 'str');
  const wanted = decimals === undefined ? 0 : toInt(decimals, 'str');
  if (width < 1 || width > NON_MAX_LENGTH || wanted < 0) return null;
  for (let d = Math.min(wanted, 16); d >= 0; d--) {
    const r = roundDecimal(n, d, false);
    const [i = '0', f = ''] = numberText(Math.abs(r)).split('.');
    const body = `${r < 0 ? '-' : ''}${i}${d > 0 ? '.' + f.padEnd(d, '0') : ''}`;
    if (body.length <= width) return body.padStart(width, ' ');
  }
  return '*'.repeat(width);
}

/** TRANSLATE(s, from, to): each character of `from` (matched as the collation does) becomes the one at its place in `to`. */
function translate([s, from, to]: readonly Exclude<SqlArg, null>[]): SqlResult {
  const a = text(from);
  const b = text(to);
  if (a.length !== b.length) {
    throw new SqlServerFunctionError(9828, 'The second and third arguments of the TRANSLATE built-in function must contain an equal number of characters.');
  }
  const map = new Map<string, string>();
  for (let i = 0; i < a.length; i++) if (!map.has(foldUnits(a[i]!))) map.set(foldUnits(a[i]!), b[i]!);
  const str = text(s);
  let out = '';
  for (let i = 0; i < str.length; i++) out += map.get(foldUnits(str[i]!)) ?? str[i];
  return out;
}

function concatWs(args: readonly SqlArg[]): SqlResult {
  const [sep, ...rest] = args;
  const parts = rest.filter((v): v is Exclude<SqlArg, null> => v !== null).map(toText);
  return bounded(parts.join(sep === null || sep === undefined ? '' : toText(sep)), 'CONCAT_WS');
}

export const STRING_FUNCTIONS: Readonly<Record<string, FunctionDefinition>> = {
  LEN: def('ss_len', 1, 1, fixed('integer'), strict(([s]) => int(text(s).replace(/ +$/, '').length))),
  DATALENGTH: def('ss_datalength', 1, 1, fixed('integer'), strict(([v]) => {
    if (typeof v === 'string') return int(v.length * 2);
    if (typeof v === 'bigint') return 4n;
    if (typeof v === 'number') return 8n;
    return int((v as Uint8Array).length);
  })),
  CHARINDEX: def('ss_charindex', 2, 3, fixed('integer'), strict(charIndex)),
  PATINDEX: def('ss_patindex', 2, 2, fixed('integer'), strict(([p, s]) => int(patIndex(text(p), text(s))))),
  LEFT: def('ss_left', 2, 2, fixed('string'), strict(([s, n]) => text(s).slice(0, lengthArg(n!, 'left')))),
  RIGHT: def('ss_right', 2, 2, fixed('string'), strict(([s, n]) => {
    const str = text(s);
    const k = lengthArg(n!, 'right');
    return k === 0 ? '' : str.slice(Math.max(str.length - k, 0));
  })),
  SUBSTRING: def('ss_substring', 3, 3, fixed('string'), strict(substring)),
  REPLACE: def('ss_replace', 3, 3, fixed('string'), strict(replace)),
  REPLICATE: def('ss_replicate', 2, 2, fixed('string'), strict(replicate)),
  REVERSE: def('ss_reverse', 1, 1, fixed('string'), strict(([s]) => reverseUnits(text(s)))),
  STUFF: def('ss_stuff', 4, 4, fixed('string'), stuff),
  LTRIM: def('ss_ltrim', 1, 2, fixed('string'), strict(trimmer('start'))),
  RTRIM: def('ss_rtrim', 1, 2, fixed('string'), strict(trimmer('end'))),
  /** `TRIM([chars FROM] s)` is rendered `ss_trim(s[, chars])`: the string first. */
  TRIM: def('ss_trim', 1, 2, fixed('string'), strict(trimmer('both'))),
  UPPER: def('ss_upper', 1, 1, fixed('string'), strict(([s]) => mapUnits(text(s), (c) => c.toUpperCase()))),
  LOWER: def('ss_lower', 1, 1, fixed('string'), strict(([s]) => mapUnits(text(s), (c) => c.toLowerCase()))),
  CONCAT: def('ss_concat', 2, Infinity, fixed('string'), (args) =>
    bounded(args.map((v) => (v === null ? '' : toText(v))).join(''), 'CONCAT')),
  CONCAT_WS: def('ss_concat_ws', 3, Infinity, fixed('string'), concatWs),
  TRANSLATE: def('ss_translate', 3, 3, fixed('string'), strict(translate)),
  STR: def('ss_str', 1, 3, fixed('string'), strict(str)),
  SPACE: def('ss_space', 1, 1, fixed('string'), strict(([n]) => {
    const k = toInt(n!, 'space');
    return k < 0 ? null : ' '.repeat(Math.min(k, NON_MAX_LENGTH));
  })),
  CHAR: def('ss_char', 1, 1, fixed('string'), strict(([n]) => {
    const k = toInt(n!, 'char');
    return k < 0 || k > 255 ? null : cp1252Char(k);
  })),
  NCHAR: def('ss_nchar', 1, 1, fixed('string'), strict(([n]) => {
    const k = toInt(n!, 'nchar');
    return k < 0 || k > 0x10ffff ? null : String.fromCodePoint(k);
  })),
  ASCII: def('ss_ascii', 1, 1, fixed('integer'), strict(([s]) => {
    const c = text(s)[0];
    if (c === undefined) return null;
    const code = c.charCodeAt(0);
    // ASCII() reads the code page 1252 byte: '€' is 128; a character outside the code page is '?' (63).
    return int(code < 128 ? code : (CP1252_BYTES.get(c) ?? 63));
  })),
  UNICODE: def('ss_unicode', 1, 1, fixed('integer'), strict(([s]) => {
    const str = text(s);
    return str === '' ? null : int(str.charCodeAt(0));
  })),
};

