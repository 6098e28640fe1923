import { KineticPropertyError } from '../errors.ts';
import { buildConfig } from './build-config.ts';
import { PROPERTIES } from './catalog.ts';
import { checkRules } from './check-rules.ts';
import { ENV_VARIABLE, collectProperties } from './collect-properties.ts';
import type { ConnectionOptions } from './collect-properties.ts';
import { defaultCacheLocation, defaultOAuthSettingsLocation, expandPath } from './default-paths.ts';
import type { Env } from './default-paths.ts';
import { readValue } from './read-value.ts';
import type { Config } from './types.ts';

export type { ConnectionOptions };

type Values = Map<string, string | number | boolean>;

/**
 * Resolves connection properties into a frozen, validated {@link Config}. This is the only place that
 * reads the environment. Each property takes the first value found in: the options object, the
 * connection string (a string `input`, or `connectionString` in the options), the
 * `KINETIC_SQL_CONNECTION` environment variable, the catalog default. Empty values count as unset.
 * Every problem is collected and reported in one `KineticPropertyError` (code `EPROPERTY`) that says
 * what to set; secret values never appear in it.
 *
 * @example
 * ```ts
 * const config = resolveConfig('URL=https://host/KineticLive;ERPInstance=KineticLive;Service=Erp.BO.CustomerSvc;User=u;Password=p');
 * config.url;      // 'https://host'
 * config.pagesize; // 1000
 * const v2 = resolveConfig({ connectionString: process.env.MY_CONN, ApiVersion: 'v2', Company: 'EPIC06' });
 * ```
 */
export function resolveConfig(input: string | ConnectionOptions | undefined, env: Env = process.env): Config {
  const collected = collectProperties(input, env);
  // Values after a syntax error are unreliable: report it alone rather than the properties it hid.
  if (collected.syntaxError) throw propertyError(collected.problems, false);
  const problems = [...collected.problems];
  const values: Values = new Map();
  const invalid = new Set<string>();
  for (const def of PROPERTIES) {
    const raw = collected.values.get(def.name) ?? computedDefault(def.name, env) ?? def.default;
    if (raw === undefined) continue;
    const read = readValue(def, raw, { afterSecret: collected.afterSecret.get(def.name) });
    if ('problem' in read) {
      problems.push(read.problem);
      invalid.add(def.name);
    } else values.set(def.name, read.value);
  }
  const services = normalise(values, env);
  problems.push(...checkRules(values, invalid));
  if (problems.length > 0) throw propertyError(problems, collected.empty);
  return buildConfig(values, services, effectiveStrings(values));
}

function computedDefault(name: string, env: Env): string | undefined {
  if (name === 'CacheLocation') return defaultCacheLocation(env);
  if (name === 'OAuthSettingsLocation') return defaultOAuthSettingsLocation(env);
  return undefined;
}

/** Cleans values users commonly write loosely; returns the service list. */
function normalise(values: Values, env: Env): string[] {
  const instance = String(values.get('ERPInstance') ?? '').trim().replace(/^\/+|\/+$/g, '');
  setOrDelete(values, 'ERPInstance', instance);
  const url = values.get('URL');
  if (typeof url === 'string' && instance !== '' && url.toLowerCase().endsWith(`/${instance.toLowerCase()}`)) {
    // Users paste the full instance URL (https://host/KineticLive); the instance is added back per request.
    values.set('URL', url.slice(0, -instance.length - 1).replace(/\/+$/, ''));
  }
  const services = splitServices(String(values.get('Service') ?? ''));
  setOrDelete(values, 'Service', services.join(','));
  for (const def of PROPERTIES) {
    const v = values.get(def.name);
    if (def.type === 'path' && typeof v === 'string') values.set(def.name, expandPath(v, env));
  }
  const clientId = values.get('OAuthClientId');
  if (!values.has('Scope') && typeof clientId === 'string') values.set('Scope', `${clientId}/.default`);
  return services;
}

function splitServices(text: string): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const part of text.split(',')) {
    const name = part.trim();
    if (name === '' || seen.has(name.toLowerCase())) continue;
    seen.add(name.toLowerCase());
    out.push(name);
  }
  return out;
}

function setOrDelete(values: Values, name: string, value: string): void {
  if (value === '') values.delete(name);
  else values.set(name, value);
}

function effectiveStrings(values: Values): Record<string, string | undefined> {
  const out: Record<string, string | undefined> = {};
  for (const def of PROPERTIES) {
    const v = values.get(def.name);
    out[def.name] = v === undefined ? undefined : String(v);
  }
  return out;
}

function propertyError(problems: readonly string[], nothingGiven: boolean): KineticPropertyError {
  let message =
    problems.length === 1
      ? problems[0]!
      : `${problems.length} problems with the connection properties:\n${problems.map((p) => `- ${p}`).join('\n')}`;
  if (nothingGiven) {
    message += `\nNo connection properties were given: pass a connection string or set the ${ENV_VARIABLE} environment variable.`;
  }
  return new KineticPropertyError('EPROPERTY', message);
}
