import { existsSync, readFileSync } from 'node:fs';
import { Agent, ProxyAgent, type Dispatcher } from 'undici';
import { proxyServerProblem } from '../config/check-rules.ts';
import type { Config } from '../config/types.ts';
import { KineticPropertyError } from '../errors.ts';

type ProxySettings = Pick<Config, 'url' | 'proxyServer' | 'proxyPort' | 'proxyUser' | 'proxyPassword' | 'proxyAuthScheme' | 'proxyExceptions'>;

/**
 * Options of the client's undici Agent. Keep-alive is undici's default; undici's own headers and body
 * timeouts are off because the client enforces `Timeout` per request itself (0 means no limit, and
 * undici's 300 s defaults would otherwise apply).
 *
 * `SSLServerCert`: `*` accepts any certificate; a PEM text or the path of a PEM file is trusted as CA.
 *
 * @example
 * ```ts
 * const agent = new Agent(agentOptions(config, 10_000));
 * ```
 */
export function agentOptions(config: Config, connectTimeoutMs: number): Agent.Options {
  const cert = config.sslServerCert?.trim();
  const rejectUnauthorized = config.sslRejectUnauthorized && cert !== '*';
  let ca: string | undefined;
  if (cert !== undefined && cert !== '*' && cert !== '') {
    if (cert.startsWith('-----BEGIN')) ca = cert;
    else if (existsSync(cert)) ca = readFileSync(cert, 'utf8');
    else throw new KineticPropertyError('EPROPERTY', 'SSLServerCert is neither *, PEM text, nor the path of a file that exists: set it to the PEM certificate (or its file) of the server.', { name: 'SSLServerCert' });
  }
  return {
    keepAliveTimeout: 10_000,
    headersTimeout: 0,
    bodyTimeout: 0,
    connect: { timeout: connectTimeoutMs, rejectUnauthorized, ...(ca === undefined ? {} : { ca }) },
  };
}

/**
 * The dispatcher of a client: a plain Agent, or a ProxyAgent (HTTP CONNECT tunnel) when `ProxyServer` is
 * set and the Epicor host is not in `ProxyExceptions`.
 *
 * @example
 * ```ts
 * const dispatcher = createDispatcher(config, 10_000); // ProxyServer=proxy.corp;ProxyPort=8080
 * ```
 */
export function createDispatcher(config: Config, connectTimeoutMs: number): Dispatcher {
  const options = agentOptions(config, connectTimeoutMs);
  if (!config.proxyServer || bypassesProxy(config)) return new Agent(options);
  return new ProxyAgent({ ...options, uri: proxyUri(config), requestTls: options.connect as object, ...proxyToken(config) });
}

export function proxyUri(config: ProxySettings): string {
  const server = config.proxyServer!.trim();
  const problem = proxyServerProblem(server);
  if (problem) throw new KineticPropertyError('EPROPERTY', problem, { name: 'ProxyServer' });
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(server) ? server : `http://${server}`;
  const uri = new URL(withScheme);
  if (config.proxyPort !== undefined) uri.port = String(config.proxyPort);
  return uri.origin;
}

export function proxyToken(config: ProxySettings): { token?: string } {
  if (config.proxyAuthScheme === 'NONE' || !config.proxyUser) return {};
  return { token: `Basic ${Buffer.from(`${config.proxyUser}:${config.proxyPassword ?? ''}`).toString('base64')}` };
}

// ProxyExceptions: host names separated by ; or ,; `*.corp.example` matches subdomains.
function bypassesProxy(config: ProxySettings): boolean {
  const host = new URL(config.url).hostname.toLowerCase();
  return (config.proxyExceptions ?? '')
    .split(/[;,]/)
    .map((h) => h.trim().toLowerCase())
    .filter((h) => h !== '')
    .some((h) => (h.startsWith('*.') ? host.endsWith(h.slice(1)) : host === h));
}
