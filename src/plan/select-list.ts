import { KineticSqlError } from '../errors.ts';
import type { ODataOrderBy } from '../odata/request.ts';
import type { OrderItem, SelectItem } from '../sql/ir/select.ts';
import { unsupported } from '../sql/unsupported.ts';
import { describeExpr } from './operand.ts';
import type { TableScope } from './table-scope.ts';
import type { OutputColumn } from './types.ts';

/** The output columns of a select list, and the `$select` it needs (undefined: all columns, for `*`). */
export interface SelectList {
  readonly columns: readonly OutputColumn[];
  readonly select?: readonly string[];
}

/**
 * Resolves the select list of a remote scan. `*` sends no `$select` (Epicor then returns every column,
 * the same bytes as listing all of them in a URL that can reach several kilobytes on wide tables);
 * otherwise `$select` lists the referenced columns once each. Output names use the catalog's spelling
 * unless aliased (they are made unique later, for the whole result).
 *
 * @example
 * ```ts
 * // SELECT custid, Name AS n FROM Customers -> columns CustID, n; $select=CustID,Name
 * ```
 */
export function selectList(items: readonly SelectItem[], scope: TableScope): SelectList {
  const columns: OutputColumn[] = [];
  let star = false;
  for (const item of items) {
    if (item.kind === 'star') {
      scope.checkQualifier(item.qualifier);
      star = true;
      for (const c of scope.table.columns) columns.push(output(scope, c.name, c.name));
      continue;
    }
    const e = item.expr;
    if (e.kind === 'aggregate' && e.name === 'COUNT' && e.arg === '*' && !e.distinct) throw unsupported('COUNT(*) beside other columns (an aggregate)');
    if (e.kind === 'call') throw unsupported(`The function ${e.name}() in the select list`);
    if (e.kind !== 'column') throw unsupported(`${describeExpr(e)} in the select list`, "Epicor's OData API returns columns, not computed values");
    const column = scope.column(e);
    columns.push(output(scope, column.name, item.alias ?? column.name));
  }
  if (star) return { columns };
  return { columns, select: [...new Set(columns.map((c) => c.source))] };
}

function output(scope: TableScope, source: string, name: string): OutputColumn {
  const column = scope.column({ kind: 'column', name: source });
  return { name, source, type: column.type, nullable: column.nullable, table: scope.table.name };
}

/** ORDER BY columns, select-list aliases and positions (`ORDER BY 2`); an expression is refused. */
export function orderBy(items: readonly OrderItem[], list: SelectList, scope: TableScope): ODataOrderBy[] {
  return items.map((item) => {
    const e = item.expr;
    if (e.kind === 'position') {
      const target = list.columns[e.position - 1];
      if (!target) throw new KineticSqlError('ENO_COLUMN', `ORDER BY ${e.position}: the select list has ${list.columns.length} column(s).`, { name: String(e.position) });
      return { column: target.source, desc: item.desc };
    }
    if (e.kind !== 'column') throw unsupported(`ORDER BY ${describeExpr(e).replace(/^[A-Z]/, (c) => c.toLowerCase())}`, "OData's $orderby takes columns");
    const aliased = e.qualifier === undefined ? list.columns.find((c) => c.name.toLowerCase() === e.name.toLowerCase() && c.name !== c.source) : undefined;
    return { column: aliased ? aliased.source : scope.column(e).name, desc: item.desc };
  });
}
