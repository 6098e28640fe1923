import type { SimColumn } from '../model/types.ts';
import type { ApiVersion } from './context.ts';
import { SimHttpError } from './sim-http-error.ts';
import { normaliseDate, isNumericType, type StorageValue } from './storage-values.ts';

/** Splits `'A,B',45` (or `Company='A',CustNum=45`) at commas outside quotes. */
function splitItems(text: string): string[] {
  const items: string[] = [];
  let current = '';
  let quoted = false;
  for (const ch of text) {
    if (ch === "'") quoted = !quoted;
    if (ch === ',' && !quoted) {
      items.push(current.trim());
      current = '';
    } else current += ch;
  }
  items.push(current.trim());
  return items;
}

function badLiteral(text: string, column: SimColumn): SimHttpError {
  return new SimHttpError(400, `Bad key literal ${text.slice(0, 60)} for ${column.name} (${column.type}).`);
}

/** Reads an OData key literal as the stored value of `column` (v1 and v2 spellings are both accepted). */
export function literalToStorage(text: string, column: SimColumn): StorageValue {
  const quoted = /^(?:(datetime|datetimeoffset|guid)?'((?:[^']|'')*)')$/i.exec(text);
  const type = column.type;
  if (type === 'Edm.String') {
    if (!quoted || quoted[1]) throw badLiteral(text, column);
    return (quoted[2] ?? '').replace(/''/g, "'");
  }
  const inner = quoted ? (quoted[2] ?? '') : text;
  if (type === 'Edm.Boolean') {
    if (quoted) throw badLiteral(text, column);
    if (text === 'true' || text === 'false') return text === 'true' ? 1 : 0;
    throw badLiteral(text, column);
  }
  if (isNumericType(type)) {
    if (quoted || !/^-?\d+(\.\d+)?([eE][+-]?\d+)?[mMlLdDfF]?$/.test(text)) throw badLiteral(text, column);
    return Number(text.replace(/[mMlLdDfF]$/, ''));
  }
  if (type === 'Edm.Guid') {
    if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(inner)) throw badLiteral(text, column);
    return inner.toLowerCase();
  }
  return normaliseDate(inner) ?? (() => { throw badLiteral(text, column); })();
}

/**
 * Parses a key predicate into stored values in key order. Positional values follow the key order
 * (`'EPIC06',45`); v2 also takes named values (`Company='EPIC06',CustNum=45`).
 */
export function parseKeyPredicate(
  predicate: string,
  keyColumns: readonly SimColumn[],
  version: ApiVersion,
): StorageValue[] {
  const items = splitItems(predicate);
  if (items.length !== keyColumns.length) {
    const names = keyColumns.map((c) => c.name).join(', ');
    throw new SimHttpError(400, `The key predicate (${predicate.slice(0, 80)}) must give ${keyColumns.length} value(s): ${names}.`);
  }
  const named = items.every((item) => /^[A-Za-z_]\w*\s*=/.test(item));
  if (!named) return items.map((item, i) => literalToStorage(item, keyColumns[i] as SimColumn));
  if (version === 'v1') throw new SimHttpError(400, 'Named key values are not accepted on v1; give the key values in key order.');
  const byName = new Map<string, string>();
  for (const item of items) {
    const eq = item.indexOf('=');
    byName.set(item.slice(0, eq).trim(), item.slice(eq + 1).trim());
  }
  return keyColumns.map((column) => {
    const text = byName.get(column.name);
    if (text === undefined) throw new SimHttpError(400, `The key predicate is missing ${column.name}.`);
    return literalToStorage(text, column);
  });
}
