import { KineticProcedureError } from '../src/errors.ts';
import type { ProcedureDefinition } from './types.ts';
import { adoptTokens, azureAdOf, requireConfidential, TOKEN_COLUMNS } from './oauth-common.ts';

/**
 * `EXEC GetOAuthAccessToken AuthMode='WEB', Verifier='<code>'`: exchanges the callback's code for tokens
 * (web flow, any connection or process: no PKCE state is kept between the two steps). `AuthMode='APP'`
 * runs the desktop sign-in instead (browser and loopback listener on CallbackURL). The calling
 * connection uses the new access token afterwards.
 */
export const getOAuthAccessToken: ProcedureDefinition = {
  name: 'GetOAuthAccessToken',
  description: 'Exchanges the authorization code (Verifier) for an access token and a refresh token.',
  parameters: [
    { name: 'AuthMode', type: 'string', required: false, default: 'APP', values: ['APP', 'WEB'], description: 'WEB: exchange Verifier (the code from the redirect); APP: sign in with the browser on this machine.' },
    { name: 'Verifier', type: 'string', required: false, secret: true, description: 'The code parameter of the redirect to CallbackURL; required with AuthMode WEB.' },
    { name: 'CallbackURL', type: 'string', required: false, description: 'The redirect URI the authorization URL was made with; defaults to the CallbackURL property.' },
    { name: 'Permissions', type: 'string', required: false, description: 'Extra scopes, as given to GetOAuthAuthorizationURL.' },
    { name: 'State', type: 'string', required: false, description: 'AuthMode APP: the state sent with the sign-in (random by default).' },
  ],
  columns: TOKEN_COLUMNS,
  async run(args, context) {
    const { auth, provider } = azureAdOf(this.name, context);
    const redirectUri = String(args['CallbackURL'] ?? context.config.callbackURL);
    if (args['AuthMode'] === 'APP' && args['Verifier'] === undefined) {
      return adoptTokens(await auth.auth.signIn(redirectUri, args['State'] as string | undefined), auth, provider);
    }
    const code = args['Verifier'];
    if (typeof code !== 'string' || code === '') {
      throw new KineticProcedureError('EPROCEDURE', "GetOAuthAccessToken with AuthMode WEB needs Verifier: pass the code parameter of the redirect, e.g. Verifier='...'.", { name: 'Verifier' });
    }
    requireConfidential(context, 'GetOAuthAccessToken with a Verifier');
    const permissions = args['Permissions'];
    const tokens = await provider.session.redeemCode({ code, redirectUri, ...(permissions ? { permissions: String(permissions) } : {}) });
    return adoptTokens(tokens, auth, provider);
  },
};
