/**
 * Expression tree to SQLite, with type checks: a comparison of a string with a number is a 400, never a
 * silent empty result. Literals are bound parameters; property names are checked and quoted. Strings
 * compare through `odata_ci_key`, the case-insensitive collation key that also ignores trailing spaces
 * (sqlite-functions.ts), or an equivalent cheaper form.
 *
 * Nulls follow OData, not SQL (OData v4 URL conventions 5.1.1.1; MS-ODATA 2.2.3.6.1.1.5 "lifted
 * operators"): comparisons are two-valued. `eq` is true when both sides are null and false when one is
 * (SQLite `IS`), `ne` is its negation (`IS NOT`), and `gt`/`ge`/`lt`/`le` are false when a side is null
 * (`COALESCE(a > b, 0)`), so `not (Tier gt 5)` and `Tier ne 'Gold'` both select a row whose Tier is null,
 * as a strict OData server does, where SQL would drop it. Functions and arithmetic with a null argument
 * yield null, `and`/`or`/`not` over a null boolean keep SQL's three-valued logic, and a `$filter` that
 * evaluates to null selects nothing. A side that cannot be null (a literal, a non-nullable column) keeps
 * the plain SQL operator, which SQLite can match against an index.
 */
import { assertNever } from './assert-never.ts';
import { columnValueType, findColumn, quoteIdent, type ColumnMap } from './columns.ts';
import type { ArithmeticOp, BinaryOp, ComparisonOp, Expr, UnaryOp, ValueType } from './expr.ts';
import { FUNCTIONS, type FunctionSpec } from './functions.ts';
import { badRequest } from './odata-query-error.ts';
import type { SqlParams } from './sql-params.ts';
import type { StringProfile } from './string-profile.ts';
import type { ODataVersion } from './types.ts';

export interface EmitContext {
  readonly columns: ColumnMap;
  readonly version: ODataVersion;
  readonly params: SqlParams;
  /** `$filter` or `$orderby`, for messages. */
  readonly option: string;
  /** What the string columns' values allow (string-profile.ts). */
  readonly strings: StringProfile;
}

export interface SqlFragment {
  readonly sql: string;
  readonly type: ValueType;
  /** How the user wrote it, for messages. */
  readonly text: string;
  /** A string literal made only of ASCII characters (see likeSql()). */
  readonly asciiLiteral?: boolean;
  /** A string literal that only ASCII texts equal under the collation: ASCII without 'ss' (see comparison()). */
  readonly asciiEquals?: boolean;
  /** A string literal that ends in a space. */
  readonly paddedLiteral?: boolean;
  /** A plain property: its column's name. */
  readonly column?: string;
  /** Whether the value may be null: a nullable column, a null literal, any function call or arithmetic. */
  readonly nullable: boolean;
}

const ASCII = /^[\x00-\x7f]*$/;

const SQL_OPERATORS: Readonly<Record<ComparisonOp | ArithmeticOp, string>> = {
  eq: '=',
  ne: '<>',
  gt: '>',
  ge: '>=',
  lt: '<',
  le: '<=',
  add: '+',
  sub: '-',
  mul: '*',
  div: '/',
  mod: '%',
};

/**
 * The WHERE condition for a `$filter` expression; 400 unless it is boolean.
 *
 * @example
 * filterToSql(expr, ctx) // "odata_ci_key(\"Name\") = odata_ci_key(@__p0)"
 */
export function filterToSql(expr: Expr, ctx: EmitContext): string {
  const fragment = emitExpr(expr, ctx);
  if (fragment.type !== 'boolean') throw badRequest(`$filter must be a boolean condition, but '${fragment.text}' is a ${fragment.type}.`);
  return fragment.sql;
}

