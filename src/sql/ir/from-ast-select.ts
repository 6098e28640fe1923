import { NO_LIMIT } from '../lexer.ts';
import { unsupported } from '../unsupported.ts';
import { isNode, nameOf, nodes } from './ast.ts';
import type { AstNode } from './ast.ts';
import { exprFromAst, literalFromAst } from './from-ast-expr.ts';
import type { OrderItem, RowCount, RowWindow, SelectItem, SelectStatement, TableRef } from './select.ts';
import type { ParamStyle } from './statement.ts';

/**
 * Converts a node-sql-parser SELECT into our single-table IR. Every clause the remote path cannot run
 * is named in an ESQL_UNSUPPORTED error here or in the planner: none is dropped.
 */
export function selectFromAst(ast: AstNode, params: ParamStyle): SelectStatement {
  rejectClauses(ast);
  const where = isNode(ast['where']) ? exprFromAst(ast['where'], params) : undefined;
  const window = rowWindow(ast, params);
  return {
    kind: 'select',
    items: nodes(ast['columns']).map((c) => selectItem(c, params)),
    from: tableRef(ast),
    ...(where ? { where } : {}),
    orderBy: nodes(ast['orderby']).map(orderItem),
    ...(window ? { window } : {}),
  };
}

function rejectClauses(ast: AstNode): void {
  if (ast['with']) throw unsupported('WITH (a common table expression)');
  if (ast['_next'] || ast['set_op']) throw unsupported(String(ast['set_op'] ?? 'UNION').toUpperCase());
  if (ast['distinct']) throw unsupported('DISTINCT');
  if (ast['groupby']) throw unsupported('GROUP BY');
  if (ast['having']) throw unsupported('HAVING');
  if (isNode(ast['into']) && ast['into']['position']) throw unsupported('SELECT … INTO', 'the driver does not create tables');
  if (ast['for']) throw unsupported('FOR XML/JSON', 'rows come back as objects already');
  const from = nodes(ast['from']);
  if (from.length === 0) throw unsupported('SELECT without FROM');
  const joined = from[1];
  if (joined) throw unsupported(typeof joined['join'] === 'string' ? joined['join'].toUpperCase() : 'A comma-separated FROM list (a join)');
}

function tableRef(ast: AstNode): TableRef {
  const t = nodes(ast['from'])[0] as AstNode;
  if ('expr' in t && t['expr']) throw unsupported('A subquery in FROM');
  if (t['table_hint']) throw unsupported('A table hint (WITH (…))', 'Epicor takes no hints');
  const name = nameOf(t['table']);
  if (!name) throw unsupported('This FROM clause', 'name one table');
  const db = nameOf(t['db']);
  const schema = nameOf(t['schema']);
  if (db && schema) throw unsupported(`The three-part name ${db}.${schema}.${name}`, 'write [Service].[Table]');
  const service = db ?? schema;
  const alias = nameOf(t['as']);
  return { kind: 'table', name, ...(service ? { service } : {}), ...(alias ? { alias } : {}) };
}

function selectItem(c: AstNode, params: ParamStyle): SelectItem {
  const expr = isNode(c['expr']) ? c['expr'] : {};
  const alias = nameOf(c['as']);
  if (expr.type === 'column_ref' && expr['column'] === '*') {
    const qualifier = nameOf(expr['table']);
    return qualifier ? { kind: 'star', qualifier } : { kind: 'star' };
  }
  return { kind: 'expr', expr: exprFromAst(expr, params), ...(alias ? { alias } : {}) };
}

function orderItem(o: AstNode): OrderItem {
  const expr = isNode(o['expr']) ? o['expr'] : {};
  const desc = String(o['type'] ?? '').toUpperCase() === 'DESC';
  if (o['nulls']) throw unsupported('NULLS FIRST/LAST');
  if (expr.type === 'number') return { kind: 'order', expr: { kind: 'position', position: Number(expr['value']) }, desc };
  if (expr.type !== 'column_ref') throw unsupported('ORDER BY an expression');
  const column = exprFromAst(expr, { kind: 'none' });
  if (column.kind !== 'column') throw unsupported('ORDER BY an expression');
  return { kind: 'order', expr: column, desc };
}

/** TOP n, LIMIT n [OFFSET m], LIMIT m, n and OFFSET m ROWS [FETCH NEXT n ROWS ONLY] become one window. */
function rowWindow(ast: AstNode, params: ParamStyle): RowWindow | undefined {
  const top = isNode(ast['top']) ? ast['top'] : undefined;
  const limit = isNode(ast['limit']) ? ast['limit'] : undefined;
  const hasLimit = limit !== undefined && (nodes(limit['value']).length > 0 || isNode(limit['offset']) || isNode(limit['fetch']));
  if (top && hasLimit) throw unsupported('TOP together with LIMIT or OFFSET', 'use one of them');
  if (top) {
    if (top['percent']) throw unsupported('TOP … PERCENT');
    return { kind: 'window', limit: rowCount({ type: 'number', value: top['value'] }, params) };
  }
  if (!limit || !hasLimit) return undefined;
  if (isNode(limit['offset']) || isNode(limit['fetch'])) {
    const offset = isNode(limit['offset']) && isNode(limit['offset']['value']) ? rowCount(limit['offset']['value'], params) : undefined;
    const fetched = isNode(limit['fetch']) && isNode(limit['fetch']['value']) ? rowCount(limit['fetch']['value'], params) : undefined;
    const fetch = fetched === NO_LIMIT ? undefined : fetched;
    return { kind: 'window', ...(fetch !== undefined ? { limit: fetch } : {}), ...(offset !== undefined ? { offset } : {}) };
  }
  // The parser spells the key `seperator`: 'offset' for LIMIT n OFFSET m, ',' for MySQL's LIMIT m, n.
  const values = nodes(limit['value']).map((v) => rowCount(v, params));
  const sep = String(limit['seperator'] ?? '');
  if (sep === ',') return { kind: 'window', limit: values[1] as RowCount, offset: values[0] as RowCount };
  return { kind: 'window', limit: values[0] as RowCount, ...(values[1] !== undefined ? { offset: values[1] } : {}) };
}

function rowCount(ast: AstNode, params: ParamStyle): RowCount {
  const expr = ast.type === 'number' || ast.type === 'bigint' ? literalFromAst(ast) : exprFromAst(ast, params);
  if (expr.kind === 'param') return expr;
  if (expr.kind === 'number' && Number.isSafeInteger(expr.value) && expr.value >= 0) return expr.value;
  throw unsupported('A row count that is not a whole number', 'write TOP, LIMIT, OFFSET and FETCH with whole numbers');
}
