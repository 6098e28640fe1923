import type { AuthProvider } from './auth-provider.ts';

/**
 * `AuthScheme=AzureADOpenID` with `InitiateOAuth=OFF` and a token: the access token in `OAuthAccessToken`
 * is sent as given. It cannot be renewed here, so a 401 says to supply a fresh one.
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
