/** Line, column (both 1-based) and a short excerpt of the text at an offset, for syntax errors. */
export interface SourcePosition {
  readonly line: number;
  readonly column: number;
  readonly excerpt: string;
}

/**
 * Where an offset falls in the SQL text, with up to 30 characters of the text from there (one line).
 *
 * @example
 * ```ts
 * positionOf("SELECT a\nFORM t WHERE p = 'x'", 9); // { line: 2, column: 1, excerpt: "FORM t WHERE p = '…'" }
 * ```
 */
export function positionOf(sql: string, offset: number): SourcePosition {
  const before = sql.slice(0, offset);
  const line = before.split('\n').length;
  const column = offset - (before.lastIndexOf('\n') + 1) + 1;
  const rest = sql.slice(offset).split('\n')[0] ?? '';
  // String contents are masked: an EXEC argument may be a secret (a refresh token, a password).
  const cut = rest.length > 30 ? `${rest.slice(0, 30)}…` : rest;
  const excerpt = cut.replace(/'[^']*'?/g, "'…'");
  return { line, column, excerpt: excerpt === '' ? '<end of input>' : excerpt };
}

/** A syntax-error message in one shape for the lexer and the parser. */
export function syntaxMessage(pos: SourcePosition, detail: string): string {
  return `SQL syntax error at line ${pos.line}, column ${pos.column} near "${pos.excerpt}": ${detail}`;
}

/**
 * The token at an offset, quoted for a syntax error: a word, a number, a string (its contents masked: an
 * EXEC argument may be a secret), a bracketed name, or an operator.
 *
 * @example
 * ```ts
 * tokenAt('SELECT * FORM t', 9); // 'word "FORM"'
 * tokenAt("WHERE a = 'x'", 10);  // "string '…'"
 * ```
 */
export function tokenAt(sql: string, offset: number): string {
  const rest = sql.slice(offset);
  if (rest === '') return 'end of input';
  const word = /^[A-Za-z_@#][\w@#$]*/.exec(rest);
  if (word) return `word "${word[0]}"`;
  const number = /^\d+(\.\d+)?/.exec(rest);
  if (number) return `number ${number[0]}`;
  if (rest.startsWith("'") || /^N'/i.test(rest)) return "string '…'";
  const bracketed = /^\[[^\]\n]*\]?/.exec(rest);
  if (bracketed) return `name "${bracketed[0]}"`;
  const op = /^(<>|<=|>=|!=|\.\.|::|\|\||[^\s])/.exec(rest);
  return `"${op?.[0] ?? rest[0]}"`;
}
