import { KineticSqlError } from '../errors.ts';
import { parseExec, parseRefreshMetadata } from './special-statements.ts';
import type { ParamRef } from './ir/expr.ts';
import type { SetOperator } from './ir/select.ts';
import type { ParsedStatement, ParamStyle } from './ir/statement.ts';
import { positionOf } from './position.ts';
import { scan, syntax } from './scanner.ts';
import type { Token } from './scanner.ts';

/** Longest SQL text accepted: node-sql-parser can take very long on huge or deeply nested input. */
export const MAX_SQL_LENGTH = 100_000;
const MAX_NESTING = 200;
// Half of a surrogate pair without the other half: not a character, and not encodable as UTF-8.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * What the lexer took out of the text because node-sql-parser cannot carry it, for the IR conversion to
 * put back. The conversion visits SELECT blocks and set operators in the order the text has them.
 */
export interface LexerHints {
  /** The exact text of numeric literals a double would round, by marker number (`:x1` is `numbers[0]`). */
  readonly numbers: readonly string[];
  /** `TOP (?)` / `TOP (@n)`: the parameter, by SELECT block (0-based, in text order). */
  readonly tops: ReadonlyMap<number, ParamRef>;
  /** Every UNION, INTERSECT and EXCEPT in text order (the parser only knows UNION). */
  readonly setOps: readonly { readonly op: SetOperator; readonly all: boolean }[];
  /** `LIKE p ESCAPE 'c'`: the escape character, by LIKE (0-based, in text order); the grammar has no ESCAPE. */
  readonly escapes: ReadonlyMap<number, string>;
  /** Which CASTs (0-based, in text order) were written TRY_CAST: the grammar has no TRY_CAST. */
  readonly tryCasts: ReadonlySet<number>;
}

/** SQL text ready for node-sql-parser, with a way back to positions in the text the user wrote. */
export interface LexedSql {
  readonly kind: 'sql';
  /**
   * The rewritten text: `?` -> `:q1`, `@name` -> `:n_name`, long numbers -> `:x1`, `"x"` -> `[x]`,
   * comments blanked. The three marker forms never collide: the user cannot write `:` markers (the
   * scanner refuses them), and each form has its own prefix.
   */
  readonly text: string;
  readonly params: ParamStyle;
  readonly hints: LexerHints;
  /** Maps an offset in `text` to the offset in the original SQL. */
  readonly originalOffset: (offset: number) => number;
}

/** A statement the lexer understood by itself (EXEC, REFRESH METADATA). */
export interface LexedSpecial {
  readonly kind: 'special';
  readonly parsed: ParsedStatement;
}

interface Edit { readonly start: number; readonly end: number; readonly text: string }

/**
 * First step of every statement: recognises EXEC and REFRESH METADATA itself, and otherwise rewrites
 * the text into something node-sql-parser's transactsql grammar accepts.
 *
 * @example
 * ```ts
 * const lexed = lex('SELECT Name FROM Customers WHERE State = ? AND City = ?');
 * // { kind: 'sql', text: 'SELECT Name FROM Customers WHERE State = :q1 AND City = :q2', params: { kind: 'positional', count: 2 }, ... }
 * ```
 */
