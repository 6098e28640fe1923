/**
 * The line of `sql` that a syntax error points at, with a caret under the column (as psql shows it);
 * long lines are cut around the column. String contents are masked: an EXEC argument may be a secret.
 *
 * @example
 * ```ts
 * caretLines('SELECT * FORM t', 1, 10); // ['  SELECT * FORM t', '           ^']
 * ```
 */
export function caretLines(sql: string, line: number, column: number): string[] {
  const text = (sql.split('\n')[line - 1] ?? '').replace(/\t/g, ' ').replace(/'[^']*'/g, (s) => `'${'…'.repeat(Math.max(0, s.length - 2))}'`);
  let start = 0;
  if (column > 70) start = column - 40;
  const shown = (start > 0 ? '…' : '') + text.slice(start, start + 100) + (text.length > start + 100 ? '…' : '');
  const caretAt = column - 1 - start + (start > 0 ? 1 : 0);
  return [`  ${shown}`, `  ${' '.repeat(Math.max(0, caretAt))}^`];
}
