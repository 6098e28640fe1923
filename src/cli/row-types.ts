// The text `kinetic-sql codegen` writes: a TypeScript row type per table and BAQ of a catalog, and
// kysely's `DB` interface. A pure function of the catalog, so tests can compile its output.
import type { Catalog, CatalogColumn, CatalogTable, EdmType } from '../index.ts';

export interface RowTypesOptions {
  /** The connection's DecimalsAsStrings: Edm.Decimal values are strings, an Int64 beyond 2^53 too. */
  readonly decimalsAsStrings: boolean;
  /** Only these tables (names compared without regard to case); all when absent. */
  readonly tables?: readonly string[];
}

// What the driver returns per EDM type (README, "Values"; src/engine/convert.ts). A Record over every
// EdmType, so a type added to the EDM table fails to compile here until it is mapped.
const TS_TYPES: Readonly<Record<EdmType, { plain: string; exact: string }>> = {
  'Edm.String': { plain: 'string', exact: 'string' },
  'Edm.Guid': { plain: 'string', exact: 'string' },
  'Edm.Boolean': { plain: 'boolean', exact: 'boolean' },
  'Edm.Byte': { plain: 'number', exact: 'number' },
  'Edm.SByte': { plain: 'number', exact: 'number' },
  'Edm.Int16': { plain: 'number', exact: 'number' },
  'Edm.Int32': { plain: 'number', exact: 'number' },
  'Edm.Int64': { plain: 'number', exact: 'number | string' },
  'Edm.Decimal': { plain: 'number', exact: 'string' },
  'Edm.Double': { plain: 'number', exact: 'number' },
  'Edm.Single': { plain: 'number', exact: 'number' },
  'Edm.DateTime': { plain: 'Date', exact: 'Date' },
  'Edm.DateTimeOffset': { plain: 'Date', exact: 'Date' },
  'Edm.Date': { plain: 'string', exact: 'string' },
  'Edm.Time': { plain: 'string', exact: 'string' },
  'Edm.TimeOfDay': { plain: 'string', exact: 'string' },
  'Edm.Binary': { plain: 'string', exact: 'string' },
};

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/**
 * The TypeScript type of a column's values as the driver returns them, `| null` for a nullable column.
 * A type the driver does not know (a catalog read from an older cache) is `unknown`.
 *
 * @example
 * ```ts
 * tsTypeOf({ name: 'OrderAmt', type: 'Edm.Decimal', nullable: true, isKey: false }, { decimalsAsStrings: false }); // 'number | null'
 * ```
 */
export function tsTypeOf(column: CatalogColumn, options: Pick<RowTypesOptions, 'decimalsAsStrings'>): string {
  const known = Object.hasOwn(TS_TYPES, column.type) ? TS_TYPES[column.type] : undefined;
  const base = known ? (options.decimalsAsStrings ? known.exact : known.plain) : 'unknown';
  return column.nullable && base !== 'unknown' ? `${base} | null` : base;
}

/** A property name or string key, quoted when it is not an identifier. */
export function propertyKey(name: string): string {
  return IDENTIFIER.test(name) ? name : JSON.stringify(name);
}

/** The last part of a service name: `SalesOrderSvc` for `Erp.BO.SalesOrderSvc`. */
export function shortService(service: string): string {
  return service.slice(service.lastIndexOf('.') + 1);
}

/** A TypeScript type name made of `parts`: characters outside identifiers dropped, a leading digit prefixed. */
function typeName(...parts: string[]): string {
  const name = parts.map((p) => p.replace(/[^A-Za-z0-9_$]/g, '_')).join('_');
  return /^[0-9]/.test(name) ? `_${name}` : name;
}

interface Entry {
  readonly table: CatalogTable;
  /** The name in SQL and the `DB` key: the table's name, or `Service.Table` when several services have it. */
  readonly sqlName: string;
  readonly rowType: string;
}

