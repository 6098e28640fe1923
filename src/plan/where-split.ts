import { KineticSqlError } from '../errors.ts';
import type { FilterNode } from '../odata/filter.ts';
import type { Expr } from '../sql/ir/expr.ts';
import { operandsOf } from '../sql/ir/logical.ts';
import { isDefinitive } from '../sql/unsupported.ts';
import { buildFilter } from './build-filter.ts';
import { allOf } from './null-guards.ts';
import type { FilterContext } from './operand.ts';

/** A conjunct OData cannot express, with the reason. */
export interface Residual {
  readonly expr: Expr;
  readonly reason: KineticSqlError;
}

/** A WHERE clause split into what goes to `$filter` and what does not. */
export interface WhereSplit {
  readonly filter?: FilterNode;
  readonly residual: readonly Residual[];
}

/**
 * `a AND (b AND c)` -> [a, b, c], without conjuncts that are true whatever the row: query builders write
 * `WHERE 1 = 1 AND ...`, and such a conjunct must not cost the query its pushdown.
 */
export function conjuncts(expr: Expr): Expr[] {
  return operandsOf('and', expr).filter((e) => !isTautology(e));
}

/** `1 = 1`, `'a' = 'a'`, `0 <> 1`: a comparison of two literals that holds. */
function isTautology(e: Expr): boolean {
  if (e.kind !== 'compare') return false;
  const value = (x: Expr): string | number | undefined => (x.kind === 'number' ? x.value : x.kind === 'string' ? x.value : undefined);
  const l = value(e.left);
  const r = value(e.right);
  if (l === undefined || r === undefined || typeof l !== typeof r) return false;
  switch (e.op) {
    case '=': return l === r;
    case '<>': return l !== r;
    case '<': return l < r;
    case '<=': return l <= r;
    case '>': return l > r;
    case '>=': return l >= r;
  }
}

/**
 * Splits a condition into its conjuncts (the parts joined by AND) and keeps, for `$filter`, each one
 * OData can express; the others form the residual, each with the reason it could not be sent. Errors
 * that are not about OData's reach (an unknown column, a bad parameter value) are thrown at once.
 *
 * @example
 * ```ts
 * // WHERE State = 'MN' AND CHARINDEX('a', Name) > 3
 * splitWhere(where, ctx); // { filter: State eq 'MN', residual: [CHARINDEX('a', Name) > 3 with its reason] }
 * ```
 */
export function splitWhere(where: Expr, ctx: FilterContext): WhereSplit {
  const pushed: FilterNode[] = [];
  const residual: Residual[] = [];
  for (const conjunct of conjuncts(where)) {
    try {
      pushed.push(buildFilter(conjunct, ctx));
    } catch (err) {
      if (!(err instanceof KineticSqlError) || err.code !== 'ESQL_UNSUPPORTED' || isDefinitive(err)) throw err;
      residual.push({ expr: conjunct, reason: err });
    }
  }
  if (pushed.length === 0) return { residual };
  return { filter: pushed.length === 1 ? (pushed[0] as FilterNode) : allOf(pushed), residual };
}
