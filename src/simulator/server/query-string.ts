import { SimHttpError } from './sim-http-error.ts';

/** One `name=value` pair of a query string, decoded, with its raw text kept for next links. */
export interface QueryPair {
  readonly name: string;
  readonly value: string;
  readonly raw: string;
}

/** Decodes one URL component (`+` is a space, as in form encoding); bad `%` escapes are a 400. */
export function decodeComponent(text: string): string {
  try {
    return decodeURIComponent(text.replace(/\+/g, ' '));
  } catch {
    throw new SimHttpError(400, `The URL is malformed: bad percent-encoding in "${text.slice(0, 80)}".`);
  }
}

/** Splits a raw query string (without `?`) into decoded pairs, in order. */
export function parseQueryString(search: string): QueryPair[] {
  const pairs: QueryPair[] = [];
  for (const raw of search.split('&')) {
    if (raw === '') continue;
    const eq = raw.indexOf('=');
    const name = decodeComponent(eq < 0 ? raw : raw.slice(0, eq));
    const value = eq < 0 ? '' : decodeComponent(raw.slice(eq + 1));
    pairs.push({ name, value, raw });
  }
  return pairs;
}

/** The raw query string decoded for statistics; malformed text is kept as sent. */
export function decodeForStats(search: string): string {
  try {
    return decodeURIComponent(search.replace(/\+/g, ' '));
  } catch {
    return search;
  }
}
