/**
 * The resolved configuration of a connection: every property parsed, defaulted and validated, frozen.
 * Produced only by `resolveConfig()` (src/config/resolve.ts); nothing else reads connection strings or
 * `process.env`.
 */
export type ApiVersion = 'v1' | 'v2';
export type AuthScheme = 'Basic' | 'Token' | 'AzureADOpenID';
export type InitiateOAuth = 'OFF' | 'GETANDREFRESH' | 'REFRESH';

export interface Config {
  /** Server base URL without trailing slash, e.g. `https://myaccount.epicorsaas.com`. */
  readonly url: string;
  readonly erpInstance: string;
  /** Services named in `Service` (comma separated there), in order, de-duplicated. */
  readonly services: readonly string[];
  readonly apiVersion: ApiVersion;
  readonly company?: string;
  readonly plant?: string;
  readonly user?: string;
  readonly password?: string;
  readonly apiKey?: string;
  readonly authScheme: AuthScheme;
  /** Epicor license type GUID sent in the `License` header, when set. */
  readonly license?: string;

  // OAuth (Azure AD); implemented by the OAuth work, parsed and validated already.
  readonly initiateOAuth: InitiateOAuth;
  readonly oauthClientId?: string;
  readonly oauthClientSecret?: string;
  readonly oauthAccessToken?: string;
  readonly oauthRefreshToken?: string;
  readonly oauthExpiresIn?: number;
  readonly oauthTokenTimestamp?: number;
  readonly oauthSettingsLocation?: string;
  readonly oauthVerifier?: string;
  readonly oauthAuthority: string;
  readonly oauthJWTCert?: string;
  readonly oauthJWTCertType?: string;
  readonly oauthJWTCertPassword?: string;
  readonly oauthJWTCertSubject: string;
  readonly azureTenant?: string;
  readonly callbackURL: string;
  readonly scope?: string;

  /** Seconds per HTTP call; 0 disables the timeout. */
  readonly timeout: number;
  /** Rows per page requested with `$top`. */
  readonly pagesize: number;
  /** Row cap for every query; 0 or negative means no cap. */
  readonly maxRows: number;
  /** Pages fetched ahead while streaming (0 = strictly one request at a time). */
  readonly prefetchPages: number;
  /** PagingMode: `$skip` windows, pages after the last key read, or key where the order allows it. */
  readonly pagingMode: 'skip' | 'key' | 'auto';
  /** MaxUrlLength: longest query string of a request. */
  readonly maxUrlLength: number;
  /** MaxLocalRows: rows one query may load for local work. */
  readonly maxLocalRows: number;
  /** Retries of idempotent requests on 429/502/503/504 and connection resets. */
  readonly maxRetries: number;
  readonly readonly: boolean;
  /** Return Edm.Decimal values as strings (exact) instead of JavaScript numbers. */
  readonly decimalsAsStrings: boolean;
  /** Epicor Functions go to their staging URL (`/api/v2/efx/staging/...`). */
  readonly efxStaging?: boolean;

  readonly cacheMetadata: boolean;
  /** Metadata cache file path (absolute). */
  readonly cacheLocation: string;
  /** Seconds a cached catalog stays fresh. */
  readonly metadataTTL: number;

  readonly sslServerCert?: string;
  /** Only when the user explicitly asks: TLS certificate checks off. */
  readonly sslRejectUnauthorized: boolean;
  readonly proxyServer?: string;
  readonly proxyPort?: number;
  readonly proxyUser?: string;
  readonly proxyPassword?: string;
  readonly proxyAuthScheme?: string;
  readonly proxyExceptions?: string;

  readonly logfile?: string;
  readonly verbosity: number;
  readonly maxLogFileSize?: number;
  readonly maxLogFileCount?: number;

  readonly tables?: string;
  readonly views?: string;
  readonly userDefinedViews?: string;
  readonly other?: string;

  /**
   * Every property by its canonical catalog name as the user gave it or as defaulted (strings), used by
   * `sys_connection_props`. Secret values are present here: mask them before showing.
   */
  readonly properties: Readonly<Record<string, string | undefined>>;
}
