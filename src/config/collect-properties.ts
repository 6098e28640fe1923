import { distance } from 'fastest-levenshtein';
import { KineticPropertyError } from '../errors.ts';
import { PROPERTIES, findProperty } from './catalog.ts';
import { parseConnectionEntries } from './parse.ts';
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
  /**
   * Properties whose value came from a connection string after a secret property (by canonical name, with
   * that secret's name): when the secret held an unquoted `;`, the value may be a piece of it, so it is
   * never repeated in a message.
   */
  readonly afterSecret: Map<string, string>;
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
  const afterSecret = new Map<string, string>();
  const problems: string[] = [];
  let syntaxError = false;
  const layer = (entries: Iterable<Entry> | undefined, source: PropertySource): void => {
    if (!entries) syntaxError = true;
    for (const { name, value, afterSecret: secret } of entries ?? []) {
      const def = findProperty(name);
      // `Password=ab;cd=ef` splits a secret at its `;`: a name after a secret may be a piece of it, so an
      // unknown one is neither repeated nor matched against property names ("did you mean" would hint at it).
      if (!def && secret !== undefined) problems.push(splitSecret(findProperty(secret)?.name ?? secret, source));
      else if (!def) problems.push(unknownProperty(name, source));
      else if (value !== '') {
        values.set(def.name, value);
        if (secret === undefined) afterSecret.delete(def.name);
        else afterSecret.set(def.name, findProperty(secret)?.name ?? secret);
      }
    }
  };
  const envText = env[ENV_VARIABLE];
  const text = typeof input === 'string' ? input : connectionStringOption(input, problems);
  if (envText !== undefined) layer(parseLayer(envText, 'KINETIC_SQL_CONNECTION', problems), 'KINETIC_SQL_CONNECTION');
  if (text !== undefined) layer(parseLayer(text, 'connection string', problems), 'connection string');
  if (typeof input === 'object' && input !== null) layer(optionEntries(input, problems), 'options');
  const empty = values.size === 0 && problems.length === 0 && !envText?.trim() && !text?.trim();
  return { values, afterSecret, problems, syntaxError, empty };
}

interface Entry {
  readonly name: string;
  readonly value: string;
  readonly afterSecret?: string;
}

function splitSecret(secret: string, source: PropertySource): string {
  const where = source === 'KINETIC_SQL_CONNECTION' ? `${ENV_VARIABLE} (environment variable)` : 'The connection string';
  return (
    `${where} has an unknown property after ${secret} (its name is not shown: it may be part of the ${secret} value). ` +
    `If the ${secret} value contains ";", quote it, e.g. ${secret}="a;b=c"; otherwise check the names after ${secret} against docs/properties.md.`
  );
}

const isSecretName = (name: string): boolean => findProperty(name)?.secret === true;

function parseLayer(text: string, source: PropertySource, problems: string[]): Entry[] | undefined {
  try {
    return parseConnectionEntries(text, isSecretName);
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

function optionEntries(options: ConnectionOptions, problems: string[]): Entry[] {
  const out: Entry[] = [];
  for (const [key, value] of Object.entries(options)) {
    if (key.toLowerCase() === 'connectionstring' || value === undefined) continue;
    if (typeof value === 'string') out.push({ name: key, value });
    else if (typeof value === 'number' || typeof value === 'boolean') out.push({ name: key, value: String(value) });
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
