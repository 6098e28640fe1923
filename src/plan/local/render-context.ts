import type { Catalog } from '../../metadata/catalog.ts';
import type { ApiVersion } from '../../odata/version.ts';
import type { BoundParams } from '../params.ts';
import type { Expr } from '../../sql/ir/expr.ts';
import type { CommonTable } from '../../sql/ir/select.ts';
import type { Scope, TableInstance } from './scope.ts';

/** What rendering one statement into SQLite's dialect carries along. */
export interface RenderContext {
  readonly catalog: Catalog;
  readonly params: BoundParams;
  readonly version: ApiVersion;
  /** Values bound to the local statement: `?1` is values[0]. */
  readonly values: unknown[];
  /** Every table occurrence of the statement (subqueries included): each is one remote scan. */
  readonly tables: TableInstance[];
  /** FROM items so far (tables and subqueries), for unique local names. */
  ids: number;
  /** Conjuncts that must stay local (their filter made a request too long). */
  readonly keepLocal: ReadonlySet<Expr>;
  /** Equalities between two tables that stayed local: candidates for a semi-join. */
  readonly joins: JoinCandidate[];
  /** Common tables (WITH) by lower-case name; `open` while its own query is rendered (no recursion). */
  readonly ctes: Map<string, { readonly cte: CommonTable; open: boolean }>;
}

/** `a.x = b.y` left to the local join, and which of its tables may drive a semi-join for the other. */
export interface JoinCandidate {
  readonly conjunct: Expr;
  readonly scope: Scope;
  readonly allow: (driver: TableInstance, driven: TableInstance) => boolean;
}

/** Binds a value to the local statement and returns its placeholder (`?3`). */
export function bind(ctx: RenderContext, value: unknown): string {
  ctx.values.push(value);
  return `?${ctx.values.length}`;
}

/** A name quoted for SQLite (`"Name"`, with `"` doubled). */
export function quoteName(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

/** A string literal for SQLite. */
export function quoteText(text: string): string {
  return `'${text.replace(/'/g, "''")}'`;
}
