import type { ProcedureDefinition } from './types.ts';
import { azureAdOf, requireConfidential } from './oauth-common.ts';

/**
 * `EXEC GetOAuthAuthorizationURL AuthMode='WEB', CallbackURL='https://app/cb', State='xyz'`: the URL a user
 * opens to sign in; the identity provider then redirects to CallbackURL with `code` (and `state`).
 */
export const getOAuthAuthorizationURL: ProcedureDefinition = {
  name: 'GetOAuthAuthorizationURL',
  description: 'Returns the Azure AD authorization URL that starts the web (or headless) sign-in.',
  parameters: [
    { name: 'AuthMode', type: 'string', required: false, default: 'WEB', values: ['APP', 'WEB'], description: 'WEB for a web app (the default); APP when the code will be exchanged by this driver (headless).' },
    { name: 'CallbackURL', type: 'string', required: false, description: 'Redirect URI registered for the app; defaults to the CallbackURL connection property.' },
    { name: 'Permissions', type: 'string', required: false, description: 'Extra scopes to request, separated by spaces or commas, in addition to Scope.' },
    { name: 'State', type: 'string', required: false, description: 'Opaque value returned with the redirect: check it there to tie the redirect to the session.' },
    { name: 'Prompt', type: 'string', required: false, values: ['select_account', 'none', 'login', 'consent'], description: 'What the sign-in page asks: select_account (the default on Azure AD), none, login or consent (the default with other OpenID providers, which grant refresh tokens on consent only).' },
  ],
  columns: [{ name: 'URL', type: 'Edm.String', nullable: false }],
  async run(args, context) {
    const { provider } = azureAdOf(this.name, context);
    requireConfidential(context, 'GetOAuthAuthorizationURL');
    const url = await provider.session.authUrl({
      redirectUri: String(args['CallbackURL'] ?? context.config.callbackURL),
      ...(args['Permissions'] ? { permissions: String(args['Permissions']) } : {}),
      ...(args['State'] ? { state: String(args['State']) } : {}),
      ...(args['Prompt'] ? { prompt: String(args['Prompt']) } : {}),
    });
    return [{ URL: url }];
  },
};
