import { KineticSqlError } from '../errors.ts';
import { positionOf, syntaxMessage } from './position.ts';

/** One lexical token of the SQL text. Whitespace and comments are not tokens. */
export interface Token {
  readonly type: 'word' | 'bracket' | 'dquote' | 'string' | 'number' | 'qmark' | 'named' | 'punct';
  /** Exact source text of the token. */
  readonly raw: string;
  /** Decoded value: identifier name without delimiters, string without quotes, `@name` without `@`. */
  readonly value: string;
  readonly start: number;
  readonly end: number;
}

/** A comment: the rewriter blanks it out, keeping newlines so that positions stay true. */
export interface Comment {
  readonly start: number;
  readonly end: number;
}

export interface Scanned {
  readonly tokens: readonly Token[];
  readonly comments: readonly Comment[];
}

const WORD_START = /[A-Za-z_#\u0080-\uffff]/;
const WORD_PART = /[A-Za-z0-9_#$\u0080-\uffff]/;
const NAMED = /[A-Za-z_][A-Za-z0-9_]*/y;
const NUMBER = /(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?/y;

/**
 * Splits SQL text into tokens, honouring '…' strings (with '' inside), [bracket] and "quoted" names,
 * -- and /* *\/ comments, `?` markers and `@name` parameters.
 *
 * @example
 * ```ts
 * scan("SELECT [Name] FROM Customers WHERE City = ?").tokens.map((t) => t.type);
 * // ['word', 'bracket', 'word', 'word', 'word', 'word', 'punct', 'qmark']
 * ```
 */
export function scan(sql: string): Scanned {
  const tokens: Token[] = [];
  const comments: Comment[] = [];
  let i = 0;
  while (i < sql.length) {
    const c = sql[i] as string;
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r' || c === '\f' || c === '\v') { i++; continue; }
    if (c === '-' && sql[i + 1] === '-') {
      const nl = sql.indexOf('\n', i);
      const end = nl === -1 ? sql.length : nl;
      comments.push({ start: i, end });
      i = end;
      continue;
    }
    if (c === '/' && sql[i + 1] === '*') {
      const close = sql.indexOf('*/', i + 2);
      if (close === -1) throw syntax(sql, i, 'the /* comment is never closed with */');
      comments.push({ start: i, end: close + 2 });
      i = close + 2;
      continue;
    }
    const token = scanToken(sql, i);
    tokens.push(token);
    i = token.end;
  }
  return { tokens, comments };
}

function scanToken(sql: string, i: number): Token {
  const c = sql[i] as string;
  if (c === "'") return delimited(sql, i, "'", 'string', 'string');
  if (c === '[') return delimited(sql, i, ']', 'bracket', 'name in [brackets]');
  if (c === '"') return delimited(sql, i, '"', 'dquote', '"quoted" name');
  if (c === '?') return { type: 'qmark', raw: '?', value: '?', start: i, end: i + 1 };
  if (c === '@' || c === ':') {
    NAMED.lastIndex = i + 1;
    const m = NAMED.exec(sql);
    if (m) {
      const raw = sql.slice(i, i + 1 + m[0].length);
      if (c === ':') throw syntax(sql, i, `${raw} is not a parameter marker here: use ? or @name`);
      return { type: 'named', raw, value: m[0], start: i, end: i + raw.length };
    }
    if (c === '@') throw syntax(sql, i, 'a parameter needs a name after @ (for example @zipCode)');
  }
  if (c >= '0' && c <= '9' || (c === '.' && /\d/.test(sql[i + 1] ?? ''))) {
    NUMBER.lastIndex = i;
    const m = NUMBER.exec(sql) as RegExpExecArray;
    return { type: 'number', raw: m[0], value: m[0], start: i, end: i + m[0].length };
  }
  if (WORD_START.test(c)) {
    let j = i + 1;
    while (j < sql.length && WORD_PART.test(sql[j] as string)) j++;
    const raw = sql.slice(i, j);
    return { type: 'word', raw, value: raw, start: i, end: j };
  }
  const two = sql.slice(i, i + 2);
  const raw = two === '<>' || two === '!=' || two === '<=' || two === '>=' ? two : c;
  return { type: 'punct', raw, value: raw, start: i, end: i + raw.length };
}

/** A token closed by `close`, where a doubled `close` stands for one (`'it''s'`, `[a]]b]`, `"a""b"`). */
function delimited(sql: string, i: number, close: string, type: Token['type'], what: string): Token {
  let j = i + 1;
  let value = '';
  for (;;) {
    const k = sql.indexOf(close, j);
    if (k === -1) throw syntax(sql, i, `the ${what} starting here is never closed with ${close}`);
    value += sql.slice(j, k);
    if (sql[k + 1] === close) { value += close; j = k + 2; continue; }
    return { type, raw: sql.slice(i, k + 1), value, start: i, end: k + 1 };
  }
}

/** An ESQL_SYNTAX error at an offset of the original text. */
export function syntax(sql: string, offset: number, message: string): KineticSqlError {
  const pos = positionOf(sql, offset);
  return new KineticSqlError('ESQL_SYNTAX', syntaxMessage(pos, message), { line: pos.line, column: pos.column });
}
