import { unsupported } from '../unsupported.ts';
import { isNode } from './ast.ts';
import type { AstNode } from './ast.ts';

/** Readable names of parser keys we do not handle, for the error message only (detection is by the handled list). */
const LABELS: Readonly<Record<string, string | readonly [string, string]>> = {
  with: 'WITH (a common table expression)',
  into: ['SELECT … INTO', 'the driver does not create tables'],
  for: ['FOR XML/JSON', 'rows come back as objects already'],
  options: 'Query options',
  collate: ['COLLATE', 'Epicor compares text without regard to case'],
  table_hint: ['A table hint (WITH (…))', 'Epicor takes no hints'],
  temporal_table: 'FOR SYSTEM_TIME',
  within_group: 'WITHIN GROUP',
  using: 'JOIN … USING',
  nulls: 'NULLS FIRST/LAST',
  window_frame_clause: 'A window frame (ROWS/RANGE BETWEEN …)',
  percent: 'TOP … PERCENT',
  modifiers: 'GROUP BY modifiers',
  orderby: 'ORDER BY inside an aggregate',
};

/** A value that says nothing: null, false, '', [] or an object of such values (`into: { position: null }`). */
function isEmpty(value: unknown): boolean {
  if (value === null || value === undefined || value === false || value === '') return true;
  if (Array.isArray(value)) return value.length === 0;
  if (isNode(value)) return Object.values(value).every(isEmpty);
  return false;
}

/**
 * Checks that a parser node carries nothing but the keys the converter handles: anything else that is
 * set (a clause, a modifier node-sql-parser learned in a later version) is ESQL_UNSUPPORTED naming it,
 * so that nothing is dropped silently.
 *
 * @example
 * ```ts
 * checkKeys(ast, ['type', 'columns', 'from', 'where'], 'SELECT'); // throws for a set `groupby`
 * ```
 */
export function checkKeys(ast: AstNode, handled: readonly string[], what: string): void {
  for (const key of Object.keys(ast)) {
    if (handled.includes(key) || isEmpty(ast[key])) continue;
    const label = LABELS[key] ?? `${what} with "${key}"`;
    throw typeof label === 'string' ? unsupported(label) : unsupported(label[0], label[1]);
  }
}
