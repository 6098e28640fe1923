import { KineticError, KineticSqlError, quoteForMessage } from '../errors.ts';
import { edmType, type EdmType, type LiteralBody, type LiteralForm } from '../metadata/edm-types.ts';
import { describe, formatUtc, toUtcDate } from './date-value.ts';
import type { ApiVersion } from './version.ts';

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const NUMBER = /^([+-]?)(\d*)(?:\.(\d*))?(?:e([+-]?\d+))?$/i;

/**
 * The one place a JS value becomes an OData literal for an EDM type and API version (not URL-encoded).
 * The form of each type and version is data (src/metadata/edm-types.ts). Wrong values throw EPARAM (the
 * caller adds which parameter or column it was).
 *
 * @example
 * ```ts
 * encodeLiteral("it's", 'Edm.String', 'v2');          // "'it''s'"
 * encodeLiteral(1.5, 'Edm.Decimal', 'v1');            // '1.5M'
 * encodeLiteral(1e-21, 'Edm.Decimal', 'v2');          // '0.000000000000000000001'
 * encodeLiteral('2024-03-01', 'Edm.DateTime', 'v1');  // "datetime'2024-03-01T00:00:00'"
 * encodeLiteral('2024-03-01', 'Edm.DateTime', 'v2');  // '2024-03-01T00:00:00Z'
 * ```
 */
export function encodeLiteral(value: unknown, type: EdmType, version: ApiVersion): string {
  if (value === null) return nullLiteral();
  const f = literalForm(type, version);
  const text = bodyText(value, f.body, type);
  const body = (f.body === 'decimal' || f.body === 'float') && f.suffix === '' ? pointBeyondInt32(text) : text;
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

/** The `null` literal (`Name eq null`), the same in OData v3 and v4. */
export function nullLiteral(): string {
  return 'null';
}

/** True for the text {@link nullLiteral} writes. */
export function isNullLiteral(text: string): boolean {
  return text === 'null';
}

/** The literal of a boolean the planner itself writes (`contains(Name,'x') eq false`), the same in v3 and v4. */
export function booleanLiteral(value: boolean): string {
  return value ? 'true' : 'false';
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
      if (typeof value === 'string') return wellFormed(value);
      if (typeof value === 'number' && Number.isFinite(value) || typeof value === 'bigint') return String(value);
      throw mismatch(value, type);
    case 'integer': return integerText(value, type);
    // Double and Single are written like decimals, as plain digits: a JS number with the shortest digits
    // that read back as the same double (the exact value the caller holds), a string with its own digits,
    // and an exponent written out (`1e-21` -> `0.000000000000000000001`). OData v3 and v4 both read
    // that form as a double, so one form serves both versions, and no `+` of an exponent reaches the URL.
    case 'decimal': case 'float': return finite(numberText(value, type), value, type);
    case 'boolean': return booleanText(value);
    case 'instant': return formatUtc(toUtcDate(value));
    case 'instant-z': return `${formatUtc(toUtcDate(value))}Z`;
    case 'day': return formatUtc(toUtcDate(value)).slice(0, 10);
    case 'guid': return guidText(value);
  }
}

// Half of a surrogate pair without the other half: not a character, and not encodable as UTF-8.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

function wellFormed(text: string): string {
  const lone = LONE_SURROGATE.exec(text);
  if (!lone) return text;
  const code = lone[0].charCodeAt(0).toString(16).toUpperCase();
  throw new KineticSqlError('EPARAM', `the string has a lone UTF-16 surrogate (U+${code}, half of a character) at character ${lone.index + 1} of ${text.length}, which cannot be sent to Epicor as UTF-8: fix the string's encoding or remove it`);
}

function integerText(value: unknown, type: EdmType): string {
  let n: bigint;
  if (typeof value === 'bigint') n = value;
  else if (typeof value === 'number' && Number.isSafeInteger(value)) n = BigInt(value);
  else if (typeof value === 'string' && /^[+-]?\d+$/.test(value.trim())) n = BigInt(value.trim());
  else throw new KineticSqlError('EPARAM', `expected a whole number for ${type}, got ${describe(value)}`);
  const [min, max] = edmType(type)?.range ?? [0n, 0n];
  if (n < min || n > max) throw new KineticSqlError('EPARAM', `${quoteForMessage(n.toString(), 40)} is out of range for ${type} (${min} to ${max})`);
  return n.toString();
}

/**
 * A number as plain decimal digits with every digit kept: OData decimals have no exponent form, and
 * Number() would round long mantissas. JS numbers are read through String(), whose digits are exact for
 * the double, so 1e-21 and 1e21 come out whole rather than rounded (toLocaleString stops at 20 decimals).
 */
