import { randomUUID } from 'node:crypto';
import type { Config } from '../config/types.ts';
import { KineticOAuthError } from '../errors.ts';
import { BasicAuthProvider } from './auth-basic.ts';
import type { AuthProvider } from './auth-provider.ts';
import { EpicorTokenProvider } from './auth-token.ts';
import { AzureAdProvider } from './azure-ad-provider.ts';
import { AzureAdSession, type TokenSet } from './azure-ad-session.ts';
import { desktopSignIn } from './desktop-flow.ts';
import type { BrowserOpener } from './open-browser.ts';
import { openSettingsStore } from './settings-store.ts';

export interface AuthOptions {
  /** Asks Epicor's token service for a token (AuthScheme=Token); the client's `requestToken`. */
  readonly requestToken: () => Promise<unknown>;
  readonly log?: (message: string, level?: number) => void;
  /** Replaces the system browser in the desktop flow. */
  readonly openBrowser?: BrowserOpener;
  /** How long the desktop flow waits for the user to sign in; default 5 minutes. */
  readonly signInTimeoutMs?: number;
  /** Clock of the token providers (tests move it forward). */
  readonly now?: () => number;
}

/** The provider of a connection, and for Azure AD its msal session (the procedures use it). */
export interface Auth {
  readonly provider: AuthProvider;
  readonly azureAd?: AzureAdProvider;
  /** The desktop sign-in (browser and loopback listener), for GetOAuthAccessToken AuthMode='APP'. */
  signIn(callbackURL: string, state?: string): Promise<TokenSet>;
  close(): Promise<void>;
}

/**
 * The one place that picks the authentication of a connection from AuthScheme: Basic, Token (Epicor's
 * token service) or AzureADOpenID (msal-node, imported only when a flow needs it). InitiateOAuth=OFF keeps
 * procedure-obtained tokens in this connection only; REFRESH and GETANDREFRESH keep them in
 * OAuthSettingsLocation.
 *
 * @example
 * ```ts
 * const auth = createAuth(config, { requestToken: () => client.requestToken(), openBrowser: (url) => show(url) });
 * const client = new EpicorClient(config, { auth: auth.provider });
 * ```
 */
export function createAuth(config: Config, options: AuthOptions): Auth {
  switch (config.authScheme) {
    case 'Basic':
      return plain(new BasicAuthProvider(config.user, config.password));
    case 'Token':
      return plain(new EpicorTokenProvider(options.requestToken, options.now));
    case 'AzureADOpenID': {
      const location = config.initiateOAuth === 'OFF' ? `memory://connection-${randomUUID()}` : (config.oauthSettingsLocation ?? 'memory://default');
      const store = openSettingsStore(location, config.properties['OAuthSettingsKey']);
      const session = new AzureAdSession(config, store, options.log, options.now);
      const desktop = (callbackURL: string, state?: string) =>
        desktopSignIn(session, {
          callbackURL,
          ...(state ? { state } : {}),
          ...(options.openBrowser ? { openBrowser: options.openBrowser } : {}),
          ...(options.signInTimeoutMs ? { timeoutMs: options.signInTimeoutMs } : {}),
        });
      const signIn = config.initiateOAuth === 'GETANDREFRESH' ? () => desktop(config.callbackURL) : undefined;
      const provider = new AzureAdProvider(config, session, { ...(options.now ? { now: options.now } : {}), ...(signIn ? { signIn } : {}) });
      return {
        provider,
        azureAd: provider,
        signIn: desktop,
        close: async () => {
          await session.close();
          if (config.initiateOAuth === 'OFF') await store.clear();
        },
      };
    }
  }
}

function plain(provider: AuthProvider): Auth {
  const signIn = () => Promise.reject(new KineticOAuthError('EOAUTH', 'The browser sign-in needs AuthScheme=AzureADOpenID and OAuthClientId.'));
  return { provider, signIn, close: () => Promise.resolve() };
}
