/**
 * Expressions of our SQL IR: readonly plain objects, each with a `kind`. Built once from
 * node-sql-parser's AST by src/sql/ir/from-ast.ts, with the parser's quirks already fixed.
 */

/** `Name`, `c.Name`, `[Erp.BO.CustomerSvc].[Customers].Name`: the qualifier as written, if any. */
export interface ColumnRef {
  readonly kind: 'column';
  readonly name: string;
  readonly qualifier?: string;
}

/** A literal as written in the SQL text; numbers keep their text so decimals stay exact. */
export type Literal =
  | { readonly kind: 'string'; readonly value: string }
  | { readonly kind: 'number'; readonly value: number; readonly text: string }
  | { readonly kind: 'boolean'; readonly value: boolean }
  | { readonly kind: 'null' };

/** A parameter marker: `?` number `index` (0-based), or `@name`. */
export type ParamRef =
  | { readonly kind: 'param'; readonly by: 'position'; readonly index: number }
  | { readonly kind: 'param'; readonly by: 'name'; readonly name: string };

export type CompareOp = '=' | '<>' | '<' | '<=' | '>' | '>=';

export interface Compare { readonly kind: 'compare'; readonly op: CompareOp; readonly left: Expr; readonly right: Expr }
export interface Logical { readonly kind: 'and' | 'or'; readonly left: Expr; readonly right: Expr }
export interface Not { readonly kind: 'not'; readonly expr: Expr }
export interface InList { readonly kind: 'in'; readonly expr: Expr; readonly list: readonly Expr[]; readonly negated: boolean }
export interface Between { readonly kind: 'between'; readonly expr: Expr; readonly low: Expr; readonly high: Expr; readonly negated: boolean }
export interface Like { readonly kind: 'like'; readonly expr: Expr; readonly pattern: Expr; readonly negated: boolean }
export interface IsNull { readonly kind: 'isNull'; readonly expr: Expr; readonly negated: boolean }
/** A scalar function call; `name` is upper-case (`UPPER`, `SUBSTRING`). */
export interface Call { readonly kind: 'call'; readonly name: string; readonly args: readonly Expr[] }
/** `COUNT(*)`: the one aggregate the remote path answers (with a count request). */
export interface CountStar { readonly kind: 'countStar' }

export type Expr =
  | ColumnRef
  | Literal
  | ParamRef
  | Compare
  | Logical
  | Not
  | InList
  | Between
  | Like
  | IsNull
  | Call
  | CountStar;
