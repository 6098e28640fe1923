/**
 * SQL Server's LIKE and PATINDEX patterns: `%`, `_`, `[a-c]`, `[^a]`, `[%]`, ESCAPE, compared as the
 * collation compares (case-insensitive, accent-sensitive; a range `[a-f]` holds the letters the collation
 * sorts between its ends, so `[a-f]` matches 'é' as it does on SQL Server).
 *
 * Trailing spaces: Epicor's columns are nvarchar, and SQL Server matches Unicode data with trailing spaces
 * significant on both sides: N'MN ' LIKE N'MN' is false, N'MN' LIKE N'MN ' is false, N'MN ' LIKE N'MN%'
 * is true. (Only varchar-with-varchar LIKE ignores the value's trailing spaces; that never happens against
 * an Epicor column.) A pattern with an unclosed `[` or ending in the escape character matches nothing.
 */
import { compareChars, foldUnit, foldUnits } from './collation.ts';
import { SqlServerFunctionError } from './function-error.ts';

type Token =
  | { readonly kind: 'char'; readonly c: string }
  | { readonly kind: 'one' }
  | { readonly kind: 'many' }
  | { readonly kind: 'set'; readonly negated: boolean; readonly items: readonly (readonly [string, string])[] };

/** A compiled pattern, or `null` for a malformed one (which matches nothing). */
type Compiled = readonly Token[] | null;

const cache = new Map<string, Compiled>();
const CACHE_SIZE = 256;

function parseSet(p: string, start: number, escape: string | undefined): { token: Token; end: number } | null {
  let i = start;
  let negated = false;
  if (p[i] === '^') {
    negated = true;
    i++;
  }
  const chars: string[] = [];
  const literal: boolean[] = [];
  for (; i < p.length && p[i] !== ']'; i++) {
    const escaped = p[i] === escape && i + 1 < p.length;
    if (escaped) i++;
    chars.push(p[i]!);
    literal.push(escaped);
  }
  if (i >= p.length) return null;
  const items: (readonly [string, string])[] = [];
  for (let k = 0; k < chars.length; k++) {
    const c = chars[k]!;
    if (chars[k + 1] === '-' && !literal[k + 1] && k + 2 < chars.length) {
      items.push([c, chars[k + 2]!]);
      k += 2;
    } else items.push([c, c]);
  }
  return { token: { kind: 'set', negated, items }, end: i };
}

function compile(pattern: string, escape: string | undefined): Compiled {
  const tokens: Token[] = [];
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]!;
    if (c === escape) {
      if (i + 1 >= pattern.length) return null;
      tokens.push({ kind: 'char', c: foldUnit(pattern[++i]!) });
    } else if (c === '%') {
      if (tokens.at(-1)?.kind !== 'many') tokens.push({ kind: 'many' });
    } else if (c === '_') tokens.push({ kind: 'one' });
    else if (c === '[') {
      const set = parseSet(pattern, i + 1, escape);
      if (set === null) return null;
      tokens.push(set.token);
      i = set.end;
    } else tokens.push({ kind: 'char', c: foldUnit(c) });
  }
  return tokens;
}

function compiled(pattern: string, escape: string | undefined): Compiled {
  const key = `${escape ?? ''}\u0000${pattern}`;
  let hit = cache.get(key);
  if (hit === undefined && !cache.has(key)) {
    hit = compile(pattern, escape);
    if (cache.size >= CACHE_SIZE) cache.delete(cache.keys().next().value!);
    cache.set(key, hit);
  }
  return hit ?? null;
}

function inSet(token: Extract<Token, { kind: 'set' }>, c: string): boolean {
  const f = foldUnit(c);
  const hit = token.items.some(([lo, hi]) =>
    lo === hi ? foldUnit(lo) === f : compareChars(lo, c) <= 0 && compareChars(c, hi) <= 0);
  return hit !== token.negated;
}

/**
 * `row[i]` is true when `tokens[from..]` matches `s[i..]` to its end: a dynamic program over the
 * pattern from its end, O(pattern x text) time and O(text) memory, so no pattern backtracks exponentially.
 */
function suffixMatches(tokens: readonly Token[], from: number, s: string): boolean[] {
  const n = s.length;
  const folded = foldUnits(s);
  let next: boolean[] = Array.from({ length: n + 1 }, (_, i) => i === n);
  for (let j = tokens.length - 1; j >= from; j--) {
    const t = tokens[j]!;
    const cur: boolean[] = new Array<boolean>(n + 1).fill(false);
    for (let i = n; i >= 0; i--) {
      if (t.kind === 'many') cur[i] = next[i]! || (i < n && cur[i + 1]!);
      else if (i < n) {
        const ok = t.kind === 'one' || (t.kind === 'char' ? folded[i] === t.c : inSet(t, s[i]!));
        cur[i] = ok && next[i + 1]!;
      }
    }
    next = cur;
  }
  return next;
}

function escapeChar(escape: string | null | undefined): string | undefined {
  if (escape === undefined || escape === null) return undefined;
  if (escape.length !== 1) throw new SqlServerFunctionError(506, `The invalid escape character "${escape}" was specified in a LIKE predicate.`);
  return escape;
}

/** SQL Server's `value LIKE pattern [ESCAPE escape]` on non-NULL text. */
export function like(value: string, pattern: string, escape?: string | null): boolean {
  const tokens = compiled(pattern, escapeChar(escape));
  return tokens !== null && suffixMatches(tokens, 0, value)[0]!;
}

/** SQL Server's PATINDEX: the 1-based position where the pattern first matches, 0 when it does not. */
export function patIndex(pattern: string, value: string): number {
  const tokens = compiled(pattern, undefined);
  if (tokens === null) return 0;
  if (tokens[0]?.kind !== 'many') return suffixMatches(tokens, 0, value)[0] ? 1 : 0;
  const row = suffixMatches(tokens, 1, value);
  const i = row.indexOf(true);
  return i < 0 ? 0 : i + 1;
}
