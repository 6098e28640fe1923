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
