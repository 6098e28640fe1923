/**
 * A structured OData read request: what the planner decided to send for one table. Serialised once, by
 * `queryString()` in src/odata/url.ts; the path is built by src/epicor/routes.ts.
 */
export interface ODataOrderBy {
  readonly column: string;
  readonly desc: boolean;
}

export interface ODataRequest {
  /** Service of the entity set (`Erp.BO.CustomerSvc`), or `BaqSvc` for a BAQ. */
  readonly service: string;
  /** Entity set name, or BAQ id when `baq` is true. */
  readonly entitySet: string;
  readonly baq: boolean;
  /** `$select` columns; undefined means all columns. */
  readonly select?: readonly string[];
  /** `$filter` expression with literals already encoded for the protocol version (not URL-encoded). */
  readonly filter?: string;
  readonly orderby?: readonly ODataOrderBy[];
  /** Rows wanted in total by the query (`TOP`/`LIMIT`/`FETCH`); the executor pages inside this window. */
  readonly top?: number;
  /** Rows skipped by the query (`OFFSET`). */
  readonly skip?: number;
  /** A count-only request: `$count=true&$top=0` (v2) or `$inlinecount=allpages&$top=0` (v1). */
  readonly count?: boolean;
  /** BAQ parameters as plain query-string pairs (already string values). */
  readonly baqParams?: Readonly<Record<string, string>>;
}
