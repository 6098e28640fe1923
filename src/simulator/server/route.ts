import { SimHttpError } from './sim-http-error.ts';

/** Where a request goes, from its path segments (the first segment is the instance). */
export type Route =
  | { readonly kind: 'token' }
  | { readonly kind: 'api'; readonly version: 'v1'; readonly rest: readonly string[] }
  | { readonly kind: 'api'; readonly version: 'v2'; readonly company: string; readonly rest: readonly string[] }
  | { readonly kind: 'efx'; readonly staging: boolean; readonly company: string; readonly library: string; readonly fn: string };

function notFound(): SimHttpError {
  return new SimHttpError(404, 'No resource matches the request URL.');
}

/**
 * Maps decoded path segments to a route: `{instance}/TokenResource.svc`, `{instance}/api/v1/...`,
 * `{instance}/api/v2/odata/{Company}/...`. The instance and the fixed segments ignore case.
 */
export function parseRoute(segments: readonly string[], instance: string): Route {
  const [first = '', second = '', version = '', ...after] = segments;
  if (first.toLowerCase() !== instance.toLowerCase()) throw notFound();
  if (second.toLowerCase() === 'tokenresource.svc' && segments.length <= 3 && version === '') return { kind: 'token' };
  if (second.toLowerCase() !== 'api') throw notFound();
  if (version.toLowerCase() === 'v1') return { kind: 'api', version: 'v1', rest: after };
  if (version.toLowerCase() !== 'v2') throw notFound();
  const [flavour = '', company = '', ...rest] = after;
  if (flavour.toLowerCase() === 'efx') return efxRoute(after);
  if (flavour.toLowerCase() !== 'odata' || company === '') throw notFound();
  return { kind: 'api', version: 'v2', company, rest };
}

/** `efx/{Company}/{Library}/{Function}` or `efx/staging/{Company}/{Library}/{Function}` (a trailing slash allowed). */
function efxRoute(after: readonly string[]): Route {
  const [, ...segments] = after;
  const parts = segments.at(-1) === '' ? segments.slice(0, -1) : segments;
  const staging = parts.length === 4 && parts[0]?.toLowerCase() === 'staging';
  const [company = '', library = '', fn = ''] = staging ? parts.slice(1) : parts;
  if (parts.length !== (staging ? 4 : 3) || company === '' || library === '' || fn === '') throw notFound();
  return { kind: 'efx', staging, company, library, fn };
}
