import { createRemoteJWKSet, jwtVerify } from 'jose';

/** Azure AD settings: bearer JWTs signed by the identity provider's keys are accepted. */
export interface AzureAdOptions {
  /** The provider's JWKS URL (`https://login.microsoftonline.com/{tenant}/discovery/v2.0/keys`). */
  readonly jwksUrl: string;
  readonly issuer: string;
  readonly audience: string;
}

/** Checks an Azure AD access token; answers the user name or undefined. */
export type AzureAdVerifier = (token: string) => Promise<string | undefined>;

/**
 * Verifies Azure AD access tokens against the provider's published keys (jose's remote JWK set).
 *
 * @example
 * ```ts
 * const verify = createAzureAdVerifier({ jwksUrl, issuer, audience: 'api://epicor' });
 * const user = await verify(bearerToken); // e.g. 'alice@contoso.com', or undefined
 * ```
 */
export function createAzureAdVerifier(options: AzureAdOptions): AzureAdVerifier {
  const keys = createRemoteJWKSet(new URL(options.jwksUrl));
  return async (token) => {
    try {
      const { payload } = await jwtVerify(token, keys, { issuer: options.issuer, audience: options.audience });
      const name = payload['preferred_username'] ?? payload['upn'] ?? payload['unique_name'] ?? payload.sub;
      return typeof name === 'string' ? name : 'azure-ad-user';
    } catch {
      return undefined;
    }
  };
}
