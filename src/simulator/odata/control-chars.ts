/**
 * @odata/parser rejects control characters (NUL, tab excepted, newline, DEL) inside string literals,
 * though a decoded query string can carry them as data, and it reads `%27` in already-decoded text as an
 * escaped quote, so a literal `%` must not reach it either. Before parsing they are swapped for code points
 * in Supplementary Private Use Area-A (U+F0000 + code), and swapped back when the literal is read.
 */
const CONTROL = /[\u0000-\u0008\u000a-\u001f\u007f%]/g;
const HIDDEN = /[\u{f0000}-\u{f007f}]/gu;
const BASE = 0xf0000;

/** @example hideControlChars("'a\nb'") // "'a\u{F000A}b'" */
export function hideControlChars(text: string): string {
  return text.replace(CONTROL, (c) => String.fromCodePoint(BASE + c.charCodeAt(0)));
}

/** @example restoreControlChars('a\u{F000A}b') // 'a\nb' */
export function restoreControlChars(text: string): string {
  return text.replace(HIDDEN, (c) => String.fromCharCode(c.codePointAt(0)! - BASE));
}
