import { KineticError, KineticSqlError } from '../errors.ts';
import type { EdmType } from '../metadata/catalog.ts';
import { encodeLiteral } from '../odata/literals.ts';
import type { FilterNode } from '../odata/filter.ts';
import type { ApiVersion } from '../odata/version.ts';
import type { Expr, Literal, ParamRef } from '../sql/ir/expr.ts';
import { markDefinitive, refused, unsupported } from '../sql/unsupported.ts';
import { ARG_TYPE, CAPABILITIES, fitsArg } from './capabilities.ts';
import type { BoundParams } from './params.ts';
import type { TableScope } from './table-scope.ts';

export interface FilterContext {
  readonly scope: TableScope;
  readonly params: BoundParams;
  readonly version: ApiVersion;
}

/**
 * A column or function result: its type decides how literals compared with it are encoded.
 * `nullable` names the nullable columns it reads (none for a key or a non-nullable column): it is null
 * when one of them is, and SQL's three-valued logic then needs a `c ne null` test (see build-filter.ts).
 */
export interface TypedOperand {
  readonly typed: true;
  readonly node: FilterNode;
  readonly type: EdmType;
  readonly what: string;
  readonly nullable: readonly string[];
}
/** A literal or parameter, waiting for the type of what it is compared with. */
export interface PendingOperand { readonly typed: false; readonly expr: Literal | ParamRef }
export type Operand = TypedOperand | PendingOperand;

/** Classifies one side of a comparison. */
export function operandOf(expr: Expr, ctx: FilterContext): Operand {
  switch (expr.kind) {
    case 'column': {
      const column = ctx.scope.column(expr);
      const nullable = column.nullable && !column.isKey ? [column.name] : [];
      return { typed: true, node: { kind: 'field', name: column.name }, type: column.type, what: `${column.name} (${column.type})`, nullable };
    }
    case 'call': return callOperand(expr.name, expr.args, ctx);
    case 'string': case 'number': case 'boolean': case 'null': case 'param': return { typed: false, expr };
    default: throw notAValue(expr);
  }
}

function callOperand(name: string, args: readonly Expr[], ctx: FilterContext): TypedOperand {
  const cap = CAPABILITIES[ctx.version].functions[name];
  if (!cap) throw unsupported(`The function ${name}() in WHERE`);
  if ('unsupported' in cap) throw unsupported(`${name}()`, cap.unsupported);
  if (args.length !== cap.args.length) throw unsupported(`${name}() with ${args.length} argument(s)`, `OData's ${cap.odata} takes ${cap.args.length}`);
  const nullable = new Set<string>();
  const nodes = cap.args.map((kind, i): FilterNode => {
    const arg = operandOf(args[i] as Expr, ctx);
    if (arg.typed) {
      if (i === cap.zeroBasedArg) throw unsupported(`${name}() with a computed start position`, 'write the start as a number or parameter');
      if (!fitsArg(arg.type, kind)) throw unsupported(`${name}() of ${arg.what}`, `it needs a ${kind} argument`);
      // A function of a null is null (OData and SQL alike).
      for (const column of arg.nullable) nullable.add(column);
      return arg.node;
    }
    if (i !== cap.zeroBasedArg) return encodePending(arg, ARG_TYPE[kind], `${name}()`, ctx);
    const start = Number(pendingValue(arg, ctx));
    if (!Number.isSafeInteger(start) || start < 1) throw unsupported(`${name}() with a start below 1`, 'SQL counts positions from 1');
    return { kind: 'literal', text: encodeLiteral(start - 1, ARG_TYPE[kind], ctx.version) };
  });
  return { typed: true, node: { kind: 'call', name: cap.odata, args: nodes }, type: cap.returns, what: `${name}()`, nullable: [...nullable] };
}

/** The JS value of a literal or a bound parameter (numbers keep their text, so decimals stay exact). */
export function pendingValue(op: PendingOperand, ctx: FilterContext): unknown {
  const e = op.expr;
  switch (e.kind) {
    case 'string': case 'boolean': return e.value;
    case 'number': return e.text;
    case 'null': return null;
    case 'param': return ctx.params.value(e);
  }
}

/** Encodes a literal or parameter for the type of what it is compared with; bad values name both. */
export function encodePending(op: PendingOperand, type: EdmType, against: string, ctx: FilterContext): FilterNode {
  const value = pendingValue(op, ctx);
  if (value === null) {
    if (op.expr.kind === 'param') throw new KineticSqlError('EPARAM', `${ctx.params.label(op.expr)} is null: use IS NULL to find missing values.`);
    throw refused('Comparing with NULL', 'write IS NULL or IS NOT NULL');
  }
  try {
    return { kind: 'literal', text: encodeLiteral(value, type, ctx.version) };
  } catch (err) {
    if (!(err instanceof KineticError) || err.code !== 'EPARAM') throw err;
    if (op.expr.kind === 'param') {
      throw new KineticSqlError('EPARAM', `${ctx.params.label(op.expr)} (compared with ${against}): ${err.message}`, { cause: err });
    }
    throw markDefinitive(new KineticSqlError('ESQL_UNSUPPORTED', `A literal in the SQL text cannot be compared with ${against}: ${err.message}.`, { cause: err }));
  }
}

/** The error for an expression OData cannot evaluate as one side of a `$filter` comparison, naming it. */
export function notAValue(expr: Expr): KineticSqlError {
  return unsupported(describeExpr(expr), "OData's $filter compares columns and a few functions of them with values");
}

/** A short name of an expression kind for messages: `A subquery`, `CASE`, `Arithmetic (+)`, `The function CHARINDEX()`. */
export function describeExpr(expr: Expr): string {
  switch (expr.kind) {
    case 'subquery': case 'inSubquery': case 'exists': case 'quantified': return 'A subquery';
    case 'arithmetic': return `Arithmetic (${expr.op})`;
    case 'negate': return 'Arithmetic (unary -)';
    case 'case': return 'CASE';
    case 'cast': return 'CAST/CONVERT';
    case 'call': return `The function ${expr.name}()`;
    case 'aggregate': return `The aggregate ${expr.name}(${expr.distinct ? 'DISTINCT …' : expr.arg === '*' ? '*' : '…'})`;
    case 'window': return 'A window function (OVER)';
    case 'datePart': return `The date part ${expr.part}`;
    default: return `This expression (${expr.kind})`;
  }
}
