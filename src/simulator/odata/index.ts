/**
 * The simulator's OData query evaluator: query options over a SQLite source, parsed with the third-party
 * @odata/parser (never with the driver's code, so that each side checks the other). No HTTP here: the
 * server resolves URLs to a {@link QuerySource} and turns {@link ODataQueryError} into Epicor's error body.
 *
 * Decisions a client can observe:
 * - Each version is strict about the other's syntax: v1 (OData v3) takes `datetime'…'`, `guid'…'`, `1.5M`,
 *   `substringof`, `$inlinecount`; v2 (OData v4) takes bare dates with a zone, bare GUIDs, `contains`,
 *   `$count`. The other version's form is a 400 that says what to write instead.
 * - Strings compare like the SQL Server collation Epicor installs with (sqlite-functions.ts): case
 *   ignored, accents kept, trailing spaces ignored by comparisons and `$orderby` but seen by the string
 *   functions (as by SQL Server's LIKE), `length` is LEN. NULLs sort first ascending.
 * - Nulls follow OData, not SQL (filter-to-sql.ts): comparisons are two-valued, so `Name ne 'x'` and
 *   `not (Limit gt 5)` match a null; `eq null` / `ne null` test for null; a function of a null is null,
 *   and a `$filter` that is null for a row does not select it.
 * - `not` binds to the operand right after it (OData precedence): write `not (A eq 1)`.
 * - Type mismatches (a string property compared with a number) are a 400, never an empty result.
 */
export { runQuery } from './run-query.ts';
export { registerFunctions, ciKey } from './sqlite-functions.ts';
export { toJsonValue } from './values.ts';
export { ODataQueryError, type ODataQueryErrorStatus } from './odata-query-error.ts';
export { MAX_TOP } from './paging.ts';
export type { ExpandTarget, ODataVersion, QueryContext, QueryOptions, QueryResult, QuerySource } from './types.ts';
