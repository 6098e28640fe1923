/** Helpers for the simulator's HTTP tests: URLs, credentials and a small undici request wrapper. */
import { request } from 'undici';
import type { Simulator } from '../../src/simulator/index.ts';

export interface Reply {
  readonly status: number;
  readonly headers: Record<string, string | string[] | undefined>;
  readonly text: string;
  /** The parsed body (undefined when it is not JSON). */
  readonly json: any;
}

/** `<url>/<instance>/api/v1/<path>`. */
export function v1(sim: Simulator, path: string): string {
  return `${sim.url}/${sim.instance}/api/v1/${path}`;
}

/** `<url>/<instance>/api/v2/odata/<company>/<path>`. */
export function v2(sim: Simulator, path: string, company = sim.company): string {
  return `${sim.url}/${sim.instance}/api/v2/odata/${company}/${path}`;
}

/** Basic credentials and the API key of the simulator's default user. */
export function auth(sim: Simulator): Record<string, string> {
  const basic = Buffer.from(`${sim.user}:${sim.password}`).toString('base64');
  return { authorization: `Basic ${basic}`, 'x-api-key': sim.apiKey };
}

export interface CallOptions {
  readonly method?: 'GET' | 'POST' | 'PATCH' | 'DELETE' | 'PUT' | 'HEAD';
  readonly headers?: Record<string, string>;
  /** Sent as JSON unless a string. */
  readonly body?: unknown;
  /** Replaces the default credentials entirely. */
  readonly noAuth?: boolean;
}

/** Sends a request with the default credentials (unless `noAuth`) and reads the whole body. */
export async function call(sim: Simulator, url: string, options: CallOptions = {}): Promise<Reply> {
  const headers: Record<string, string> = { ...(options.noAuth ? {} : auth(sim)), accept: 'application/json', ...options.headers };
  let body: string | undefined;
  if (options.body !== undefined) {
    body = typeof options.body === 'string' ? options.body : JSON.stringify(options.body);
    headers['content-type'] ??= 'application/json';
  }
  const res = await request(url, { method: options.method ?? 'GET', headers, body });
  const text = await res.body.text();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: res.statusCode, headers: res.headers, text, json };
}

/** Asserts nothing itself: answers true when the reply carries Epicor's error body with this status. */
export function isEpicorError(reply: Reply, status: number): boolean {
  const b = reply.json;
  return (
    reply.status === status &&
    String(reply.headers['content-type']).startsWith('application/json') &&
    b?.HttpStatus === status &&
    typeof b.ErrorMessage === 'string' &&
    typeof b.ErrorType === 'string' &&
    Array.isArray(b.ErrorDetails) &&
    /^[0-9a-f-]{36}$/.test(b.CorrelationId)
  );
}
