import { decodeComponent } from './query-string.ts';

/**
 * Splits a raw pathname into decoded segments. A `/` inside a quoted key (`Customers('A/B',4)`) does not
 * split; `''` inside quotes is an escaped quote. A trailing slash yields a final empty segment.
 */
export function splitPath(pathname: string): string[] {
  const out: string[] = [];
  let current = '';
  let depth = 0;
  let quoted = false;
  for (const ch of pathname.startsWith('/') ? pathname.slice(1) : pathname) {
    if (ch === "'" && depth > 0) quoted = !quoted;
    else if (!quoted && ch === '(') depth++;
    else if (!quoted && ch === ')') depth = Math.max(0, depth - 1);
    if (ch === '/' && !quoted && depth === 0) {
      out.push(current);
      current = '';
    } else current += ch;
  }
  out.push(current);
  return out.map(decodeComponent);
}

/** A segment split into its name and the text of its key predicate (`Customers('EPIC06',45)`). */
export interface Segment {
  readonly name: string;
  readonly predicate?: string;
}

/** Parses `Name` or `Name(predicate)`; anything after the closing parenthesis makes it unparseable. */
export function parseSegment(segment: string): Segment | undefined {
  const open = segment.indexOf('(');
  if (open < 0) return { name: segment };
  if (!segment.endsWith(')')) return undefined;
  return { name: segment.slice(0, open), predicate: segment.slice(open + 1, -1) };
}
