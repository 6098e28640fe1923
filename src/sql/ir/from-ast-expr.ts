import { NAMED_MARKER, NUMBER_MARKER, POSITIONAL_MARKER } from '../lexer.ts';
import { unsupported } from '../unsupported.ts';
import { functionName, isNode, nameOf, nodes } from './ast.ts';
import type { AstNode } from './ast.ts';
import { checkKeys } from './ast-keys.ts';
import { MAX_EXPRESSION_DEPTH, type ConvertContext } from './convert-context.ts';
import type { AggregateName, ArithmeticOp, CompareOp, Expr, FrameBound, Literal, ParamRef, SqlType, WindowFrame } from './expr.ts';
import { orderItem, queryFromAst } from './from-ast-select.ts';
import { logical } from './logical.ts';
import type { QueryExpr } from './select.ts';

const COMPARE: Readonly<Record<string, CompareOp>> = { '=': '=', '<>': '<>', '!=': '<>', '<': '<', '<=': '<=', '>': '>', '>=': '>=' };
const ARITHMETIC: Readonly<Record<string, ArithmeticOp>> = { '+': '+', '-': '-', '*': '*', '/': '/', '%': '%', '||': '||' };
const AGGREGATES: ReadonlySet<string> = new Set<AggregateName>(['COUNT', 'SUM', 'AVG', 'MIN', 'MAX', 'STRING_AGG', 'STDEV', 'STDEVP', 'VAR', 'VARP', 'COUNT_BIG']);
// DATEADD(day, ...): the first argument is a date part keyword, which the parser reads as a column.
const DATE_PART_FUNCTIONS: ReadonlySet<string> = new Set(['DATEADD', 'DATEDIFF', 'DATEDIFF_BIG', 'DATEPART', 'DATENAME', 'DATETRUNC', 'DATE_BUCKET']);

/** Converts one node-sql-parser expression into our IR, fixing the parser's quirks on the way. */
export function exprFromAst(ast: AstNode, ctx: ConvertContext): Expr {
  if (++ctx.depth > MAX_EXPRESSION_DEPTH) {
    throw unsupported(`An expression nested more than ${MAX_EXPRESSION_DEPTH} levels deep (NOT NOT …, a + b + …, nested calls, CASE or subqueries)`, 'simplify it; a long chain of AND or OR, or an IN list, has no such limit');
  }
  try {
    return convert(ast, ctx);
  } finally {
    ctx.depth--;
  }
}

function convert(ast: AstNode, ctx: ConvertContext): Expr {
  if ('ast' in ast) return { kind: 'subquery', query: subquery(ast, ctx) };
  switch (ast.type) {
    case 'column_ref': return columnFromAst(ast);
    case 'number': case 'bigint': case 'single_quote_string': case 'var_string': case 'string': case 'natural_string': case 'bool': case 'null':
      checkKeys(ast, ['type', 'value', 'parentheses'], 'A literal');
      return literalFromAst(ast);
    case 'param':
      checkKeys(ast, ['type', 'value', 'parentheses'], 'A parameter');
      return paramFromAst(String(ast['value']), ctx);
    case 'binary_expr': return binaryFromAst(ast, ctx);
    case 'unary_expr': return unaryFromAst(ast, ctx);
    case 'function': return functionFromAst(ast, ctx);
    case 'aggr_func': return aggregateFromAst(ast, ctx);
    case 'case': return caseFromAst(ast, ctx);
    case 'cast': return castFromAst(ast, ctx);
    case 'full_hex_string': case 'hex_string': case 'bit_string': throw unsupported('A binary literal (0x…)');
    default: throw unsupported(`The expression ${JSON.stringify(ast.type ?? 'unknown')}`, 'rewrite it with columns, literals, operators and functions');
  }
}

/** A subquery: the parser wraps its SELECT as `{ ast, tableList, columnList }`. */
export function subquery(ast: AstNode, ctx: ConvertContext): QueryExpr {
  checkKeys(ast, ['ast', 'tableList', 'columnList', 'parentheses'], 'A subquery');
  const inner = ast['ast'];
  if (!isNode(inner)) throw unsupported('This subquery', 'write (SELECT …)');
  return queryFromAst(inner, ctx);
}

