/**
 * Inputs and outputs of the simulator's OData evaluator: what to query (a SQLite source), the raw
 * query-string options, and the JSON-ready result.
 */
import type { SimColumn } from '../model/types.ts';

export type ODataVersion = 'v1' | 'v2';

/** A SQLite source the options are evaluated over: an entity set, a BAQ, or a navigation target. */
export interface QuerySource {
  /** SQL FROM item: a quoted table name (`"Customers"`) or a parenthesised SELECT (a BAQ). */
  readonly from: string;
  /** Named SQLite parameters used by `from` and `where` (keys without the `@`). */
  readonly params: Readonly<Record<string, unknown>>;
  readonly columns: readonly SimColumn[];
  readonly keys: readonly string[];
  /** Extra SQL conditions ANDed to the filter (company visibility, key lookup, navigation parent). */
  readonly where: readonly string[];
}

/** Raw query-string values (already percent-decoded), undefined when absent. */
export interface QueryOptions {
  readonly select?: string | undefined;
  readonly filter?: string | undefined;
  readonly orderby?: string | undefined;
  readonly top?: string | undefined;
  readonly skip?: string | undefined;
  /** v2 `$count=true|false`. */
  readonly count?: string | undefined;
  /** v1 `$inlinecount=allpages|none`. */
  readonly inlinecount?: string | undefined;
  readonly expand?: string | undefined;
}

export interface QueryResult {
  /** JSON-ready rows (values converted per EDM type and protocol version). */
  readonly rows: Record<string, unknown>[];
  /** Rows matching the filter, ignoring `$top`/`$skip`: set when `$count=true` / `$inlinecount=allpages`. */
  readonly count?: number;
  /** More rows matched than `maxRows` allowed (the server page cap): the server adds a next link. */
  readonly truncated: boolean;
  /** The rows as JSON array text: `JSON.stringify(rows)`, made without the row objects when it can be. */
  rowsJson(): string;
}

/** Where a navigation property leads: the target source and the join columns. */
export interface ExpandTarget {
  readonly source: QuerySource;
  /** Columns of the parent source, matched in order to `toColumns` of the target. */
  readonly fromColumns: readonly string[];
  readonly toColumns: readonly string[];
  /** A collection (nested array) or a single row (nested object or null). */
  readonly many: boolean;
}

export interface QueryContext {
  readonly version: ODataVersion;
  /** Server page cap: at most this many rows are returned, `truncated` tells whether more matched. */
  readonly maxRows?: number | undefined;
  /** Resolves a navigation property of the source for `$expand`; undefined means no such navigation. */
  readonly expand?: ((navName: string) => ExpandTarget | undefined) | undefined;
}
