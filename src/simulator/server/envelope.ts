import type { ApiVersion, RequestContext } from './context.ts';

type Row = Readonly<Record<string, unknown>>;

/**
 * The collection envelope: v1 `{"odata.metadata", "value", "odata.count" (a string), "odata.nextLink"}`,
 * v2 `{"@odata.context", "value", "@odata.count" (a number), "@odata.nextLink"}`.
 */
export function collectionBody(
  version: ApiVersion,
  contextUrl: string,
  rows: readonly Row[],
  count: number | undefined,
  next: string | undefined,
): Record<string, unknown> {
  if (version === 'v1') {
    const body: Record<string, unknown> = { 'odata.metadata': contextUrl };
    if (count !== undefined) body['odata.count'] = String(count);
    body['value'] = rows;
    if (next !== undefined) body['odata.nextLink'] = next;
    return body;
  }
  const body: Record<string, unknown> = { '@odata.context': contextUrl };
  if (count !== undefined) body['@odata.count'] = count;
  body['value'] = rows;
  if (next !== undefined) body['@odata.nextLink'] = next;
  return body;
}

/**
 * {@link collectionBody} as JSON text around rows that are already JSON text (`rowsJson`, an array):
 * the same text `JSON.stringify(collectionBody(...))` writes, without re-serialising the rows.
 */
export function collectionJson(
  version: ApiVersion,
  contextUrl: string,
  rowsJson: string,
  count: number | undefined,
  next: string | undefined,
): string {
  const [context, countKey, nextKey] = version === 'v1' ? ['odata.metadata', 'odata.count', 'odata.nextLink'] : ['@odata.context', '@odata.count', '@odata.nextLink'];
  let text = `{${JSON.stringify(context)}:${JSON.stringify(contextUrl)}`;
  if (count !== undefined) text += `,${JSON.stringify(countKey)}:${JSON.stringify(version === 'v1' ? String(count) : count)}`;
  text += `,"value":${rowsJson}`;
  if (next !== undefined) text += `,${JSON.stringify(nextKey)}:${JSON.stringify(next)}`;
  return `${text}}`;
}

/** One row by key: the row itself plus the metadata annotation. */
export function entityBody(version: ApiVersion, contextUrl: string, row: Row): Record<string, unknown> {
  const key = version === 'v1' ? 'odata.metadata' : '@odata.context';
  return { [key]: contextUrl, ...row };
}

/** The context URL of a collection (`<root>/$metadata#Customers`) or of one row. */
export function contextUrl(serviceRoot: string, set: string, version: ApiVersion, single = false): string {
  if (!single) return `${serviceRoot}/$metadata#${set}`;
  return `${serviceRoot}/$metadata#${set}${version === 'v1' ? '/@Element' : '/$entity'}`;
}

function optionValue(search: string, name: string): number | undefined {
  for (const raw of search.split('&')) {
    const [key = '', value = ''] = raw.split('=');
    if (decodeURIComponent(key) === name) return Number(decodeURIComponent(value));
  }
  return undefined;
}

/**
 * The next link of a capped page: the same absolute URL with `$skip` advanced by the cap and `$top`
 * (when given) reduced by it; every other pair is kept as sent.
 */
export function nextLink(ctx: RequestContext, cap: number): string {
  const skip = (optionValue(ctx.search, '$skip') ?? 0) + cap;
  const top = optionValue(ctx.search, '$top');
  const kept = ctx.search
    .split('&')
    .filter((raw) => raw !== '' && !['$skip', '$top'].includes(decodeURIComponent(raw.split('=')[0] ?? '')));
  if (top !== undefined) kept.push(`$top=${top - cap}`);
  kept.push(`$skip=${skip}`);
  return `${ctx.origin}${ctx.pathname}?${kept.join('&')}`;
}