function numberText(value: unknown, type: EdmType): string {
  if (typeof value === 'bigint') return bounded(value.toString(), value, type);
  const text = typeof value === 'number' && Number.isFinite(value) ? String(value) : typeof value === 'string' ? value.trim() : '';
  if (text.length > MAX_NUMBER_LENGTH) throw tooLong(value, type, text.length);
  const m = NUMBER.exec(text);
  if (!m || (m[2] === '' && (m[3] ?? '') === '')) throw mismatch(value, type);
  const [, sign = '', whole = '', fraction, exp] = m;
  // `.5` and `5.` are SQL but not OData: a digit on each side of the point. Other digits stay as written.
  if (exp === undefined) return `${sign === '-' && /[1-9]/.test(whole + (fraction ?? '')) ? '-' : ''}${whole || '0'}${fraction ? `.${fraction}` : ''}`;
  return withoutExponent(sign, whole, fraction ?? '', Number(exp), value, type);
}

/**
 * The longest number written out in full (digits, point and sign): every double written without an
 * exponent fits (the largest has 309 digits, the smallest above zero 324 zeros after the point), and
 * Edm.Decimal holds 38 digits. Beyond it a number is refused, before its digits are built: `1e-999999` is
 * nine characters but a million digits written out.
 */
export const MAX_NUMBER_LENGTH = 400;

/** `1.5e-7` -> `0.00000015`, `-2.50e3` -> `-2500`: the digits moved by the exponent, zeros trimmed. */
function withoutExponent(sign: string, whole: string, fraction: string, exp: number, value: unknown, type: EdmType): string {
  const digits = (whole + fraction).replace(/^0+/, '');
  if (digits === '') return '0';
  // Leading zeros of the digits moved the point to the left of where it is now.
  const at = whole.length - ((whole + fraction).length - digits.length) + exp;
  const length = (at <= 0 ? 2 - at : 0) + Math.max(at, digits.length) + 2;
  if (!Number.isSafeInteger(exp) || length > MAX_NUMBER_LENGTH) throw tooLong(value, type, length);
  let body = at <= 0 ? `0.${'0'.repeat(-at)}${digits}` : at >= digits.length ? digits + '0'.repeat(at - digits.length) : `${digits.slice(0, at)}.${digits.slice(at)}`;
  if (body.includes('.')) {
    let end = body.length;
    while (body.charCodeAt(end - 1) === 48) end--;
    body = body.slice(0, body.charCodeAt(end - 1) === 46 ? end - 1 : end);
  }
  return `${sign === '-' ? '-' : ''}${body}`;
}

// Digits alone (no `M` suffix) read as an integer literal. Epicor's parser promotes a large one to Int64 or
// Decimal, but stricter parsers refuse digits beyond Int32 (@odata/parser, which the simulator uses, does):
// a decimal or double beyond Int32 gets a decimal point, which every parser reads as a decimal.
function pointBeyondInt32(text: string): string {
  if (text.includes('.')) return text;
  const digits = text.startsWith('-') ? text.slice(1) : text;
  return digits.length > 10 || (digits.length === 10 && digits > '2147483647') ? `${text}.0` : text;
}

// Beyond a double's range (about ±1.8e308) no server compares the number: Epicor's SQL Server and the
// simulator read it as infinity and refuse it.
function finite(text: string, value: unknown, type: EdmType): string {
  if (Number.isFinite(Number(text))) return text;
  const shown = typeof value === 'string' ? `"${quoteForMessage(value.trim(), 40)}"` : describe(value);
  throw new KineticSqlError('EPARAM', `the number ${shown} is beyond what ${type} or a double can hold (about ±1.8e308); pass a value that the column can hold`);
}

function bounded(text: string, value: unknown, type: EdmType): string {
  if (text.length > MAX_NUMBER_LENGTH) throw tooLong(value, type, text.length);
  return text;
}

function tooLong(value: unknown, type: EdmType, length: number): KineticError {
  const shown = typeof value === 'string' ? `"${quoteForMessage(value.trim(), 40)}"` : describe(value);
  return new KineticSqlError('EPARAM', `the number ${shown} would be ${length > 1e9 ? 'more than a billion' : length} characters long written out in full, over the limit of ${MAX_NUMBER_LENGTH} (${type}: Edm.Decimal holds 38 digits, Edm.Double about 1e±308); pass a value that the column can hold`);
}

function booleanText(value: unknown): string {
  if (typeof value === 'boolean') return booleanLiteral(value);
  if (value === 1 || value === 0) return booleanLiteral(value === 1);
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
