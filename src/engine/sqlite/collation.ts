/**
 * SQL Server's comparison rules for Epicor's strings, as a key. Epicor installs SQL_Latin1_General_CP1_CI_AS
 * and its columns are nvarchar; for Unicode data SQL Server applies that collation's Windows (Unicode) rules:
 * case-insensitive, accent-sensitive, width-insensitive, `ß` equal to `ss`, `œ` to `oe`, `æ` to `ae`, and
 * `=` ignores trailing spaces. better-sqlite3 cannot register a collation, so the engine compares and sorts
 * on `ss_fold(x)`: two strings are equal on the server exactly when their keys are equal, and ordering by
 * the key follows the server's order closely.
 *
 * The key is `primary \u0001 secondary`: primary is the text with accents removed (so 'é' sorts between
 * 'e' and 'f', as SQL Server's primary weights do), secondary the full folded text (so 'e' < 'é' when the
 * rest is equal). Known differences in ORDER BY (never in equality):
 * - punctuation sorts before digits and letters, in ASCII order among itself; Windows collations have their
 *   own order of symbols, and give the hyphen and apostrophe almost no weight ("word sort": 'coop' and
 *   'co-op' sort next to each other there, here '-' sorts before every letter);
 * - letters outside Latin compare by code point;
 * - secondary (accent) differences compare left to right by code point, not by SQL Server's accent weights.
 * And in equality: only the expansions ß/ss, æ/ae, œ/oe and NFKC's compatibility forms (ﬁ/fi, full-width
 * letters) are known; C0 control characters other than tab, LF, VT, FF and CR are ignored, as Windows
 * collations ignore them (N'a' + NCHAR(0) = N'a').
 */

const EXPANSIONS: Readonly<Record<string, string>> = { ß: 'ss', æ: 'ae', œ: 'oe', ẞ: 'ss' };
// Letters with no Unicode decomposition that Latin1_General weighs as their base letter plus a diacritic.
const BASE_LETTERS: Readonly<Record<string, string>> = { ø: 'o', đ: 'd', ł: 'l', ħ: 'h', ŧ: 't', ı: 'i' };

// Whitespace and ASCII punctuation are moved below the digits (0x30) in the primary key: SQL Server sorts
// symbols before digits and digits before letters, where ASCII puts ':' '@' '[' '_' '{' '~' among them.
const SYMBOLS = '\t\n\v\f\r !"#$%&\'()*+,-./:;<=>?@[\\]^_`{|}~';
const SYMBOL_KEY = new Map([...SYMBOLS].map((c, i) => [c, String.fromCharCode(0x02 + i)]));

/** Trailing U+0020 spaces removed: SQL Server pads the shorter string with spaces before comparing. */
export const rtrimSpaces = (s: string): string => s.replace(/ +$/, '');

/**
 * The text folded as the collation compares it (lower case, NFKC, expansions), without the trailing
 * spaces. Equal folds mean equal strings on the server.
 */
export function foldText(value: string): string {
  let s = rtrimSpaces(value);
  if (!/^[\x20-\x7e]*$/.test(s)) {
    s = s.normalize('NFKC').toLowerCase().replace(/[\x00-\x08\x0e-\x1f]/g, '').replace(/[ßæœẞ]/g, (c) => EXPANSIONS[c] ?? c);
    return s.normalize('NFC');
  }
  return s.toLowerCase();
}

function primaryOf(folded: string): string {
  let base = /^[\x20-\x7e]*$/.test(folded) ? folded : folded.normalize('NFD').replace(/\p{M}/gu, '');
  base = base.replace(/[øđłħŧı]/g, (c) => BASE_LETTERS[c] ?? c);
  let out = '';
  for (const c of base) out += SYMBOL_KEY.get(c) ?? c;
  return out;
}

/**
 * The comparison and sort key of SQL_Latin1_General_CP1_CI_AS for nvarchar.
 *
 * @example
 * collationKey('MN ') === collationKey('mn') // true: case and trailing spaces
 * collationKey('É') === collationKey('é')    // true
 * collationKey('é') === collationKey('e')    // false: accent-sensitive
 */
export function collationKey(value: string): string {
  const folded = foldText(value);
  return `${primaryOf(folded)}\u0001${folded}`;
}

/**
 * One UTF-16 unit folded to one unit, for the functions that must keep positions (CHARINDEX, REPLACE,
 * LIKE): lower case when the lower case is a single unit. Expansions (ß/ss) are not applied there.
 */
export function foldUnit(c: string): string {
  const lower = c.toLowerCase();
  return lower.length === 1 ? lower : c;
}

/** The text folded unit by unit: same length as the input, so an index in one is an index in the other. */
export function foldUnits(s: string): string {
  if (/^[\x00-\x7f]*$/.test(s)) return s.toLowerCase();
  let out = '';
  for (let i = 0; i < s.length; i++) out += foldUnit(s[i]!);
  return out;
}

/** Compares two single characters as the collation orders them (for LIKE ranges such as `[a-f]`). */
export function compareChars(a: string, b: string): number {
  const ka = collationKey(a);
  const kb = collationKey(b);
  return ka < kb ? -1 : ka > kb ? 1 : 0;
}

/** Equality as SQL Server's `=` on two strings (case-insensitive, accent-sensitive, trailing spaces ignored). */
export const collationEquals = (a: string, b: string): boolean => foldText(a) === foldText(b);