export function lex(sql: string): LexedSql | LexedSpecial {
  if (sql.length > MAX_SQL_LENGTH) {
    throw new KineticSqlError('ESQL_UNSUPPORTED', `The SQL text is ${sql.length} characters long; the limit is ${MAX_SQL_LENGTH}. Split the statement or bind long values as parameters.`);
  }
  const lone = LONE_SURROGATE.exec(sql);
  if (lone) {
    const code = lone[0].charCodeAt(0).toString(16).toUpperCase();
    throw syntax(sql, lone.index, `a lone UTF-16 surrogate (U+${code}, half of a character) cannot be sent to Epicor, which reads UTF-8: fix the text's encoding or remove it`);
  }
  const { tokens, comments } = scan(sql);
  const first = tokens[0]?.type === 'word' ? tokens[0].value.toUpperCase() : '';
  if (first === 'EXEC' || first === 'EXECUTE') {
    // In `EXEC p @Name = ?`, @Name names the argument: it is not a parameter marker.
    const markers = tokens.filter((t, i) => !(t.type === 'named' && tokens[i + 1]?.raw === '='));
    return { kind: 'special', parsed: { statement: parseExec(sql, tokens), params: paramStyle(markers) } };
  }
  const params = paramStyle(tokens);
  if (first === 'REFRESH' && tokens[1]?.value.toUpperCase() === 'METADATA') {
    return { kind: 'special', parsed: { statement: parseRefreshMetadata(sql, tokens), params } };
  }
  const edits: Edit[] = comments.map((c) => ({ start: c.start, end: c.end, text: sql.slice(c.start, c.end).replace(/[^\n]/g, ' ') }));
  // Before the token edits: an edit of the same token (`"x"` -> `[x]`) must come after this insertion.
  edits.push(...deleteFromEdits(tokens));
  const numbers: string[] = [];
  const tops = new Map<number, ParamRef>();
  const setOps: { op: SetOperator; all: boolean }[] = [];
  const escapes = new Map<number, string>();
  const tryCasts = new Set<number>();
  let likes = 0;
  let casts = 0;
  let positional = 0;
  let depth = 0;
  let selects = 0;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i] as Token;
    if (t.raw === '(' && ++depth > MAX_NESTING) {
      throw new KineticSqlError('ESQL_UNSUPPORTED', `Parentheses are nested more than ${MAX_NESTING} deep; simplify the statement.`);
    }
    if (t.raw === ')') depth--;
    const word = t.type === 'word' ? t.value.toUpperCase() : '';
    if (word === 'SELECT') selects++;
    if ((word === 'CAST' || word === 'TRY_CAST') && tokens[i + 1]?.raw === '(') {
      if (word === 'TRY_CAST') {
        tryCasts.add(casts);
        edits.push({ start: t.start, end: t.end, text: 'CAST' });
      }
      casts++;
      continue;
    }
    if (word === 'LIKE') {
      likes++;
      // The grammar takes `LIKE '%' + ? + '%'` only in parentheses.
      const span = concatenation(tokens, i + 1);
      if (span) edits.push({ start: (tokens[span[0]] as Token).start, end: (tokens[span[0]] as Token).start, text: '(' }, { start: (tokens[span[1]] as Token).end, end: (tokens[span[1]] as Token).end, text: ')' });
    }
    if (word === 'ESCAPE' && tokens[i + 1]?.type === 'string' && likes > 0) {
      const escape = tokens[i + 1] as Token;
      if ([...escape.value].length !== 1) throw syntax(sql, escape.start, 'the ESCAPE of LIKE is one character');
      escapes.set(likes - 1, escape.value);
      edits.push({ start: t.start, end: escape.end, text: '' });
      i++;
      continue;
    }
    if (word === 'UNION' || word === 'INTERSECT' || word === 'EXCEPT') {
      setOps.push({ op: word.toLowerCase() as SetOperator, all: tokens[i + 1]?.type === 'word' && tokens[i + 1]!.value.toUpperCase() === 'ALL' });
      // transactsql parses UNION only; the hints say which operator each one was.
      if (word !== 'UNION') edits.push({ start: t.start, end: t.end, text: 'UNION' });
      continue;
    }
    const top = word === 'TOP' ? topParameter(tokens, i) : undefined;
    if (top) {
      const ref: ParamRef = top.marker.type === 'qmark' ? { kind: 'param', by: 'position', index: positional++ } : { kind: 'param', by: 'name', name: top.marker.value };
      tops.set(selects - 1, ref);
      // The grammar takes TOP with a number only: a placeholder count, replaced by the hint.
      edits.push({ start: t.start, end: (tokens[top.last] as Token).end, text: 'TOP 1' });
      i = top.last;
      continue;
    }
    const text = rewrite(sql, t, () => ++positional, numbers);
    if (text !== undefined) edits.push({ start: t.start, end: t.end, text });
  }
  edits.push(...offsetFetchEdits(tokens), ...selectAllEdits(tokens));
  rejectWithTies(sql, tokens);
  return apply(sql, edits.sort((a, b) => a.start - b.start), params, { numbers, tops, setOps, escapes, tryCasts });
}

/** `TOP (?)`, `TOP ?`, `TOP (@n)`, `TOP @n`: the marker token and the index of the last token of the clause. */
function topParameter(tokens: readonly Token[], i: number): { marker: Token; last: number } | undefined {
  const isMarker = (t: Token | undefined): boolean => t?.type === 'qmark' || t?.type === 'named';
  const next = tokens[i + 1];
  if (next && isMarker(next)) return { marker: next, last: i + 1 };
  const inner = tokens[i + 2];
  if (next?.raw === '(' && inner && isMarker(inner) && tokens[i + 3]?.raw === ')') return { marker: inner, last: i + 3 };
  return undefined;
}

