import type { ApiVersion, AuthScheme, Config, InitiateOAuth } from './types.ts';
import type { PropertyValues } from './check-rules.ts';

/**
 * Turns checked property values into the frozen {@link Config}. Unset optional fields are left out.
 *
 * @example
 * ```ts
 * const config = buildConfig(values, ['Erp.BO.CustomerSvc'], properties);
 * ```
 */
export function buildConfig(
  values: PropertyValues,
  services: readonly string[],
  properties: Readonly<Record<string, string | undefined>>,
): Config {
  const s = (name: string): string | undefined => {
    const v = values.get(name);
    return typeof v === 'string' ? v : undefined;
  };
  const n = (name: string): number | undefined => {
    const v = values.get(name);
    return typeof v === 'number' ? v : undefined;
  };
  const b = (name: string): boolean => values.get(name) === true;
  const config: Config = {
    url: need(s('URL'), 'URL'),
    erpInstance: need(s('ERPInstance'), 'ERPInstance'),
    services: Object.freeze([...services]),
    apiVersion: need(s('ApiVersion'), 'ApiVersion') as ApiVersion,
    company: s('Company'),
    plant: s('Plant'),
    user: s('User'),
    password: s('Password'),
    apiKey: s('ApiKey'),
    authScheme: need(s('AuthScheme'), 'AuthScheme') as AuthScheme,
    license: s('License'),
    ...oauth(s, n),
    timeout: need(n('Timeout'), 'Timeout'),
    pagesize: need(n('Pagesize'), 'Pagesize'),
    maxRows: need(n('MaxRows'), 'MaxRows'),
    prefetchPages: need(n('PrefetchPages'), 'PrefetchPages'),
    pagingMode: need(s('PagingMode'), 'PagingMode') as Config['pagingMode'],
    maxLocalRows: need(n('MaxLocalRows'), 'MaxLocalRows'),
    maxUrlLength: need(n('MaxUrlLength'), 'MaxUrlLength'),
    maxRetries: need(n('MaxRetries'), 'MaxRetries'),
    readonly: b('Readonly'),
    decimalsAsStrings: b('DecimalsAsStrings'),
    efxStaging: b('EfxStaging'),
    cacheMetadata: b('CacheMetadata'),
    cacheLocation: need(s('CacheLocation'), 'CacheLocation'),
    metadataTTL: need(n('MetadataTTL'), 'MetadataTTL'),
    sslServerCert: s('SSLServerCert'),
    sslRejectUnauthorized: values.get('SSLRejectUnauthorized') !== false,
    proxyServer: s('ProxyServer'),
    proxyPort: n('ProxyPort'),
    proxyUser: s('ProxyUser'),
    proxyPassword: s('ProxyPassword'),
    proxyAuthScheme: s('ProxyAuthScheme'),
    proxyExceptions: s('ProxyExceptions'),
    logfile: s('Logfile'),
    verbosity: need(n('Verbosity'), 'Verbosity'),
    maxLogFileSize: n('MaxLogFileSize'),
    maxLogFileCount: n('MaxLogFileCount'),
    tables: s('Tables'),
    views: s('Views'),
    userDefinedViews: s('UserDefinedViews'),
    other: s('Other'),
    properties: Object.freeze({ ...properties }),
  };
  return Object.freeze(withoutUndefined(config));
}

type Get<T> = (name: string) => T | undefined;

function oauth(s: Get<string>, n: Get<number>) {
  return {
    initiateOAuth: need(s('InitiateOAuth'), 'InitiateOAuth') as InitiateOAuth,
    oauthClientId: s('OAuthClientId'),
    oauthClientSecret: s('OAuthClientSecret'),
    oauthAccessToken: s('OAuthAccessToken'),
    oauthRefreshToken: s('OAuthRefreshToken'),
    oauthExpiresIn: n('OAuthExpiresIn'),
    oauthTokenTimestamp: n('OAuthTokenTimestamp'),
    oauthSettingsLocation: s('OAuthSettingsLocation'),
    oauthVerifier: s('OAuthVerifier'),
    oauthAuthority: need(s('OAuthAuthority'), 'OAuthAuthority'),
    oauthJWTCert: s('OAuthJWTCert'),
    oauthJWTCertType: s('OAuthJWTCertType'),
    oauthJWTCertPassword: s('OAuthJWTCertPassword'),
    oauthJWTCertSubject: need(s('OAuthJWTCertSubject'), 'OAuthJWTCertSubject'),
    azureTenant: s('AzureTenant'),
    callbackURL: need(s('CallbackURL'), 'CallbackURL'),
    scope: s('Scope'),
  };
}

function need<T>(value: T | undefined, name: string): T {
  // Validation runs first and every one of these has a default, so this is a programming error.
  if (value === undefined) throw new Error(`Internal error: ${name} has no value after validation`);
  return value;
}

function withoutUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
