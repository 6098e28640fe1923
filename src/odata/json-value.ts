import { KineticSqlError } from '../errors.ts';
import { edmType, type EdmType } from '../metadata/edm-types.ts';
import { plainValue } from './literals.ts';
import type { ApiVersion } from './version.ts';

/**
 * A JS value as the JSON value of a column in a write body (POST, PATCH), by the column's EDM type:
 * strings stay strings, integers and decimals become JSON numbers (checked the way filter literals are),
 * booleans `true`/`false`, dates the text Epicor's rows carry (v1 `2024-03-01T00:00:00`, v2 with `Z`),
 * GUIDs lower-case text. A value that does not fit is EPARAM naming the column.
 *
 * @example
 * ```ts
 * jsonValue('1500.50', { name: 'CreditLimit', type: 'Edm.Decimal' }, 'v2'); // 1500.5
 * jsonValue(new Date('2024-03-01T00:00:00Z'), { name: 'EstDate', type: 'Edm.DateTime' }, 'v1'); // '2024-03-01T00:00:00'
 * ```
 */
export function jsonValue(value: unknown, column: { readonly name: string; readonly type: EdmType }, version: ApiVersion): unknown {
  if (value === null || value === undefined) return null;
  const family = edmType(column.type)?.family;
  try {
    switch (family) {
      case 'string':
        if (typeof value === 'string') return value;
        if ((typeof value === 'number' && Number.isFinite(value)) || typeof value === 'bigint') return String(value);
        if (value instanceof Date && !Number.isNaN(value.getTime())) return value.toISOString();
        break;
      case 'integer': case 'decimal': case 'float': {
        const text = plainValue(typeof value === 'boolean' ? Number(value) : value, column.type, version);
        const n = Number(text);
        // An Int64 beyond 2^53, or a decimal with more digits than a double holds, travels as its digits
        // (Epicor reads a JSON string as the number): a JSON number would be rounded on the way.
        if (family === 'integer') return Number.isSafeInteger(n) ? n : text;
        if (family === 'decimal' && canonical(plainValue(n, column.type, version)) !== canonical(text)) return text;
        return n;
      }
      case 'boolean': return plainValue(value, column.type, version) === 'true';
      case 'datetime': case 'date': case 'guid': return plainValue(value, column.type, version);
      case 'time': case 'binary': if (typeof value === 'string') return value; break;
      default: break;
    }
  } catch (err) {
    if (err instanceof KineticSqlError) throw new KineticSqlError('EPARAM', `The value for ${column.name} does not fit its type: ${err.message}.`, { name: column.name, cause: err });
    throw err;
  }
  throw new KineticSqlError('EPARAM', `The value for ${column.name} (${column.type}) cannot be written: give a ${family ?? 'supported'} value.`, { name: column.name });
}

/** Digits without leading zeros, trailing fraction zeros or a negative zero: `-0100.50` -> `-100.5`. */
function canonical(text: string): string {
  const t = text.replace(/^(-?)0+(?=\d)/, '$1').replace(/(\.\d*?)0+$/, '$1').replace(/\.$/, '');
  return /^-0$/.test(t) ? '0' : t;
}