/**
 * `'%' + ? + '%'`, `Name + '%'`, `CONCAT(...) + x`: the first and last token indexes of a concatenation
 * starting at `from` (operands joined by `+` or `||`), or undefined when there is no operator.
 */
function concatenation(tokens: readonly Token[], from: number): readonly [number, number] | undefined {
  const operandEnd = (i: number): number | undefined => {
    const t = tokens[i];
    if (!t) return undefined;
    if (t.type === 'string' || t.type === 'qmark' || t.type === 'named' || t.type === 'number') return i;
    if (t.raw === '(' || t.type === 'word' || t.type === 'bracket' || t.type === 'dquote') {
      let j = i;
      if (t.raw !== '(') {
        // N'x', dotted names and function calls.
        if (t.type === 'word' && t.value.toUpperCase() === 'N' && tokens[i + 1]?.type === 'string') return i + 1;
        while (tokens[j + 1]?.raw === '.' && tokens[j + 2]) j += 2;
        if (tokens[j + 1]?.raw !== '(') return j;
        j++;
      }
      let depth = 0;
      for (; j < tokens.length; j++) {
        if ((tokens[j] as Token).raw === '(') depth++;
        if ((tokens[j] as Token).raw === ')' && --depth === 0) return j;
      }
    }
    return undefined;
  };
  let end = operandEnd(from);
  if (end === undefined) return undefined;
  let joined = false;
  while (tokens[end + 1]?.raw === '+' || (tokens[end + 1]?.raw === '|' && tokens[end + 2]?.raw === '|')) {
    const next = operandEnd(end + (tokens[end + 1]?.raw === '+' ? 2 : 3));
    if (next === undefined) return undefined;
    end = next;
    joined = true;
  }
  return joined ? [from, end] : undefined;
}

/**
 * T-SQL's FROM is optional in `DELETE Customers WHERE …`; the grammar needs `DELETE FROM`. Not for
 * `DELETE TOP …` or `DELETE c FROM Customers c` (the target named before FROM).
 */
function deleteFromEdits(tokens: readonly Token[]): Edit[] {
  const isWord = (t: Token | undefined, ...words: string[]): boolean => t?.type === 'word' && words.includes(t.value.toUpperCase());
  const name = tokens[1];
  if (!isWord(tokens[0], 'DELETE') || !name || !['word', 'bracket', 'dquote'].includes(name.type) || isWord(name, 'FROM', 'TOP')) return [];
  let last = 1;
  while (tokens[last + 1]?.raw === '.' && tokens[last + 2]) last += 2;
  return isWord(tokens[last + 1], 'FROM') ? [] : [{ start: name.start, end: name.start, text: 'FROM ' }];
}

/** `SELECT ALL` means plain SELECT (as opposed to DISTINCT); the grammar does not take it. */
function selectAllEdits(tokens: readonly Token[]): Edit[] {
  return tokens.flatMap((t, i) =>
    t.type === 'word' && t.value.toUpperCase() === 'ALL' && tokens[i - 1]?.type === 'word' && tokens[i - 1]!.value.toUpperCase() === 'SELECT'
      ? [{ start: t.start, end: t.end, text: '' }]
      : [],
  );
}

/** The grammar mis-reads `TOP n WITH TIES`; say plainly that it is not supported. */
function rejectWithTies(sql: string, tokens: readonly Token[]): void {
  tokens.forEach((t, i) => {
    if (t.type === 'word' && t.value.toUpperCase() === 'WITH' && tokens[i + 1]?.type === 'word' && tokens[i + 1]!.value.toUpperCase() === 'TIES') {
      const { line, column } = positionOf(sql, t.start);
      throw new KineticSqlError('ESQL_UNSUPPORTED', `TOP ... WITH TIES (line ${line}, column ${column}) is not supported yet: use TOP n without WITH TIES.`, { line, column });
    }
  });
}

/** `FETCH NEXT n ROWS` with no limit: the grammar wants FETCH after OFFSET; 2^53-1 rows means no limit. */
export const NO_LIMIT = Number.MAX_SAFE_INTEGER;

/**
 * transactsql takes only `OFFSET m ROWS FETCH NEXT n ROWS ONLY`; T-SQL also allows ROW, FETCH FIRST, and
 * OFFSET without FETCH. Rewrite those into the form the grammar takes.
 */
