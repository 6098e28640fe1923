import { KineticSqlError } from '../errors.ts';
import type { ParamRef } from '../sql/ir/expr.ts';
import type { RowCount } from '../sql/ir/select.ts';
import type { ParamStyle } from '../sql/ir/statement.ts';
import type { Params } from './types.ts';

/** Parameter values checked against the statement's markers, read by reference. */
export interface BoundParams {
  value(ref: ParamRef): unknown;
  /** `parameter 2` or `parameter @zipCode`, for messages. */
  label(ref: ParamRef): string;
}

/**
 * Checks the values against the markers (`?` wants an array of exactly that many values, `@name` wants
 * an object with every name; keys are case-insensitive and may start with `@`) and binds them.
 *
 * @example
 * ```ts
 * bindParams({ kind: 'named', names: ['zip'] }, { '@Zip': '90210' }).value({ kind: 'param', by: 'name', name: 'zip' }); // '90210'
 * ```
 */
export function bindParams(style: ParamStyle, params: Params | undefined): BoundParams {
  switch (style.kind) {
    case 'none':
      if (Array.isArray(params) && params.length > 0) {
        throw new KineticSqlError('EPARAM', `The statement has no ? markers, but ${params.length} parameter value(s) were given.`);
      }
      return { value: (ref) => missing(label(ref)), label };
    case 'positional': return positional(style.count, params);
    case 'named': return named(style.names, params);
  }
}

function positional(count: number, params: Params | undefined): BoundParams {
  if (!Array.isArray(params)) {
    throw new KineticSqlError('EPARAM', `The statement has ${count} ? marker(s): pass the values as an array${params ? ', not an object' : ''}.`);
  }
  const list: readonly unknown[] = params;
  if (list.length !== count) throw new KineticSqlError('EPARAM', `The statement has ${count} ? marker(s), but ${list.length} value(s) were given.`);
  list.forEach((v, i) => {
    if (v === undefined) missing(`parameter ${i + 1}`);
    wellFormed(v, `parameter ${i + 1}`);
  });
  return { value: (ref) => (ref.by === 'position' ? list[ref.index] : missing(label(ref))), label };
}

function named(names: readonly string[], params: Params | undefined): BoundParams {
  if (!params || Array.isArray(params)) {
    throw new KineticSqlError('EPARAM', `The statement uses @name parameters (${names.map((n) => `@${n}`).join(', ')}): pass the values as an object keyed by name.`);
  }
  const values = new Map<string, unknown>();
  for (const [key, v] of Object.entries(params)) values.set(key.replace(/^@/, '').toLowerCase(), v);
  for (const n of names) {
    const v = values.get(n.toLowerCase());
    if (v === undefined) missing(`parameter @${n}`);
    wellFormed(v, `parameter @${n}`);
  }
  return { value: (ref) => (ref.by === 'name' ? values.get(ref.name.toLowerCase()) : missing(label(ref))), label };
}

// Half of a surrogate pair without the other half: not a character, and not encodable as UTF-8.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * A string with a lone UTF-16 surrogate cannot travel: not to Epicor (UTF-8 in the URL), not to SQLite
 * (which would store U+FFFD and compare wrongly). Refused at binding, wherever the parameter is used.
 */
function wellFormed(value: unknown, what: string): void {
  const lone = typeof value === 'string' ? LONE_SURROGATE.exec(value) : null;
  if (!lone) return;
  const code = lone[0].charCodeAt(0).toString(16).toUpperCase();
  throw new KineticSqlError('EPARAM', `${what} has a lone UTF-16 surrogate (U+${code}, half of a character) at character ${lone.index + 1} of ${(value as string).length}: it cannot be sent as UTF-8; fix the string's encoding or remove it.`, { name: what.replace(/^parameter @?/, '') });
}

function label(ref: ParamRef): string {
  return ref.by === 'position' ? `parameter ${ref.index + 1}` : `parameter @${ref.name}`;
}

function missing(what: string): never {
  throw new KineticSqlError('EPARAM', `No value was given for ${what}.`, { name: what.replace(/^parameter @?/, '') });
}

/**
 * A row count (TOP, LIMIT, OFFSET, FETCH) as a number: written in the text, or a bound parameter that
 * must be a whole number of 0 or more (EPARAM otherwise).
 *
 * @example
 * ```ts
 * rowCountOf({ kind: 'param', by: 'position', index: 0 }, bindParams({ kind: 'positional', count: 1 }, [5])); // 5
 * ```
 */
export function rowCountOf(value: RowCount | undefined, params: BoundParams): number | undefined {
  if (value === undefined || typeof value === 'number') return value;
  const bound = params.value(value);
  const n = typeof bound === 'string' && /^\d+$/.test(bound) ? Number(bound) : bound;
  if (typeof n !== 'number' || !Number.isSafeInteger(n) || n < 0) {
    throw new KineticSqlError('EPARAM', `${params.label(value)} is a row count: it must be a whole number of 0 or more.`);
  }
  return n;
}
