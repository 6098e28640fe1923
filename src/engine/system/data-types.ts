import type { EdmType } from '../../metadata/catalog.ts';

// The commercial connector's type names (string, int, bool, datetime, ...) for EDM types.
const NAMES: Readonly<Record<EdmType, string>> = {
  'Edm.String': 'string', 'Edm.Boolean': 'bool', 'Edm.Byte': 'int', 'Edm.SByte': 'int', 'Edm.Int16': 'int', 'Edm.Int32': 'int',
  'Edm.Int64': 'bigint', 'Edm.Decimal': 'decimal', 'Edm.Double': 'double', 'Edm.Single': 'float', 'Edm.DateTime': 'datetime',
  'Edm.DateTimeOffset': 'datetime', 'Edm.Date': 'date', 'Edm.Time': 'time', 'Edm.TimeOfDay': 'time', 'Edm.Guid': 'guid', 'Edm.Binary': 'binary',
};

// java.sql.Types codes, the usual meaning of DataType in these tables.
const CODES: Readonly<Record<string, number>> = {
  string: 12, bool: 16, int: 4, bigint: -5, decimal: 3, double: 8, float: 7, datetime: 93, date: 91, time: 92, guid: 1, binary: -3, json: 2000,
};

/**
 * The SQL type name of an EDM type, as sys_tablecolumns reports it.
 *
 * @example
 * ```ts
 * sqlTypeName('Edm.Int64'); // 'bigint'
 * ```
 */
export function sqlTypeName(type: EdmType): string {
  return NAMES[type] ?? 'string';
}

/**
 * The JDBC type code of a SQL type name (12 for string, 4 for int, ...).
 *
 * @example
 * ```ts
 * jdbcType('datetime'); // 93
 * ```
 */
export function jdbcType(name: string): number {
  return CODES[name] ?? 1111;
}
