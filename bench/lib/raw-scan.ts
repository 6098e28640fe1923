/**
 * The practical limit a driver is measured against: a plain undici loop that fetches the same pages the
 * driver would, one after the other, on one keep-alive Agent, with `request()` and `body.json()`.
 *
 * @example
 * ```ts
 * const pages = pageUrls(firstUrl, 1000, 200_000);
 * const r = await rawScan(agent, pages, headers);   // { rows, ms, cpuMs }
 * ```
 */
import type { Agent } from 'undici';
import { request } from 'undici';

export interface ScanResult {
  readonly rows: number;
  /** Wall-clock milliseconds. */
  readonly ms: number;
  /** CPU milliseconds spent by this process (user + system) during the scan. */
  readonly cpuMs: number;
}

/**
 * The URLs of a `$top`/`$skip` scan, derived from the first page's URL as the driver prints it in
 * explain(): the text is kept byte for byte, only `$top` and `$skip` change.
 */
export function pageUrls(firstUrl: string, pageSize: number, total: number): string[] {
  const skip0 = /([?&])\$skip=0(?=&|$)/;
  const top = /([?&])\$top=\d+(?=&|$)/;
  if (!skip0.test(firstUrl) || !top.test(firstUrl)) throw new Error(`Not a first-page URL with $top and $skip=0: ${firstUrl}`);
  const urls: string[] = [];
  for (let skip = 0; skip < total; skip += pageSize) {
    const n = Math.min(pageSize, total - skip);
    urls.push(firstUrl.replace(top, `$1$top=${n}`).replace(skip0, `$1$skip=${skip}`));
  }
  if (urls[0] !== firstUrl && pageSize <= total) throw new Error(`Page URL template mismatch:\n${urls[0]}\n${firstUrl}`);
  return urls;
}

/** The headers the driver sends for a JSON GET on v2 with Basic auth and an API key. */
export function basicHeaders(user: string, password: string, apiKey: string): Record<string, string> {
  return {
    accept: 'application/json',
    authorization: `Basic ${Buffer.from(`${user}:${password}`, 'utf8').toString('base64')}`,
    'x-api-key': apiKey,
  };
}

/** Fetches the pages in order; every row of every page is visited once, as a consumer would. */
export async function rawScan(agent: Agent, urls: readonly string[], headers: Record<string, string>): Promise<ScanResult> {
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  let rows = 0;
  for (const url of urls) {
    const res = await request(url, { dispatcher: agent, headers });
    if (res.statusCode !== 200) throw new Error(`HTTP ${res.statusCode} from ${url.slice(0, 120)}: ${(await res.body.text()).slice(0, 200)}`);
    const body = (await res.body.json()) as { value: Record<string, unknown>[] };
    for (const row of body.value) if (row !== undefined) rows++;
    if (body.value.length === 0) break;
  }
  const ms = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  return { rows, ms, cpuMs: (cpu.user + cpu.system) / 1000 };
}
