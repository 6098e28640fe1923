import type { AzureAdProvider } from '../src/auth/azure-ad-provider.ts';
import type { TokenSet } from '../src/auth/azure-ad-session.ts';
import type { ConnectionAuth } from '../src/auth/connection-auth.ts';
import type { ResultColumn } from '../src/plan/types.ts';
import { KineticOAuthError, KineticProcedureError } from '../src/errors.ts';
import type { ProcedureContext } from './types.ts';

/** Result columns of GetOAuthAccessToken and RefreshOAuthAccessToken. */
export const TOKEN_COLUMNS: readonly ResultColumn[] = [
  { name: 'OAuthAccessToken', type: 'Edm.String', nullable: false },
  { name: 'OAuthRefreshToken', type: 'Edm.String', nullable: true },
  { name: 'ExpiresIn', type: 'Edm.Int32', nullable: false },
];

/** The Azure AD side of the calling connection, or EPROCEDURE saying the procedure needs AzureADOpenID. */
export function azureAdOf(procedure: string, context: ProcedureContext): { auth: ConnectionAuth; provider: AzureAdProvider } {
  const auth = context.auth;
  const provider = auth?.auth.azureAd;
  if (!auth || !provider) {
    throw new KineticProcedureError('EPROCEDURE', `${procedure} needs an AzureADOpenID connection: set AuthScheme=AzureADOpenID and OAuthClientId (see docs/oauth.md).`, { name: procedure });
  }
  return { auth, provider };
}

/** The web and headless flows redeem codes on another connection or process: no PKCE, so the app authenticates itself. */
export function requireConfidential(context: ProcedureContext, what: string): void {
  if (!context.config.oauthClientSecret && !context.config.oauthJWTCert) {
    throw new KineticOAuthError('EOAUTH', `${what} uses the confidential client: set OAuthClientSecret, or OAuthJWTCert and OAuthJWTCertType, of your Azure AD app.`);
  }
}

/** The connection uses the new tokens, loads its metadata if it had none, and the row is returned. */
export async function adoptTokens(tokens: TokenSet, auth: ConnectionAuth, provider: AzureAdProvider): Promise<Record<string, unknown>[]> {
  provider.adopt(tokens);
  await auth.tokenObtained();
  return [
    {
      OAuthAccessToken: tokens.accessToken,
      OAuthRefreshToken: tokens.refreshToken ?? null,
      ExpiresIn: Math.max(0, Math.round((tokens.expiresAt - Date.now()) / 1000)),
    },
  ];
}
