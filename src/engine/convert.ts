import type { EdmType } from '../metadata/catalog.ts';
import { edmType } from '../metadata/edm-types.ts';
import type { OutputColumn } from '../plan/types.ts';

/** A result row: a plain object keyed by output column name (names are unique in a result). */
export type Row = Record<string, unknown>;

export interface ConvertOptions {
  /** Keep Edm.Decimal values as strings (as sent), instead of numbers. */
  readonly decimalsAsStrings: boolean;
}

type Converter = (value: unknown) => unknown;

const identity: Converter = (v) => v;

// Epicor's v1 dates carry no offset ("2024-03-01T00:00:00"); the server stores them as UTC, so a value
// without an offset is read as UTC rather than in the local time zone of whoever runs the query.
const HAS_OFFSET = /(Z|[+-]\d\d:?\d\d)$/i;
const DATE_CACHE_SIZE = 4096;

// Parsing a date string costs more than the rest of a row; reports repeat the same dates, so each column's
// converter remembers recent strings' epoch times. Every row still gets its own Date object.
function dateConverter(): Converter {
  const seen = new Map<string, number>();
  return (value) => {
    if (typeof value !== 'string') return value;
    let ms = seen.get(value);
    if (ms === undefined) {
      ms = new Date(HAS_OFFSET.test(value) || value.length <= 10 ? value : value + 'Z').getTime();
      if (seen.size >= DATE_CACHE_SIZE) seen.clear();
      seen.set(value, ms);
    }
    return Number.isNaN(ms) ? value : new Date(ms);
  };
}

function toNumber(value: unknown): unknown {
  if (typeof value === 'string' && value.trim() !== '') {
    const n = Number(value);
    return Number.isNaN(n) ? value : n;
  }
  return value;
}

// With exact numbers an Int64 beyond 2^53 stays the string of its digits rather than a rounded number.
function toExactInteger(value: unknown): unknown {
  const n = toNumber(value);
  return typeof n === 'number' && !Number.isSafeInteger(n) && typeof value === 'string' ? value : n;
}

function toDecimalString(value: unknown): unknown {
  return typeof value === 'number' ? String(value) : value;
}

// An integer type whose range passes 2^53 (Int64) cannot always be a JS number.
const beyondSafe = (range: readonly [bigint, bigint] | undefined) => range !== undefined && range[1] > BigInt(Number.MAX_SAFE_INTEGER);

function converterFor(type: EdmType, options: ConvertOptions): Converter {
  const info = edmType(type);
  if (info === undefined) return identity;
  if (info.js === 'date') return dateConverter();
  if (info.family === 'decimal') return options.decimalsAsStrings ? toDecimalString : toNumber;
  if (info.family === 'integer' && beyondSafe(info.range)) return options.decimalsAsStrings ? toExactInteger : toNumber;
  // Numbers arrive as text when read with exact numbers (DecimalsAsStrings), and OData may send
  // Int64/Double as strings (v3 Int64, IEEE754Compatible, INF/NaN).
  if (info.js === 'number') return toNumber;
  return identity;
}

/**
 * Builds the function that turns one OData row into a positional result row: picks the fields of
 * `columns` in order and converts values by EDM type (dates to `Date`, decimals to numbers or strings).
 * Missing fields become `null`. Names are given once, at the public API (see nameRows).
 *
 * @example
 * ```ts
 * makeRowMapper(columns, { decimalsAsStrings: false })({ OrderNum: 7, OrderAmt: '1.5' }); // [7, 1.5]
 * ```
 */
export function makeRowMapper(columns: readonly OutputColumn[], options: ConvertOptions): (raw: Record<string, unknown>) => unknown[] {
  const sources = columns.map((c) => c.source);
  const converters = columns.map((c) => converterFor(c.type, options));
  const width = columns.length;
  return (raw) => {
    const row = new Array<unknown>(width);
    for (let i = 0; i < width; i++) {
      const v = raw[sources[i] as string];
      row[i] = v === undefined || v === null ? null : (converters[i] as Converter)(v);
    }
    return row;
  };
}

/**
 * The function that names positional rows by their (already unique) column names: the one place rows
 * become objects, for `rowMode: 'object'` (the default).
 *
 * @example
 * ```ts
 * nameRows(['CustID', 'CustID_2'])(['A1', 'Acme']); // { CustID: 'A1', CustID_2: 'Acme' }
 * ```
 */
export function nameRows(names: readonly string[]): (values: readonly unknown[]) => Row {
  const width = names.length;
  return (values) => {
    const row: Row = {};
    for (let i = 0; i < width; i++) row[names[i] as string] = values[i];
    return row;
  };
}
