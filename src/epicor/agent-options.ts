import { existsSync, readFileSync } from 'node:fs';
import type { Agent } from 'undici';
import type { Config } from '../config/types.ts';

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
  }
  return {
    keepAliveTimeout: 10_000,
    headersTimeout: 0,
    bodyTimeout: 0,
    connect: { timeout: connectTimeoutMs, rejectUnauthorized, ...(ca === undefined ? {} : { ca }) },
  };
}
