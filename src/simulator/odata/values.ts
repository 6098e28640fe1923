/**
 * Stored SQLite values to JSON values, per EDM type and protocol version (docs/epicor-api.md, "Values"):
 * booleans true/false, dates "2024-03-01T00:00:00" on v1 and "2024-03-01T00:00:00Z" on v2, numbers as
 * JSON numbers, GUIDs lower-case strings, null as null.
 */
import type { SimColumn } from '../model/types.ts';
import type { ODataVersion } from './types.ts';

/**
 * @example
 * toJsonValue(1, { name: 'Active', type: 'Edm.Boolean', nullable: false }, 'v2') // true
 * toJsonValue('2024-03-01T00:00:00', { name: 'D', type: 'Edm.DateTime', nullable: true }, 'v2') // '2024-03-01T00:00:00Z'
 */
export function toJsonValue(value: unknown, column: SimColumn, version: ODataVersion): unknown {
  if (value === null || value === undefined) return null;
  switch (kindOf(column.type)) {
    case Kind.Boolean:
      return typeof value === 'string' ? value === '1' || value.toLowerCase() === 'true' : Boolean(value);
    case Kind.DateTime:
      return dateTimeText(String(value), version);
    case Kind.Date:
      return String(value).slice(0, 10);
    case Kind.Guid:
      return String(value).toLowerCase();
    case Kind.Number:
      return Number(value);
    case Kind.Binary:
      return Buffer.isBuffer(value) ? value.toString('base64') : String(value);
    case Kind.Other:
      return typeof value === 'bigint' ? Number(value) : value;
  }
}

/** Storage text `YYYY-MM-DDTHH:MM:SS[.fff]` (UTC) to the version's wire form. */
function dateTimeText(stored: string, version: ODataVersion): string {
  const bare = stored.replace(/(Z|[+-]\d{2}:\d{2})$/, '');
  return version === 'v2' ? `${bare}Z` : bare;
}

const enum Kind {
  Boolean,
  DateTime,
  Date,
  Guid,
  Number,
  Binary,
  Other,
}

function kindOf(type: SimColumn['type']): Kind {
  switch (type) {
    case 'Edm.Boolean':
      return Kind.Boolean;
    case 'Edm.DateTime':
    case 'Edm.DateTimeOffset':
      return Kind.DateTime;
    case 'Edm.Date':
      return Kind.Date;
    case 'Edm.Guid':
      return Kind.Guid;
    case 'Edm.Byte':
    case 'Edm.SByte':
    case 'Edm.Int16':
    case 'Edm.Int32':
    case 'Edm.Int64':
    case 'Edm.Decimal':
    case 'Edm.Double':
    case 'Edm.Single':
      return Kind.Number;
    case 'Edm.Binary':
      return Kind.Binary;
    default:
      return Kind.Other;
  }
}

/** Names JSON.stringify would not write in declaration order (array indexes) or not as own keys. */
function reordersOrDrops(name: string): boolean {
  return name === '__proto__' || /^(0|[1-9]\d*)$/.test(name);
}

/** How one value of a row is written: a ready-made `"Name":...` piece, or the value's own text. */
const enum Piece {
  Null,
  Zero,
  Empty,
  True,
  False,
  Value,
}

interface Template {
  readonly pieces: Uint8Array;
  /** The text between the values: `segments[0] + value0 + segments[1] + ... + segments[k]`. */
  readonly segments: readonly string[];
}

const MAX_TEMPLATES = 4_096;
const MAX_DATES = 50_000;

/**
 * An encoder of stored rows (arrays, values in `columns` order) to a JSON array of objects: the same text
 * as `JSON.stringify` of the objects {@link toJsonValue} makes, without making those objects. Serving
 * full-width rows (300+ columns) was mostly the cost of the row objects and of serialising them.
 *
 * Most values of a wide row are null, 0, '' or a boolean, and rows share their pattern of such values.
 * So each row is classified column by column, and the text between its other values (`,"Name":0,...`)
 * comes from a template made once per pattern: a row is written as a few dozen pieces, not 600.
 * Dates are converted once per distinct value. Undefined when a column name would not keep its place in
 * such an object (an array index, `__proto__`).
 *
 * @example
 * const encode = rowsJsonEncoder([{ name: 'Active', type: 'Edm.Boolean', nullable: false }], 'v2');
 * encode!([[1], [0]]) // '[{"Active":true},{"Active":false}]'
 */
