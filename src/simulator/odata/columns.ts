/** Column lookup (case-sensitive, as Epicor's field names are), SQL quoting, and EDM to value types. */
import { closest } from 'fastest-levenshtein';
import type { EdmType, SimColumn } from '../model/types.ts';
import type { ValueType } from './expr.ts';
import { badRequest } from './odata-query-error.ts';

export type ColumnMap = ReadonlyMap<string, SimColumn>;

export function columnMap(columns: readonly SimColumn[]): ColumnMap {
  return new Map(columns.map((c) => [c.name, c]));
}

/**
 * The column named exactly `name`, or a 400 that suggests the nearest name.
 *
 * @example
 * findColumn(map, 'custid', '$filter') // throws "Unknown property 'custid' in $filter. Did you mean 'CustID'?"
 */
export function findColumn(columns: ColumnMap, name: string, where: string): SimColumn {
  const column = columns.get(name);
  if (column) return column;
  throw badRequest(`Unknown property '${name}' in ${where}.${suggestion(columns, name)}`);
}

function suggestion(columns: ColumnMap, name: string): string {
  const names = [...columns.keys()];
  if (names.length === 0) return '';
  const sameCase = names.find((n) => n.toLowerCase() === name.toLowerCase());
  return ` Did you mean '${sameCase ?? closest(name, names)}'? Property names are case-sensitive.`;
}

/** A double-quoted SQLite identifier. */
export function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

const VALUE_TYPES: Partial<Record<EdmType, ValueType>> = {
  'Edm.String': 'string',
  'Edm.Boolean': 'boolean',
  'Edm.Byte': 'number',
  'Edm.SByte': 'number',
  'Edm.Int16': 'number',
  'Edm.Int32': 'number',
  'Edm.Int64': 'number',
  'Edm.Decimal': 'number',
  'Edm.Double': 'number',
  'Edm.Single': 'number',
  'Edm.DateTime': 'datetime',
  'Edm.DateTimeOffset': 'datetime',
  'Edm.Date': 'datetime',
  'Edm.Guid': 'guid',
};

/** How a column compares in expressions; 400 for types expressions cannot use (Binary, Time). */
export function columnValueType(column: SimColumn): ValueType {
  const type = VALUE_TYPES[column.type];
  if (!type) throw badRequest(`Property '${column.name}' (${column.type}) cannot be used in an expression.`);
  return type;
}