function columnFromAst(ast: AstNode): Expr {
  checkKeys(ast, ['type', 'table', 'db', 'schema', 'column', 'parentheses'], 'A column reference');
  const column = ast['column'];
  const name = typeof column === 'string' ? column : nameOf(column) ?? '';
  // transactsql reads a bare `@x` where it expects a column (TOP (@x)): the lexer rewrites parameters, so
  // this is only a leftover the user cannot reach; say so plainly if it ever shows.
  if (name.startsWith('@')) throw unsupported(`The parameter ${name} here`, 'use ? or @name where a value is expected');
  const parts = [ast['db'], ast['schema'], ast['table']].map((p) => nameOf(p)).filter((p): p is string => p !== undefined && p !== '');
  return parts.length > 0 ? { kind: 'column', name, qualifier: parts.join('.') } : { kind: 'column', name };
}

/** Literals: `'it''s'` comes back with the quotes still doubled, and decimals as strings. */
export function literalFromAst(ast: AstNode): Literal {
  const value = ast['value'];
  switch (ast.type) {
    case 'number': case 'bigint': return { kind: 'number', value: Number(value), text: String(value) };
    case 'bool': return { kind: 'boolean', value: value === true || String(value).toUpperCase() === 'TRUE' };
    case 'null': return { kind: 'null' };
    default: return { kind: 'string', value: String(value).replace(/''/g, "'") };
  }
}

/** The lexer turned `?` into `:q1`, `:q2`…, `@name` into `:n_name`, and long numbers into `:x1`…. */
function paramFromAst(value: string, ctx: ConvertContext): ParamRef | Literal {
  if (value.startsWith(NAMED_MARKER)) return { kind: 'param', by: 'name', name: value.slice(NAMED_MARKER.length) };
  const n = Number(value.slice(1));
  if (value.startsWith(POSITIONAL_MARKER)) return { kind: 'param', by: 'position', index: n - 1 };
  const text = value.startsWith(NUMBER_MARKER) ? ctx.hints.numbers[n - 1] : undefined;
  if (text === undefined) throw new Error(`The lexer wrote no marker :${value}`);
  return { kind: 'number', value: Number(text), text };
}

function binaryFromAst(ast: AstNode, ctx: ConvertContext): Expr {
  checkKeys(ast, ['type', 'operator', 'left', 'right', 'parentheses'], 'An operator');
  const op = String(ast['operator']).toUpperCase();
  if (op === 'AND' || op === 'OR') return chainFromAst(ast, op, ctx);
  const right = ast['right'];
  if ((op === 'IN' || op === 'NOT IN') && isNode(right) && right.type === 'expr_list') {
    const only = nodes(right['value']);
    if (only.length === 1 && 'ast' in (only[0] as AstNode)) {
      return { kind: 'inSubquery', expr: operand(ast['left'], ctx), query: subquery(only[0] as AstNode, ctx), negated: op !== 'IN' };
    }
  }
  const left = operand(ast['left'], ctx);
  const compare = COMPARE[op];
  if (compare) {
    const quantified = quantifiedFromAst(compare, left, right, ctx);
    return quantified ?? { kind: 'compare', op: compare, left, right: operand(right, ctx) };
  }
  const arithmetic = ARITHMETIC[op];
  if (arithmetic) return { kind: 'arithmetic', op: arithmetic, left, right: operand(right, ctx) };
  switch (op) {
    case 'IN': case 'NOT IN': return { kind: 'in', expr: left, list: list(right, ctx), negated: op !== 'IN' };
    case 'BETWEEN': case 'NOT BETWEEN': {
      const [low, high] = list(right, ctx);
      if (!low || !high) throw unsupported('BETWEEN without two bounds', 'write BETWEEN low AND high');
      return { kind: 'between', expr: left, low, high, negated: op !== 'BETWEEN' };
    }
    case 'LIKE': case 'NOT LIKE': {
      const escape = ctx.hints.escapes.get(ctx.likes++);
      const pattern = operand(right, ctx);
      return { kind: 'like', expr: left, pattern, negated: op !== 'LIKE', ...(escape !== undefined ? { escape } : {}) };
    }
    case 'IS': case 'IS NOT':
      if (!isNode(right) || right.type !== 'null') throw unsupported(`${op} ${JSON.stringify(right)}`, 'only IS [NOT] NULL is');
      return { kind: 'isNull', expr: left, negated: op === 'IS NOT' };
    default: throw unsupported(`The operator ${op}`);
  }
}

