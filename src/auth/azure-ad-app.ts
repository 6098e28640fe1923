import type * as Msal from '@azure/msal-node';
import type { Config } from '../config/types.ts';
import { KineticOAuthError } from '../errors.ts';
import { loadClientCertificate } from './certificate.ts';
import { createMsalNetworkClient, type MsalNetworkClient } from './msal-network.ts';

/** Hosts of Azure AD's clouds: an OAuthAuthority on one of them speaks Azure AD, any other host plain OIDC. */
const AZURE_AD_HOSTS = ['login.microsoftonline.com', 'login.microsoftonline.us', 'login.chinacloudapi.cn', 'login.partner.microsoftonline.cn'];

/** The authority msal-node is given, and how it talks to it. */
export interface Authority {
  readonly url: string;
  readonly host: string;
  /** AAD for Azure AD (and providers in its shape, picked by AzureTenant), OIDC for any other OpenID provider. */
  readonly protocolMode: 'AAD' | 'OIDC';
}

/**
 * OAuthAuthority plus AzureTenant: `https://login.microsoftonline.com/{tenant}` (tenant `organizations`
 * when unset) in Azure AD mode; an OAuthAuthority on another host with no AzureTenant is an OpenID
 * provider's issuer, used as is (OIDC mode).
 *
 * @example
 * ```ts
 * authorityOf({ oauthAuthority: 'https://login.microsoftonline.com', azureTenant: 'contoso.onmicrosoft.com' }).url;
 * // 'https://login.microsoftonline.com/contoso.onmicrosoft.com'
 * ```
 */
export function authorityOf(config: Pick<Config, 'oauthAuthority' | 'azureTenant'>): Authority {
  const base = config.oauthAuthority.replace(/\/+$/, '');
  const host = new URL(base).host;
  const azure = AZURE_AD_HOSTS.includes(new URL(base).hostname.toLowerCase());
  if (config.azureTenant) return { url: `${base}/${config.azureTenant}`, host, protocolMode: 'AAD' };
  if (azure) return { url: `${base}/organizations`, host, protocolMode: 'AAD' };
  return { url: base, host, protocolMode: 'OIDC' };
}

/**
 * The scopes of the access token (Scope, space separated); msal-node adds openid, profile and offline_access.
 *
 * @example
 * ```ts
 * scopesOf({ scope: 'api://epicor/user_impersonation' }); // ['api://epicor/user_impersonation']
 * scopesOf({ oauthClientId: 'app-1' });                   // ['app-1/.default']
 * ```
 */
export function scopesOf(config: Pick<Config, 'scope' | 'oauthClientId'>): string[] {
  return (config.scope ?? `${config.oauthClientId ?? ''}/.default`).split(/\s+/).filter((s) => s !== '');
}

/** An msal-node application and the HTTP client it uses. */
export interface MsalApp {
  readonly app: Msal.ConfidentialClientApplication | Msal.PublicClientApplication;
  /** True when the app authenticates itself (secret or certificate): the web and headless flows need this. */
  readonly confidential: boolean;
  readonly authority: Authority;
  readonly msal: typeof Msal;
  close(): Promise<void>;
}

/**
 * Builds the msal-node application of a connection: confidential with OAuthClientSecret or OAuthJWTCert,
 * public otherwise (desktop flow with PKCE). msal-node is imported here, on first use only. Its token cache
 * goes through `cachePlugin` (the settings store).
 *
 * @example
 * ```ts
 * const { app } = await createMsalApp(config, plugin);
 * const url = await app.getAuthCodeUrl({ scopes, redirectUri: config.callbackURL });
 * ```
 */
export async function createMsalApp(config: Config, cachePlugin: Msal.ICachePlugin, log: (message: string, level?: number) => void): Promise<MsalApp> {
  let msal: typeof Msal;
  try {
    msal = await import('@azure/msal-node');
  } catch (err) {
    throw new KineticOAuthError('EOAUTH', 'AuthScheme=AzureADOpenID needs the @azure/msal-node package: install it (npm install @azure/msal-node@7).', { cause: err });
  }
  const authority = authorityOf(config);
  if (!config.oauthClientId) throw new KineticOAuthError('EOAUTH', 'The OAuth flows need OAuthClientId: set it to the application (client) id of your Azure AD app registration.');
  const network: MsalNetworkClient = createMsalNetworkClient(config, new URL(authority.url).hostname);
  const auth: Msal.NodeAuthOptions = {
    clientId: config.oauthClientId,
    authority: authority.url,
    knownAuthorities: [authority.host],
    ...(config.oauthClientSecret ? { clientSecret: config.oauthClientSecret } : {}),
    ...(config.oauthJWTCert ? { clientCertificate: loadClientCertificate(config) } : {}),
  };
  const options: Msal.Configuration = {
    auth,
    cache: { cachePlugin },
    system: {
      networkClient: network,
      protocolMode: authority.protocolMode === 'OIDC' ? msal.ProtocolMode.OIDC : msal.ProtocolMode.AAD,
      // msal's own log lines can hold URLs with codes: only its level and a fixed text reach our log.
      loggerOptions: { piiLoggingEnabled: false, logLevel: msal.LogLevel.Warning, loggerCallback: (_level, message, containsPii) => {
        if (!containsPii) log(`msal: ${message.replace(/[?#].*$/s, '')}`, 2);
      } },
    },
  };
  const confidential = auth.clientSecret !== undefined || auth.clientCertificate !== undefined;
  const app = confidential ? new msal.ConfidentialClientApplication(options) : new msal.PublicClientApplication(options);
  return { app, confidential, authority, msal, close: () => network.close() };
}
