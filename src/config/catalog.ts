import type { PropertyCategory, PropertyDefinition, PropertyType } from './property-definition.ts';

export type { PropertyCategory, PropertyDefinition, PropertyType };
export { PROPERTY_CATEGORIES } from './property-definition.ts';

/** What a set secret looks like wherever properties are shown. */
export const SECRET_MASK = '********';

const off = { secret: false, required: false } as const;
const secret = { secret: true, required: false } as const;

/**
 * Every connection property the driver understands, as data. Names and defaults follow the commercial
 * Epicor connector so that connection strings move across unchanged; Plant, License, OAuthAuthority, OAuthSettingsKey,
 * MetadataTTL, PrefetchPages, PagingMode, MaxRetries, DecimalsAsStrings, EfxStaging and SSLRejectUnauthorized are ours.
 *
 * @example
 * ```ts
 * const secrets = PROPERTIES.filter((p) => p.secret).map((p) => p.name);
 * ```
 */
export const PROPERTIES: readonly PropertyDefinition[] = [
  // Connection
  { name: 'URL', type: 'url', default: undefined, category: 'Connection', secret: false, required: true,
    description: 'Base URL of the server hosting the Epicor instance, e.g. https://myaccount.epicorsaas.com. A full instance URL (ending in /{ERPInstance}) is accepted too.' },
  { name: 'ERPInstance', type: 'string', default: undefined, category: 'Connection', secret: false, required: true,
    description: 'Name of the Epicor instance: the first path segment after the host, e.g. KineticLive.' },
  { name: 'Service', type: 'string', default: undefined, category: 'Connection', secret: false, required: true,
    description: 'Service whose data is exposed as tables, e.g. Erp.BO.CustomerSvc or BaqSvc. Several services may be listed, separated by commas.' },
  { name: 'ApiVersion', type: 'enum', default: 'v1', values: ['v1', 'v2'], category: 'Connection', ...off,
    description: 'Version of the Epicor REST API to use. v2 needs Company and ApiKey.' },
  { name: 'Company', type: 'string', default: undefined, category: 'Connection', secret: false, required: 'with ApiVersion v2',
    description: 'Epicor company id, e.g. EPIC06. On v1 it is sent in the CallSettings header; when unset, the user\'s default company is used.' },
  { name: 'Plant', type: 'string', default: undefined, category: 'Connection', ...off,
    description: 'Epicor plant (site) id sent in the CallSettings header, e.g. MfgSys.' },
  { name: 'License', type: 'string', default: undefined, category: 'Connection', ...off,
    description: 'Epicor license type GUID claimed in the License header, e.g. 00000003-9439-4B30-A6F4-6D2FD4B9FD0F for WebService.' },
  // Authentication
  { name: 'AuthScheme', type: 'enum', default: 'Basic', values: ['Basic', 'Token', 'AzureADOpenID'], category: 'Authentication', ...off,
    description: 'How to authenticate: Basic (User and Password on every call), Token (a bearer token from Epicor\'s TokenResource service) or AzureADOpenID (Azure AD OAuth).' },
  { name: 'User', type: 'string', default: undefined, category: 'Authentication', secret: false, required: 'with AuthScheme Basic or Token',
    description: 'Epicor user name.' },
  { name: 'Password', type: 'string', default: undefined, category: 'Authentication', secret: true, required: 'with AuthScheme Basic or Token',
    description: 'Password of the Epicor user.' },
  { name: 'ApiKey', type: 'string', default: undefined, category: 'Authentication', secret: true, required: 'with ApiVersion v2',
    description: 'Epicor API key, sent as the x-api-key header on every call. Required on v2, optional on v1.' },
  // OAuth
  { name: 'InitiateOAuth', type: 'enum', default: 'OFF', values: ['OFF', 'GETANDREFRESH', 'REFRESH'], category: 'OAuth', ...off,
    description: 'Who obtains OAuth tokens: OFF uses OAuthAccessToken as given, GETANDREFRESH runs the browser flow when needed and refreshes, REFRESH only refreshes the tokens already stored.' },
  { name: 'OAuthClientId', type: 'string', default: undefined, category: 'OAuth', secret: false, required: 'with AzureADOpenID when InitiateOAuth is GETANDREFRESH or REFRESH',
    description: 'Application (client) id of your Azure AD app registration.' },
  { name: 'OAuthClientSecret', type: 'string', default: undefined, category: 'OAuth', ...secret,
    description: 'Client secret of your Azure AD app registration, for confidential (web) apps.' },
  { name: 'CallbackURL', type: 'url', default: 'http://localhost:33333', category: 'OAuth', ...off,
    description: 'Redirect URI registered for the Azure AD app; the desktop flow listens on it when it is a loopback address.' },
  { name: 'AzureTenant', type: 'string', default: undefined, category: 'OAuth', ...off,
    description: 'Azure AD tenant: a domain such as contoso.onmicrosoft.com or a directory id. Needed for single-tenant apps.' },
  { name: 'OAuthAuthority', type: 'url', default: 'https://login.microsoftonline.com', category: 'OAuth', ...off,
    description: 'Azure AD authority host (the tenant is appended); change it for national clouds, a test identity provider, or any OpenID provider (the issuer URL, with AzureTenant unset).' },
  { name: 'Scope', type: 'string', default: undefined, category: 'OAuth', ...off,
    description: 'Scopes requested with the access token, separated by spaces, e.g. api://{Epicor API app id}/user_impersonation (the Epicor API\'s scope is your tenant\'s own). Defaults to {OAuthClientId}/.default when OAuthClientId is set; openid, profile and offline_access are always added.' },
  { name: 'OAuthJWTCert', type: 'string', default: undefined, category: 'OAuth', ...off,
    description: 'Certificate for client-certificate authentication: a file path or the certificate itself, as OAuthJWTCertType says.' },
  { name: 'OAuthJWTCertType', type: 'enum', default: undefined, values: ['PEMKEY_FILE', 'PEMKEY_BLOB', 'PFXFILE', 'PFXBLOB'], category: 'OAuth', ...off,
    description: 'Form of OAuthJWTCert: a PEM file or text holding the certificate and private key, or a PKCS#12 file or base64 text.' },
  { name: 'OAuthJWTCertPassword', type: 'string', default: undefined, category: 'OAuth', ...secret,
    description: 'Password of the OAuthJWTCert certificate or key, when it has one.' },
  { name: 'OAuthJWTCertSubject', type: 'string', default: '*', category: 'OAuth', ...off,
    description: 'Subject of the certificate to use from OAuthJWTCert; * takes the first one.' },
  { name: 'OAuthAccessToken', type: 'string', default: undefined, category: 'OAuth', secret: true, required: 'with AzureADOpenID when InitiateOAuth is OFF',
    description: 'Azure AD access token sent as the bearer token.' },
  { name: 'OAuthRefreshToken', type: 'string', default: undefined, category: 'OAuth', ...secret,
    description: 'Refresh token used to obtain a new access token when the current one expires.' },
  { name: 'OAuthExpiresIn', type: 'int', default: undefined, min: 0, category: 'OAuth', ...off,
    description: 'Lifetime of OAuthAccessToken in seconds.' },
  { name: 'OAuthTokenTimestamp', type: 'int', default: undefined, min: 0, category: 'OAuth', ...off,
    description: 'When OAuthAccessToken was issued, in milliseconds since the Unix epoch.' },
  { name: 'OAuthSettingsLocation', type: 'path', default: undefined, category: 'OAuth', ...off,
    description: 'File where tokens persist, encrypted; memory://name keeps them in the process. Defaults to $XDG_CONFIG_HOME (or ~/.config)/epicor-kinetic-sql/OAuthSettings.txt. An existing file that is not a settings file of this package (or a symbolic link) is EPROPERTY and left untouched.' },
  { name: 'OAuthSettingsKey', type: 'string', default: undefined, category: 'OAuth', ...secret,
    description: 'Passphrase that encrypts the OAuthSettingsLocation file (AES-256-GCM, key derived with scrypt). When unset, a random key is kept in a key file next to it ({file}.key, mode 0600). Copy the key file, or set the same passphrase, to use the settings on another machine.' },
  { name: 'OAuthVerifier', type: 'string', default: undefined, category: 'OAuth', ...secret,
    description: 'Authorization code from the callback URL, exchanged for tokens in the headless flow.' },
  // SSL
  { name: 'SSLServerCert', type: 'string', default: undefined, category: 'SSL', ...off,
    description: 'Server certificate to accept (a PEM file path or PEM text) instead of the system trust store.' },
  { name: 'SSLRejectUnauthorized', type: 'bool', default: 'true', category: 'SSL', ...off,
    description: 'Check the server\'s TLS certificate. Only an explicit false turns the checks off; never do so in production.' },
  // Proxy
  { name: 'ProxyServer', type: 'string', default: undefined, category: 'Proxy', ...off,
    description: 'Host name or IP address (optionally http://host) of an HTTP proxy; requests are tunnelled through it with CONNECT.' },
  { name: 'ProxyPort', type: 'int', default: undefined, min: 1, max: 65535, category: 'Proxy', ...off,
    description: 'TCP port of ProxyServer.' },
  { name: 'ProxyUser', type: 'string', default: undefined, category: 'Proxy', ...off,
    description: 'User name for the proxy.' },
  { name: 'ProxyPassword', type: 'string', default: undefined, category: 'Proxy', ...secret,
    description: 'Password of ProxyUser.' },
  { name: 'ProxyAuthScheme', type: 'enum', default: 'BASIC', values: ['BASIC', 'NONE'], category: 'Proxy', ...off,
    description: 'How to authenticate to the proxy: BASIC sends ProxyUser and ProxyPassword, NONE sends nothing.' },
  { name: 'ProxyExceptions', type: 'string', default: undefined, category: 'Proxy', ...off,
    description: 'Hosts reached directly, not through the proxy, separated by semicolons or commas; *.example.com matches subdomains.' },
  // Logging
  { name: 'Logfile', type: 'path', default: undefined, category: 'Logging', ...off,
    description: 'File to write the log to; no log is written when unset.' },
  { name: 'Verbosity', type: 'int', default: '1', min: 1, max: 5, category: 'Logging', ...off,
    description: 'How much to log: 1 statements and metadata cache events, 2 also each HTTP request (URL without credentials, rows, time); 3 to 5 currently log the same as 2. Secrets are never logged.' },
  { name: 'MaxLogFileSize', type: 'int', default: '100MB', min: 1, byteSize: true, category: 'Logging', ...off,
    description: 'Size in bytes at which the log file rolls over; a KB, MB or GB suffix is accepted.' },
  { name: 'MaxLogFileCount', type: 'int', default: '-1', category: 'Logging', ...off,
    description: 'How many rolled-over log files to keep; -1 keeps them all.' },
  // Schema
  { name: 'Tables', type: 'string', default: undefined, category: 'Schema', ...off,
    description: 'Comma-separated list of the tables to expose; all tables when unset.' },
  { name: 'Views', type: 'string', default: undefined, category: 'Schema', ...off,
    description: 'Comma-separated list of the views (BAQs) to expose; all views when unset.' },
  { name: 'UserDefinedViews', type: 'path', default: undefined, category: 'Schema', ...off,
    description: 'Not supported yet (setting it is an error). JSON file of views defined as SQL SELECT statements.' },
  // Caching
  { name: 'CacheMetadata', type: 'bool', default: 'true', category: 'Caching', ...off,
    description: 'Keep service metadata in a SQLite file so that later connections skip $metadata requests.' },
  { name: 'CacheLocation', type: 'path', default: undefined, category: 'Caching', ...off,
    description: 'Metadata cache file. Defaults to $XDG_CACHE_HOME (or ~/.cache)/epicor-kinetic-sql/metadata.sqlite. An existing file that is not a cache of this package (a symbolic link, a device, another file) is left untouched and the connection runs without the cache.' },
  { name: 'MetadataTTL', type: 'int', default: '86400', min: 0, category: 'Caching', ...off,
    description: 'Seconds a cached catalog stays fresh before it is fetched again.' },
  // Miscellaneous
  { name: 'Timeout', type: 'int', default: '60', min: 0, max: 2_147_483, category: 'Miscellaneous', ...off,
    description: 'Seconds an HTTP call may take before it fails; 0 waits forever. Also bounds the total wait between retries of one request. At most 2147483 (what a timer holds).' },
  { name: 'MaxRows', type: 'int', default: '-1', category: 'Miscellaneous', ...off,
    description: 'Most rows any query returns; -1 (or 0) means no cap.' },
  { name: 'Pagesize', type: 'int', default: '1000', min: 1, max: 1_000_000, category: 'Miscellaneous', ...off,
    description: 'Rows requested per page ($top) while reading a table.' },
  { name: 'MaxLocalRows', type: 'int', default: '1000000', min: 1, category: 'Miscellaneous', ...off,
    description: 'Most rows one query may load from Epicor for work done in the client (joins, grouping, functions OData lacks); beyond it the query fails with ELIMIT instead of exhausting memory.' },
  { name: 'MaxUrlLength', type: 'int', default: '2048', min: 256, max: 65_536, category: 'Miscellaneous', ...off,
    description: "Longest query string of a request (IIS's default maxQueryString is 2048, and Epicor runs on IIS): longer filters are split into several requests (IN lists, join keys) or applied in the client." },
  { name: 'PrefetchPages', type: 'int', default: '2', min: 0, category: 'Miscellaneous', ...off,
    description: 'Pages fetched ahead in parallel while streaming; 0 fetches one page at a time.' },
  { name: 'PagingMode', type: 'enum', default: 'skip', values: ['skip', 'key', 'auto'], category: 'Miscellaneous', ...off,
    description: 'How a scan pages: skip asks $top/$skip windows, PrefetchPages ahead; key filters each page on the last key read (exact while rows are inserted or deleted, no prefetch), for queries ordered by the key or not ordered, and refuses other orders; auto pages on the key where the order allows it and by $skip elsewhere. See docs/paging.md.' },
  { name: 'MaxRetries', type: 'int', default: '4', min: 0, category: 'Miscellaneous', ...off,
    description: 'Retries of a read, PATCH or DELETE (never a POST) after 429, 502, 503, 504, licence exhaustion or a dropped connection, honouring Retry-After; the waits of one request add up to at most Timeout.' },
  { name: 'Readonly', type: 'bool', default: 'false', category: 'Miscellaneous', ...off,
    description: 'Allow SELECT only: INSERT, UPDATE, DELETE and procedures that change data fail.' },
  { name: 'DecimalsAsStrings', type: 'bool', default: 'false', category: 'Miscellaneous', ...off,
    description: 'Return Edm.Decimal values as exact strings instead of JavaScript numbers.' },
  { name: 'EfxStaging', type: 'bool', default: 'false', category: 'Miscellaneous', ...off,
    description: 'Call Epicor Functions (EXEC efx.[Library].[Function]) through their staging URL (/api/v2/efx/staging/...), for libraries not yet published.' },
  { name: 'Other', type: 'string', default: undefined, category: 'Miscellaneous', ...off,
    description: 'Not supported yet (setting it is an error). Hidden options for special cases, as Name=Value pairs; quote the whole value in a connection string.' },
];

const byLowerName = new Map(PROPERTIES.map((p) => [p.name.toLowerCase(), p]));

/**
 * The definition of a property, found case-insensitively.
 *
 * @example
 * ```ts
 * findProperty('apikey')?.secret; // true
 * ```
 */
export function findProperty(name: string): PropertyDefinition | undefined {
  return byLowerName.get(name.trim().toLowerCase());
}

/**
 * A copy of `properties` with every set secret replaced by `********`; names are matched
 * case-insensitively and unknown names pass through unchanged.
 *
 * @example
 * ```ts
 * maskSecrets({ User: 'manager', Password: 'pw' }); // { User: 'manager', Password: '********' }
 * ```
 */
export function maskSecrets(
  properties: Readonly<Record<string, string | undefined>>,
): Record<string, string | undefined> {
  const out: Record<string, string | undefined> = {};
  for (const [name, value] of Object.entries(properties)) {
    const isSet = value !== undefined && value !== '';
    out[name] = isSet && findProperty(name)?.secret ? SECRET_MASK : value;
  }
  return out;
}
