import type { ProcedureDefinition } from './types.ts';
import { adoptTokens, azureAdOf, TOKEN_COLUMNS } from './oauth-common.ts';

/** `EXEC RefreshOAuthAccessToken OAuthRefreshToken='...'`: a new access token (and refresh token) from a refresh token. */
export const refreshOAuthAccessToken: ProcedureDefinition = {
  name: 'RefreshOAuthAccessToken',
  description: 'Obtains a new access token from a refresh token; call it again when ExpiresIn runs out.',
  parameters: [{ name: 'OAuthRefreshToken', type: 'string', required: true, secret: true, description: 'The refresh token returned by GetOAuthAccessToken or an earlier refresh.' }],
  columns: TOKEN_COLUMNS,
  async run(args, context) {
    const { auth, provider } = azureAdOf(this.name, context);
    const tokens = await provider.session.redeemRefreshToken(String(args['OAuthRefreshToken']));
    return adoptTokens(tokens, auth, provider);
  },
};