export function rowsJsonEncoder(columns: readonly SimColumn[], version: ODataVersion): ((rows: readonly (readonly unknown[])[]) => string) | undefined {
  if (columns.some((c) => reordersOrDrops(c.name))) return undefined;
  const count = columns.length;
  const kinds = columns.map((c) => kindOf(c.type));
  const prefixes = columns.map((c, i) => `${i === 0 ? '{' : ','}${JSON.stringify(c.name)}:`);
  const fixed: Record<Exclude<Piece, Piece.Value>, string[]> = {
    [Piece.Null]: prefixes.map((p) => `${p}null`),
    [Piece.Zero]: prefixes.map((p) => `${p}0`),
    [Piece.Empty]: prefixes.map((p) => `${p}""`),
    [Piece.True]: prefixes.map((p) => `${p}true`),
    [Piece.False]: prefixes.map((p) => `${p}false`),
  };
  const dates = columns.map(() => new Map<unknown, string>());
  const templates = new Map<number, Template[]>();
  let templateCount = 0;
  const pieces = new Uint8Array(count);
  const values: string[] = [];

  const dateTime = (value: unknown, i: number): string => {
    const seen = dates[i]!;
    let text = seen.get(value);
    if (text === undefined) {
      text = JSON.stringify(dateTimeText(String(value), version));
      if (seen.size < MAX_DATES) seen.set(value, text);
    }
    return text;
  };

  // Classifies value i: a fixed piece, or Piece.Value with its JSON text pushed to `values`.
  const classify = (value: unknown, i: number): Piece => {
    if (value === null || value === undefined) return Piece.Null;
    switch (kinds[i]) {
      case Kind.Boolean:
        return (typeof value === 'string' ? value === '1' || value.toLowerCase() === 'true' : Boolean(value)) ? Piece.True : Piece.False;
      case Kind.Number: {
        const n = typeof value === 'number' ? value : Number(value);
        if (n === 0) return Piece.Zero;
        // JSON.stringify writes finite numbers as String() does, and NaN and the infinities as null.
        if (!Number.isFinite(n)) return Piece.Null;
        values.push(String(n));
        return Piece.Value;
      }
      case Kind.DateTime:
        values.push(dateTime(value, i));
        return Piece.Value;
      case Kind.Date:
        values.push(JSON.stringify(String(value).slice(0, 10)));
        return Piece.Value;
      case Kind.Guid:
        values.push(JSON.stringify(String(value).toLowerCase()));
        return Piece.Value;
      case Kind.Binary:
        values.push(JSON.stringify(Buffer.isBuffer(value) ? value.toString('base64') : String(value)));
        return Piece.Value;
      default:
        if (value === '') return Piece.Empty;
        values.push(JSON.stringify(typeof value === 'bigint' ? Number(value) : value) ?? 'null');
        return Piece.Value;
    }
  };

  const makeTemplate = (): Template => {
    const segments: string[] = [];
    let parts: string[] = [];
    for (let i = 0; i < count; i++) {
      const piece = pieces[i] as Piece;
      if (piece !== Piece.Value) {
        parts.push(fixed[piece][i]!);
        continue;
      }
      parts.push(prefixes[i]!);
      segments.push(parts.join(''));
      parts = [];
    }
    parts.push('}');
    segments.push(parts.join(''));
    return { pieces: pieces.slice(), segments };
  };

  const templateOf = (hash: number): Template => {
    const candidates = templates.get(hash);
    for (const candidate of candidates ?? []) {
      let same = true;
      for (let i = 0; i < count && same; i++) same = candidate.pieces[i] === pieces[i];
      if (same) return candidate;
    }
    if (templateCount >= MAX_TEMPLATES) {
      templates.clear();
      templateCount = 0;
    }
    const template = makeTemplate();
    templates.set(hash, [...(templates.get(hash) ?? []), template]);
    templateCount++;
    return template;
  };

  return (rows) => {
    const texts = new Array<string>(rows.length);
    for (let r = 0; r < rows.length; r++) {
      if (count === 0) {
        texts[r] = '{}';
        continue;
      }
      const row = rows[r]!;
      values.length = 0;
      let hash = 0;
      for (let i = 0; i < count; i++) {
        const piece = classify(row[i], i);
        pieces[i] = piece;
        hash = (Math.imul(hash, 31) + piece) | 0;
      }
      const { segments } = templateOf(hash);
      let text = segments[0]!;
      for (let k = 0; k < values.length; k++) text += values[k]! + segments[k + 1]!;
      texts[r] = text;
    }
    return `[${texts.join(',')}]`;
  };
}
