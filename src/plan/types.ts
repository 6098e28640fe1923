import type { CatalogTable, EdmType } from '../metadata/catalog.ts';
import type { ODataRequest } from '../odata/request.ts';

/** One column of a result, as reported to the user in `columns`. */
export interface ResultColumn {
  /** Output name: the alias when given, else the column name. */
  readonly name: string;
  /** EDM type name for columns read from Epicor, or a SQL type name (`int`, ...) for computed values. */
  readonly type: EdmType | string;
  readonly nullable: boolean;
  /** The table (entity set or BAQ) the column comes from. */
  readonly table?: string;
}

/** One output column of a remote plan: which field of the OData row becomes which result column. */
export interface OutputColumn extends ResultColumn {
  /** Field name in the OData row (the catalog column name). */
  readonly source: string;
  readonly type: EdmType;
}

/** Everything pushed down to one entity set: rows stream page by page from OData. */
export interface RemotePlan {
  readonly kind: 'remote';
  readonly table: CatalogTable;
  readonly request: ODataRequest;
  readonly columns: readonly OutputColumn[];
  /** Key columns used to order pages when the query has no ORDER BY (already in `request.orderby`). */
  readonly orderedByKey: boolean;
}

/** `SELECT COUNT(*) FROM t [WHERE pushable]`: one count request, one row with one column. */
export interface CountPlan {
  readonly kind: 'count';
  readonly table: CatalogTable;
  readonly request: ODataRequest;
  readonly column: ResultColumn;
}

export type Plan = RemotePlan | CountPlan;

/** Values for a statement's parameters: an array binds `?` in order, an object binds `@name` (keys without `@`). */
export type Params = readonly unknown[] | Readonly<Record<string, unknown>>;

/** What compile() needs besides the SQL and the catalog. */
export interface CompileOptions {
  readonly apiVersion: 'v1' | 'v2';
}

/** One EXEC argument with its parameter already bound: `name` is absent for a positional argument. */
export interface ExecArg {
  readonly name?: string;
  /** A string, number or null from the SQL text, or the bound parameter value as given. */
  readonly value: unknown;
}

/** A SELECT, planned: what to send to OData. */
export interface SelectStatementPlan {
  readonly kind: 'select';
  readonly plan: Plan;
}

/** `EXEC proc Name='x', ...`: the connection looks the procedure up in the registry and runs it. */
export interface ExecStatement {
  readonly kind: 'exec';
  readonly procedure: string;
  readonly args: readonly ExecArg[];
}

/** `REFRESH METADATA [service]`: drop cached metadata (of one service, or all) and fetch it again. */
export interface RefreshMetadataStatement {
  readonly kind: 'refreshMetadata';
  readonly service?: string;
}

/** The result of compile(): one statement, ready for the connection to run. */
export type Statement = SelectStatementPlan | ExecStatement | RefreshMetadataStatement;
