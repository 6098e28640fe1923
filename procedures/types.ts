import type { ConnectionAuth } from '../src/auth/connection-auth.ts';
import type { Config } from '../src/config/types.ts';
import type { Catalog } from '../src/metadata/catalog.ts';
import type { ResultColumn } from '../src/plan/types.ts';

/**
 * The type of a procedure parameter; values are checked against it when a call is bound. `decimal` takes
 * any number, `datetime` a Date or an ISO 8601 string, `json` an object or array (or a string holding
 * JSON): a structured value such as an Epicor tableset (`ds`).
 */
export type ParameterType = 'string' | 'int' | 'bool' | 'decimal' | 'datetime' | 'json';

/** One input of a stored procedure, as data: binding, errors, docs and sys_procedureparameters read it. */
export interface ParameterDefinition {
  readonly name: string;
  readonly type: ParameterType;
  readonly required: boolean;
  /** Used when the caller gives no value. */
  readonly default?: string;
  /** Allowed values (matched case-insensitively, passed on in this spelling). */
  readonly values?: readonly string[];
  /** Never logged, never shown in an error. */
  readonly secret?: boolean;
  readonly description: string;
}

/** Bound arguments: every declared parameter by its canonical name, undefined when unset. */
export type ProcedureArgs = Readonly<Record<string, string | number | boolean | object | undefined>>;

/** What a procedure may use of the connection that runs it. */
export interface ProcedureContext {
  readonly config: Config;
  /** The connection's auth (present for connections opened by connect()). */
  readonly auth: ConnectionAuth | undefined;
  readonly log: (message: string, level?: number) => void;
  /** The connection's catalog (custom methods are looked up there); read only when a method is called. */
  readonly catalog?: () => Catalog;
  /** POSTs a JSON body to Epicor and resolves its JSON answer (custom methods, Epicor Functions). */
  readonly post?: (url: string, body: unknown) => Promise<unknown>;
}

/** The rows a procedure returns, in the shape of `execute()`'s answer. */
export interface ProcedureResult {
  readonly rows: Record<string, unknown>[];
  readonly columns: readonly ResultColumn[];
  readonly rowsAffected: number;
}

/** A stored procedure: its parameters and result columns as data, and `run`. */
export interface ProcedureDefinition {
  readonly name: string;
  /** True for a procedure that changes nothing in Epicor (Readonly=true allows only these). Default true. */
  readonly readOnly?: boolean;
  readonly description: string;
  readonly parameters: readonly ParameterDefinition[];
  readonly columns: readonly ResultColumn[];
  run(args: ProcedureArgs, context: ProcedureContext): Promise<Record<string, unknown>[]>;
}
