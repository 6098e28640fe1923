import type { FilterNode } from './filter.ts';

/**
 * A structured OData read request: what the planner decided to send for one table. The filter stays a
 * tree (the executor may AND key lists onto it at run time); the query string is written once, by
 * `queryString()` in src/odata/url.ts, and the URL by `requestUrl()` in src/epicor/routes.ts.
 */
export interface ODataOrderBy {
  readonly column: string;
  readonly desc: boolean;
}

/** How a server is asked for a count: `$count=true` (OData v4, Epicor v2) or `$inlinecount=allpages` (v3, v1). */
export type CountOption = 'count' | 'inlinecount';

export interface ODataRequest {
  /** Service of the entity set (`Erp.BO.CustomerSvc`), or `BaqSvc` for a BAQ. */
  readonly service: string;
  /** Entity set name, or BAQ id when `baq` is true. */
  readonly entitySet: string;
  readonly baq: boolean;
  /** `$select` columns; undefined means all columns. */
  readonly select?: readonly string[];
  /** `$filter` as a tree whose literals are already encoded for the protocol version. */
  readonly filter?: FilterNode;
  readonly orderby?: readonly ODataOrderBy[];
  /** Rows wanted in total by the query (`TOP`/`LIMIT`/`FETCH`); the executor pages inside this window. */
  readonly top?: number;
  /** Rows skipped by the query (`OFFSET`). */
  readonly skip?: number;
  /** A count-only request (`$top=0` and the count option). */
  readonly count?: CountOption;
  /** BAQ parameters as plain query-string pairs (already string values). */
  readonly baqParams?: Readonly<Record<string, string>>;
}
