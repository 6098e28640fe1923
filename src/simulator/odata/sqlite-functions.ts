/**
 * SQLite functions the evaluator's SQL uses. better-sqlite3 registers functions but not collations, so
 * SQL Server's case-insensitive, accent-sensitive collation (SQL_Latin1_General_CP1_CI_AS, as Epicor
 * installs it) is a collation key: `odata_ci_key(x)` sorts and compares like that collation, trailing
 * spaces ignored as SQL Server's padded comparisons ignore them.
 */
import type Database from 'better-sqlite3';

const registered = new WeakSet<Database.Database>();

/**
 * Collation key: the unaccented lower-case text first (so 'é' sorts between 'e' and 'f'), then the
 * lower-case text (so 'e' < 'é' when the rest is equal). Two keys are equal exactly when the texts are
 * equal ignoring case and trailing spaces: `É` equals `é`, `é` differs from `e`, `'MN '` equals `'MN'`.
 * As in SQL Server's Unicode comparisons (Windows sorting rules, which SQL_ collations apply to
 * nvarchar), `ß` equals `ss`. Letters that Unicode does not decompose (`ø`, `ł`, `æ`) sort by code point,
 * after `z`, where SQL Server probably sorts them next to `o`, `l`, `ae`: the driver's integration
 * oracle (test/integration/reference-db.ts) sorts them like this key, and the two must agree.
 *
 * SQL Server compares strings as if the shorter were padded with spaces (ANSI/ISO SQL-92 8.2), so
 * trailing spaces (U+0020 only; not tabs or no-break spaces) never change a comparison; dropping them is
 * the same except against characters that sort below a space (control characters).
 *
 * @example
 * ciKey('Éclair') === ciKey('éCLAIR  ') // true
 */
export function ciKey(value: string): string {
  const text = value.charCodeAt(value.length - 1) === 0x20 ? withoutTrailingSpaces(value) : value;
  if (ASCII_ONLY.test(text)) {
    const ascii = text.toLowerCase();
    return `${ascii}\u0001${ascii}`;
  }
  return nonAsciiKey(text);
}

const ASCII_ONLY = /^[\x00-\x7f]*$/;

function nonAsciiKey(text: string): string {
  let lower = simpleLower(text).normalize('NFC');
  if (lower.includes('ß')) lower = lower.replace(/ß/g, 'ss');
  const base = lower.normalize('NFD').replace(/\p{M}/gu, '');
  return `${base}\u0001${lower}`;
}

/**
 * Lower or upper case one character at a time, as SQL Server's LOWER and UPPER do: a letter whose full
 * case mapping is longer (`ß` to `SS`, `İ` to `i̇`) stays as it is, so the length never changes.
 */
export function simpleLower(value: string): string {
  const lower = value.toLowerCase();
  return lower.length === value.length ? lower : oneToOne(value, toLower);
}

export function simpleUpper(value: string): string {
  const upper = value.toUpperCase();
  return upper.length === value.length ? upper : oneToOne(value, toUpper);
}

const toLower = (s: string): string => s.toLowerCase();
const toUpper = (s: string): string => s.toUpperCase();

function oneToOne(value: string, map: (s: string) => string): string {
  let out = '';
  for (const c of value) {
    const m = map(c);
    out += m.length === c.length ? m : c;
  }
  return out;
}

/** The text without its trailing spaces (U+0020), as SQL Server's padded comparisons see it. */
export function withoutTrailingSpaces(value: string): string {
  let end = value.length;
  while (end > 0 && value.charCodeAt(end - 1) === 0x20) end--;
  return value.slice(0, end);
}

const fold = (s: string): string => simpleLower(s).normalize('NFC');
const onText = <T>(fn: (a: string, b: string) => T) => (a: unknown, b: unknown): T | null =>
  typeof a === 'string' && typeof b === 'string' ? fn(fold(a), fold(b)) : null;

/**
 * Registers the functions on `db` (idempotent; {@link runQuery} also calls it).
 *
 * @example
 * registerFunctions(db); db.prepare("select odata_contains('Acme Inc', 'INC') as x").get() // { x: 1 }
 */
export function registerFunctions(db: Database.Database): void {
  const options = { deterministic: true };
  db.function('odata_ci_key', options, (x: unknown) => (typeof x === 'string' ? ciKey(x) : x));
  db.function('odata_lower', options, (x: unknown) => (typeof x === 'string' ? simpleLower(x) : x));
  db.function('odata_upper', options, (x: unknown) => (typeof x === 'string' ? simpleUpper(x) : x));
  db.function('odata_contains', options, onText((a, b) => (a.includes(b) ? 1 : 0)));
  db.function('odata_startswith', options, onText((a, b) => (a.startsWith(b) ? 1 : 0)));
  db.function('odata_endswith', options, onText((a, b) => (a.endsWith(b) ? 1 : 0)));
  db.function('odata_indexof', options, onText((a, b) => a.indexOf(b)));
  registered.add(db);
}

/** Registers the functions once per database. */
export function ensureFunctions(db: Database.Database): void {
  if (!registered.has(db)) registerFunctions(db);
}
