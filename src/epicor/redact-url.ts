/**
 * Query parameter names whose values must never be shown: passwords, tokens, API keys, signatures.
 * Matched as substrings, case-insensitively (`password`, `access_token`, `api_key`, `signature`...).
 */
const SECRET_NAME = /pass|pwd|secret|token|apikey|api[-_]key|signature|credential|verifier/i;

/**
 * A URL safe to show in errors and logs: no `user:password@`, and the values of query parameters whose
 * name looks secret replaced by `***`. Anything that does not parse as a URL is returned without its
 * query string.
 *
 * @example
 * ```ts
 * redactUrl('https://u:p@host/api/v1/X/Customers?$top=1&api_key=abc');
 * // 'https://host/api/v1/X/Customers?$top=1&api_key=***'
 * ```
 */
export function redactUrl(url: string): string {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return url.replace(/\?.*$/s, '').replace(/\/\/[^/@]*@/, '//');
  }
  u.username = '';
  u.password = '';
  u.hash = '';
  // The raw query of the input: URL would percent-encode `'` and change what the user sees.
  const query = url.replace(/#.*$/s, '').split('?').slice(1).join('?');
  if (query === '') return u.toString();
  const parts = query.split('&').map((pair) => {
    const eq = pair.indexOf('=');
    const name = eq < 0 ? pair : pair.slice(0, eq);
    let decoded = name;
    try {
      decoded = decodeURIComponent(name);
    } catch {
      // keep the raw name
    }
    return SECRET_NAME.test(decoded) && eq >= 0 ? `${name}=***` : pair;
  });
  u.search = '';
  return `${u.toString()}?${parts.join('&')}`;
}