/**
 * `a OR b OR c …`: the parser nests a chain one level per operator; it is walked without recursion and
 * rebuilt balanced (see logical()), its operands converted in text order (LIKE and CAST hints are).
 */
function chainFromAst(ast: AstNode, op: 'AND' | 'OR', ctx: ConvertContext): Expr {
  const operands: Expr[] = [];
  const stack: unknown[] = [ast];
  while (stack.length > 0) {
    const node = stack.pop();
    if (isNode(node) && node.type === 'binary_expr' && String(node['operator']).toUpperCase() === op) {
      checkKeys(node, ['type', 'operator', 'left', 'right', 'parentheses'], 'An operator');
      stack.push(node['right'], node['left']);
    } else operands.push(operand(node, ctx));
  }
  return logical(op === 'AND' ? 'and' : 'or', operands);
}

/** `x > ALL (SELECT …)`, `x = ANY (…)`, `x = SOME (…)`: the parser reads the quantifier as a function. */
function quantifiedFromAst(op: CompareOp, left: Expr, right: unknown, ctx: ConvertContext): Expr | undefined {
  if (!isNode(right) || right.type !== 'function') return undefined;
  const name = functionName(right);
  if (name !== 'ANY' && name !== 'SOME' && name !== 'ALL') return undefined;
  const args = isNode(right['args']) ? nodes(right['args']['value']) : [];
  const query = args[0];
  if (args.length !== 1 || !query || !('ast' in query)) throw unsupported(`${name} without a subquery`, `write ${name} (SELECT …)`);
  return { kind: 'quantified', op, quantifier: name === 'ALL' ? 'all' : 'any', left, query: subquery(query, ctx) };
}

function operand(value: unknown, ctx: ConvertContext): Expr {
  if (!isNode(value)) throw unsupported('An empty expression', 'check the statement');
  return exprFromAst(value, ctx);
}

function list(value: unknown, ctx: ConvertContext): readonly Expr[] {
  if (!isNode(value) || value.type !== 'expr_list') return [operand(value, ctx)];
  checkKeys(value, ['type', 'value', 'parentheses'], 'A list');
  return nodes(value['value']).map((v) => exprFromAst(v, ctx));
}

function unaryFromAst(ast: AstNode, ctx: ConvertContext): Expr {
  checkKeys(ast, ['type', 'operator', 'expr', 'parentheses'], 'An operator');
  const op = String(ast['operator']).toUpperCase();
  const expr = ast['expr'];
  if (op === 'EXISTS' || op === 'NOT EXISTS') {
    if (!isNode(expr) || !('ast' in expr)) throw unsupported(`${op} without a subquery`, `write ${op} (SELECT …)`);
    return { kind: 'exists', query: subquery(expr, ctx), negated: op === 'NOT EXISTS' };
  }
  const inner = operand(expr, ctx);
  if (op === 'NOT') return { kind: 'not', expr: inner };
  if (op === '-' && inner.kind === 'number') return inner.text.startsWith('-') ? { ...inner, value: -inner.value, text: inner.text.slice(1) } : { ...inner, value: -inner.value, text: `-${inner.text}` };
  if (op === '-') return { kind: 'negate', expr: inner };
  if (op === '+') return inner;
  throw unsupported(`The operator ${op}`);
}

function functionFromAst(ast: AstNode, ctx: ConvertContext): Expr {
  checkKeys(ast, ['type', 'name', 'args', 'over', 'parentheses'], 'A function call');
  const name = functionName(ast);
  const argNode = ast['args'];
  if (isNode(argNode)) checkKeys(argNode, ['type', 'value', 'parentheses'], `${name}()`);
  const args = isNode(argNode) ? nodes(argNode['value']) : [];
  // transactsql parses NOT (x) as a call of a function named NOT, and EXISTS (…) as one named EXISTS.
  if (name === 'NOT' && args.length === 1) return { kind: 'not', expr: exprFromAst(args[0] as AstNode, ctx) };
  if (name === 'EXISTS' && args.length === 1 && 'ast' in (args[0] as AstNode)) return { kind: 'exists', query: subquery(args[0] as AstNode, ctx), negated: false };
  if (name === 'TOP') throw unsupported('TOP with an expression', 'write TOP n, TOP (n) or TOP (?) with a number or a parameter');
  if (name === 'CONVERT' || name === 'TRY_CONVERT') return convertFromAst(args, ctx, name === 'TRY_CONVERT');
  const converted = args.map((a, i) => (i === 0 && DATE_PART_FUNCTIONS.has(name) ? datePart(a) : exprFromAst(a, ctx)));
  const call = { kind: 'call', name, args: converted } as const;
  return isNode(ast['over']) ? windowFromAst(call, ast['over'], ctx) : call;
}

