/**
 * Query options to SQL pieces over one source: conditions, ORDER BY terms, bound parameters, the
 * selection, `$top` and `$skip`. Pure: no database access. Used for the top level and for each
 * `$expand` target alike.
 */
import { columnMap, findColumn, quoteIdent, type ColumnMap } from './columns.ts';
import { emitExpr, filterToSql, type EmitContext } from './filter-to-sql.ts';
import { parseFilter, parseOrderBy } from './parse-expression.ts';
import { MAX_TOP, parseNonNegative } from './paging.ts';
import { parseSelect, type Selection } from './select.ts';
import { SqlParams } from './sql-params.ts';
import { stringOrderSql, UNKNOWN_STRINGS, type StringProfile } from './string-profile.ts';
import type { ODataVersion, QueryOptions, QuerySource } from './types.ts';

export interface CompiledParts {
  readonly columns: ColumnMap;
  /** Source conditions and the `$filter` condition, to be ANDed. */
  readonly conditions: readonly string[];
  readonly orderBy: readonly string[];
  /** The source's parameters plus the bound literals. */
  readonly params: Readonly<Record<string, unknown>>;
  readonly selection: Selection;
  readonly top: number | undefined;
  readonly skip: number;
}

/**
 * @example
 * compileParts(source, { filter: "Name eq 'A'", top: '5' }, 'v2', [])
 * // { conditions: ['("Company" = @company)', '(odata_ci_key("Name") = odata_ci_key(@__p0))'], top: 5, ... }
 */
export function compileParts(
  source: QuerySource,
  options: QueryOptions,
  version: ODataVersion,
  expanded: readonly string[],
  strings: StringProfile = UNKNOWN_STRINGS,
): CompiledParts {
  const columns = columnMap(source.columns);
  const params = new SqlParams();
  const ctx = (option: string): EmitContext => ({ columns, version, params, option, strings });
  const conditions = source.where.map((w) => `(${w})`);
  if (options.filter !== undefined) conditions.push(filterToSql(parseFilter(options.filter, version), ctx('$filter')));
  const orderBy = orderTerms(source, options, version, ctx('$orderby'));
  return {
    columns,
    conditions,
    orderBy,
    params: { ...source.params, ...params.values },
    selection: parseSelect(options.select, columns, expanded, version),
    top: parseNonNegative(options.top, '$top', MAX_TOP),
    skip: parseNonNegative(options.skip, '$skip') ?? 0,
  };
}

/**
 * `$orderby` terms, then the keys not already ordered, so that pages are stable. Strings order by the
 * collation (case and trailing spaces ignored; string-profile.ts picks the cheapest equivalent form for a
 * plain column);
 * NULLs come first ascending, as on SQL Server (and SQLite).
 */
function orderTerms(source: QuerySource, options: QueryOptions, version: ODataVersion, ctx: EmitContext): string[] {
  const terms: string[] = [];
  const ordered = new Set<string>();
  const items = options.orderby === undefined ? [] : parseOrderBy(options.orderby, version);
  for (const item of items) {
    const fragment = emitExpr(item.expr, ctx);
    const order = item.expr.kind === 'property' ? ctx.strings.order(item.expr.name) : 'key';
    const sql = fragment.type === 'string' ? stringOrderSql(fragment.sql, order) : fragment.sql;
    terms.push(`${sql} ${item.descending ? 'DESC' : 'ASC'}`);
    if (item.expr.kind === 'property') ordered.add(item.expr.name);
  }
  for (const key of source.keys.filter((k) => !ordered.has(k))) {
    const column = findColumn(ctx.columns, key, 'the source keys');
    const name = quoteIdent(column.name);
    const order = column.type === 'Edm.String' ? ctx.strings.order(column.name) : 'binary';
    terms.push(order === 'binary' ? `${name} ASC` : `${stringOrderSql(name, order)} ASC, ${name} ASC`);
  }
  return terms;
}

/**
 * `SELECT cols FROM from [WHERE ...] [ORDER BY ...]`, with LIMIT/OFFSET placeholders when given; `list`
 * replaces the column list by another select list.
 */
export function selectSql(from: string, columns: readonly string[], parts: CompiledParts, paging?: { limit: string; offset: string }, list?: string): string {
  list ??= columns.map(quoteIdent).join(', ');
  const where = parts.conditions.length > 0 ? ` WHERE ${parts.conditions.join(' AND ')}` : '';
  const order = parts.orderBy.length > 0 ? ` ORDER BY ${parts.orderBy.join(', ')}` : '';
  const limit = paging ? ` LIMIT ${paging.limit} OFFSET ${paging.offset}` : '';
  return `SELECT ${list} FROM ${from}${where}${order}${limit}`;
}

export function countSql(from: string, parts: CompiledParts): string {
  const where = parts.conditions.length > 0 ? ` WHERE ${parts.conditions.join(' AND ')}` : '';
  return `SELECT count(*) AS "n" FROM ${from}${where}`;
}
