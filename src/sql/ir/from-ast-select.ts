import { NO_LIMIT } from '../lexer.ts';
import { unsupported } from '../unsupported.ts';
import { isNode, nameOf, nodes } from './ast.ts';
import type { AstNode } from './ast.ts';
import { checkKeys } from './ast-keys.ts';
import type { ConvertContext } from './convert-context.ts';
import { exprFromAst, literalFromAst, subquery } from './from-ast-expr.ts';
import type { CommonTable, FromItem, JoinType, OrderItem, QueryExpr, RowCount, RowWindow, SelectItem, SelectStatement, SetOperation, SetOperator, TableRef, DerivedTable } from './select.ts';

const SELECT_KEYS = ['with', 'type', 'distinct', 'columns', 'from', 'where', 'groupby', 'having', 'top', 'orderby', 'limit', '_next', 'set_op', 'parentheses'] as const;
const JOINS: Readonly<Record<string, JoinType>> = {
  'JOIN': 'inner', 'INNER JOIN': 'inner', 'LEFT JOIN': 'left', 'LEFT OUTER JOIN': 'left', 'RIGHT JOIN': 'right',
  'RIGHT OUTER JOIN': 'right', 'FULL JOIN': 'full', 'FULL OUTER JOIN': 'full', 'CROSS JOIN': 'cross',
};

/**
 * Converts a node-sql-parser SELECT (with its UNION chain, if any) into our IR. Every key of every
 * parser node is either converted or refused by name (see checkKeys): no clause is dropped.
 *
 * @example
 * ```ts
 * queryFromAst(parser.astify('SELECT a FROM t UNION SELECT b FROM u'), ctx);
 * // { kind: 'setOp', op: 'union', all: false, left: { kind: 'select', ... }, right: { kind: 'select', ... }, orderBy: [] }
 * ```
 */
export function queryFromAst(ast: AstNode, ctx: ConvertContext): QueryExpr {
  // The common tables come first in the text: convert them before the SELECT that follows them.
  const ctes = nodes(ast['with']).map((w) => commonTable(w, ctx));
  const query = setQuery(ast, ctx);
  return ctes.length > 0 ? { ...query, with: ctes } : query;
}

function commonTable(w: AstNode, ctx: ConvertContext): CommonTable {
  checkKeys(w, ['name', 'stmt', 'columns', 'recursive'], 'WITH');
  if (w['recursive']) throw unsupported('WITH RECURSIVE (a recursive common table expression)');
  const name = nameOf(w['name']);
  if (!name || !isNode(w['stmt'])) throw unsupported('This common table expression', 'write WITH name AS (SELECT …)');
  const columns = nodes(w['columns']).map((c) => nameOf(c['column']) ?? String(c['column']));
  return { name, ...(columns.length > 0 ? { columns } : {}), query: subquery(w['stmt'], ctx) };
}

function setQuery(ast: AstNode, ctx: ConvertContext): QueryExpr {
  const blocks: SelectStatement[] = [];
  const ops: { op: SetOperator; all: boolean }[] = [];
  let orderBy: readonly OrderItem[] = [];
  let window: RowWindow | undefined;
  for (let node: AstNode | undefined = ast; node; node = isNode(node['_next']) ? node['_next'] : undefined) {
    const block = selectFromAst(node, ctx);
    if (node['set_op']) ops.push(setOperator(node, ctx));
    const last = !isNode(node['_next']);
    // The parser hangs ORDER BY and the row window of a whole UNION on its last SELECT.
    if (last && ops.length > 0) {
      orderBy = block.orderBy;
      window = block.window;
      const { window: _moved, ...rest } = block;
      blocks.push({ ...rest, orderBy: [] });
    } else blocks.push(block);
  }
  if (ops.length === 0) return blocks[0] as SelectStatement;
  return { ...combine(blocks, ops), orderBy, ...(window ? { window } : {}) };
}

/** The set operator after a SELECT, as the lexer saw it (the parser reads INTERSECT and EXCEPT as UNION). */
function setOperator(node: AstNode, ctx: ConvertContext): { op: SetOperator; all: boolean } {
  const parsed = String(node['set_op']).toLowerCase();
  if (parsed !== 'union' && parsed !== 'union all') throw unsupported(parsed.toUpperCase());
  const seen = ctx.hints.setOps[ctx.setOps++];
  if (!seen || seen.all !== (parsed === 'union all')) throw new Error('The lexer and the parser disagree on the set operators');
  return seen;
}