function datePart(ast: AstNode): Expr {
  if (ast.type === 'column_ref' && !ast['table']) return { kind: 'datePart', part: String(nameOf(ast['column']) ?? ast['column']).toLowerCase() };
  throw unsupported('A date part that is not a keyword', 'write day, month, year, hour, … as the first argument');
}

function aggregateFromAst(ast: AstNode, ctx: ConvertContext): Expr {
  checkKeys(ast, ['type', 'name', 'args', 'over', 'parentheses'], 'An aggregate');
  const name = String(ast['name']).toUpperCase();
  if (!AGGREGATES.has(name)) throw unsupported(`The aggregate ${name}()`);
  const args = isNode(ast['args']) ? ast['args'] : {};
  checkKeys(args, ['expr', 'distinct', 'separator', 'parentheses'], `${name}()`);
  const inner = isNode(args['expr']) ? args['expr'] : undefined;
  if (!inner) throw unsupported(`${name}() without an argument`);
  const arg: Expr | '*' = inner.type === 'star' ? '*' : exprFromAst(inner, ctx);
  const separator = isNode(args['separator']) && isNode(args['separator']['delimiter']) ? exprFromAst(args['separator']['delimiter'], ctx) : undefined;
  const aggregate = { kind: 'aggregate', name: name as AggregateName, arg, distinct: Boolean(args['distinct']), ...(separator ? { separator } : {}) } as const;
  return isNode(ast['over']) ? windowFromAst(aggregate, ast['over'], ctx) : aggregate;
}

/** `OVER (PARTITION BY … ORDER BY …)`; a frame clause (ROWS BETWEEN …) is refused by name. */
function windowFromAst(fn: Extract<Expr, { kind: 'call' | 'aggregate' }>, over: AstNode, ctx: ConvertContext): Expr {
  checkKeys(over, ['type', 'as_window_specification'], 'OVER');
  const outer = isNode(over['as_window_specification']) ? over['as_window_specification'] : {};
  checkKeys(outer, ['window_specification', 'parentheses'], 'OVER');
  const spec = isNode(outer['window_specification']) ? outer['window_specification'] : undefined;
  if (!spec) throw unsupported('A named window (OVER w)', 'write OVER (PARTITION BY … ORDER BY …)');
  checkKeys(spec, ['partitionby', 'orderby', 'window_frame_clause'], 'OVER');
  const partitionBy = nodes(spec['partitionby']).map((p) => {
    checkKeys(p, ['expr', 'as'], 'PARTITION BY');
    return operand(p['expr'], ctx);
  });
  const frame = isNode(spec['window_frame_clause']) ? frameFromAst(spec['window_frame_clause']) : undefined;
  return { kind: 'window', fn, partitionBy, orderBy: nodes(spec['orderby']).map((o) => orderItem(o, ctx)), ...(frame ? { frame } : {}) };
}

/** `ROWS 2 PRECEDING` comes as `{ type: 'rows', expr }`; `ROWS BETWEEN a AND b` as a BETWEEN node. */
function frameFromAst(ast: AstNode): WindowFrame {
  const bound = (node: unknown): FrameBound => {
    const text = isNode(node) ? String(node['value']).trim().toUpperCase().replace(/\s+/g, ' ') : '';
    if (text === 'CURRENT ROW') return { kind: 'current' };
    const m = /^(UNBOUNDED|\d+) (PRECEDING|FOLLOWING)$/.exec(text);
    if (!m) throw unsupported(`The window frame bound ${JSON.stringify(text)}`, 'write UNBOUNDED PRECEDING, n PRECEDING, CURRENT ROW, n FOLLOWING or UNBOUNDED FOLLOWING');
    const side = m[2] === 'PRECEDING' ? 'preceding' : 'following';
    return m[1] === 'UNBOUNDED' ? { kind: 'unbounded', side } : { kind: 'offset', rows: Number(m[1]), side };
  };
  if (ast.type === 'rows' || ast.type === 'range') return { unit: ast.type, start: bound(ast['expr']), end: { kind: 'current' } };
  const unit = isNode(ast['left']) ? String(ast['left']['value']).toLowerCase() : '';
  const ends = isNode(ast['right']) ? nodes(ast['right']['value']) : [];
  if (ast.type !== 'binary_expr' || (unit !== 'rows' && unit !== 'range') || ends.length !== 2) throw unsupported('This window frame');
  return { unit, start: bound(ends[0]), end: bound(ends[1]) };
}

