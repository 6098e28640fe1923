import type { CatalogColumn, CatalogTable, EdmType } from '../metadata/catalog.ts';
import type { SystemTableName } from '../metadata/system-tables.ts';
import type { ODataRequest } from '../odata/request.ts';

/** One column of a result, as reported to the user in `columns`. */
export interface ResultColumn {
  /**
   * Output name: the alias when given, else the column name. Names are unique in a result: a second
   * column of the same name (compared without regard to case) is named `Name_2`, a third `Name_3`.
   */
  readonly name: string;
  /** EDM type name for columns read from Epicor, or a SQL type name (`int`, ...) for computed values. */
  readonly type: EdmType | string;
  readonly nullable: boolean;
  /** The table (entity set or BAQ) the column comes from. */
  readonly table?: string;
}

/** One output column of a remote scan: which field of the OData row becomes which result column. */
export interface OutputColumn extends ResultColumn {
  /** Field name in the OData row (the catalog column name). */
  readonly source: string;
  readonly type: EdmType;
}

/** Rows of one entity set or BAQ, streamed page by page from OData; everything the query asks is pushed down. */
export interface RemoteScanNode {
  readonly kind: 'remoteScan';
  readonly table: CatalogTable;
  readonly request: ODataRequest;
  /** The fields of each OData row that become the node's positional rows, in order. */
  readonly columns: readonly OutputColumn[];
  /** Key columns order the pages when the query has no ORDER BY (already in `request.orderby`). */
  readonly orderedByKey: boolean;
}

/** `SELECT COUNT(*) FROM t [WHERE pushable]`: one count request, one row of one value. */
export interface RemoteCountNode {
  readonly kind: 'remoteCount';
  readonly table: CatalogTable;
  readonly request: ODataRequest;
}

/** The kind of value a local column holds (see src/plan/local/value-types.ts for the storage of each). */
export type LocalValueType = 'string' | 'integer' | 'decimal' | 'float' | 'boolean' | 'datetime' | 'date' | 'unknown';

/**
 * Fetch the rows of a table by the join keys another input holds (a semi-join): the executor reads the
 * distinct non-null values of `fromColumn` in input `from`, and sends `column eq k1 or column eq k2 ...`
 * in batches that keep each request under MaxUrlLength, ANDed to the template's filter. With more than
 * `maxKeys` keys it reads the template alone (the whole table, as filtered).
 */
export interface SemiJoin {
  readonly column: string;
  readonly type: EdmType;
  readonly from: string;
  readonly fromColumn: string;
  readonly maxKeys: number;
}

/** One table loaded into the local database (`t{n}`): the rows of one or more remote scans of it. */
export interface LocalInput {
  /** The local table name (`t0`). */
  readonly name: string;
  /**
   * The requests whose rows load into the table: usually one; several when a long IN list was split to
   * keep each request under MaxUrlLength (their rows are disjoint). With `semiJoin`, the one template.
   */
  readonly scans: readonly RemoteScanNode[];
  /** The local column type of each of the scans' columns, in order. */
  readonly types: readonly LocalValueType[];
  readonly semiJoin?: SemiJoin;
  /**
   * A system table (sys_tables, ..., Services): its rows come from the connection (catalog, properties,
   * procedures), with no request; `scans` is empty and `columns` names the local table's columns.
   */
  readonly system?: { readonly table: SystemTableName; readonly columns: readonly string[] };
}

/** A result column of local work, with the kind of value SQLite hands back for it. */
export interface LocalOutputColumn extends ResultColumn {
  readonly value: LocalValueType;
  /** Digits after the point of a decimal result, when known: the double SQLite computed is rounded to it. */
  readonly scale?: number;
}

/**
 * What OData cannot do, done on SQLite: the inputs are fetched (each with what could be pushed down)
 * into a per-query in-memory database, then `sql` runs there with `values` bound (`?1` is values[0]).
 */
export interface LocalNode {
  readonly kind: 'local';
  readonly inputs: readonly LocalInput[];
  readonly sql: string;
  readonly values: readonly unknown[];
  readonly columns: readonly LocalOutputColumn[];
}

/**
 * A node of the plan tree. The executor (src/engine/execute.ts) runs it; explain() walks it. SemiJoin,
 * System and Write nodes join this union as the engine grows.
 */
export type PlanNode = RemoteScanNode | RemoteCountNode | LocalNode;

/** A planned query: the tree, and the columns of its result (names already unique). */
export interface QueryPlan {
  readonly root: PlanNode;
  readonly columns: readonly ResultColumn[];
}

/** Values for a statement's parameters: an array binds `?` in order, an object binds `@name` (keys without `@`). */
export type Params = readonly unknown[] | Readonly<Record<string, unknown>>;

/** What compile() needs besides the SQL and the catalog. */
export interface CompileOptions {
  readonly apiVersion: 'v1' | 'v2';
  /** Longest query string of a request (MaxUrlLength); default 2048. */
  readonly maxUrlLength?: number;
  /** Rows per page (Pagesize), for the length of `$top`; default 1000. */
  readonly pagesize?: number;
}

/** One EXEC argument with its parameter already bound: `name` is absent for a positional argument. */
export interface ExecArg {
  readonly name?: string;
  /** A string, number or null from the SQL text, or the bound parameter value as given. */
  readonly value: unknown;
}

/** A query (SELECT, or SELECTs combined), planned. */
export interface QueryStatement {
  readonly kind: 'query';
  readonly plan: QueryPlan;
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

/**
 * Where one written value comes from: a constant bound at compile time (already the JSON value of its
 * column's type), or a column of the row the key-finding or source query produced (`index` in its row).
 */
export type WriteValue =
  | { readonly kind: 'constant'; readonly value: unknown }
  | { readonly kind: 'source'; readonly index: number };

/** `INSERT … VALUES` (rows of constants) or `INSERT … SELECT` (the query's rows, read before any POST). */
export interface InsertPlan {
  readonly kind: 'insert';
  readonly table: CatalogTable;
  /** The columns the statement names, in the order of each row's values. */
  readonly columns: readonly CatalogColumn[];
  /** VALUES: one JSON value per column per row. */
  readonly rows?: readonly (readonly unknown[])[];
  /** INSERT … SELECT: the query, with as many columns as `columns`. */
  readonly source?: QueryPlan;
}

/** `UPDATE`: the key-finding query (key columns first, then any SET value computed from the row), then a PATCH per key. */
export interface UpdatePlan {
  readonly kind: 'update';
  readonly table: CatalogTable;
  readonly find: QueryPlan;
  readonly set: readonly { readonly column: CatalogColumn; readonly value: WriteValue }[];
}

/** `DELETE`: the key-finding query (the key columns), then a DELETE per key. */
export interface DeletePlan {
  readonly kind: 'delete';
  readonly table: CatalogTable;
  readonly find: QueryPlan;
}

export type WritePlan = InsertPlan | UpdatePlan | DeletePlan;

/** INSERT, UPDATE or DELETE, planned: the connection runs it with execute() only. */
export interface WriteStatement {
  readonly kind: 'write';
  readonly plan: WritePlan;
}

/** The result of compile(): one statement, ready for the connection to run. */
export type Statement = QueryStatement | WriteStatement | ExecStatement | RefreshMetadataStatement;
