import type { Catalog } from '../../index.ts';

const KEYWORDS = ['SELECT', 'FROM', 'WHERE', 'ORDER BY', 'GROUP BY', 'HAVING', 'JOIN', 'LEFT JOIN', 'INNER JOIN', 'ON', 'AND', 'OR', 'NOT', 'IN', 'LIKE', 'BETWEEN', 'IS NULL', 'IS NOT NULL', 'TOP', 'LIMIT', 'OFFSET', 'DISTINCT', 'COUNT(*)', 'AS', 'UNION', 'EXEC'];

/**
 * Tab completion for the shell from the connection's catalog: dot-commands at the start of a line,
 * table names after `.describe`, formats after `.format`, and in SQL the table names, the column names
 * (of every table, or of `Table.` when the word is qualified by a table name) and keywords. Names match
 * without regard to case; readline completes the common prefix and lists the rest.
 *
 * @example
 * ```ts
 * createInterface({ input, output, completer: shellCompleter(() => db.catalog, ['.tables', '.quit']) });
 * ```
 */
export function shellCompleter(catalog: () => Catalog, dotCommands: readonly string[]): (line: string) => [string[], string] {
  return (line) => {
    const word = /[\w.[\]$#@-]*$/.exec(line)?.[0] ?? '';
    const before = line.slice(0, line.length - word.length);
    if (before === '' && word.startsWith('.')) return [match(dotCommands, word), word];
    const tables = catalog().services.flatMap((s) => s.tables);
    if (/^\.(describe|d)\s+$/i.test(before)) return [match(tables.map((t) => t.name), word), word];
    if (/^\.format\s+$/i.test(before)) return [match(['table', 'csv', 'json', 'ndjson'], word), word];
    if (/^\.timer\s+$/i.test(before)) return [match(['on', 'off'], word), word];
    const dot = word.lastIndexOf('.');
    if (dot > 0) {
      const qualifier = word.slice(0, dot).replace(/^\[|\]$/g, '').toLowerCase();
      const table = tables.find((t) => t.name.toLowerCase() === qualifier);
      if (table) return [match(table.columns.map((c) => `${word.slice(0, dot + 1)}${c.name}`), word), word];
    }
    const columns = [...new Set(tables.flatMap((t) => t.columns.map((c) => c.name)))];
    const names = [...new Set([...tables.map((t) => t.name), ...columns, ...KEYWORDS])];
    return [word === '' ? [] : match(names, word), word];
  };
}

function match(candidates: readonly string[], word: string): string[] {
  const lower = word.toLowerCase();
  // readline replaces the word with the completion, so a match keeps the candidate's own case.
  return [...new Set(candidates.filter((c) => c.toLowerCase().startsWith(lower)))].sort((a, b) => a.localeCompare(b));
}
