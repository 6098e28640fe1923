import type { SimColumn } from '../model/types.ts';
import { SimHttpError } from './sim-http-error.ts';
import { quoteIdent, type SqlCondition } from './sql-where.ts';
import { isNumericType } from './storage-values.ts';

const TERM = /^\s*([A-Za-z_]\w*)\s*(=|<>|!=|<=|>=|<|>)\s*('(?:[^']|'')*'|-?\d+(?:\.\d+)?)\s*/;

/**
 * The tiny `whereClause` the simulator's GetList/GetRows accept: empty, or `Column op literal` terms
 * joined by AND (`CustID = 'ADDISON' AND CreditHold = 0`), with op one of = <> != < > <= >=. Columns
 * match without case. Anything else is a 400 saying what is supported.
 */
export function parseWhereClause(text: string, columns: readonly SimColumn[]): SqlCondition | undefined {
  if (text.trim() === '') return undefined;
  const parts: string[] = [];
  const params: Record<string, string | number> = {};
  let rest = text;
  for (let i = 0; ; i++) {
    const m = TERM.exec(rest);
    const column = m && columns.find((c) => c.name.toLowerCase() === (m[1] ?? '').toLowerCase());
    if (!m || !column) {
      throw new SimHttpError(400, `The simulator's whereClause supports only "Column = 'value'" terms joined by AND; cannot read: ${text.slice(0, 80)}`);
    }
    const literal = m[3] ?? '';
    const value = literal.startsWith("'") ? literal.slice(1, -1).replace(/''/g, "'") : Number(literal);
    params[`w${i}`] = typeof value === 'string' && isNumericType(column.type) ? Number(value) : value;
    parts.push(`${quoteIdent(column.name)} ${m[2] === '!=' ? '<>' : m[2]} @w${i}`);
    rest = rest.slice(m[0].length);
    if (rest === '') break;
    const and = /^and\s+/i.exec(rest);
    if (!and) throw new SimHttpError(400, `The simulator's whereClause joins terms with AND only; cannot read: ${text.slice(0, 80)}`);
    rest = rest.slice(and[0].length);
  }
  return { sql: parts.join(' AND '), params };
}
