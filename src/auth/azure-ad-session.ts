import type * as Msal from '@azure/msal-node';
import { redactSecrets, secretValues } from '../config/secret-values.ts';
import type { Config } from '../config/types.ts';
import { KineticHttpError, KineticOAuthError } from '../errors.ts';
import { createMsalApp, scopesOf, type MsalApp } from './azure-ad-app.ts';
import type { OAuthSettings, SettingsStore } from './settings-store.ts';

/** Tokens as the procedures return them and the provider sends them. */
export interface TokenSet {
  readonly accessToken: string;
  /** From msal's cache; absent when the provider issued none (no offline_access). */
  readonly refreshToken?: string;
  /** Milliseconds since the epoch. */
  readonly expiresAt: number;
  readonly homeAccountId?: string;
}

/** Inputs of an authorization URL: the procedures' CallbackURL, Permissions, State and Prompt. */
export interface AuthUrlRequest {
  readonly redirectUri: string;
  /** Extra scopes (Permissions), added to Scope. */
  readonly permissions?: string;
  readonly state?: string;
  readonly prompt?: string;
  /** PKCE, for the desktop flow only (the process that starts the flow finishes it). */
  readonly codeChallenge?: string;
}

export interface CodeRequest {
  readonly code: string;
  readonly redirectUri: string;
  readonly permissions?: string;
  readonly codeVerifier?: string;
}

/**
 * The protocol side of AzureADOpenID, done by msal-node: authorization URLs, code and refresh-token
 * redemption, silent renewal from the account in msal's cache. msal's cache lives in the settings store
 * (read before and written after every msal call, through msal's cache plugin), so the refresh token is
 * only ever at rest encrypted. Errors are EOAUTH or EAUTH with what to do, never with a token or code.
 *
 * @example
 * ```ts
 * const session = new AzureAdSession(config, store, log);
 * const url = await session.authUrl({ redirectUri: 'https://app/cb', state: 'xyz' });
 * const tokens = await session.redeemCode({ code, redirectUri: 'https://app/cb' });
 * ```
 */
export class AzureAdSession {
  readonly #config: Config;
  readonly #store: SettingsStore;
  readonly #log: (message: string, level?: number) => void;
  readonly #now: () => number;
  #app: Promise<MsalApp> | undefined;

  constructor(config: Config, store: SettingsStore, log: (message: string, level?: number) => void = () => undefined, now: () => number = Date.now) {
    this.#config = config;
    this.#store = store;
    this.#log = log;
    this.#now = now;
  }

  get store(): SettingsStore {
    return this.#store;
  }

  /** The authorization URL a user opens to sign in. */
  async authUrl(request: AuthUrlRequest): Promise<string> {
    const { app, authority } = await this.#msal();
    // Azure AD issues refresh tokens without asking again; OIDC providers grant offline_access on consent only.
    const prompt = request.prompt ?? (authority.protocolMode === 'AAD' ? 'select_account' : 'consent');
    return app.getAuthCodeUrl({
      scopes: this.#scopes(request.permissions),
      redirectUri: request.redirectUri,
      prompt,
      ...(request.state ? { state: request.state } : {}),
      ...(request.codeChallenge ? { codeChallenge: request.codeChallenge, codeChallengeMethod: 'S256' } : {}),
    });
  }

