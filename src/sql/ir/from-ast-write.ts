import { unsupported } from '../unsupported.ts';
import { isNode, nameOf, nodes } from './ast.ts';
import type { AstNode } from './ast.ts';
import { checkKeys } from './ast-keys.ts';
import type { ConvertContext } from './convert-context.ts';
import { exprFromAst } from './from-ast-expr.ts';
import { queryFromAst } from './from-ast-select.ts';
import type { Expr } from './expr.ts';
import type { TableRef } from './select.ts';
import type { Assignment, DeleteIr, InsertIr, UpdateIr, WriteIr } from './write.ts';

/**
 * Converts a node-sql-parser INSERT, UPDATE or DELETE into our IR. As for SELECT, every key the parser
 * sets is converted or refused by name (checkKeys): `UPDATE … FROM`, `DELETE TOP`, OUTPUT and the like
 * are ESQL_UNSUPPORTED, never dropped.
 *
 * @example
 * ```ts
 * writeFromAst(parser.astify("DELETE FROM Customers WHERE CustID = 'A'"), ctx);
 * // { kind: 'delete', table: { kind: 'table', name: 'Customers' }, where: { kind: 'compare', ... } }
 * ```
 */
export function writeFromAst(ast: AstNode, ctx: ConvertContext): WriteIr {
  switch (String(ast.type).toLowerCase()) {
    case 'insert': return insertFromAst(ast, ctx);
    case 'update': return updateFromAst(ast, ctx);
    case 'delete': return deleteFromAst(ast, ctx);
    default: throw unsupported(String(ast.type).toUpperCase());
  }
}

function insertFromAst(ast: AstNode, ctx: ConvertContext): InsertIr {
  checkKeys(ast, ['type', 'table', 'columns', 'values', 'prefix', 'partition'], 'INSERT');
  const table = oneTable(ast['table'], 'INSERT');
  const columns = Array.isArray(ast['columns']) ? ast['columns'].map((c) => nameOf(c) ?? String(c)) : undefined;
  const values = isNode(ast['values']) ? ast['values'] : undefined;
  if (!values) throw unsupported('INSERT without VALUES or SELECT', 'write INSERT INTO t (columns) VALUES (…) or INSERT INTO t (columns) SELECT …');
  const head = { kind: 'insert' as const, table, ...(columns ? { columns } : {}) };
  if (String(values.type).toLowerCase() === 'select') return { ...head, source: { kind: 'query', query: queryFromAst(values, ctx) } };
  checkKeys(values, ['type', 'values'], 'VALUES');
  const rows = nodes(values['values']).map((row) => {
    checkKeys(row, ['type', 'value', 'prefix', 'parentheses'], 'A VALUES row');
    return nodes(row['value']).map((v) => valueFromAst(v, ctx));
  });
  return { ...head, source: { kind: 'values', rows } };
}

function valueFromAst(ast: AstNode, ctx: ConvertContext): Expr {
  if (ast.type === 'column_ref' && String(ast['column']).toUpperCase() === 'DEFAULT') {
    throw unsupported('DEFAULT in VALUES', 'leave the column out of the column list and Epicor gives it its default');
  }
  return exprFromAst(ast, ctx);
}

function updateFromAst(ast: AstNode, ctx: ConvertContext): UpdateIr {
  if (nodes(ast['from']).length > 0) throw unsupported('UPDATE … FROM', 'write UPDATE table SET … WHERE …, with a subquery in WHERE for another table');
  checkKeys(ast, ['type', 'table', 'set', 'where'], 'UPDATE');
  const table = oneTable(ast['table'], 'UPDATE');
  const set = nodes(ast['set']).map((s): Assignment => {
    checkKeys(s, ['column', 'value', 'table'], 'A SET item');
    const value = isNode(s['value']) ? s['value'] : {};
    return { column: nameOf(s['column']) ?? String(s['column']), value: exprFromAst(value, ctx) };
  });
  if (set.length === 0) throw unsupported('UPDATE without SET', 'write UPDATE table SET column = value');
  const where = isNode(ast['where']) ? exprFromAst(ast['where'], ctx) : undefined;
  return { kind: 'update', table, set, ...(where ? { where } : {}) };
}

function deleteFromAst(ast: AstNode, ctx: ConvertContext): DeleteIr {
  checkKeys(ast, ['type', 'table', 'from', 'where'], 'DELETE');
  const from = nodes(ast['from']);
  if (from.length !== 1 || from[0]?.['join']) throw unsupported('DELETE from several tables', 'delete from one table, with a subquery in WHERE for another table');
  const target = nodes(ast['table']);
  if (target.length > 1 || target.some((t) => t.type === 'expr')) throw unsupported('DELETE TOP or DELETE of several tables', 'write DELETE FROM table WHERE …');
  const table = oneTable(ast['from'], 'DELETE');
  const where = isNode(ast['where']) ? exprFromAst(ast['where'], ctx) : undefined;
  return { kind: 'delete', table, ...(where ? { where } : {}) };
}

/** The one table written: `t`, `[Service].[t]` or `[Service.t]`, with its alias if any. */
function oneTable(value: unknown, what: string): TableRef {
  const list = nodes(value);
  const t = list[0];
  if (list.length !== 1 || !t) throw unsupported(`${what} of several tables`, 'write to one table per statement');
  // `UPDATE TOP (1) Customers …` reaches us as a TOP() call aliased Customers.
  if (t.type === 'expr') throw unsupported(`${what} TOP`, 'choose the rows with WHERE');
  checkKeys(t, ['db', 'schema', 'table', 'as', 'addition', 'operator', 'server'], what);
  const name = nameOf(t['table']);
  if (!name) throw unsupported(`This ${what} target`, 'name a table');
  const parts = [t['server'], t['db'], t['schema']].map((p) => nameOf(p)).filter((p): p is string => p !== undefined && p !== '');
  const alias = nameOf(t['as']);
  return { kind: 'table', name, ...(parts.length > 0 ? { service: parts.join('.') } : {}), ...(alias ? { alias } : {}) };
}
