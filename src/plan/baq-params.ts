import { KineticError, KineticSqlError } from '../errors.ts';
import { plainValue } from '../odata/literals.ts';
import { children, type Expr } from '../sql/ir/expr.ts';
import { logical } from '../sql/ir/logical.ts';
import { refused, unsupported } from '../sql/unsupported.ts';
import { pendingValue } from './operand.ts';
import type { FilterContext } from './operand.ts';
import { conjuncts } from './where-split.ts';

/** A WHERE clause split into BAQ parameters and what is left for `$filter`. */
export interface BaqSplit {
  readonly baqParams: Readonly<Record<string, string>>;
  readonly rest?: Expr;
}

/**
 * Takes `param = value` conjuncts (joined to the rest with AND) out of a BAQ's WHERE clause: BAQ
 * parameters travel as plain query-string pairs, not in `$filter`. A required parameter that is not
 * given is an EPARAM error naming it.
 *
 * @example
 * ```ts
 * // SELECT * FROM zCustomer01 WHERE zipCode = '90210' AND Customer_Name LIKE 'A%'
 * // -> baqParams { zipCode: '90210' }, rest: Customer_Name LIKE 'A%'
 * ```
 */
export function splitBaqParams(where: Expr | undefined, ctx: FilterContext): BaqSplit {
  const table = ctx.scope.table;
  if (table.parameters.length === 0) return where ? { baqParams: {}, rest: where } : { baqParams: {} };
  const baqParams: Record<string, string> = {};
  const rest: Expr[] = [];
  for (const conjunct of where ? conjuncts(where) : []) {
    const found = asParamEquals(conjunct, ctx);
    if (!found) { rest.push(conjunct); continue; }
    const [name, value] = found;
    if (name in baqParams) throw unsupported(`Giving the BAQ parameter ${name} twice`, 'give it once');
    baqParams[name] = value;
  }
  // A parameter used any other way (inside OR, NOT, IN, <>...) cannot be sent: say so, rather than
  // report it missing.
  for (const conjunct of rest) {
    const misused = parameterUse(conjunct, ctx);
    if (misused) throw refused(`Using the BAQ parameter ${misused} inside another condition`, `write ${misused} = value in WHERE, joined to the rest with AND`);
  }
  for (const p of table.parameters) {
    if (p.required && !(p.name in baqParams)) {
      throw new KineticSqlError('EPARAM', `The BAQ ${table.name} needs its parameter ${p.name}: add WHERE ${p.name} = value.`, { name: p.name });
    }
  }
  return rest.length > 0 ? { baqParams, rest: logical('and', rest) } : { baqParams };
}

/** The name of the first BAQ parameter an expression mentions, if any. */
function parameterUse(expr: Expr, ctx: FilterContext): string | undefined {
  if (expr.kind === 'column') return ctx.scope.parameter(expr)?.name;
  for (const child of children(expr)) {
    const found = parameterUse(child, ctx);
    if (found) return found;
  }
  return undefined;
}

function asParamEquals(expr: Expr, ctx: FilterContext): readonly [string, string] | undefined {
  if (expr.kind !== 'compare' || expr.op !== '=') return undefined;
  const pairs = [[expr.left, expr.right], [expr.right, expr.left]] as const;
  for (const [side, other] of pairs) {
    if (side.kind !== 'column') continue;
    const param = ctx.scope.parameter(side);
    if (!param) continue;
    if (other.kind !== 'string' && other.kind !== 'number' && other.kind !== 'boolean' && other.kind !== 'param') {
      throw unsupported(`The BAQ parameter ${param.name} compared with anything but a value`, `write ${param.name} = 'value' or ${param.name} = ?`);
    }
    ctx.scope.checkQualifier(side.qualifier);
    const value = pendingValue({ typed: false, expr: other }, ctx);
    try {
      return [param.name, plainValue(value, param.type, ctx.version)];
    } catch (err) {
      if (err instanceof KineticError) throw new KineticSqlError('EPARAM', `BAQ parameter ${param.name}: ${err.message}`, { name: param.name, cause: err });
      throw err;
    }
  }
  return undefined;
}
