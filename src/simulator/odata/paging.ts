/** `$top`, `$skip`, `$count` (v2) and `$inlinecount` (v1): validated, with the limits Epicor enforces. */
import { badRequest } from './odata-query-error.ts';
import type { ODataVersion, QueryOptions } from './types.ts';

/** `$top` above this is a 400 (docs/epicor-api.md, "Paging and counts"). */
export const MAX_TOP = 1_000_000;

/**
 * A non-negative integer option, or undefined when absent.
 *
 * @example
 * parseNonNegative('25', '$top', MAX_TOP) // 25
 * parseNonNegative('-1', '$top', MAX_TOP) // throws 400
 */
export function parseNonNegative(text: string | undefined, option: string, max = Number.MAX_SAFE_INTEGER): number | undefined {
  if (text === undefined) return undefined;
  const trimmed = text.trim();
  if (!/^\d+$/.test(trimmed)) throw badRequest(`${option} must be a non-negative integer, not '${text}'.`);
  const n = Number(trimmed);
  if (n > max) throw badRequest(`${option}=${trimmed} is too large: the largest accepted value is ${max}.`);
  return n;
}

/**
 * True when the request asks for the total count: v2 `$count=true`, v1 `$inlinecount=allpages`. Each
 * version rejects the other's spelling, so that a driver sending the wrong one is caught.
 *
 * @example
 * wantsCount({ count: 'true' }, 'v2') // true
 */
export function wantsCount(options: QueryOptions, version: ODataVersion): boolean {
  if (version === 'v2') {
    if (options.inlinecount !== undefined) throw badRequest('$inlinecount is OData v3; on v2 write $count=true.');
    return booleanOption(options.count, '$count');
  }
  if (options.count !== undefined) throw badRequest('$count is OData v4; on v1 write $inlinecount=allpages.');
  const value = options.inlinecount?.trim();
  if (value === undefined || value === 'none') return false;
  if (value === 'allpages') return true;
  throw badRequest(`$inlinecount must be allpages or none, not '${options.inlinecount}'.`);
}

function booleanOption(text: string | undefined, option: string): boolean {
  const value = text?.trim();
  if (value === undefined || value === 'false') return false;
  if (value === 'true') return true;
  throw badRequest(`${option} must be true or false, not '${text}'.`);
}