function caseFromAst(ast: AstNode, ctx: ConvertContext): Expr {
  checkKeys(ast, ['type', 'expr', 'args', 'parentheses'], 'CASE');
  const whens: { when: Expr; then: Expr }[] = [];
  let otherwise: Expr | undefined;
  for (const arm of nodes(ast['args'])) {
    checkKeys(arm, ['type', 'cond', 'result'], 'CASE');
    if (arm.type === 'when') whens.push({ when: operand(arm['cond'], ctx), then: operand(arm['result'], ctx) });
    else if (arm.type === 'else') otherwise = operand(arm['result'], ctx);
    else throw unsupported(`CASE with ${JSON.stringify(arm.type)}`);
  }
  if (whens.length === 0) throw unsupported('CASE without WHEN', 'write CASE WHEN … THEN … END');
  return {
    kind: 'case',
    ...(isNode(ast['expr']) ? { operand: exprFromAst(ast['expr'], ctx) } : {}),
    whens,
    ...(otherwise ? { else: otherwise } : {}),
  };
}

function castFromAst(ast: AstNode, ctx: ConvertContext): Expr {
  checkKeys(ast, ['type', 'keyword', 'expr', 'symbol', 'target', 'parentheses'], 'CAST');
  const tried = ctx.hints.tryCasts.has(ctx.casts++);
  const targets = nodes(ast['target']);
  const target = targets[0];
  if (targets.length !== 1 || !target) throw unsupported('CAST to several types');
  checkKeys(target, ['dataType', 'length', 'scale', 'parentheses', 'suffix', 'quoted'], 'CAST');
  return { kind: 'cast', expr: operand(ast['expr'], ctx), type: sqlType(String(target['dataType']), target['length'], target['scale']), ...(tried ? { try: true as const } : {}) };
}

/** `CONVERT(type, expr [, style])`: the parser reads the type as a column (`int`) or a call (`varchar(10)`). */
function convertFromAst(args: readonly AstNode[], ctx: ConvertContext, tried: boolean): Expr {
  const [typeNode, value, style] = args;
  if (!typeNode || !value || args.length > 3) throw unsupported('CONVERT without a type and a value', 'write CONVERT(type, value[, style])');
  let type: SqlType;
  if (typeNode.type === 'column_ref' && !typeNode['table']) type = sqlType(String(nameOf(typeNode['column']) ?? typeNode['column']), undefined, undefined);
  else if (typeNode.type === 'function') {
    const sizes = isNode(typeNode['args']) ? nodes(typeNode['args']['value']) : [];
    const size = (n: AstNode | undefined): unknown => (n?.type === 'column_ref' && String(nameOf(n['column'])).toUpperCase() === 'MAX' ? 'MAX' : n?.['value']);
    type = sqlType(functionName(typeNode), size(sizes[0]), size(sizes[1]));
  } else throw unsupported('CONVERT to this type', 'write CONVERT(type, value[, style])');
  return { kind: 'cast', expr: exprFromAst(value, ctx), type, ...(style ? { style: exprFromAst(style, ctx) } : {}), ...(tried ? { try: true as const } : {}) };
}

function sqlType(name: string, length: unknown, scale: unknown): SqlType {
  const size = (v: unknown): number | undefined => (v === 'MAX' || v === 'max' ? -1 : typeof v === 'number' ? v : v === undefined || v === null ? undefined : Number(v));
  const l = size(length);
  const s = size(scale);
  return { name: name.toUpperCase(), ...(l !== undefined ? { length: l } : {}), ...(s !== undefined ? { scale: s } : {}) };
}
