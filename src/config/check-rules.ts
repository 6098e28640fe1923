/** Typed property values by canonical name (unset properties are absent). */
export type PropertyValues = ReadonlyMap<string, string | number | boolean>;

const MISSING: Readonly<Record<string, string>> = {
  URL: 'set URL to the address of the Epicor server, e.g. URL=https://myaccount.epicorsaas.com',
  ERPInstance: 'set ERPInstance to the instance name, the first path segment after the host, e.g. ERPInstance=KineticLive',
  Service: 'set Service to the service to query, e.g. Service=Erp.BO.CustomerSvc (several may be listed, comma separated)',
};

/**
 * The rules between properties: what is always required, what v2 needs, what each AuthScheme needs.
 * Returns every problem found, each naming the property and saying what to set. `invalid` names the
 * properties that were given with a value that could not be read.
 *
 * @example
 * ```ts
 * checkRules(new Map([['ApiVersion', 'v2']])); // ['Missing connection property URL: set URL ...', ...]
 * ```
 */
export function checkRules(values: PropertyValues, invalid: ReadonlySet<string> = new Set()): string[] {
  const problems: string[] = [];
  // A property given with a bad value has its own problem already: do not call it missing too.
  const has = (name: string): boolean => values.has(name) || invalid.has(name);
  for (const [name, what] of Object.entries(MISSING)) {
    if (!has(name)) problems.push(`Missing connection property ${name}: ${what}.`);
  }
  if (values.get('ApiVersion') === 'v2') {
    if (!has('Company')) problems.push('ApiVersion v2 needs Company: set Company to your Epicor company id, e.g. Company=EPIC06.');
    if (!has('ApiKey')) problems.push('ApiVersion v2 needs ApiKey: set ApiKey to an Epicor API key (Epicor\'s API Key Maintenance creates one).');
  }
  problems.push(...authProblems(values));
  const proxy = values.get('ProxyServer');
  const proxyProblem = typeof proxy === 'string' ? proxyServerProblem(proxy) : undefined;
  if (proxyProblem) problems.push(proxyProblem);
  for (const name of NOT_SUPPORTED_YET) {
    if (has(name)) problems.push(`${name} is not supported yet by epicor-kinetic-sql: remove it from the connection properties.`);
  }
  return problems;
}

// Accepted by the commercial connector but not implemented here yet: refused rather than silently ignored,
// so that nobody believes they took effect.
const NOT_SUPPORTED_YET = ['UserDefinedViews', 'Other'];

function authProblems(values: PropertyValues): string[] {
  const scheme = values.get('AuthScheme');
  const initiate = values.get('InitiateOAuth');
  const out: string[] = [];
  if (scheme === 'Basic' || scheme === 'Token') {
    const missing = ['User', 'Password'].filter((name) => !values.has(name));
    if (missing.length > 0) {
      out.push(`AuthScheme ${scheme} needs ${missing.join(' and ')}: set User and Password to an Epicor user's credentials.`);
    }
  } else if (scheme === 'AzureADOpenID') {
    out.push(...azureAdProblems(values, initiate));
  }
  return out;
}

// OFF without a token is allowed when a client id is set: the web flow's procedures then obtain one.
function azureAdProblems(values: PropertyValues, initiate: unknown): string[] {
  const out: string[] = [];
  if (initiate === 'OFF' && !values.has('OAuthAccessToken') && !values.has('OAuthClientId')) {
    out.push(
      'AuthScheme AzureADOpenID with InitiateOAuth OFF needs OAuthAccessToken: set OAuthAccessToken, ' +
        'or set OAuthClientId (and OAuthClientSecret) to obtain one with the OAuth procedures, or InitiateOAuth=GETANDREFRESH.',
    );
  } else if (initiate !== 'OFF' && !values.has('OAuthClientId')) {
    out.push(
      `AuthScheme AzureADOpenID with InitiateOAuth ${String(initiate)} needs OAuthClientId: ` +
        'set OAuthClientId to the application (client) id of your Azure AD app registration.',
    );
  }
  if (values.has('OAuthJWTCertType') && !values.has('OAuthJWTCert')) {
    out.push('OAuthJWTCertType is set but OAuthJWTCert is not: set OAuthJWTCert to the certificate file or text, or remove OAuthJWTCertType.');
  }
  if (values.has('OAuthJWTCert') && !values.has('OAuthJWTCertType')) {
    out.push('OAuthJWTCert needs OAuthJWTCertType: set it to PEMKEY_FILE, PEMKEY_BLOB, PFXFILE or PFXBLOB.');
  }
  if (values.has('OAuthJWTCert') && values.has('OAuthClientSecret')) {
    out.push('OAuthClientSecret and OAuthJWTCert are both set: the app authenticates with one credential, remove one of them.');
  }
  return out;
}

/**
 * What is wrong with a `ProxyServer` value, or undefined when it is usable: a host name or IP address,
 * optionally with `http://` or `https://` and a port. The value is not repeated (it may follow a secret).
 *
 * @example
 * ```ts
 * proxyServerProblem('proxy corp'); // 'ProxyServer must be a host name ...'
 * proxyServerProblem('http://proxy.corp:8080'); // undefined
 * ```
 */
export function proxyServerProblem(server: string): string | undefined {
  const text = server.trim();
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(text) ? text : `http://${text}`;
  let url: URL | undefined;
  try {
    url = /\s/.test(text) ? undefined : new URL(withScheme);
  } catch {
    url = undefined;
  }
  const fix = 'e.g. ProxyServer=proxy.corp.example or ProxyServer=http://10.0.0.5:8080 (the port may also go in ProxyPort)';
  if (!url || url.hostname === '') return `ProxyServer must be a host name or IP address without spaces, optionally with http:// and a port: ${fix}.`;
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return `ProxyServer must use http:// or https:// (or no scheme): ${fix}.`;
  if (url.username !== '' || url.password !== '') return 'ProxyServer must not contain a user name or password: remove them and set ProxyUser and ProxyPassword.';
  if ((url.pathname !== '/' && url.pathname !== '') || url.search !== '' || url.hash !== '') return `ProxyServer must be only a host (and port), without a path or query: ${fix}.`;
  return undefined;
}
