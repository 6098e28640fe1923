import type { Catalog } from '../../metadata/catalog.ts';

/** One parameter or result column of a procedure, as sys_procedureparameters lists it. */
export interface SystemProcedureColumn {
  readonly name: string;
  /** SQL type name: string, int, bigint, decimal, double, bool, datetime, json (a structured value). */
  readonly dataType: string;
  readonly required: boolean;
  readonly description: string;
}

/** A procedure as sys_procedures lists it. */
export interface SystemProcedure {
  /** The schema: `sys` for the driver's own procedures, the service for a custom method. */
  readonly schema: string;
  readonly name: string;
  readonly description: string;
  readonly readOnly: boolean;
  readonly parameters: readonly SystemProcedureColumn[];
  /** Result columns known before the call (empty for a method: its columns come from its answer). */
  readonly columns: readonly SystemProcedureColumn[];
}

/**
 * What the system tables read, handed to the executor by the connection: its current catalog (after the
 * Tables and Views filters) and its procedures. Nothing here makes a request.
 */
export interface SystemSources {
  readonly catalog: Catalog;
  readonly procedures: () => readonly SystemProcedure[];
}
