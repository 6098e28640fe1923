import { distance } from 'fastest-levenshtein';
import { KineticPropertyError } from '../errors.ts';
import { PROPERTIES, findProperty } from './catalog.ts';
import { parseConnectionString } from './parse.ts';
import type { Env } from './default-paths.ts';

/** Connection properties as an object: keys are property names (any case), plus `connectionString`. */
export interface ConnectionOptions {
  /** A connection string whose properties the other keys of this object override. */
  readonly connectionString?: string;
  readonly [name: string]: string | number | boolean | undefined;
}

/** Where a value came from, highest precedence first. */
export type PropertySource = 'options' | 'connection string' | 'KINETIC_SQL_CONNECTION';

/** The values the user set (empty values count as unset), by canonical name, and what went wrong. */
export interface CollectedProperties {
  readonly values: Map<string, string>;
  readonly problems: string[];
  /** A connection string could not be parsed: the values are incomplete, so rules are not checked. */
  readonly syntaxError: boolean;
  /** Nothing at all was given: no options, no connection string, no environment variable. */
  readonly empty: boolean;
}

export const ENV_VARIABLE = 'KINETIC_SQL_CONNECTION';

/**
 * Layers the sources with one precedence (options > connection string > KINETIC_SQL_CONNECTION),
 * property by property, and reports unknown names with a suggestion.
 *
 * @example
 * ```ts
 * collectProperties({ connectionString: 'URL=https://a', url: 'https://b' }, {}).values.get('URL'); // 'https://b'
 * ```
 */
export function collectProperties(input: string | ConnectionOptions | undefined, env: Env): CollectedProperties {
  const values = new Map<string, string>();
  const problems: string[] = [];
  let syntaxError = false;
  const layer = (entries: Iterable<readonly [string, string]> | undefined, source: PropertySource): void => {
    if (!entries) syntaxError = true;
    let previous: ReturnType<typeof findProperty>;
    for (const [name, value] of entries ?? []) {
      const def = findProperty(name);
      // `Password=ab;cd=ef` splits a secret at its `;`: an unknown name right after a secret that is not a
      // near-miss of a property name is probably part of the secret, so it must not be echoed.
      if (!def && previous?.secret && source !== 'options' && !suggest(name)) problems.push(splitSecret(previous.name, source));
      else if (!def) problems.push(unknownProperty(name, source));
      else if (value !== '') values.set(def.name, value);
      previous = def;
    }
  };
  const envText = env[ENV_VARIABLE];
  const text = typeof input === 'string' ? input : connectionStringOption(input, problems);
  if (envText !== undefined) layer(parseLayer(envText, 'KINETIC_SQL_CONNECTION', problems), 'KINETIC_SQL_CONNECTION');
  if (text !== undefined) layer(parseLayer(text, 'connection string', problems), 'connection string');
  if (typeof input === 'object' && input !== null) layer(optionEntries(input, problems), 'options');
  const empty = values.size === 0 && problems.length === 0 && !envText?.trim() && !text?.trim();
  return { values, problems, syntaxError, empty };
}

function splitSecret(secret: string, source: PropertySource): string {
  const where = source === 'KINETIC_SQL_CONNECTION' ? `${ENV_VARIABLE} (environment variable)` : 'The connection string';
  return `${where} has an unknown property right after ${secret}: if the ${secret} value contains ";", quote it, e.g. ${secret}="a;b=c".`;
}

function parseLayer(text: string, source: PropertySource, problems: string[]): Array<[string, string]> | undefined {
  try {
    return [...parseConnectionString(text).values()].map((e) => [e.name, e.value]);
  } catch (err) {
    if (!(err instanceof KineticPropertyError)) throw err;
    const where = source === 'KINETIC_SQL_CONNECTION' ? `${ENV_VARIABLE} (environment variable)` : 'Connection string';
    problems.push(err.message.replace(/^Connection string/, where));
    return undefined;
  }
}

function connectionStringOption(options: ConnectionOptions | undefined, problems: string[]): string | undefined {
  const value: unknown = options?.connectionString;
  if (value === undefined || typeof value === 'string') return value;
  problems.push('Connection option "connectionString" must be a string of Name=Value; pairs.');
  return undefined;
}

function optionEntries(options: ConnectionOptions, problems: string[]): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  for (const [key, value] of Object.entries(options)) {
    if (key.toLowerCase() === 'connectionstring' || value === undefined) continue;
    if (typeof value === 'string') out.push([key, value]);
    else if (typeof value === 'number' || typeof value === 'boolean') out.push([key, String(value)]);
    else problems.push(`Connection option "${key}" must be a string, number or boolean.`);
  }
  return out;
}

function unknownProperty(name: string, source: PropertySource): string {
  const where = source === 'KINETIC_SQL_CONNECTION' ? ` in ${ENV_VARIABLE}` : '';
  const best = suggest(name);
  const hint = best ? `Did you mean "${best}"?` : 'See docs/properties.md for the list of properties.';
  return `Unknown connection property "${name.trim()}"${where}. ${hint}`;
}

function suggest(name: string): string | undefined {
  const lower = name.trim().toLowerCase();
  let best: { name: string; d: number } | undefined;
  for (const p of PROPERTIES) {
    const d = distance(lower, p.name.toLowerCase());
    if (!best || d < best.d) best = { name: p.name, d };
  }
  return best && best.d <= Math.max(2, Math.floor(lower.length / 3)) ? best.name : undefined;
}
