import { KineticSqlError } from '../errors.ts';
import { parseExec, parseRefreshMetadata } from './special-statements.ts';
import type { ParsedStatement, ParamStyle } from './ir/statement.ts';
import { positionOf } from './position.ts';
import { scan, syntax } from './scanner.ts';
import type { Token } from './scanner.ts';

/** Longest SQL text accepted: node-sql-parser can take very long on huge or deeply nested input. */
export const MAX_SQL_LENGTH = 100_000;
const MAX_NESTING = 200;

/** SQL text ready for node-sql-parser, with a way back to positions in the text the user wrote. */
export interface LexedSql {
  readonly kind: 'sql';
  /** The rewritten text: `?` -> `:p1`, `@name` -> `:name`, `"x"` -> `[x]`, comments blanked. */
  readonly text: string;
  readonly params: ParamStyle;
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
 * // { kind: 'sql', text: 'SELECT Name FROM Customers WHERE State = :p1 AND City = :p2', params: { kind: 'positional', count: 2 }, ... }
 * ```
 */
export function lex(sql: string): LexedSql | LexedSpecial {
  if (sql.length > MAX_SQL_LENGTH) {
    throw new KineticSqlError('ESQL_UNSUPPORTED', `The SQL text is ${sql.length} characters long; the limit is ${MAX_SQL_LENGTH}. Split the statement or bind long values as parameters.`);
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
  let positional = 0;
  let depth = 0;
  for (const t of tokens) {
    if (t.raw === '(' && ++depth > MAX_NESTING) {
      throw new KineticSqlError('ESQL_UNSUPPORTED', `Parentheses are nested more than ${MAX_NESTING} deep; simplify the statement.`);
    }
    if (t.raw === ')') depth--;
    const text = rewrite(sql, t, () => ++positional);
    if (text !== undefined) edits.push({ start: t.start, end: t.end, text });
  }
  edits.push(...offsetFetchEdits(tokens), ...selectAllEdits(tokens));
  rejectWithTies(sql, tokens);
  return apply(sql, edits.sort((a, b) => a.start - b.start), params);
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

function rewrite(sql: string, t: Token, nextPositional: () => number): string | undefined {
  switch (t.type) {
    case 'qmark': return `:p${nextPositional()}`;
    case 'named': return `:${t.value}`;
    case 'bracket':
    case 'dquote':
      // transactsql reads "x" as a string and does not take ]] inside brackets: use [x], and refuse ].
      if (t.value.includes(']')) throw new KineticSqlError('ESQL_UNSUPPORTED', `The name ${t.raw} contains "]", which is not supported yet.`);
      return t.type === 'dquote' ? `[${t.value}]` : undefined;
    case 'punct':
      if (t.raw === '{' || t.raw === '}') throw syntax(sql, t.start, 'ODBC escape sequences { } are not supported');
      return undefined;
    case 'number':
      return inexactNumber(t.raw) ? exactNumberMarker(t.raw) : undefined;
    default: return undefined;
  }
}

/** Prefix of the marker that carries a numeric literal's exact text past node-sql-parser. */
export const EXACT_NUMBER = '__exact_number__';

// node-sql-parser reads 0.1234567890123456789 as a double (...6774) and refuses nothing: a literal with
// more significant digits than a double keeps, or with an exponent, travels as a marker whose name
// spells its text, and becomes a number literal with that exact text again in the IR.
function inexactNumber(raw: string): boolean {
  return /e/i.test(raw) || raw.replace(/^0*\.?0*|\./g, '').length > 15;
}

function exactNumberMarker(raw: string): string {
  return `:${EXACT_NUMBER}${raw.replace(/\./g, 'd').replace(/-/g, 'm').replace(/\+/g, 'p')}`;
}

/** The literal text a marker made by the lexer stands for. */
export function exactNumberText(marker: string): string {
  return marker.slice(EXACT_NUMBER.length).replace(/d/g, '.').replace(/m/g, '-').replace(/p/g, '+');
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

function apply(sql: string, edits: readonly Edit[], params: ParamStyle): LexedSql {
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
  return { kind: 'sql', text, params, originalOffset };
}
