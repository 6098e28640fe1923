import type { IncomingHttpHeaders } from 'node:http';
import type { QueryPair } from './query-string.ts';
import { SimHttpError } from './sim-http-error.ts';

function callSettingsCompany(headers: IncomingHttpHeaders): string | undefined {
  const raw = headers['callsettings'];
  const text = Array.isArray(raw) ? raw[0] : raw;
  if (text === undefined || text.trim() === '') return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new SimHttpError(400, 'The CallSettings header is not valid JSON; send {"Company":"X","Plant":"Y"}.');
  }
  const company = (parsed as Record<string, unknown> | null)?.['Company'];
  return typeof company === 'string' && company !== '' ? company : undefined;
}

/**
 * The request's company: on v1 the CallSettings header, else `?Company=`, else the first company; on v2
 * the URL segment. Matched without case; an unknown company is a 404. v1's `Company` pair is removed
 * from the query pairs so it does not reach OData or BAQ parameter handling.
 */
export function resolveCompany(
  companies: readonly string[],
  headers: IncomingHttpHeaders,
  pairs: readonly QueryPair[],
  urlCompany: string | undefined,
): { company: string; query: QueryPair[] } {
  let requested = urlCompany;
  let query = [...pairs];
  if (urlCompany === undefined) {
    const fromQuery = pairs.find((p) => p.name.toLowerCase() === 'company');
    query = pairs.filter((p) => p !== fromQuery);
    requested = callSettingsCompany(headers) ?? fromQuery?.value;
  }
  if (requested === undefined) return { company: companies[0] ?? '', query };
  const company = companies.find((c) => c.toLowerCase() === requested.toLowerCase());
  if (company === undefined) throw new SimHttpError(404, `Unknown company ${requested.slice(0, 40)}.`);
  return { company, query };
}