function entries(catalog: Catalog, only: readonly string[] | undefined): Entry[] {
  const all = catalog.services.flatMap((s) => s.tables);
  const count = new Map<string, number>();
  for (const t of all) count.set(t.name.toLowerCase(), (count.get(t.name.toLowerCase()) ?? 0) + 1);
  const wanted = only && new Set(only.map((n) => n.toLowerCase()));
  const result: Entry[] = [];
  for (const table of all) {
    const ambiguous = (count.get(table.name.toLowerCase()) ?? 0) > 1;
    const sqlName = ambiguous ? `${shortService(table.service)}.${table.name}` : table.name;
    if (wanted && !wanted.has(table.name.toLowerCase()) && !wanted.has(sqlName.toLowerCase())) continue;
    const rowType = ambiguous ? typeName(shortService(table.service), `${table.name}Row`) : typeName(`${table.name}Row`);
    result.push({ table, sqlName, rowType });
  }
  return result;
}

function doc(text: string, indent = ''): string {
  return `${indent}/** ${text.replace(/\*\//g, '* /').replace(/\s+/g, ' ').trim()} */\n`;
}

function rowInterface(entry: Entry, options: RowTypesOptions): string {
  const { table } = entry;
  const what = table.kind === 'view' ? `BAQ ${table.name}` : `${table.name} (${table.service})`;
  const keys = table.keys.length > 0 ? `; key ${table.keys.join(', ')}` : '';
  let text = doc(`${what}${keys}.${table.description ? ` ${table.description}` : ''}`);
  text += `export interface ${entry.rowType} {\n`;
  for (const c of table.columns) {
    if (c.description) text += doc(c.description, '  ');
    text += `  ${propertyKey(c.name)}: ${tsTypeOf(c, options)};\n`;
  }
  text += '}\n';
  if (table.parameters.length > 0) {
    text += '\n' + doc(`The parameters of BAQ ${table.name}: pseudo-columns of WHERE (\`WHERE ${table.parameters[0]?.name} = ?\`), not result columns.`);
    text += `export interface ${paramsType(entry)} {\n`;
    for (const p of table.parameters) {
      text += `  ${propertyKey(p.name)}${p.required ? '' : '?'}: ${tsTypeOf({ name: p.name, type: p.type, nullable: false, isKey: false }, options)};\n`;
    }
    text += '}\n';
  }
  return text;
}

const paramsType = (entry: Entry): string => entry.rowType.replace(/Row$/, 'Params');

/**
 * The TypeScript module `kinetic-sql codegen` writes: one exported interface per table and BAQ
 * (`CustomersRow`, `zCustomer01Row`, with `zCustomer01Params` for a BAQ's parameters), typed as the
 * driver returns values, and kysely's `DB` interface (SQL name -> row type). A table found in several
 * services is named `Service.Table` (`PartSvc.EntityGLCs`, type `PartSvc_EntityGLCsRow`).
 *
 * @example
 * ```ts
 * writeFileSync('db-types.ts', renderRowTypes(db.catalog, { decimalsAsStrings: false }));
 * ```
 */
export function renderRowTypes(catalog: Catalog, options: RowTypesOptions): string {
  const list = entries(catalog, options.tables);
  const services = catalog.services.map((s) => s.service).join(', ');
  const header =
    '// Generated by `kinetic-sql codegen` from the metadata of the connection. Do not edit by hand: run it again.\n' +
    `// Services: ${services}. DecimalsAsStrings=${options.decimalsAsStrings}.\n` +
    '// Values are typed as the driver returns them: Edm.DateTime(Offset) as Date, decimals as ' +
    `${options.decimalsAsStrings ? 'strings' : 'numbers'}, nullable columns \`| null\`.\n\n`;
  const rows = list.map((e) => rowInterface(e, options)).join('\n');
  let db = doc("The tables and BAQs by the name SQL uses, for kysely: `new Kysely<DB>({ dialect: new KineticDialect({ connection: db }) })`. A BAQ's entry includes its parameters, so that `where('zipCode', '=', zip)` is typed.");
  db += 'export interface DB {\n';
  for (const e of list) db += `  ${propertyKey(e.sqlName)}: ${e.table.parameters.length > 0 ? `${e.rowType} & ${paramsType(e)}` : e.rowType};\n`;
  db += '}\n';
  return `${header}${rows}\n${db}`;
}