  /** Exchanges an authorization code (the callback's `code`, the procedures' Verifier) and saves the tokens. */
  async redeemCode(request: CodeRequest): Promise<TokenSet> {
    const { app } = await this.#msal();
    return this.#saving(async () => {
      const result = await app.acquireTokenByCode({
        code: request.code,
        scopes: this.#scopes(request.permissions),
        redirectUri: request.redirectUri,
        ...(request.codeVerifier ? { codeVerifier: request.codeVerifier } : {}),
      });
      return result;
    }, 'the authorization code was refused (it is single-use and expires within minutes; CallbackURL must be the one the URL was made with): sign in again to get a new one');
  }

  /** Redeems a refresh token given by the caller (OAuthRefreshToken, RefreshOAuthAccessToken). */
  async redeemRefreshToken(refreshToken: string): Promise<TokenSet> {
    const { app } = await this.#msal();
    const tokens = await this.#saving(async () => app.acquireTokenByRefreshToken({ refreshToken, scopes: this.#scopes(), forceCache: true }), REVOKED);
    // A provider that does not rotate refresh tokens answers without one: the given one stays valid.
    return tokens.refreshToken ? tokens : { ...tokens, refreshToken };
  }

  /**
   * Renews with the refresh token of the account in the stored msal cache (the provider calls this
   * when its token is due, or after a 401). Undefined when the store holds no account.
   */
  async renewSilently(): Promise<TokenSet | undefined> {
    const settings = await this.#store.read();
    if (!settings?.msalCache) return undefined;
    const { app } = await this.#msal();
    const accounts = await app.getTokenCache().getAllAccounts();
    const account = accounts.find((a) => a.homeAccountId === settings.homeAccountId) ?? accounts[0];
    if (!account) return undefined;
    return this.#saving(async () => app.acquireTokenSilent({ account, scopes: this.#scopes(), forceRefresh: true }), REVOKED);
  }

  /** Forgets the stored tokens (sign out). */
  async clear(): Promise<void> {
    await this.#store.clear();
  }

  async close(): Promise<void> {
    const app = this.#app;
    this.#app = undefined;
    if (app) await (await app).close();
  }

  /** The cache plugin: msal reads its cache from the store before each call and hands it back after. */
  cachePlugin(): Msal.ICachePlugin {
    return {
      beforeCacheAccess: async (ctx) => {
        const cache = (await this.#store.read())?.msalCache;
        if (cache) ctx.tokenCache.deserialize(cache);
      },
      afterCacheAccess: async (ctx) => {
        if (!ctx.cacheHasChanged) return;
        const current = (await this.#store.read()) ?? {};
        await this.#store.write({ ...current, msalCache: ctx.tokenCache.serialize(), clientId: this.#config.oauthClientId });
      },
    };
  }

  #msal(): Promise<MsalApp> {
    this.#app ??= createMsalApp(this.#config, this.cachePlugin(), this.#log);
    return this.#app;
  }

  #scopes(permissions?: string): string[] {
    const extra = (permissions ?? '').split(/[\s,]+/).filter((s) => s !== '');
    return [...new Set([...scopesOf(this.#config), ...extra])];
  }

  /** Runs an msal call, then stores the access token next to msal's cache and reads the refresh token from it. */
  async #saving(call: () => Promise<Msal.AuthenticationResult | null>, refusedHint: string): Promise<TokenSet> {
    let result: Msal.AuthenticationResult | null;
    try {
      result = await call();
    } catch (err) {
      throw this.#failure(err, refusedHint);
    }
    if (!result?.accessToken) throw new KineticOAuthError('EOAUTH', 'The identity provider answered without an access token: check Scope (the Epicor API\'s scope) and the app\'s API permissions.');
    const expiresAt = result.expiresOn ? result.expiresOn.getTime() : this.#now() + 3600_000;
    const homeAccountId = result.account?.homeAccountId;
    const current: OAuthSettings = (await this.#store.read()) ?? {};
    const next: OAuthSettings = { ...current, accessToken: result.accessToken, expiresAt, clientId: this.#config.oauthClientId, ...(homeAccountId ? { homeAccountId } : {}) };
    await this.#store.write(next);
    const refreshToken = refreshTokenOf(next.msalCache, homeAccountId);
    this.#log(`oauth: access token obtained, expires ${new Date(expiresAt).toISOString()}`, 1);
    return { accessToken: result.accessToken, expiresAt, ...(refreshToken ? { refreshToken } : {}), ...(homeAccountId ? { homeAccountId } : {}) };
  }

  #failure(err: unknown, refusedHint: string): Error {
    if (err instanceof KineticOAuthError || err instanceof KineticHttpError) return err;
    const e = err as { errorCode?: string; name?: string; subError?: string };
    const code = e.errorCode ?? 'error';
    const interaction = e.name === 'InteractionRequiredAuthError' || code === 'invalid_grant' || code === 'interaction_required' || code === 'no_tokens_found';
    if (interaction) {
      return new KineticHttpError('EAUTH', `Azure AD refused to renew the sign-in (${code}): ${refusedHint}.`, { cause: sanitized(err, secretValues(this.#config)) });
    }
    if (code === 'invalid_client' || code === 'unauthorized_client') {
      return new KineticOAuthError('EOAUTH', `The identity provider refused the app's credentials (${code}): check OAuthClientId and OAuthClientSecret or OAuthJWTCert.`, { cause: sanitized(err, secretValues(this.#config)) });
    }
    return new KineticOAuthError('EOAUTH', `The OAuth request failed (${code}): check OAuthAuthority, AzureTenant, Scope and CallbackURL.`, { cause: sanitized(err, secretValues(this.#config)) });
  }
}

const REVOKED =
  'the refresh token is revoked or expired, sign in again: kinetic-sql oauth login (desktop), or EXEC GetOAuthAuthorizationURL then GetOAuthAccessToken (web), ' +
  'or a new OAuthVerifier with InitiateOAuth=REFRESH (headless)';

/**
 * The refresh token of an account in msal's serialized cache (the only place msal-node keeps it).
 *
 * @example
 * ```ts
 * refreshTokenOf(settings.msalCache, settings.homeAccountId); // '0.AXoA...' or undefined
 * ```
 */
export function refreshTokenOf(msalCache: string | undefined, homeAccountId: string | undefined): string | undefined {
  if (!msalCache) return undefined;
  try {
    const entries = Object.values((JSON.parse(msalCache) as { RefreshToken?: Record<string, { secret?: string; home_account_id?: string }> }).RefreshToken ?? {});
    const mine = entries.find((e) => homeAccountId === undefined || e.home_account_id === homeAccountId) ?? entries[0];
    return mine?.secret;
  } catch {
    return undefined;
  }
}

// msal errors can carry the request's body or URL (codes, assertions): keep only their code and a
// description with anything token-like cut out.
function sanitized(err: unknown, secrets: readonly string[]): Error {
  const e = err as { errorCode?: string; errorMessage?: string; message?: string };
  const text = redactSecrets(String(e.errorMessage ?? e.message ?? ''), secrets).replace(/[A-Za-z0-9_\-.~+/=]{24,}/g, '[redacted]').slice(0, 300);
  const out = new Error(`${e.errorCode ?? 'error'}: ${text}`);
  out.name = 'OAuthServerError';
  return out;
}
