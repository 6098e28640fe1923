import type { SqlValueType } from '../../engine/sqlite/functions.ts';
import type { EdmType } from '../../metadata/catalog.ts';
import { edmType } from '../../metadata/edm-types.ts';

export type { SqlValueType };

/**
 * The kind of value a catalog column holds in the local database. Values are stored as: text TEXT,
 * integers INTEGER, decimals and floats REAL, booleans INTEGER 0/1, dates and instants TEXT
 * `YYYY-MM-DDTHH:MM:SS.SSS` (UTC, fixed width, so text order is time order).
 *
 * @example
 * ```ts
 * valueTypeOf('Edm.DateTimeOffset'); // 'datetime'
 * ```
 */
export function valueTypeOf(type: EdmType): SqlValueType {
  switch (edmType(type)?.family) {
    case 'integer': return 'integer';
    case 'decimal': return 'decimal';
    case 'float': return 'float';
    case 'boolean': return 'boolean';
    case 'datetime': return 'datetime';
    case 'date': return 'date';
    default: return 'string';
  }
}

/** The SQL Server type name reported in `columns[].type` for a computed value. */
export function sqlTypeName(type: SqlValueType): string {
  switch (type) {
    case 'string': return 'nvarchar';
    case 'integer': return 'int';
    case 'decimal': return 'decimal';
    case 'float': return 'float';
    case 'boolean': return 'bit';
    case 'datetime': return 'datetime';
    case 'date': return 'date';
    case 'unknown': return 'sql_variant';
  }
}

export function isNumeric(t: SqlValueType): boolean {
  return t === 'integer' || t === 'decimal' || t === 'float';
}

export function isTemporal(t: SqlValueType): boolean {
  return t === 'datetime' || t === 'date';
}

/** The type of `a op b` for arithmetic: SQL Server's precedence float > decimal > integer. */
export function numericResult(a: SqlValueType, b: SqlValueType): SqlValueType {
  if (a === 'float' || b === 'float') return 'float';
  if (a === 'decimal' || b === 'decimal') return 'decimal';
  if (a === 'integer' && b === 'integer') return 'integer';
  if (a === 'boolean' && b === 'boolean') return 'integer';
  return isNumeric(a) ? a : isNumeric(b) ? b : 'unknown';
}

/** The type of CAST(x AS name). */
export function castTarget(name: string): SqlValueType {
  switch (name.toUpperCase()) {
    case 'INT': case 'INTEGER': case 'BIGINT': case 'SMALLINT': case 'TINYINT': return 'integer';
    case 'DECIMAL': case 'NUMERIC': case 'MONEY': case 'SMALLMONEY': return 'decimal';
    case 'FLOAT': case 'REAL': return 'float';
    case 'BIT': return 'boolean';
    case 'DATE': return 'date';
    case 'DATETIME': case 'DATETIME2': case 'SMALLDATETIME': case 'DATETIMEOFFSET': return 'datetime';
    case 'VARCHAR': case 'NVARCHAR': case 'CHAR': case 'NCHAR': case 'TEXT': case 'NTEXT': case 'UNIQUEIDENTIFIER': return 'string';
    default: return 'unknown';
  }
}
