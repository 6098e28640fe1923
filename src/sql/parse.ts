import pkg from 'node-sql-parser/build/transactsql.js';
import { KineticSqlError } from '../errors.ts';
import { isNode } from './ir/ast.ts';
import { MAX_EXPRESSION_DEPTH } from './ir/convert-context.ts';
import type { AstNode } from './ir/ast.ts';
import { queryFromAst } from './ir/from-ast-select.ts';
import { writeFromAst } from './ir/from-ast-write.ts';
import type { ConvertContext } from './ir/convert-context.ts';
import type { ParsedStatement, StatementIr } from './ir/statement.ts';
import { lex } from './lexer.ts';
import type { LexedSql } from './lexer.ts';
import { LruCache } from './lru-cache.ts';
import { positionOf, syntaxMessage, tokenAt } from './position.ts';
import { unsupported } from './unsupported.ts';

const { Parser } = pkg;
const parser = new Parser();
const OPTIONS = { database: 'transactsql' };
const cache = new LruCache<string, ParsedStatement>(500);
const WRITES: ReadonlySet<string> = new Set(['INSERT', 'UPDATE', 'DELETE']);

/**
 * Parses one statement into our IR: SELECT, INSERT, UPDATE and DELETE through node-sql-parser (transactsql), EXEC and
 * REFRESH METADATA through the lexer. Results are cached by SQL text (the last 500 statements).
 *
 * @example
 * ```ts
 * const { statement, params } = parseSql('SELECT Name FROM Customers WHERE State = ?');
 * // statement.kind === 'select', params: { kind: 'positional', count: 1 }
 * ```
 */
export function parseSql(sql: string): ParsedStatement {
  const hit = cache.get(sql);
  if (hit) return hit;
  const lexed = lex(sql);
  const parsed = lexed.kind === 'special' ? lexed.parsed : { statement: convert(astOf(sql, lexed), lexed), params: lexed.params };
  cache.set(sql, parsed);
  return parsed;
}

function convert(ast: AstNode, lexed: LexedSql): StatementIr {
  const ctx: ConvertContext = { params: lexed.params, hints: lexed.hints, selects: 0, setOps: 0, likes: 0, casts: 0, depth: 0 };
  try {
    return WRITES.has(String(ast.type).toUpperCase()) ? writeFromAst(ast, ctx) : queryFromAst(ast, ctx);
  } catch (err) {
    throw err instanceof RangeError ? tooDeep(err) : err;
  }
}

/**
 * The stack ran out: node-sql-parser's grammar recurses once per operator it nests (thousands of NOT,
 * parentheses, operators). Our own conversion stops at MAX_EXPRESSION_DEPTH before that.
 */
function tooDeep(err: RangeError): KineticSqlError {
  return unsupported(
    'A statement nested this deeply',
    `the SQL parser ran out of stack; keep expressions under ${MAX_EXPRESSION_DEPTH} levels of nesting (a long chain of AND or OR, or an IN list, is fine)`,
    err,
  );
}

function astOf(sql: string, lexed: LexedSql): AstNode {
  let ast: unknown;
  try {
    ast = parser.astify(lexed.text, OPTIONS);
  } catch (err) {
    throw err instanceof RangeError ? tooDeep(err) : parseError(sql, lexed, err);
  }
  const list = Array.isArray(ast) ? ast : [ast];
  const statements = list.filter((s): s is AstNode => isNode(s) && typeof s.type === 'string' && s.type !== 'assign');
  if (statements.length !== list.length || statements.length === 0) {
    throw new KineticSqlError('ESQL_SYNTAX', syntaxMessage(positionOf(sql, 0), 'this is not a statement the driver understands'), { line: 1, column: 1 });
  }
  if (statements.length > 1) throw unsupported('More than one statement in a call', 'send one statement at a time');
  const statement = statements[0] as AstNode;
  const type = String(statement.type).toUpperCase();
  if (type !== 'SELECT' && !WRITES.has(type)) throw unsupported(type, 'the driver runs SELECT, INSERT, UPDATE, DELETE, EXEC and REFRESH METADATA');
  return statement;
}

/** pegjs errors carry `location.start.offset` in the rewritten text; report it in the user's text. */
function parseError(sql: string, lexed: LexedSql, err: unknown): KineticSqlError {
  const location = isNode(err) && isNode(err['location']) && isNode(err['location']['start']) ? err['location']['start'] : undefined;
  const offset = lexed.originalOffset(typeof location?.['offset'] === 'number' ? location['offset'] : 0);
  if (/^ESCAPE\b/i.test(sql.slice(offset))) return unsupported('LIKE … ESCAPE with anything but a string', "write ESCAPE '!' with one character");
  // The grammar checks INSERT's VALUES against the column list itself, with a plain Error and no location.
  const row = err instanceof Error ? /column count doesn't match value count at row (\d+)/.exec(err.message) : null;
  if (row) return new KineticSqlError('ESQL_UNSUPPORTED', `Row ${row[1]} of VALUES does not have one value per column of the INSERT's column list: give as many values as columns.`, { cause: err });
  const start = nameStart(sql, offset);
  const name = /^(?:\[[^\]]*\]|[A-Za-z_][\w$]*)?(?:\.(?:\[[^\]]*\]|[A-Za-z_][\w$]*)?)+/.exec(sql.slice(start))?.[0];
  if (name?.includes('..')) return unsupported(`The three-part name ${name}`, 'write [Service].[Table]');
  // The parser may stop inside a word (at the M of FORM): quote and point at the whole word.
  const at = /\w/.test(sql[offset] ?? '') ? wordStart(sql, offset) : offset;
  const pos = positionOf(sql, at);
  const detail = `unexpected ${tokenAt(sql, at)}`;
  return new KineticSqlError('ESQL_SYNTAX', syntaxMessage(pos, detail), { line: pos.line, column: pos.column, cause: err });
}

function wordStart(sql: string, offset: number): number {
  let i = offset;
  while (i > 0 && /\w/.test(sql[i - 1]!)) i--;
  return i;
}

/** The start of the dotted name (`a..b`, `[x].y`) an offset falls in or right after. */
function nameStart(sql: string, offset: number): number {
  let i = offset;
  while (i > 0 && /[\w.\]\[]/.test(sql[i - 1]!)) i--;
  return i;
}
