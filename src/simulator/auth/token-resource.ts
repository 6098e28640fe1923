import type { IncomingHttpHeaders } from 'node:http';
import { SimHttpError } from '../server/sim-http-error.ts';
import { jsonResponse, type SimResponse } from '../server/response.ts';
import type { AuthConfig } from './auth-config.ts';
import { checkPassword } from './authenticate.ts';

function single(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

/**
 * `POST /{instance}/TokenResource.svc/`: headers `username` and `password` (Node lower-cases header
 * names, so `UserName`/`Password` arrive the same way) give `{AccessToken, ExpiresIn, TokenType}`.
 *
 * @example
 * ```ts
 * const res = await tokenResource(req.headers, config); // 200 with the JSON answer, or throws a 401
 * ```
 */
export async function tokenResource(headers: IncomingHttpHeaders, config: AuthConfig): Promise<SimResponse> {
  const user = single(headers['username']);
  const password = single(headers['password']);
  if (!user || !checkPassword(config, user, password)) {
    throw new SimHttpError(401, 'Invalid user name or password.', { headers: { 'www-authenticate': 'Basic realm="Epicor"' } });
  }
  return jsonResponse(200, await config.tokens.issue(user));
}
