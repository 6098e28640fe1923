import { unsupported } from '../unsupported.ts';
import { functionName, isNode, nodes } from './ast.ts';
import type { AstNode } from './ast.ts';
import type { CompareOp, Expr, Literal, ParamRef } from './expr.ts';
import type { ParamStyle } from './statement.ts';
import { EXACT_NUMBER, exactNumberText } from '../lexer.ts';

const COMPARE: Readonly<Record<string, CompareOp>> = { '=': '=', '<>': '<>', '!=': '<>', '<': '<', '<=': '<=', '>': '>', '>=': '>=' };

/** Converts one node-sql-parser expression into our IR, fixing the parser's quirks on the way. */
export function exprFromAst(ast: AstNode, params: ParamStyle): Expr {
  switch (ast.type) {
    case 'column_ref': return columnFromAst(ast);
    case 'number': case 'bigint': case 'single_quote_string': case 'var_string': case 'string': case 'bool': case 'null':
      return literalFromAst(ast);
    case 'param': return paramFromAst(String(ast['value']), params);
    case 'binary_expr': return binaryFromAst(ast, params);
    case 'unary_expr': return unaryFromAst(ast, params);
    case 'function': return functionFromAst(ast, params);
    case 'aggr_func': return aggregateFromAst(ast);
    case 'case': throw unsupported('CASE');
    case 'cast': throw unsupported('CAST');
    case 'window_func': throw unsupported('a window function (OVER)');
    default:
      if ('ast' in ast || ast.type === 'expr_list') throw unsupported('A subquery');
      throw unsupported(`The expression ${JSON.stringify(ast.type ?? 'unknown')}`, 'rewrite it with columns, literals and parameters');
  }
}

function columnFromAst(ast: AstNode): Expr {
  if (ast['collate']) throw unsupported('COLLATE', 'Epicor compares text without regard to case');
  const column = ast['column'];
  const name = typeof column === 'string' ? column : String(isNode(column) && isNode(column['expr']) ? column['expr']['value'] : '');
  const parts = [ast['db'], ast['schema'], ast['table']].filter((p): p is string => typeof p === 'string' && p !== '');
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

/** The lexer turned `?` into `:p1`, `:p2`… and `@name` into `:name`. */
function paramFromAst(value: string, params: ParamStyle): ParamRef | Literal {
  if (value.startsWith(EXACT_NUMBER)) {
    const text = exactNumberText(value);
    return { kind: 'number', value: Number(text), text };
  }
  if (params.kind === 'positional') return { kind: 'param', by: 'position', index: Number(value.slice(1)) - 1 };
  return { kind: 'param', by: 'name', name: value };
}

function binaryFromAst(ast: AstNode, params: ParamStyle): Expr {
  const op = String(ast['operator']).toUpperCase();
  const left = operand(ast['left'], params);
  const right = ast['right'];
  const compare = COMPARE[op];
  if (compare) return { kind: 'compare', op: compare, left, right: operand(right, params) };
  switch (op) {
    case 'AND': case 'OR': return { kind: op === 'AND' ? 'and' : 'or', left, right: operand(right, params) };
    case 'IN': case 'NOT IN': return { kind: 'in', expr: left, list: list(right, params), negated: op !== 'IN' };
    case 'BETWEEN': case 'NOT BETWEEN': {
      const [low, high] = list(right, params);
      if (!low || !high) throw unsupported('BETWEEN without two bounds', 'write BETWEEN low AND high');
      return { kind: 'between', expr: left, low, high, negated: op !== 'BETWEEN' };
    }
    case 'LIKE': case 'NOT LIKE': return { kind: 'like', expr: left, pattern: operand(right, params), negated: op !== 'LIKE' };
    case 'IS': case 'IS NOT':
      if (!isNode(right) || right.type !== 'null') throw unsupported(`${op} ${JSON.stringify(right)}`, 'only IS [NOT] NULL is');
      return { kind: 'isNull', expr: left, negated: op === 'IS NOT' };
    case '+': case '-': case '*': case '/': case '%': case '||':
      throw unsupported(`Arithmetic (${op})`);
    default: throw unsupported(`The operator ${op}`);
  }
}

function operand(value: unknown, params: ParamStyle): Expr {
  if (!isNode(value)) throw unsupported('An empty expression', 'check the statement');
  return exprFromAst(value, params);
}

function list(value: unknown, params: ParamStyle): readonly Expr[] {
  if (!isNode(value) || value.type !== 'expr_list') return [operand(value, params)];
  return nodes(value['value']).map((v) => {
    if ('ast' in v) throw unsupported('A subquery');
    return exprFromAst(v, params);
  });
}

function unaryFromAst(ast: AstNode, params: ParamStyle): Expr {
  const op = String(ast['operator']).toUpperCase();
  const inner = operand(ast['expr'], params);
  if (op === 'NOT') return { kind: 'not', expr: inner };
  if (op === '-' && inner.kind === 'number') return { kind: 'number', value: -inner.value, text: `-${inner.text}` };
  if (op === '+' && inner.kind === 'number') return inner;
  throw unsupported(`Arithmetic (unary ${op})`);
}

function functionFromAst(ast: AstNode, params: ParamStyle): Expr {
  const name = functionName(ast);
  if (ast['over']) throw unsupported(`${name}() OVER (a window function)`);
  const argNode = ast['args'];
  const args = isNode(argNode) ? nodes(argNode['value']) : [];
  // transactsql parses NOT (x) as a call of a function named NOT.
  if (name === 'NOT' && args.length === 1) return { kind: 'not', expr: exprFromAst(args[0] as AstNode, params) };
  if (name === 'EXISTS') throw unsupported('EXISTS (a subquery)');
  if (name === 'TOP') throw unsupported('TOP with an expression or parameter', 'write TOP n with a number');
  return { kind: 'call', name, args: args.map((a) => {
    if ('ast' in a) throw unsupported('A subquery');
    return exprFromAst(a, params);
  }) };
}

function aggregateFromAst(ast: AstNode): Expr {
  const name = String(ast['name']).toUpperCase();
  const args = isNode(ast['args']) ? ast['args'] : {};
  if (name === 'COUNT' && isNode(args['expr']) && args['expr'].type === 'star' && !args['distinct'] && !ast['over']) {
    return { kind: 'countStar' };
  }
  const inner = args['distinct'] ? 'DISTINCT …' : '…';
  throw unsupported(`The aggregate ${name}(${inner})`);
}
