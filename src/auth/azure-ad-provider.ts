import type { Config } from '../config/types.ts';
import { KineticHttpError, KineticPropertyError } from '../errors.ts';
import type { AuthProvider } from './auth-provider.ts';
import type { AzureAdSession, TokenSet } from './azure-ad-session.ts';
import { tokenIdentity } from './token-claims.ts';

/** Runs the desktop (browser) sign-in and resolves its tokens; given by the factory. */
export type InteractiveSignIn = () => Promise<TokenSet>;

export interface AzureAdProviderOptions {
  readonly now?: () => number;
  /** GETANDREFRESH only: the browser flow, when nothing can be renewed silently. */
  readonly signIn?: InteractiveSignIn;
}

/** Renew this long before expiry (or at half the lifetime of a short-lived token). */
const RENEW_MARGIN_MS = 5 * 60_000;

/**
 * The AuthProvider of AuthScheme=AzureADOpenID: sends `Bearer {access token}` and renews it by
 * InitiateOAuth: OFF never renews (OAuthAccessToken as given, or what the procedures obtained on this
 * connection); REFRESH renews from the settings (msal's cache), OAuthRefreshToken or, once, OAuthVerifier;
 * GETANDREFRESH also runs the browser flow when nothing can be renewed. Several processes renewing one
 * settings file take its lock in turn; a process that finds a fresh token there uses it.
 *
 * @example
 * ```ts
 * const auth = new AzureAdProvider(config, session, { signIn });
 * await auth.authorization(); // 'Bearer eyJ…'
 * ```
 */
export class AzureAdProvider implements AuthProvider {
  readonly #config: Config;
  readonly #session: AzureAdSession;
  readonly #now: () => number;
  readonly #signIn: InteractiveSignIn | undefined;
  #tokens: TokenSet | undefined;
  /** When to renew #tokens: set when they are obtained, from their lifetime then. */
  #renewAt = Number.MAX_SAFE_INTEGER;
  #pending: Promise<TokenSet> | undefined;

  constructor(config: Config, session: AzureAdSession, options: AzureAdProviderOptions = {}) {
    this.#config = config;
    this.#session = session;
    this.#now = options.now ?? Date.now;
    this.#signIn = options.signIn;
    if (config.oauthAccessToken) {
      const given = config.oauthExpiresIn !== undefined && config.oauthTokenTimestamp !== undefined ? config.oauthTokenTimestamp + config.oauthExpiresIn * 1000 : undefined;
      this.#set({ accessToken: config.oauthAccessToken, expiresAt: given ?? jwtExpiry(config.oauthAccessToken) ?? Number.MAX_SAFE_INTEGER });
    }
  }

  get session(): AzureAdSession {
    return this.#session;
  }

  /** True when a token is at hand or can be obtained without asking anyone (OFF with no token: false). */
  get canAuthorize(): boolean {
    return this.#tokens !== undefined || this.#config.initiateOAuth !== 'OFF';
  }

  /** Who the current token signs in (tid/oid claims), for the metadata cache key. */
  identity(): string | undefined {
    return this.#tokens ? tokenIdentity(this.#tokens.accessToken, this.#tokens.homeAccountId) : undefined;
  }

  /** Uses tokens obtained by a procedure on this connection from now on. */
  adopt(tokens: TokenSet): void {
    this.#set(tokens);
  }

  #set(tokens: TokenSet): void {
    const life = Math.max(0, tokens.expiresAt - this.#now());
    this.#tokens = tokens;
    this.#renewAt = tokens.expiresAt - Math.min(RENEW_MARGIN_MS, life / 2);
  }

  async authorization(): Promise<string> {
    const t = this.#tokens;
    if (t !== undefined && (this.#config.initiateOAuth === 'OFF' || this.#now() < this.#renewAt)) return `Bearer ${t.accessToken}`;
    return `Bearer ${(await this.#renew(undefined)).accessToken}`;
  }

  async onUnauthorized(rejected: string | undefined): Promise<boolean> {
    if (this.#config.initiateOAuth === 'OFF') return false;
    if (this.#tokens && `Bearer ${this.#tokens.accessToken}` !== rejected) return true;
    await this.#renew(rejected?.replace(/^Bearer /, ''));
    return true;
  }

  #renew(rejected: string | undefined): Promise<TokenSet> {
    this.#pending ??= this.#obtain(rejected)
      .then((t) => {
        this.#set(t);
        return t;
      })
      .finally(() => {
        this.#pending = undefined;
      });
    return this.#pending;
  }

  async #obtain(rejected: string | undefined): Promise<TokenSet> {
    const c = this.#config;
    if (c.initiateOAuth === 'OFF') throw noToken();
    const store = this.#session.store;
    const silent = await store.locked(async () => {
      // Another process (or connection) may have renewed while we waited for the lock: use its token
      // unless it is the one being replaced.
      const s = await store.read();
      if (s?.accessToken && s.expiresAt && s.accessToken !== (rejected ?? this.#tokens?.accessToken) && s.expiresAt - this.#now() > RENEW_MARGIN_MS) {
        return { accessToken: s.accessToken, expiresAt: s.expiresAt, ...(s.homeAccountId ? { homeAccountId: s.homeAccountId } : {}) };
      }
      try {
        const renewed = await this.#session.renewSilently();
        if (renewed) return renewed;
      } catch (err) {
        if (!(err instanceof KineticHttpError) || err.code !== 'EAUTH' || this.#signIn === undefined) throw err;
        return undefined; // refused: GETANDREFRESH signs in again below
      }
      if (c.oauthRefreshToken) return this.#session.redeemRefreshToken(c.oauthRefreshToken);
      if (c.oauthVerifier) return this.#session.redeemCode({ code: c.oauthVerifier, redirectUri: c.callbackURL });
      return undefined;
    });
    if (silent) return silent;
    if (this.#signIn) return this.#signIn();
    throw new KineticPropertyError(
      'EPROPERTY',
      `InitiateOAuth=REFRESH has nothing to refresh from: ${store.location} holds no tokens. Sign in once (kinetic-sql oauth login, or ` +
        'kinetic-sql oauth url then OAuthVerifier=<code>), set OAuthRefreshToken, or use InitiateOAuth=GETANDREFRESH.',
      { name: 'InitiateOAuth' },
    );
  }
}

function noToken(): KineticHttpError {
  return new KineticHttpError(
    'EAUTH',
    'This AzureADOpenID connection has no access token yet: run EXEC GetOAuthAuthorizationURL, sign in at the URL, then EXEC GetOAuthAccessToken ' +
      "AuthMode='WEB', Verifier='<code>' on this connection; or connect with OAuthAccessToken set, or with InitiateOAuth=GETANDREFRESH (browser sign-in) " +
      'or InitiateOAuth=REFRESH (stored tokens).',
  );
}

function jwtExpiry(token: string): number | undefined {
  try {
    const exp = (JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8')) as { exp?: unknown }).exp;
    return typeof exp === 'number' ? exp * 1000 : undefined;
  } catch {
    return undefined;
  }
}

export { noToken as noTokenError };