/** INTERSECT binds tighter than UNION and EXCEPT, which group from the left (as in SQL Server). */
function combine(blocks: readonly QueryExpr[], ops: readonly { op: SetOperator; all: boolean }[]): SetOperation {
  const terms: QueryExpr[] = [blocks[0] as QueryExpr];
  const loose: { op: SetOperator; all: boolean }[] = [];
  ops.forEach((o, i) => {
    const right = blocks[i + 1] as QueryExpr;
    if (o.op === 'intersect') terms.push(setOp(o, terms.pop() as QueryExpr, right));
    else { loose.push(o); terms.push(right); }
  });
  let result = terms[0] as QueryExpr;
  loose.forEach((o, i) => { result = setOp(o, result, terms[i + 1] as QueryExpr); });
  return result as SetOperation;
}

function setOp(o: { op: SetOperator; all: boolean }, left: QueryExpr, right: QueryExpr): SetOperation {
  return { kind: 'setOp', op: o.op, all: o.all, left, right, orderBy: [] };
}

function selectFromAst(ast: AstNode, ctx: ConvertContext): SelectStatement {
  checkKeys(ast, SELECT_KEYS, 'SELECT');
  const ordinal = ctx.selects++;
  if (String(ast.type).toLowerCase() !== 'select') throw unsupported(String(ast.type).toUpperCase());
  const distinct = ast['distinct'];
  if (distinct && String(distinct).toUpperCase() !== 'DISTINCT') throw unsupported(`SELECT ${String(distinct).toUpperCase()}`);
  const items = nodes(ast['columns']).map((c) => selectItem(c, ctx));
  const from = fromItems(nodes(ast['from']), ctx);
  const where = isNode(ast['where']) ? exprFromAst(ast['where'], ctx) : undefined;
  const groupBy = groupByFromAst(ast['groupby'], ctx);
  const having = isNode(ast['having']) ? exprFromAst(ast['having'], ctx) : undefined;
  const orderBy = nodes(ast['orderby']).map((o) => orderItem(o, ctx));
  const window = rowWindow(ast, ordinal, ctx);
  return {
    kind: 'select',
    distinct: Boolean(distinct),
    items,
    ...(from ? { from } : {}),
    ...(where ? { where } : {}),
    groupBy,
    ...(having ? { having } : {}),
    orderBy,
    ...(window ? { window } : {}),
  };
}

function groupByFromAst(value: unknown, ctx: ConvertContext): SelectStatement['groupBy'] {
  if (!isNode(value)) return [];
  checkKeys(value, ['columns'], 'GROUP BY');
  return nodes(value['columns']).map((c) => exprFromAst(c, ctx));
}

/** FROM a, b JOIN c ON …: the parser gives a flat list; joins nest to the left. */
function fromItems(list: readonly AstNode[], ctx: ConvertContext): FromItem | undefined {
  let from: FromItem | undefined;
  for (const item of list) {
    const source = fromSource(item, ctx);
    if (!from) {
      if (item['join']) throw unsupported(`${String(item['join']).toUpperCase()} without a table before it`);
      from = source;
      continue;
    }
    const written = item['join'] ? String(item['join']).toUpperCase().replace(/\s+/g, ' ') : undefined;
    const type = written === undefined ? 'cross' : JOINS[written];
    if (!type) throw unsupported(written ?? 'This join');
    const on = isNode(item['on']) ? exprFromAst(item['on'], ctx) : undefined;
    if (type !== 'cross' && !on) throw unsupported(`${written} without ON`, `write ${written} … ON condition`);
    from = { kind: 'join', type, left: from, right: source, ...(on ? { on } : {}) };
  }
  return from;
}

function fromSource(t: AstNode, ctx: ConvertContext): TableRef | DerivedTable {
  checkKeys(t, ['server', 'db', 'schema', 'table', 'as', 'expr', 'join', 'on', 'operator', 'parentheses'], 'FROM');
  const alias = nameOf(t['as']);
  if (isNode(t['expr'])) {
    if (!alias) throw unsupported('A subquery in FROM without an alias', 'write (SELECT …) AS name');
    return { kind: 'derived', query: subquery(t['expr'], ctx), alias };
  }
  const name = nameOf(t['table']);
  if (!name) throw unsupported('This FROM clause', 'name a table');
  const db = nameOf(t['db']);
  const schema = nameOf(t['schema']);
  const server = nameOf(t['server']);
  // Erp.BO.CustomerSvc.Customers without brackets reads as four parts: the first three are the service.
  if (server && db && schema) return { kind: 'table', name, service: `${server}.${db}.${schema}`, ...(alias ? { alias } : {}) };
  if (db && schema) throw unsupported(`The three-part name ${[db, schema, name].map(written).join('.')}`, 'write [Service].[Table]');
  const service = db ?? schema;
  return { kind: 'table', name, ...(service ? { service } : {}), ...(alias ? { alias } : {}) };
}

