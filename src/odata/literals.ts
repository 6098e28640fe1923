import { KineticError, KineticSqlError } from '../errors.ts';
import { edmType, type EdmType, type LiteralBody, type LiteralForm } from '../metadata/edm-types.ts';
import { describe, formatUtc, toUtcDate } from './date-value.ts';
import type { ApiVersion } from './version.ts';

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The one place a JS value becomes an OData literal for an EDM type and API version (not URL-encoded).
 * The form of each type and version is data (src/metadata/edm-types.ts). Wrong values throw EPARAM (the
 * caller adds which parameter or column it was).
 *
 * @example
 * ```ts
 * encodeLiteral("it's", 'Edm.String', 'v2');          // "'it''s'"
 * encodeLiteral(1.5, 'Edm.Decimal', 'v1');            // '1.5M'
 * encodeLiteral('2024-03-01', 'Edm.DateTime', 'v1');  // "datetime'2024-03-01T00:00:00'"
 * encodeLiteral('2024-03-01', 'Edm.DateTime', 'v2');  // '2024-03-01T00:00:00Z'
 * ```
 */
export function encodeLiteral(value: unknown, type: EdmType, version: ApiVersion): string {
  if (value === null) return 'null';
  const f = literalForm(type, version);
  const body = bodyText(value, f.body, type);
  return `${f.prefix}${f.quoted ? `'${body.replace(/'/g, "''")}'` : body}${f.suffix}`;
}

/**
 * A value as plain text, as BAQ parameters travel in the query string (`?zipCode=90210`), and as the
 * body of the literal forms above.
 *
 * @example
 * ```ts
 * plainValue(new Date('2024-03-01T00:00:00Z'), 'Edm.DateTime', 'v2'); // '2024-03-01T00:00:00Z'
 * ```
 */
export function plainValue(value: unknown, type: EdmType, version: ApiVersion): string {
  return bodyText(value, literalForm(type, version).body, type);
}

function literalForm(type: EdmType, version: ApiVersion): LiteralForm {
  const forms = edmType(type)?.literal;
  if (forms === undefined) throw new KineticSqlError('EPARAM', `comparing ${type} values is not supported yet`);
  return forms[version];
}

function bodyText(value: unknown, body: LiteralBody, type: EdmType): string {
  if (value === null || value === undefined) throw new KineticSqlError('EPARAM', `expected a value for ${type}, got ${String(value)}`);
  switch (body) {
    case 'text':
      if (typeof value === 'string') return value;
      if (typeof value === 'number' && Number.isFinite(value) || typeof value === 'bigint') return String(value);
      throw mismatch(value, type);
    case 'integer': return integerText(value, type);
    case 'decimal': return decimalText(value, type);
    case 'float': return doubleText(value, type);
    case 'boolean': return booleanText(value);
    case 'instant': return formatUtc(toUtcDate(value));
    case 'instant-z': return `${formatUtc(toUtcDate(value))}Z`;
    case 'day': return formatUtc(toUtcDate(value)).slice(0, 10);
    case 'guid': return guidText(value);
  }
}

function integerText(value: unknown, type: EdmType): string {
  let n: bigint;
  if (typeof value === 'bigint') n = value;
  else if (typeof value === 'number' && Number.isSafeInteger(value)) n = BigInt(value);
  else if (typeof value === 'string' && /^[+-]?\d+$/.test(value.trim())) n = BigInt(value.trim());
  else throw new KineticSqlError('EPARAM', `expected a whole number for ${type}, got ${describe(value)}`);
  const [min, max] = edmType(type)?.range ?? [0n, 0n];
  if (n < min || n > max) throw new KineticSqlError('EPARAM', `${n} is out of range for ${type} (${min} to ${max})`);
  return n.toString();
}

const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)$/;
const EXPONENT = /^([+-]?)(\d*)(?:\.(\d*))?e([+-]?\d+)$/i;

/** `1.5e-7` -> `0.00000015`: OData decimals have no exponent, and Number() would round long mantissas. */
function withoutExponent(text: string): string {
  const m = EXPONENT.exec(text);
  if (!m || (m[2] === '' && (m[3] ?? '') === '')) return text;
  const [, sign, whole = '', fraction = '', exp = '0'] = m;
  const digits = whole + fraction;
  const at = whole.length + Number(exp);
  const body = at <= 0 ? `0.${'0'.repeat(-at)}${digits}` : at >= digits.length ? digits + '0'.repeat(at - digits.length) : `${digits.slice(0, at)}.${digits.slice(at)}`;
  const trimmed = body.replace(/^0+(?=\d)/, '').replace(/(\.\d*?)0+$/, '$1').replace(/\.$/, '');
  return `${sign === '-' && /[1-9]/.test(trimmed) ? '-' : ''}${trimmed}`;
}

function decimalText(value: unknown, type: EdmType): string {
  if (typeof value === 'bigint') return value.toString();
  if (typeof value === 'string' && EXPONENT.test(value.trim())) return decimalText(withoutExponent(value.trim()), type);
  if (typeof value === 'string' && DECIMAL.test(value.trim())) return value.trim().replace(/^\+/, '');
  if (typeof value === 'number' && Number.isFinite(value)) {
    const text = String(value);
    // 1e-7 and 1e21 are not OData decimal literals: write them out.
    return /e/i.test(text) ? value.toLocaleString('en-US', { useGrouping: false, maximumFractionDigits: 20 }) : text;
  }
  throw mismatch(value, type);
}

function doubleText(value: unknown, type: EdmType): string {
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  if (typeof value === 'string' && Number.isFinite(Number(value)) && value.trim() !== '') return String(Number(value));
  throw mismatch(value, type);
}

function booleanText(value: unknown): string {
  if (typeof value === 'boolean') return String(value);
  if (value === 1 || value === 0) return String(value === 1);
  const text = typeof value === 'string' ? value.trim().toLowerCase() : '';
  if (text === 'true' || text === '1') return 'true';
  if (text === 'false' || text === '0') return 'false';
  throw mismatch(value, 'Edm.Boolean');
}

function guidText(value: unknown): string {
  if (typeof value === 'string' && GUID.test(value.trim())) return value.trim().toLowerCase();
  throw new KineticSqlError('EPARAM', `expected a GUID such as 3f2504e0-4f89-11d3-9a0c-0305e82c3301, got ${describe(value)}`);
}

function mismatch(value: unknown, type: EdmType): KineticError {
  return new KineticSqlError('EPARAM', `expected a value for ${type}, got ${describe(value)}`);
}
