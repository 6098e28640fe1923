/**
 * Literal tokens from @odata/parser (typed by the parser with an EDM name) to bindable values. Dates are
 * normalised to the storage form, UTC `YYYY-MM-DDTHH:MM:SS` (plus a fraction when not zero), so that
 * comparing text compares instants.
 */
import type { Literal } from './expr.ts';
import { restoreControlChars } from './control-chars.ts';
import { badRequest } from './odata-query-error.ts';

const INTEGER_TYPES = new Set(['Edm.SByte', 'Edm.Byte', 'Edm.Int16', 'Edm.Int32', 'Edm.Int64']);
const DATETIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d+))?)?(Z|[+-]\d{2}:\d{2})$/;

/**
 * @example
 * toLiteral('Edm.String', "'it''s'") // { type: 'string', value: "it's", raw: "'it''s'" }
 * toLiteral('Edm.DateTimeOffset', '2024-03-01T10:00:00+02:00') // value '2024-03-01T08:00:00'
 */
export function toLiteral(edmType: string, raw: string): Literal {
  if (edmType === 'Edm.String') return { type: 'string', value: restoreControlChars(raw.slice(1, -1).replace(/''/g, "'")), raw };
  if (INTEGER_TYPES.has(edmType)) return { type: 'number', value: integerValue(raw), raw };
  switch (edmType) {
    case 'Edm.Decimal':
    case 'Edm.Double':
    case 'Edm.Single':
      return { type: 'number', value: decimalValue(raw), raw };
    case 'Edm.Boolean':
      return { type: 'boolean', value: raw.toLowerCase() === 'true' ? 1 : 0, raw };
    case 'null':
      return { type: 'null', value: null, raw };
    case 'Edm.DateTimeOffset':
      return { type: 'datetime', value: normaliseDateTime(raw), raw };
    case 'Edm.Date':
      return { type: 'datetime', value: normaliseDateTime(`${raw}T00:00:00Z`), raw };
    case 'Edm.Guid':
      return { type: 'guid', value: raw.toLowerCase(), raw };
    default:
      throw badRequest(`Literal ${raw} (${edmType}) is not supported in this position; use a string, number, boolean, null, date-time or GUID literal.`);
  }
}

/** Bound as a BigInt: better-sqlite3 binds JS numbers as REAL, and `7 div 2` must be 3 as on SQL Server. */
function integerValue(raw: string): bigint {
  return BigInt(raw);
}

function decimalValue(raw: string): number {
  const n = Number(raw);
  if (!Number.isFinite(n)) throw badRequest(`Numeric literal ${raw} is not supported: INF and NaN cannot be compared.`);
  return n;
}

/** UTC `YYYY-MM-DDTHH:MM:SS[.fff]` for an ISO date-time with `Z` or an offset; 400 when not a real instant. */
export function normaliseDateTime(raw: string): string {
  const m = DATETIME.exec(raw);
  if (!m) throw badRequest(`Bad date-time literal '${raw}': expected YYYY-MM-DDTHH:MM:SS with Z or an offset.`);
  const [y, mo, d, h, mi, s] = [m[1], m[2], m[3], m[4], m[5], m[6] ?? '00'].map(Number) as [number, number, number, number, number, number];
  const local = Date.UTC(y, mo - 1, d, h, mi, s);
  const check = new Date(local);
  const valid = check.getUTCFullYear() === y && check.getUTCMonth() === mo - 1 && check.getUTCDate() === d && h < 24 && mi < 60 && s < 60;
  if (!valid) throw badRequest(`Bad date-time literal '${raw}': not a valid calendar date and time.`);
  const zone = m[8] ?? 'Z';
  const offsetMinutes = zone === 'Z' ? 0 : (zone.startsWith('-') ? -1 : 1) * (Number(zone.slice(1, 3)) * 60 + Number(zone.slice(4, 6)));
  const utc = new Date(local - offsetMinutes * 60_000).toISOString().slice(0, 19);
  const fraction = (m[7] ?? '').replace(/0+$/, '');
  return fraction ? `${utc}.${fraction}` : utc;
}

