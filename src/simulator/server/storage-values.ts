import type { EdmType, SimColumn } from '../model/types.ts';
import { SimHttpError } from './sim-http-error.ts';

/** A value as SQLite stores it (see STORAGE_NOTES in model/types.ts). */
export type StorageValue = string | number | null;

const INTEGER_TYPES: ReadonlySet<EdmType> = new Set(['Edm.Byte', 'Edm.SByte', 'Edm.Int16', 'Edm.Int32', 'Edm.Int64']);
const NUMBER_TYPES: ReadonlySet<EdmType> = new Set(['Edm.Decimal', 'Edm.Double', 'Edm.Single']);
const DATE_TYPES: ReadonlySet<EdmType> = new Set(['Edm.DateTime', 'Edm.DateTimeOffset', 'Edm.Date']);

/** True for the EDM types stored as SQLite INTEGER or REAL. */
export function isNumericType(type: EdmType): boolean {
  return INTEGER_TYPES.has(type) || NUMBER_TYPES.has(type);
}

/** Normalises an ISO date text to the stored `YYYY-MM-DDTHH:MM:SS` (UTC); undefined when it is not one. */
export function normaliseDate(text: string): string | undefined {
  const m = /^(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}:\d{2})(:\d{2})?(\.\d+)?)?(Z|[+-]\d{2}:\d{2})?$/.exec(text);
  if (!m) return undefined;
  const local = `${m[1]}T${m[2] ?? '00:00'}${m[3] ?? ':00'}`;
  const zone = m[5];
  if (zone === undefined || zone === 'Z') return Number.isNaN(Date.parse(`${local}Z`)) ? undefined : local;
  const ms = Date.parse(`${local}${zone}`);
  return Number.isNaN(ms) ? undefined : new Date(ms).toISOString().slice(0, 19);
}

function bad(column: SimColumn, value: unknown): SimHttpError {
  const shown = typeof value === 'string' ? `'${value.slice(0, 60)}'` : JSON.stringify(value);
  return new SimHttpError(400, `Invalid value ${shown} for ${column.name} (${column.type}).`, {
    details: [{ Message: `Invalid value for ${column.name}`, Type: 'Error', Field: column.name }],
  });
}

/** Converts a JSON body value to its stored form, or throws a 400 naming the column. */
export function jsonToStorage(value: unknown, column: SimColumn): StorageValue {
  if (value === null || value === undefined) {
    if (!column.nullable && column.type === 'Edm.String') return '';
    return null;
  }
  const type = column.type;
  if (type === 'Edm.Boolean') {
    if (typeof value === 'boolean') return value ? 1 : 0;
    throw bad(column, value);
  }
  if (isNumericType(type)) {
    const n = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
    if (typeof n !== 'number' || !Number.isFinite(n)) throw bad(column, value);
    if (INTEGER_TYPES.has(type) && !Number.isInteger(n)) throw bad(column, value);
    return n;
  }
  if (typeof value !== 'string') throw bad(column, value);
  if (DATE_TYPES.has(type)) return normaliseDate(value) ?? throwBad(column, value);
  if (type === 'Edm.Guid') {
    if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value)) throw bad(column, value);
    return value.toLowerCase();
  }
  return value;
}

function throwBad(column: SimColumn, value: unknown): never {
  throw bad(column, value);
}

/** Converts a plain text (a BAQ query-string parameter) to its stored form, or throws a 400. */
export function textToStorage(text: string, column: SimColumn): StorageValue {
  if (column.type === 'Edm.Boolean') {
    if (/^(true|1)$/i.test(text)) return 1;
    if (/^(false|0)$/i.test(text)) return 0;
    throw bad(column, text);
  }
  if (isNumericType(column.type)) return jsonToStorage(text, column);
  return jsonToStorage(text, column);
}

/** The value a non-nullable column gets when a new row leaves it out. */
export function defaultStorage(column: SimColumn): StorageValue {
  if (column.nullable) return null;
  if (column.type === 'Edm.String') return '';
  if (column.type === 'Edm.Boolean' || isNumericType(column.type)) return 0;
  if (column.type === 'Edm.Guid') return '00000000-0000-0000-0000-000000000000';
  if (DATE_TYPES.has(column.type)) return null;
  return null;
}
