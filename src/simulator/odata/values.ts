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
  switch (column.type) {
    case 'Edm.Boolean':
      return typeof value === 'string' ? value === '1' || value.toLowerCase() === 'true' : Boolean(value);
    case 'Edm.DateTime':
    case 'Edm.DateTimeOffset':
      return dateTimeText(String(value), version);
    case 'Edm.Date':
      return String(value).slice(0, 10);
    case 'Edm.Guid':
      return String(value).toLowerCase();
    case 'Edm.Byte':
    case 'Edm.SByte':
    case 'Edm.Int16':
    case 'Edm.Int32':
    case 'Edm.Int64':
    case 'Edm.Decimal':
    case 'Edm.Double':
    case 'Edm.Single':
      return Number(value);
    case 'Edm.Binary':
      return Buffer.isBuffer(value) ? value.toString('base64') : String(value);
    default:
      return typeof value === 'bigint' ? Number(value) : value;
  }
}

/** Storage text `YYYY-MM-DDTHH:MM:SS[.fff]` (UTC) to the version's wire form. */
function dateTimeText(stored: string, version: ODataVersion): string {
  const bare = stored.replace(/(Z|[+-]\d{2}:\d{2})$/, '');
  return version === 'v2' ? `${bare}Z` : bare;
}
