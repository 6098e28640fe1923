import { randomBytes } from 'node:crypto';
import { SignJWT, jwtVerify } from 'jose';

/** What TokenResource.svc answers. */
export interface TokenAnswer {
  readonly AccessToken: string;
  readonly ExpiresIn: number;
  readonly TokenType: 'Bearer';
}

/** Issues and checks the simulator's Epicor bearer tokens (HS256, iss/aud `epicor`, claim `username`). */
export interface EpicorTokens {
  issue(username: string): Promise<TokenAnswer>;
  /** The token's username, or undefined when the token is expired, tampered or not ours. */
  verify(token: string): Promise<string | undefined>;
}

/**
 * Creates the token issuer with a random per-process key. A lifetime of 0 or less issues tokens that are
 * already expired (tests use it to provoke 401 and renewal).
 *
 * @example
 * ```ts
 * const tokens = createEpicorTokens(1800);
 * const { AccessToken } = await tokens.issue('manager');
 * await tokens.verify(AccessToken); // 'manager'
 * ```
 */
export function createEpicorTokens(lifetimeSeconds: number): EpicorTokens {
  const key = randomBytes(32);
  return {
    async issue(username) {
      const now = Math.floor(Date.now() / 1000);
      const token = await new SignJWT({ username })
        .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
        .setIssuer('epicor')
        .setAudience('epicor')
        .setIssuedAt(now)
        .setExpirationTime(now + lifetimeSeconds)
        .sign(key);
      return { AccessToken: token, ExpiresIn: lifetimeSeconds, TokenType: 'Bearer' };
    },
    async verify(token) {
      try {
        const { payload } = await jwtVerify(token, key, { issuer: 'epicor', audience: 'epicor', algorithms: ['HS256'] });
        return typeof payload['username'] === 'string' ? payload['username'] : undefined;
      } catch {
        return undefined;
      }
    },
  };
}
