/**
 * `$filter` and `$orderby` text to expression trees through @odata/parser, after the per-version literal
 * pre-pass. A parser failure becomes a 400 that names the likely cause (an unknown function, the 4.01
 * `in` operator, a v2 date without a zone) and quotes the text where parsing stopped.
 */
import { defaultParser, type Token } from '@odata/parser';
import type { Expr } from './expr.ts';
import { FUNCTIONS } from './functions.ts';
import { badRequest, ODataQueryError } from './odata-query-error.ts';
import { unquotedText } from './quoted-segments.ts';
import { tokenToExpr } from './token-to-expr.ts';
import type { ODataVersion } from './types.ts';
import { prepareFilterText } from './v3-literals.ts';

/** Names followed by `(` that are not functions. */
const NOT_FUNCTIONS = new Set(['and', 'or', 'not', 'eq', 'ne', 'gt', 'ge', 'lt', 'le', 'add', 'sub', 'mul', 'div', 'mod', 'has', 'in', 'any', 'all']);

/**
 * @example
 * parseFilter("startswith(Name,'A') and CreditLimit gt 1000", 'v2')
 */
export function parseFilter(text: string, version: ODataVersion): Expr {
  const prepared = prepareFilterText(text, version);
  if (prepared === '') throw badRequest('$filter is empty.');
  return tokenToExpr(parseWith(() => defaultParser.filter(prepared), prepared, '$filter', version, 0));
}

export interface OrderItem {
  readonly expr: Expr;
  readonly descending: boolean;
}

/**
 * @example
 * parseOrderBy('Name desc,CustNum', 'v2') // [{ expr: Name, descending: true }, { expr: CustNum, descending: false }]
 */
export function parseOrderBy(text: string, version: ODataVersion): OrderItem[] {
  const prepared = prepareFilterText(text, version);
  if (prepared === '') throw badRequest('$orderby is empty.');
  const query = parseWith(() => defaultParser.query(`$orderby=${prepared}`), prepared, '$orderby', version, '$orderby='.length);
  const items = (query.value.options[0]?.value.items ?? []) as Token[];
  return items.map((item) => ({ expr: tokenToExpr(item.value.expr as Token), descending: item.value.direction === -1 }));
}

/** Runs the parser; `offset` is the length of any prefix added before `text` (for error positions). */
function parseWith(parse: () => Token, text: string, option: string, version: ODataVersion, offset: number): Token {
  try {
    return parse();
  } catch (error) {
    if (error instanceof ODataQueryError) throw error;
    const position = Number(/at (\d+)/.exec(error instanceof Error ? error.message : '')?.[1] ?? NaN) - offset;
    throw diagnose(text, option, version, position);
  }
}

function diagnose(text: string, option: string, version: ODataVersion, position: number): ODataQueryError {
  const plain = unquotedText(text);
  if (/(?:^|[\s)])in\s*\(/.test(plain)) {
    return badRequest(`The 'in' operator (OData 4.01) is not supported in ${option}; write Property eq a or Property eq b.`);
  }
  for (const m of plain.matchAll(/([A-Za-z_][\w.]*)\s*\(/g)) {
    const name = m[1] ?? '';
    if (!NOT_FUNCTIONS.has(name.toLowerCase()) && !Object.hasOwn(FUNCTIONS, name)) {
      const hint = Object.hasOwn(FUNCTIONS, name.toLowerCase()) ? ` Did you mean '${name.toLowerCase()}'? Function names are lower-case.` : '';
      return badRequest(`Unknown function '${name}' in ${option}.${hint}`);
    }
  }
  if (version === 'v2' && /\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?![\d:.Z+-])/.test(plain)) {
    return badRequest(`A date-time literal in ${option} has no time zone; on v2 write it with Z, e.g. 2024-03-01T00:00:00Z.`);
  }
  const at = position > 0 ? ` near '${text.slice(position, position + 20)}' (position ${position})` : '';
  return badRequest(`Invalid ${option} '${text}': syntax error${at}.`);
}
