/**
 * The simulator's data model: services, entity sets, BAQs. Built from the real service schemas in
 * src/simulator/schemas, seeded into an in-memory SQLite database. The simulator imports nothing from the
 * driver, not even a type (test/layering.test.ts): it keeps its own list of the EDM types it serves.
 */

/** The EDM primitive types the simulator serves (the driver's EDM table knows each: test/simulator/model.test.ts). */
export const SIM_EDM_TYPES = [
  'Edm.String', 'Edm.Boolean', 'Edm.Byte', 'Edm.SByte', 'Edm.Int16', 'Edm.Int32', 'Edm.Int64', 'Edm.Decimal',
  'Edm.Double', 'Edm.Single', 'Edm.DateTime', 'Edm.DateTimeOffset', 'Edm.Date', 'Edm.Time', 'Edm.TimeOfDay',
  'Edm.Guid', 'Edm.Binary',
] as const;

export type EdmType = (typeof SIM_EDM_TYPES)[number];

export interface SimColumn {
  readonly name: string;
  readonly type: EdmType;
  readonly nullable: boolean;
  readonly maxLength?: number;
  readonly precision?: number;
  readonly scale?: number;
  readonly description?: string;
}

export interface SimNavigation {
  /** Navigation property name (`OrderDtls` on SalesOrderHed). */
  readonly name: string;
  /** Target entity set name in the same service. */
  readonly target: string;
  readonly many: boolean;
  /** Columns of this set matched to `toColumns` of the target (same length, same order). */
  readonly fromColumns: readonly string[];
  readonly toColumns: readonly string[];
}

export interface SimEntitySet {
  readonly name: string;
  readonly service: string;
  /** Entity type name (`CustomerRow`). */
  readonly entityType: string;
  readonly columns: readonly SimColumn[];
  readonly keys: readonly string[];
  /** SQLite table holding the rows; column names equal the OData property names. */
  readonly table: string;
  readonly navigation: readonly SimNavigation[];
  /**
   * How system-assigned numbers are made on POST when the body sends 0 (e.g. CustNum, OrderNum):
   * the column is set to max(column)+1 within the company.
   */
  readonly autoNumber?: string;
}

export interface SimService {
  readonly name: string;
  readonly entitySets: readonly SimEntitySet[];
  /** Custom method names the service document advertises (from the real schema). */
  readonly methods: readonly string[];
}

export interface SimBaqParameter {
  readonly name: string;
  readonly type: EdmType;
  readonly required: boolean;
}

export interface SimBaq {
  /** BAQ id as it appears in URLs (`zCustomer01`, `68138-HSCustomers`). */
  readonly id: string;
  readonly description: string;
  readonly columns: readonly SimColumn[];
  readonly parameters: readonly SimBaqParameter[];
  /**
   * SQLite SELECT producing exactly `columns` (same names), for one company. It uses the named SQLite
   * parameter `@company` and one `@<name>` per BAQ parameter (null when an optional one is absent).
   */
  readonly sql: string;
}

export interface SimModel {
  readonly services: readonly SimService[];
  readonly baqs: readonly SimBaq[];
  /** Company ids present in the data; the first is the default. */
  readonly companies: readonly string[];
}

/** How values are stored in SQLite, per EDM type (the server converts to JSON on the way out). */
export const STORAGE_NOTES = `
Edm.String TEXT; Edm.Boolean INTEGER 0/1; Edm.Int16/Int32/Int64/Byte INTEGER; Edm.Decimal/Double REAL;
Edm.DateTime/DateTimeOffset TEXT 'YYYY-MM-DDTHH:MM:SS' (UTC, no offset); Edm.Guid TEXT lower-case;
NULL for null.`;
