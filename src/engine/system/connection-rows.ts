import { maskSecrets, PROPERTIES } from '../../config/catalog.ts';
import type { Config } from '../../config/types.ts';
import { SYSTEM_CATALOG_NAME } from '../../metadata/system-tables.ts';
import { CAPABILITIES } from '../../plan/capabilities.ts';
import type { IdentityLog } from '../identity-log.ts';
import { SQLSERVER_AGGREGATES, SQLSERVER_FUNCTIONS } from '../sqlite/functions.ts';
import { jdbcType } from './data-types.ts';
import type { SystemProcedure, SystemProcedureColumn } from './system-sources.ts';

type Row = Record<string, unknown>;

/** The first sentence of a description. */
function short(description: string): string {
  // The first sentence: a stop that ends an abbreviation (e.g., i.e.) or sits inside a URL does not count.
  const m = /^(.*?(?<!\be\.g|\bi\.e|\betc)[.!?])(\s+[A-Z0-9`(]|\s*$)/s.exec(description);
  return m?.[1] ?? description;
}

/** Every property the driver knows, with this connection's value; a set secret shows as ********. */
export function connectionPropRows(config: Config): Row[] {
  const values = maskSecrets(config.properties);
  const valueOf = (name: string): string | null => {
    const key = Object.keys(values).find((k) => k.toLowerCase() === name.toLowerCase());
    return key === undefined ? null : (values[key] ?? null);
  };
  return PROPERTIES.map((p) => ({
    Name: p.name, ShortDescription: short(p.description), Type: p.type, Values: p.values?.join(',') ?? null,
    Default: p.default ?? null, Category: p.category, Required: p.required === true, Value: valueOf(p.name),
  }));
}

/** What the SQL of this connection can do: fixed facts and the capability table of its API version. */
export function sqlInfoRows(config: Config): Row[] {
  const caps = CAPABILITIES[config.apiVersion];
  const pushed = Object.entries(caps.functions).filter(([, f]) => 'odata' in f).map(([name]) => name);
  const info: [string, string][] = [
    ['PRODUCT_NAME', 'Epicor Kinetic'],
    ['DRIVER_NAME', 'epicor-kinetic-sql'],
    ['API_VERSION', config.apiVersion],
    ['ODATA_VERSION', config.apiVersion === 'v1' ? '3.0' : '4.0'],
    ['IDENTIFIER_QUOTE_OPEN_CHAR', '['],
    ['IDENTIFIER_QUOTE_CLOSE_CHAR', ']'],
    ['SUPPORTED_OPERATORS', '=,<>,!=,<,<=,>,>=,LIKE,NOT LIKE,IN,NOT IN,BETWEEN,IS NULL,IS NOT NULL,AND,OR,NOT'],
    ['SUPPORTED_FUNCTIONS', Object.keys(SQLSERVER_FUNCTIONS).sort().join(',')],
    ['AGGREGATE_FUNCTIONS', ['COUNT', 'SUM', 'AVG', 'MIN', 'MAX', ...Object.keys(SQLSERVER_AGGREGATES)].filter((v, i, a) => a.indexOf(v) === i).join(',')],
    ['PUSHDOWN_FUNCTIONS', pushed.join(',')],
    ['PUSHDOWN_OPERATORS', caps.operators.join(',')],
    ['PUSHDOWN_CONTAINS', caps.contains],
    ['PUSHDOWN_COUNT', caps.count],
    ['SUPPORTS_JOINS', 'YES'],
    ['SUPPORTS_OUTER_JOINS', 'LEFT,RIGHT,FULL'],
    ['SUPPORTS_GROUPBY', 'YES'],
    ['SUPPORTS_HAVING', 'YES'],
    ['SUPPORTS_DISTINCT', 'YES'],
    ['SUPPORTS_UNION', 'UNION,UNION ALL,INTERSECT,EXCEPT'],
    ['SUPPORTS_SUBQUERIES', 'YES'],
    ['SUPPORTS_WINDOW_FUNCTIONS', 'YES'],
    ['SUPPORTS_CTE', 'YES'],
    ['PARAMETER_MARKERS', '?,@name'],
    ['PROCEDURE_CALL', 'EXEC,EXECUTE'],
    ['READONLY', config.readonly ? 'YES' : 'NO'],
    ['MAX_URL_LENGTH', String(config.maxUrlLength)],
    ['PAGESIZE', String(config.pagesize)],
    ['MAX_LOCAL_ROWS', String(config.maxLocalRows)],
  ];
  return info.map(([NAME, VALUE]) => ({ NAME, VALUE }));
}

/** One row per key-holding row of the connection's last INSERT (empty before any). */
export function identityRows(identities: IdentityLog | undefined): Row[] {
  return (identities?.rows() ?? []).map((r, i) => {
    const keys = Object.keys(r.keys);
    const column = keys.at(-1) ?? null;
    const id = column === null ? null : r.keys[column];
    return { Id: id === null || id === undefined ? null : String(id), TableName: r.table, ColumnName: column, Keys: JSON.stringify(r.keys), Batch: i + 1, Operation: 'INSERTED', Message: 'SUCCESS' };
  });
}

export function procedureRows(procedures: readonly SystemProcedure[]): Row[] {
  return procedures.map((p) => ({ CatalogName: SYSTEM_CATALOG_NAME, SchemaName: p.schema, ProcedureName: p.name, Description: p.description, ProcedureType: 'STOREDPROCEDURE', IsReadOnly: p.readOnly }));
}

export function procedureParameterRows(procedures: readonly SystemProcedure[]): Row[] {
  const row = (p: SystemProcedure, c: SystemProcedureColumn, direction: number, i: number): Row => ({
    CatalogName: SYSTEM_CATALOG_NAME, SchemaName: p.schema, ProcedureName: p.name, ColumnName: c.name, Direction: direction,
    DataTypeName: c.dataType, DataType: jdbcType(c.dataType), Length: null, NumericPrecision: null, NumericScale: null,
    IsNullable: !c.required, IsRequired: c.required, Description: c.description, Ordinal: i + 1,
  });
  return procedures.flatMap((p) => [...p.parameters.map((c, i) => row(p, c, 1, i)), ...p.columns.map((c, i) => row(p, c, 4, i))]);
}
