import { PROPERTIES } from './catalog.ts';
import type { Config } from './types.ts';

/** Shorter secrets are not searched for: removing every "ab" from a message would garble it, not protect it. */
const MIN_SECRET_LENGTH = 4;

/** What a removed secret is replaced with in server text, errors and log lines. */
export const REDACTED = '[redacted]';

/**
 * Every configured secret in the forms a server could repeat it: the value of each secret property
 * (Password, ApiKey, OAuthClientSecret, tokens, ProxyPassword...), the Basic header values
 * (`base64(User:Password)`, `base64(ProxyUser:ProxyPassword)`), and the percent- and JSON-escaped spellings.
 * Longest first, so that a secret containing another is removed whole.
 *
 * @example
 * ```ts
 * const secrets = secretValues(config); // ['Pa55;word', 'bWFuYWdlcjpQYTU1O3dvcmQ=', ...]
 * ```
 */
export function secretValues(config: Pick<Config, 'properties'>, extra: readonly (string | undefined)[] = []): readonly string[] {
  const props = config.properties;
  const raw: (string | undefined)[] = [...extra];
  for (const def of PROPERTIES) if (def.secret) raw.push(props[def.name]);
  if (props['Password'] !== undefined) raw.push(basic(props['User'] ?? '', props['Password']));
  if (props['ProxyPassword'] !== undefined) raw.push(basic(props['ProxyUser'] ?? '', props['ProxyPassword']));
  const out = new Set<string>();
  for (const value of raw) {
    if (value === undefined || value.length < MIN_SECRET_LENGTH) continue;
    out.add(value);
    out.add(encodeURIComponent(value));
    out.add(JSON.stringify(value).slice(1, -1));
  }
  return [...out].sort((a, b) => b.length - a.length);
}

/**
 * `text` with every one of `secrets` replaced by `[redacted]`.
 *
 * @example
 * ```ts
 * redactSecrets('API key AK-123456 is not valid', ['AK-123456']); // 'API key [redacted] is not valid'
 * ```
 */
export function redactSecrets(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const secret of secrets) if (out.includes(secret)) out = out.split(secret).join(REDACTED);
  return out;
}

/** The credentials part of an Authorization header value (`Basic xxx`, `Bearer xxx`), or undefined. */
export function authorizationCredentials(header: string | undefined): string | undefined {
  if (header === undefined) return undefined;
  const space = header.indexOf(' ');
  return space < 0 ? header : header.slice(space + 1).trim();
}

function basic(user: string, password: string): string {
  return Buffer.from(`${user}:${password}`).toString('base64');
}
