import type { IncomingHttpHeaders } from 'node:http';
import { SimHttpError } from '../server/sim-http-error.ts';
import type { AuthConfig } from './auth-config.ts';

const CHALLENGE = { 'www-authenticate': 'Basic realm="Epicor", Bearer realm="Epicor"' };

function unauthorized(message: string): SimHttpError {
  return new SimHttpError(401, message, { headers: CHALLENGE });
}

function header(headers: IncomingHttpHeaders, name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/** Checks user name and password against the configured users. */
export function checkPassword(config: AuthConfig, user: string | undefined, password: string | undefined): boolean {
  return config.users.some((u) => u.user.toLowerCase() === (user ?? '').toLowerCase() && u.password === password);
}

function basicUser(config: AuthConfig, encoded: string): string {
  const text = Buffer.from(encoded, 'base64').toString('utf8');
  const colon = text.indexOf(':');
  const user = colon < 0 ? text : text.slice(0, colon);
  if (colon < 0 || !checkPassword(config, user, text.slice(colon + 1))) {
    throw unauthorized('Invalid user name or password.');
  }
  return user;
}

async function bearerUser(config: AuthConfig, token: string): Promise<string> {
  const epicor = await config.tokens.verify(token);
  if (epicor !== undefined) return epicor;
  const azure = config.azureAd ? await config.azureAd(token) : undefined;
  if (azure !== undefined) return azure;
  throw unauthorized('The bearer token is invalid or has expired.');
}

/**
 * Authenticates a REST API request (Basic or Bearer) and checks the API key: required on v2, checked on
 * v1 when sent (or required when `requireApiKeyOnV1`). Answers the user name; throws a 401 otherwise.
 * Messages never repeat the credentials received.
 *
 * @example
 * ```ts
 * const user = await authenticate(req.headers, 'v2', config);
 * ```
 */
export async function authenticate(headers: IncomingHttpHeaders, version: 'v1' | 'v2', config: AuthConfig): Promise<string> {
  const authorization = header(headers, 'authorization');
  if (!authorization) throw unauthorized('Authorization is required: send Basic credentials or a Bearer token.');
  const [scheme = '', ...rest] = authorization.trim().split(/\s+/);
  const credential = rest.join(' ');
  let user: string;
  if (/^basic$/i.test(scheme)) user = basicUser(config, credential);
  else if (/^bearer$/i.test(scheme)) user = await bearerUser(config, credential);
  else throw unauthorized(`Unsupported authorization scheme "${scheme.slice(0, 20)}": use Basic or Bearer.`);
  checkApiKey(headers, version, config);
  return user;
}

function checkApiKey(headers: IncomingHttpHeaders, version: 'v1' | 'v2', config: AuthConfig): void {
  const key = header(headers, 'x-api-key');
  if (key === undefined || key === '') {
    if (version === 'v2' || config.requireApiKeyOnV1) throw unauthorized('An API key is required: send the x-api-key header.');
    return;
  }
  if (!config.apiKeys.includes(key)) throw unauthorized('The API key is not valid.');
}
