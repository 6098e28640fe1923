import { KineticHttpError } from '../errors.ts';
import type { AuthProvider } from './auth-provider.ts';

/** Asks Epicor's token service for a token; resolves the parsed JSON answer. Built by the client. */
export type TokenFetcher = () => Promise<unknown>;

interface CachedToken {
  readonly header: string;
  /** When to fetch a new one: before it expires, so a request never carries a token about to lapse. */
  readonly renewAt: number;
}

/** Lifetime assumed when the answer has no usable ExpiresIn and the token is not a JWT with `exp`. */
const FALLBACK_LIFETIME_S = 300;

/**
 * AuthScheme=Token: a bearer token from Epicor's TokenResource service (`POST {instance}/TokenResource.svc/`
 * with `username`/`password` headers -> `{AccessToken, ExpiresIn, TokenType}`). The token is cached and
 * renewed before it expires (when less than 10% of its life, at least 60 s but at most half its life,
 * remains) and after a 401. Concurrent callers share one token request.
 *
 * @example
 * ```ts
 * const auth = new EpicorTokenProvider(() => client.requestToken());
 * await auth.authorization(); // 'Bearer eyJ…'
 * ```
 */
export class EpicorTokenProvider implements AuthProvider {
  readonly #fetch: TokenFetcher;
  readonly #now: () => number;
  #token: CachedToken | undefined;
  #pending: Promise<CachedToken> | undefined;

  constructor(fetch: TokenFetcher, now: () => number = Date.now) {
    this.#fetch = fetch;
    this.#now = now;
  }

  async authorization(): Promise<string> {
    const t = this.#token;
    if (t !== undefined && this.#now() < t.renewAt) return t.header;
    return (await this.#renew()).header;
  }

  async onUnauthorized(rejected: string | undefined): Promise<boolean> {
    // Another request already replaced the refused token: just retry with the new one.
    if (this.#token !== undefined && this.#token.header !== rejected) return true;
    this.#token = undefined;
    await this.#renew();
    return true;
  }

  #renew(): Promise<CachedToken> {
    this.#pending ??= this.#request().finally(() => {
      this.#pending = undefined;
    });
    return this.#pending;
  }

  async #request(): Promise<CachedToken> {
    let answer: unknown;
    try {
      answer = await this.#fetch();
    } catch (err) {
      throw refused(err);
    }
    const token = readToken(answer, this.#now());
    this.#token = token;
    return token;
  }
}

function refused(err: unknown): unknown {
  if (!(err instanceof KineticHttpError) || err.status === undefined || err.status >= 500 || err.status === 429 || err.code === 'ELICENSE') return err;
  const said = err.errorMessage ? ` (Epicor said: ${err.errorMessage})` : '';
  return new KineticHttpError(
    'EAUTH',
    `Epicor's token service refused the credentials (${err.status}): check User and Password for AuthScheme=Token${said}`,
    { cause: err, status: err.status, url: err.url, errorMessage: err.errorMessage, errorType: err.errorType, correlationId: err.correlationId },
  );
}

function readToken(answer: unknown, now: number): CachedToken {
  const o = (answer ?? {}) as Record<string, unknown>;
  const access = o['AccessToken'] ?? o['access_token'];
  if (typeof access !== 'string' || access === '') {
    throw new KineticHttpError('EPROTOCOL', "Epicor's token service answered without an AccessToken: check the URL and ERPInstance.");
  }
  const type = typeof o['TokenType'] === 'string' && o['TokenType'] !== '' ? (o['TokenType'] as string) : 'Bearer';
  const lifetimeS = Number(o['ExpiresIn'] ?? o['expires_in']) || jwtLifetime(access, now) || FALLBACK_LIFETIME_S;
  const lifeMs = lifetimeS * 1000;
  const margin = Math.min(Math.max(60_000, lifeMs / 10), lifeMs / 2);
  return { header: `${type} ${access}`, renewAt: now + lifeMs - margin };
}

/** Seconds until the JWT's `exp`, when the token is a JWT; no signature check (the server does that). */
function jwtLifetime(token: string, now: number): number | undefined {
  const payload = token.split('.')[1];
  if (payload === undefined) return undefined;
  try {
    const exp = (JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as { exp?: unknown }).exp;
    return typeof exp === 'number' && exp * 1000 > now ? exp - now / 1000 : undefined;
  } catch {
    return undefined;
  }
}
