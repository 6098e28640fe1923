import { KineticOAuthError } from '../errors.ts';
import type { AuthProvider } from './auth-provider.ts';

/**
 * `AuthScheme=AzureADOpenID` with `InitiateOAuth=OFF`: the access token in `OAuthAccessToken` is sent as
 * given. It cannot be renewed here, so a 401 says to supply a fresh one.
 *
 * @example
 * ```ts
 * const auth = new StaticBearerProvider(config.oauthAccessToken);
 * await auth.authorization(); // 'Bearer eyJ...'
 * ```
 */
export class StaticBearerProvider implements AuthProvider {
  readonly #header: string;

  constructor(token: string) {
    this.#header = `Bearer ${token}`;
  }

  authorization(): Promise<string> {
    return Promise.resolve(this.#header);
  }
}

/** The OAuth flows that obtain and refresh tokens (InitiateOAuth GETANDREFRESH and REFRESH) are not built yet. */
export function oauthFlowsNotYet(initiate: string): AuthProvider {
  const error = () =>
    new KineticOAuthError('EOAUTH', `InitiateOAuth=${initiate} is not implemented yet: obtain an Azure AD access token yourself and pass it as OAuthAccessToken with InitiateOAuth=OFF.`);
  return { authorization: () => Promise.reject(error()) };
}
