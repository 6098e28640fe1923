import type { Config } from '../config/types.ts';

/**
 * HTTP header values must be Latin-1; JSON may carry any character as `\uXXXX`, so non-ASCII company or
 * plant ids stay intact inside CallSettings.
 */
function asciiJson(value: unknown): string {
  return JSON.stringify(value).replace(/[\u007f-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/**
 * The headers of one request to Epicor: Accept, Authorization, `x-api-key` (ApiKey), `CallSettings`
 * (Company/Plant: on v1 it selects the company; on v2 the company is in the URL, so it is sent only when a
 * Plant is set), `License` (claimed license type) and `Content-Type` for a body.
 *
 * @example
 * ```ts
 * epicorHeaders(config, 'application/json', 'Basic …', false);
 * // { accept: 'application/json', authorization: 'Basic …', 'x-api-key': '…', callsettings: '{"Company":"EPIC06"}' }
 * ```
 */
export function epicorHeaders(
  config: Config,
  accept: string,
  authorization: string | undefined,
  hasBody: boolean,
  extra: Readonly<Record<string, string>> = {},
): Record<string, string> {
  const h: Record<string, string> = { accept };
  if (authorization !== undefined) h['authorization'] = authorization;
  if (config.apiKey) h['x-api-key'] = config.apiKey;
  const sendCallSettings = config.apiVersion === 'v1' ? Boolean(config.company || config.plant) : Boolean(config.plant);
  if (sendCallSettings) {
    const settings: Record<string, string> = {};
    if (config.company) settings['Company'] = config.company;
    if (config.plant) settings['Plant'] = config.plant;
    h['callsettings'] = asciiJson(settings);
  }
  if (config.license) h['license'] = asciiJson({ ClaimedLicense: config.license });
  if (hasBody) h['content-type'] = 'application/json; charset=utf-8';
  return { ...h, ...extra };
}
