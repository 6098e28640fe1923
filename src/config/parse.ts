import { KineticPropertyError } from '../errors.ts';

/** One `Name=Value` pair as written: `name` trimmed, in the user's spelling. */
export interface ConnectionStringEntry {
  readonly name: string;
  readonly value: string;
}

/**
 * Splits a connection string into its `Name=Value;` pairs, the way the commercial connector reads them:
 * - names are case-insensitive (the map is keyed by the lower-cased name); spaces around names and
 *   around unquoted values are trimmed;
 * - a value may be quoted with `'` or `"`; a quoted value keeps `;`, `=` and spaces, and a doubled quote
 *   inside it stands for one quote (`Password='it''s'` is `it's`);
 * - empty segments (`;;`, a trailing `;`) are ignored;
 * - when a name appears twice, the last value wins.
 *
 * Property names are not checked here (see `resolveConfig`). A segment without `=`, a missing name, an
 * unterminated quote or text after a closing quote throws `EPROPERTY` with the character position;
 * the message may name the property but never repeats any value.
 *
 * @example
 * ```ts
 * const m = parseConnectionString(`URL=https://host; password="a;b=c";`);
 * m.get('password'); // { name: 'password', value: 'a;b=c' }
 * ```
 */
export function parseConnectionString(text: string, isSecret: (name: string) => boolean = () => false): Map<string, ConnectionStringEntry> {
  const out = new Map<string, ConnectionStringEntry>();
  for (const entry of parseConnectionEntries(text, isSecret)) out.set(entry.name.toLowerCase(), entry);
  return out;
}

/** One pair as written, in order, with `afterSecret` naming the first secret property written before it. */
export interface OrderedEntry extends ConnectionStringEntry {
  /**
   * The first secret property (as spelled) that comes before this pair in the same text: when that
   * secret held an unquoted `;`, this pair may be a piece of it, so its name and value are never shown.
   */
  readonly afterSecret?: string;
}

/**
 * The pairs of a connection string in the order written, duplicates included (see
 * {@link parseConnectionString} for the syntax). `isSecret` tells which names hold secrets: errors about a
 * pair that follows one do not name it either.
 *
 * @example
 * ```ts
 * parseConnectionEntries('Password=ab;cd=ef', (n) => n.toLowerCase() === 'password');
 * // [{ name: 'Password', value: 'ab' }, { name: 'cd', value: 'ef', afterSecret: 'Password' }]
 * ```
 */
export function parseConnectionEntries(text: string, isSecret: (name: string) => boolean = () => false): OrderedEntry[] {
  const out: OrderedEntry[] = [];
  let afterSecret: string | undefined;
  let i = 0;
  while (i <= text.length) {
    const nameEnd = findFirst(text, i, '=;');
    if (nameEnd === text.length || text[nameEnd] === ';') {
      if (text.slice(i, nameEnd).trim() !== '') throw missingEquals(i + leadingSpace(text, i));
      i = nameEnd + 1;
      continue;
    }
    const name = text.slice(i, nameEnd).trim();
    if (name === '') throw new KineticPropertyError('EPROPERTY', `Connection string: "=" at character ${nameEnd + 1} has no property name before it. Write Name=Value pairs separated by ";".`);
    const shown = afterSecret === undefined ? name : `the property after ${afterSecret} (name not shown: it may be part of the ${afterSecret} value, so quote values that contain ";")`;
    const { value, next } = readValue(text, nameEnd + 1, shown, afterSecret === undefined ? name : undefined);
    out.push(afterSecret === undefined ? { name, value } : { name, value, afterSecret });
    if (afterSecret === undefined && isSecret(name)) afterSecret = name;
    i = next + 1;
  }
  return out;
}

/** Reads the value that starts at `start`; `next` is the index of the `;` that ends it (or the end). */
function readValue(text: string, start: number, name: string, subject: string | undefined): { value: string; next: number } {
  const first = start + leadingSpace(text, start);
  const quote = text[first];
  if (quote !== '"' && quote !== "'") {
    const end = findFirst(text, start, ';');
    return { value: text.slice(start, end).trim(), next: end };
  }
  let value = '';
  let i = first + 1;
  for (;;) {
    const close = text.indexOf(quote, i);
    if (close < 0) {
      throw new KineticPropertyError(
        'EPROPERTY',
        `Connection string: the value of ${name} opens a quote at character ${first + 1} that is never closed. ` +
          `Close the quote, and double any ${quote} inside the value.`,
        subject === undefined ? {} : { name: subject },
      );
    }
    value += text.slice(i, close);
    if (text[close + 1] === quote) {
      value += quote;
      i = close + 2;
      continue;
    }
    const after = close + 1 + leadingSpace(text, close + 1);
    if (after < text.length && text[after] !== ';') {
      throw new KineticPropertyError(
        'EPROPERTY',
        `Connection string: unexpected text at character ${after + 1}, after the closing quote of ${name}'s value. ` +
          `Put the whole value inside the quotes and double any ${quote} inside it.`,
        subject === undefined ? {} : { name: subject },
      );
    }
    return { value, next: after };
  }
}

function missingEquals(position: number): KineticPropertyError {
  // The segment's text is not repeated: it may be part of a password that held an unquoted ";".
  return new KineticPropertyError(
    'EPROPERTY',
    `Connection string: expected Name=Value at character ${position + 1}, but that part has no "=". ` +
      `Separate properties with ";" and quote values that contain ";" (Password="a;b").`,
  );
}

function findFirst(text: string, from: number, chars: string): number {
  for (let i = from; i < text.length; i++) if (chars.includes(text[i]!)) return i;
  return text.length;
}

function leadingSpace(text: string, from: number): number {
  let n = 0;
  while (from + n < text.length && /\s/.test(text[from + n]!)) n++;
  return n;
}
