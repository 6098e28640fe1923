/**
 * Splits OData text into quoted string literals and the text between them, so that pre-passes and
 * diagnostics never look inside a string literal (`'it''s'` is one segment; `''` is an escaped quote).
 */
export interface Segment {
  readonly quoted: boolean;
  /** The text; a quoted segment includes its quotes. An unterminated quote runs to the end. */
  readonly text: string;
}

/**
 * @example
 * splitQuoted("Name eq 'it''s' and X") // [{quoted:false,text:'Name eq '},{quoted:true,text:"'it''s'"},{quoted:false,text:' and X'}]
 */
export function splitQuoted(text: string): Segment[] {
  const out: Segment[] = [];
  let start = 0;
  let i = 0;
  while (i < text.length) {
    if (text[i] !== "'") {
      i++;
      continue;
    }
    if (i > start) out.push({ quoted: false, text: text.slice(start, i) });
    const end = closingQuote(text, i + 1);
    out.push({ quoted: true, text: text.slice(i, end) });
    start = i = end;
  }
  if (start < text.length) out.push({ quoted: false, text: text.slice(start) });
  return out;
}

/** Index just past the quote closing a literal whose body starts at `from` (doubled quotes are escapes). */
function closingQuote(text: string, from: number): number {
  let i = from;
  while (i < text.length) {
    if (text[i] === "'") {
      if (text[i + 1] === "'") {
        i += 2;
        continue;
      }
      return i + 1;
    }
    i++;
  }
  return text.length;
}

/** The text outside string literals, literals replaced by `''` (for scanning operators and names). */
export function unquotedText(text: string): string {
  return splitQuoted(text)
    .map((s) => (s.quoted ? "''" : s.text))
    .join('');
}

/**
 * Splits on `separator` where it is outside string literals and parentheses (used for `$expand` items
 * and their `;`-separated nested options).
 *
 * @example
 * splitTopLevel("A($filter=X eq 'a,b'),B", ',') // ["A($filter=X eq 'a,b')", 'B']
 */
export function splitTopLevel(text: string, separator: string): string[] {
  const parts: string[] = [];
  let current = '';
  let depth = 0;
  for (const seg of splitQuoted(text)) {
    if (seg.quoted) {
      current += seg.text;
      continue;
    }
    for (const ch of seg.text) {
      if (ch === '(') depth++;
      if (ch === ')') depth--;
      if (ch === separator && depth === 0) {
        parts.push(current);
        current = '';
      } else current += ch;
    }
  }
  parts.push(current);
  return parts;
}
