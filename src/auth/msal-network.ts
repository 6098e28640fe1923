import { rootCertificates } from 'node:tls';
import { Agent, ProxyAgent, request, type Dispatcher } from 'undici';
import type { Config } from '../config/types.ts';
import { agentOptions, proxyToken, proxyUri } from '../epicor/agent-options.ts';

/** What msal-node's `system.networkClient` must offer (msal-common's INetworkModule, structurally). */
export interface MsalNetworkClient {
  sendGetRequestAsync<T>(url: string, options?: { headers?: Record<string, string>; body?: string }, timeout?: number): Promise<{ headers: Record<string, string>; body: T; status: number }>;
  sendPostRequestAsync<T>(url: string, options?: { headers?: Record<string, string>; body?: string }): Promise<{ headers: Record<string, string>; body: T; status: number }>;
  close(): Promise<void>;
}

/**
 * msal-node's HTTP over undici with the driver's TLS and proxy settings: `SSLServerCert` is trusted in
 * addition to the system roots (the identity provider is usually not the Epicor server), `*` or
 * `SSLRejectUnauthorized=false` turn checks off, `ProxyServer` tunnels unless the authority's host is in
 * `ProxyExceptions`. msal parses the body itself, so non-JSON answers come back as `{}`.
 *
 * @example
 * ```ts
 * const networkClient = createMsalNetworkClient(config, 'login.microsoftonline.com');
 * new ConfidentialClientApplication({ auth, system: { networkClient } });
 * ```
 */
export function createMsalNetworkClient(config: Config, authorityHost: string): MsalNetworkClient {
  const base = agentOptions(config, 10_000);
  const connect = base.connect as { ca?: string; rejectUnauthorized?: boolean; timeout?: number };
  const tls = { ...connect, ...(connect.ca ? { ca: [...rootCertificates, connect.ca] } : {}) };
  const options = { ...base, connect: tls };
  const direct = !config.proxyServer || bypasses(config.proxyExceptions, authorityHost);
  const dispatcher: Dispatcher = direct
    ? new Agent(options)
    : new ProxyAgent({ ...options, uri: proxyUri(config), requestTls: tls, ...proxyToken(config) });
  const timeoutMs = config.timeout > 0 ? config.timeout * 1000 : undefined;
  const send = async <T>(method: 'GET' | 'POST', url: string, opts: { headers?: Record<string, string>; body?: string } = {}) => {
    const res = await request(url, {
      dispatcher,
      method,
      headers: opts.headers ?? {},
      body: opts.body,
      ...(timeoutMs ? { signal: AbortSignal.timeout(timeoutMs) } : {}),
    });
    const text = await res.body.text();
    const headers: Record<string, string> = {};
    for (const [k, v] of Object.entries(res.headers)) if (v !== undefined) headers[k] = Array.isArray(v) ? v.join(', ') : v;
    let body: unknown = {};
    try {
      body = text === '' ? {} : JSON.parse(text);
    } catch {
      body = {};
    }
    return { headers, body: body as T, status: res.statusCode };
  };
  return {
    sendGetRequestAsync: (url, opts) => send('GET', url, opts),
    sendPostRequestAsync: (url, opts) => send('POST', url, opts),
    close: () => dispatcher.close(),
  };
}

function bypasses(exceptions: string | undefined, host: string): boolean {
  return (exceptions ?? '')
    .split(/[;,]/)
    .map((h) => h.trim().toLowerCase())
    .filter((h) => h !== '')
    .some((h) => (h.startsWith('*.') ? host.toLowerCase().endsWith(h.slice(1)) : host.toLowerCase() === h));
}