export function emitExpr(expr: Expr, ctx: EmitContext): SqlFragment {
  switch (expr.kind) {
    case 'literal': {
      const { type, value, raw } = expr.literal;
      const string = typeof value === 'string' && type === 'string' ? value : undefined;
      const asciiLiteral = string !== undefined && ASCII.test(string);
      const asciiEquals = asciiLiteral && !/ss/i.test(string);
      const paddedLiteral = string?.endsWith(' ') ?? false;
      const sql = type === 'null' ? 'NULL' : ctx.params.add(value);
      return { sql, type, text: raw, asciiLiteral, asciiEquals, paddedLiteral, nullable: type === 'null' };
    }
    case 'property': {
      const column = findColumn(ctx.columns, expr.name, ctx.option);
      return { sql: quoteIdent(column.name), type: columnValueType(column), text: `${column.name} (${column.type})`, nullable: column.nullable, column: column.name };
    }
    case 'call':
      return emitCall(expr.name, expr.args, ctx);
    case 'binary':
      return emitBinary(expr.op, emitExpr(expr.left, ctx), emitExpr(expr.right, ctx), ctx);
    case 'unary':
      return emitUnary(expr.op, emitExpr(expr.operand, ctx));
    default:
      return assertNever(expr);
  }
}

function emitUnary(op: UnaryOp, operand: SqlFragment): SqlFragment {
  const isNot = op === 'not';
  const want: ValueType = isNot ? 'boolean' : 'number';
  if (operand.type !== want) {
    const hint = isNot ? ' Write not (Property eq value) with parentheses.' : '';
    throw badRequest(`'${isNot ? 'not' : '-'}' needs a ${want} operand, but '${operand.text}' is a ${operand.type}.${hint}`);
  }
  return { sql: `(${isNot ? 'NOT ' : '-'}${operand.sql})`, type: want, text: `${isNot ? 'not' : '-'} ${operand.text}`, nullable: operand.nullable };
}

function emitBinary(op: BinaryOp, left: SqlFragment, right: SqlFragment, ctx: EmitContext): SqlFragment {
  const text = `${left.text} ${op} ${right.text}`;
  switch (op) {
    case 'and':
    case 'or':
      requireType([left, right], 'boolean', op);
      return { sql: `(${left.sql} ${op.toUpperCase()} ${right.sql})`, type: 'boolean', text, nullable: left.nullable || right.nullable };
    case 'add':
    case 'sub':
    case 'mul':
    case 'div':
    case 'mod':
      requireType([left, right], 'number', op);
      // SQLite's division by zero is null too.
      return { sql: `(${left.sql} ${SQL_OPERATORS[op]} ${right.sql})`, type: 'number', text, nullable: true };
    default:
      return { sql: comparison(op, left, right, ctx.strings), type: 'boolean', text, nullable: false };
  }
}

function comparison(op: ComparisonOp, left: SqlFragment, right: SqlFragment, strings: StringProfile): string {
  if (left.type === 'null' || right.type === 'null') return nullComparison(op, left, right);
  if (left.type !== right.type) {
    throw badRequest(`Cannot compare ${left.text} with ${right.text}: the types differ (${left.type} and ${right.type}).`);
  }
  const equality = op === 'eq' || op === 'ne';
  // Equality with an ASCII literal: SQLite's NOCASE folds ASCII case exactly as odata_ci_key does, and a
  // value equal to an ASCII text ignoring case is itself ASCII (unless the text holds 'ss', which 'ß'
  // equals), so this is the same test without a JavaScript call per row. Trailing spaces, which odata_ci_key drops (SQL Server pads the shorter side
  // with spaces), are dropped here by rtrim, but only where there can be some (see unpadded()).
  const nocase = left.type === 'string' && equality && (left.asciiEquals === true || right.asciiEquals === true);
  const [l, r] =
    left.type !== 'string' ? [left.sql, right.sql]
    : nocase ? [unpadded(left, strings), unpadded(right, strings)]
    : [`odata_ci_key(${left.sql})`, `odata_ci_key(${right.sql})`];
  const collate = nocase ? ' COLLATE NOCASE' : '';
  if (!left.nullable && !right.nullable) return `(${l} ${SQL_OPERATORS[op]} ${r}${collate})`;
  // OData's two-valued comparisons (see the top of this file).
  if (equality) return `(${l} ${op === 'eq' ? 'IS' : 'IS NOT'} ${r}${collate})`;
  return `COALESCE(${l} ${SQL_OPERATORS[op]} ${r}, 0)`;
}