/** A name part as it can be typed again: in brackets unless it is a plain identifier. */
function written(part: string): string {
  return /^[A-Za-z_][\w$]*$/.test(part) ? part : `[${part}]`;
}

function selectItem(c: AstNode, ctx: ConvertContext): SelectItem {
  checkKeys(c, ['expr', 'as'], 'A select-list item');
  const expr = isNode(c['expr']) ? c['expr'] : {};
  const alias = nameOf(c['as']);
  if (expr.type === 'column_ref' && expr['column'] === '*') {
    const qualifier = [expr['db'], expr['schema'], expr['table']].map((p) => nameOf(p)).filter((p): p is string => p !== undefined && p !== '').join('.');
    return qualifier ? { kind: 'star', qualifier } : { kind: 'star' };
  }
  return { kind: 'expr', expr: exprFromAst(expr, ctx), ...(alias ? { alias } : {}) };
}

/** One ORDER BY item: a position (`ORDER BY 2`) or an expression. */
export function orderItem(o: AstNode, ctx: ConvertContext): OrderItem {
  checkKeys(o, ['expr', 'type'], 'ORDER BY');
  const expr = isNode(o['expr']) ? o['expr'] : {};
  const desc = String(o['type'] ?? '').toUpperCase() === 'DESC';
  if (expr.type === 'number') return { kind: 'order', expr: { kind: 'position', position: Number(expr['value']) }, desc };
  return { kind: 'order', expr: exprFromAst(expr, ctx), desc };
}

/** TOP n, TOP (?), LIMIT n [OFFSET m], LIMIT m, n and OFFSET m ROWS [FETCH NEXT n ROWS ONLY] become one window. */
function rowWindow(ast: AstNode, ordinal: number, ctx: ConvertContext): RowWindow | undefined {
  const top = isNode(ast['top']) ? ast['top'] : undefined;
  const limit = isNode(ast['limit']) ? ast['limit'] : undefined;
  if (limit) checkKeys(limit, ['seperator', 'value', 'offset', 'fetch'], 'LIMIT');
  const hasLimit = limit !== undefined && (nodes(limit['value']).length > 0 || isNode(limit['offset']) || isNode(limit['fetch']));
  if (top && hasLimit) throw unsupported('TOP together with LIMIT or OFFSET', 'use one of them');
  if (top) {
    checkKeys(top, ['value', 'parentheses'], 'TOP');
    return { kind: 'window', limit: ctx.hints.tops.get(ordinal) ?? rowCount({ type: 'number', value: top['value'] }, ctx) };
  }
  if (!limit || !hasLimit) return undefined;
  if (isNode(limit['offset']) || isNode(limit['fetch'])) {
    const offset = isNode(limit['offset']) && isNode(limit['offset']['value']) ? rowCount(limit['offset']['value'], ctx) : undefined;
    const fetched = isNode(limit['fetch']) && isNode(limit['fetch']['value']) ? rowCount(limit['fetch']['value'], ctx) : undefined;
    const fetch = fetched === NO_LIMIT ? undefined : fetched;
    return { kind: 'window', ...(fetch !== undefined ? { limit: fetch } : {}), ...(offset !== undefined ? { offset } : {}) };
  }
  // The parser spells the key `seperator`: 'offset' for LIMIT n OFFSET m, ',' for MySQL's LIMIT m, n.
  const values = nodes(limit['value']).map((v) => rowCount(v, ctx));
  const sep = String(limit['seperator'] ?? '');
  if (sep === ',') return { kind: 'window', limit: values[1] as RowCount, offset: values[0] as RowCount };
  return { kind: 'window', limit: values[0] as RowCount, ...(values[1] !== undefined ? { offset: values[1] } : {}) };
}

function rowCount(ast: AstNode, ctx: ConvertContext): RowCount {
  const expr = ast.type === 'number' || ast.type === 'bigint' ? literalFromAst(ast) : exprFromAst(ast, ctx);
  if (expr.kind === 'param') return expr;
  if (expr.kind === 'number' && Number.isSafeInteger(expr.value) && expr.value >= 0) return expr.value;
  throw unsupported('A row count that is not a whole number', 'write TOP, LIMIT, OFFSET and FETCH with whole numbers or parameters');
}