function offsetFetchEdits(tokens: readonly Token[]): Edit[] {
  const upper = (t: Token | undefined): string => (t?.type === 'word' ? t.value.toUpperCase() : '');
  const edits: Edit[] = [];
  tokens.forEach((t, i) => {
    const word = upper(t);
    if (word === 'FIRST' && upper(tokens[i - 1]) === 'FETCH') edits.push({ start: t.start, end: t.end, text: 'NEXT' });
    if (word !== 'ROW' && word !== 'ROWS') return;
    const clause = upper(tokens[i - 2]);
    if (clause === 'OFFSET' && upper(tokens[i + 1]) !== 'FETCH') {
      edits.push({ start: t.start, end: t.end, text: `ROWS FETCH NEXT ${NO_LIMIT} ROWS ONLY` });
    } else if (word === 'ROW' && (clause === 'OFFSET' || clause === 'NEXT' || clause === 'FIRST')) {
      edits.push({ start: t.start, end: t.end, text: 'ROWS' });
    }
  });
  return edits;
}

function rewrite(sql: string, t: Token, nextPositional: () => number, numbers: string[]): string | undefined {
  switch (t.type) {
    case 'qmark': return `:${POSITIONAL_MARKER}${nextPositional()}`;
    case 'named': return `:${NAMED_MARKER}${t.value}`;
    case 'bracket':
    case 'dquote':
      // transactsql reads "x" as a string and does not take ]] inside brackets: use [x], and refuse ].
      if (t.value.includes(']')) throw new KineticSqlError('ESQL_UNSUPPORTED', `The name ${t.raw} contains "]", which is not supported yet.`);
      return t.type === 'dquote' ? `[${t.value}]` : undefined;
    case 'punct':
      if (t.raw === '{' || t.raw === '}') throw syntax(sql, t.start, 'ODBC escape sequences { } are not supported');
      return undefined;
    case 'number':
      if (!inexactNumber(t.raw)) return undefined;
      numbers.push(t.raw);
      return `:${NUMBER_MARKER}${numbers.length}`;
    default: return undefined;
  }
}

/** Prefixes of the parameter markers the lexer writes for node-sql-parser (`:q1`, `:n_zip`, `:x1`). */
export const POSITIONAL_MARKER = 'q';
export const NAMED_MARKER = 'n_';
export const NUMBER_MARKER = 'x';

// node-sql-parser reads 0.1234567890123456789 as a double (...6774) and refuses nothing: a literal with
// more significant digits than a double keeps, or with an exponent, travels as a marker, and becomes a
// number literal with its exact text again in the IR (LexerHints.numbers).
function inexactNumber(raw: string): boolean {
  return /e/i.test(raw) || raw.replace(/^0*\.?0*|\./g, '').length > 15;
}

function paramStyle(tokens: readonly Token[]): ParamStyle {
  let count = 0;
  const names = new Map<string, string>();
  for (const t of tokens) {
    if (t.type === 'qmark') count++;
    else if (t.type === 'named' && !names.has(t.value.toLowerCase())) names.set(t.value.toLowerCase(), t.value);
  }
  if (count > 0 && names.size > 0) {
    throw new KineticSqlError('EPARAM', 'The statement mixes ? and @name parameters: use one style (an array binds ?, an object binds @name).');
  }
  if (count > 0) return { kind: 'positional', count };
  if (names.size > 0) return { kind: 'named', names: [...names.values()] };
  return { kind: 'none' };
}

function apply(sql: string, edits: readonly Edit[], params: ParamStyle, hints: LexerHints): LexedSql {
  let text = '';
  let at = 0;
  // (start in text, original start, original end, end in text) of each length-changing edit.
  const shifts: Array<readonly [number, number, number, number]> = [];
  for (const e of edits) {
    text += sql.slice(at, e.start);
    const outStart = text.length;
    text += e.text;
    if (e.text.length !== e.end - e.start) shifts.push([outStart, e.start, e.end, text.length]);
    at = e.end;
  }
  text += sql.slice(at);
  const originalOffset = (offset: number): number => {
    let orig = offset;
    for (const [outStart, start, end, outEnd] of shifts) {
      if (offset < outStart) break;
      orig = offset < outEnd ? start : end + (offset - outEnd);
    }
    return orig;
  };
  return { kind: 'sql', text, params, hints, originalOffset };
}