/**
 * The string without trailing spaces (U+0020), as SQL Server compares it. A literal or a column known to
 * have no value ending in a space is left as it is: rtrim makes a copy of every value, which about
 * doubles the cost of an equality scan.
 */
function unpadded(fragment: SqlFragment, strings: StringProfile): string {
  return mayEndInSpace(fragment, strings) ? `rtrim(${fragment.sql}, ' ')` : fragment.sql;
}

function mayEndInSpace(fragment: SqlFragment, strings: StringProfile): boolean {
  return fragment.column !== undefined ? strings.padded(fragment.column) : fragment.paddedLiteral ?? true;
}

function nullComparison(op: ComparisonOp, left: SqlFragment, right: SqlFragment): string {
  if (op !== 'eq' && op !== 'ne') throw badRequest(`null can only be compared with eq or ne, not ${op}.`);
  const other = left.type === 'null' ? right : left;
  if (other.type === 'null') return op === 'eq' ? '1' : '0';
  return `(${other.sql} IS ${op === 'eq' ? '' : 'NOT '}NULL)`;
}

function requireType(fragments: readonly SqlFragment[], type: ValueType, op: string): void {
  const wrong = fragments.find((f) => f.type !== type);
  if (wrong) throw badRequest(`'${op}' needs ${type} operands, but '${wrong.text}' is a ${wrong.type}.`);
}

function emitCall(name: string, args: readonly Expr[], ctx: EmitContext): SqlFragment {
  const spec = Object.hasOwn(FUNCTIONS, name) ? FUNCTIONS[name] : undefined;
  if (!spec) throw badRequest(`Function '${name}' is not supported in ${ctx.option}.`);
  if (!spec.versions.includes(ctx.version)) throw badRequest(`Function '${name}' is not available on ${ctx.version}: ${spec.otherVersionHint ?? ''}`);
  const min = spec.args.length - (spec.optional ?? 0);
  if (args.length < min || args.length > spec.args.length) {
    throw badRequest(`Function '${name}' takes ${min === spec.args.length ? min : `${min} to ${spec.args.length}`} arguments, not ${args.length}.`);
  }
  const emitted = args.map((a) => emitExpr(a, ctx));
  emitted.forEach((arg, i) => {
    if (arg.type !== spec.args[i] && arg.type !== 'null') {
      throw badRequest(`Argument ${i + 1} of ${name}() must be a ${spec.args[i]}, but '${arg.text}' is a ${arg.type}.`);
    }
  });
  const text = `${name}(${emitted.map((a) => a.text).join(', ')})`;
  const like = likeSql(spec, args, emitted, ctx);
  // A null argument yields null (SQLite's functions and ours return null for it).
  const sql = spec.unpaddedSql && !mayEndInSpace(emitted[0]!, ctx.strings) ? spec.unpaddedSql : spec.sql;
  return { sql: like ?? sql(emitted.map((a) => a.sql)), type: spec.result, text, nullable: true };
}

/** SQLite LIKE for a string test whose pattern is an ASCII literal (see FunctionSpec.like), else undefined. */
function likeSql(spec: FunctionSpec, args: readonly Expr[], emitted: readonly SqlFragment[], ctx: EmitContext): string | undefined {
  if (!spec.like) return undefined;
  const pattern = args[spec.like.pattern];
  if (pattern?.kind !== 'literal' || !emitted[spec.like.pattern]?.asciiLiteral) return undefined;
  const escaped = String(pattern.literal.value).replace(/[\\%_]/g, (c) => `\\${c}`);
  return `(${emitted[spec.like.subject]!.sql} LIKE ${ctx.params.add(spec.like.shape(escaped))} ESCAPE '\\')`;
}
