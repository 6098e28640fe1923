import type { PropertyDefinition } from './property-definition.ts';
import { assertNever } from '../errors.ts';

/** A property value read by its catalog type, or what is wrong with it (a message naming the property). */
export type ReadResult = { readonly value: string | number | boolean } | { readonly problem: string };

const TRUE = new Set(['true', 'yes', '1']);
const FALSE = new Set(['false', 'no', '0']);
const BYTE_UNITS: Readonly<Record<string, number>> = { '': 1, B: 1, KB: 1024, MB: 1024 ** 2, GB: 1024 ** 3 };

/**
 * Reads a raw string by the property's type: ints (with bounds) become numbers, bools (true/false,
 * yes/no, 1/0, any case) booleans, enums their canonical spelling, URLs are checked and lose trailing
 * slashes; strings and paths pass through. Problems never quote a secret's value, nor a URL (it may
 * carry credentials).
 *
 * @example
 * ```ts
 * readValue(findProperty('Readonly')!, 'YES'); // { value: true }
 * ```
 */
export function readValue(def: PropertyDefinition, raw: string, options: ReadOptions = {}): ReadResult {
  const result = readTyped(def, raw, options.afterSecret === undefined ? got : () => '');
  if (!('problem' in result) || options.afterSecret === undefined) return result;
  const secret = options.afterSecret;
  return {
    problem:
      `${result.problem} Its value is not shown: it comes after ${secret} in the connection string and may be part of the ${secret} value. ` +
      `If the ${secret} value contains ";", quote it, e.g. ${secret}="a;b=c".`,
  };
}

export interface ReadOptions {
  /**
   * The secret property written before this value in the same connection string: the value may be a piece
   * of that secret (an unquoted `;`), so problems never repeat it.
   */
  readonly afterSecret?: string | undefined;
}

type Got = (def: PropertyDefinition, raw: string) => string;

function readTyped(def: PropertyDefinition, raw: string, got: Got): ReadResult {
  switch (def.type) {
    case 'string':
    case 'path':
      return { value: raw };
    case 'int':
      return readInt(def, raw, got);
    case 'bool':
      return readBool(def, raw, got);
    case 'enum':
      return readEnum(def, raw, got);
    case 'url':
      return readUrl(def, raw);
    default:
      return assertNever(def.type, 'property type');
  }
}

function readInt(def: PropertyDefinition, raw: string, got: Got): ReadResult {
  const m = /^([+-]?\d+)\s*([a-z]*)$/i.exec(raw.trim());
  const unit = (m?.[2] ?? '').toUpperCase();
  const factor = def.byteSize ? BYTE_UNITS[unit] : unit === '' ? 1 : undefined;
  const n = m && factor !== undefined ? Number(m[1]) * factor : NaN;
  if (!Number.isSafeInteger(n)) {
    const what = def.byteSize ? 'a whole number of bytes (a KB, MB or GB suffix is allowed)' : 'a whole number';
    return { problem: `${def.name} must be ${what}${got(def, raw)}. Set ${def.name}=${example(def)}.` };
  }
  if ((def.min !== undefined && n < def.min) || (def.max !== undefined && n > def.max)) {
    return { problem: `${def.name} must be ${range(def)}${got(def, raw)}. Set ${def.name}=${example(def)}.` };
  }
  return { value: n };
}

function readBool(def: PropertyDefinition, raw: string, got: Got): ReadResult {
  const v = raw.trim().toLowerCase();
  if (TRUE.has(v)) return { value: true };
  if (FALSE.has(v)) return { value: false };
  return { problem: `${def.name} must be true or false${got(def, raw)}; yes/no and 1/0 also work.` };
}

function readEnum(def: PropertyDefinition, raw: string, got: Got): ReadResult {
  const values = def.values ?? [];
  const match = values.find((v) => v.toLowerCase() === raw.trim().toLowerCase());
  if (match !== undefined) return { value: match };
  return { problem: `${def.name} must be one of ${values.join(', ')}${got(def, raw)}.` };
}

function readUrl(def: PropertyDefinition, raw: string): ReadResult {
  const text = raw.trim();
  let url: URL | undefined;
  try {
    url = new URL(text);
  } catch {
    url = undefined;
  }
  if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:') || url.hostname === '') {
    return { problem: `${def.name} must be an absolute http:// or https:// address, e.g. ${def.name}=${example(def)}.` };
  }
  if (url.username !== '' || url.password !== '') {
    return { problem: `${def.name} must not contain a user name or password: remove them from the address and use User and Password.` };
  }
  if (url.search !== '' || url.hash !== '') {
    return { problem: `${def.name} must not contain a query string or fragment (?... or #...): remove it.` };
  }
  return { value: text.replace(/\/+$/, '') };
}

function got(def: PropertyDefinition, raw: string): string {
  return def.secret || def.type === 'url' ? '' : ` (got "${raw}")`;
}

function range(def: PropertyDefinition): string {
  if (def.min !== undefined && def.max !== undefined) return `between ${def.min} and ${def.max}`;
  if (def.min !== undefined) return `${def.min} or more`;
  return `${def.max} or less`;
}

function example(def: PropertyDefinition): string {
  if (def.default !== undefined) return def.default;
  if (def.type === 'url') return def.name === 'URL' ? 'https://myaccount.epicorsaas.com' : 'https://example.com';
  return String(def.min ?? 0);
}
