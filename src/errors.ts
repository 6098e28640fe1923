/** The stable codes of {@link KineticError}: match on these, not on messages. */
export type KineticErrorCode =
  | 'EPROPERTY'
  | 'ESQL_SYNTAX'
  | 'ESQL_UNSUPPORTED'
  | 'ENO_TABLE'
  | 'ENO_COLUMN'
  | 'EPARAM'
  | 'EHTTP'
  | 'EAUTH'
  | 'ETIMEOUT'
  | 'EABORTED'
  | 'EREADONLY'
  | 'EPROCEDURE'
  | 'EOAUTH'
  | 'ECACHE'
  | 'ECLOSED'
  | 'EPROTOCOL';

export interface KineticErrorOptions {
  cause?: unknown;
  /** HTTP status of the failed request, when there was one. */
  status?: number;
  /** URL of the failed request with credentials removed. */
  url?: string;
  /** Epicor's `ErrorMessage` from the error body. */
  errorMessage?: string;
  /** Epicor's `ErrorType` from the error body, for example `Ice.Common.BusinessObjectException`. */
  errorType?: string;
  /** Epicor's `CorrelationId`, to quote to the Epicor administrator. */
  correlationId?: string;
  /** For ESQL_SYNTAX: 1-based line and column of the problem in the SQL text. */
  line?: number;
  column?: number;
  /** For EPROPERTY, EPARAM, ENO_COLUMN...: the name the error is about. */
  name?: string;
}

/**
 * The base class of every error the driver throws, with a stable string `code` (subclasses group them).
 * Match on `code`, not on the message: messages may be reworded, codes are part of the public contract.
 *
 * @example
 * ```ts
 * try {
 *   await db.query('SELECT Nme FROM Customers');
 * } catch (err) {
 *   if (err instanceof KineticError && err.code === 'ENO_COLUMN') console.error(err.message);
 *   else throw err;
 * }
 * ```
 */
export class KineticError extends Error {
  override readonly name: string = 'KineticError';
  readonly code: KineticErrorCode;
  readonly status?: number;
  readonly url?: string;
  readonly errorMessage?: string;
  readonly errorType?: string;
  readonly correlationId?: string;
  readonly line?: number;
  readonly column?: number;
  readonly subject?: string;

  constructor(code: KineticErrorCode, message: string, options: KineticErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    if (options.status !== undefined) this.status = options.status;
    if (options.url !== undefined) this.url = options.url;
    if (options.errorMessage !== undefined) this.errorMessage = options.errorMessage;
    if (options.errorType !== undefined) this.errorType = options.errorType;
    if (options.correlationId !== undefined) this.correlationId = options.correlationId;
    if (options.line !== undefined) this.line = options.line;
    if (options.column !== undefined) this.column = options.column;
    if (options.name !== undefined) this.subject = options.name;
  }
}

/** An HTTP request to Epicor failed (`EHTTP`, `EAUTH`, `ETIMEOUT`): carries status, URL and Epicor's error fields. */
export class KineticHttpError extends KineticError {
  override readonly name: string = 'KineticHttpError';
}

/** The SQL text could not be parsed, is not supported, or names something that does not exist. */
export class KineticSqlError extends KineticError {
  override readonly name: string = 'KineticSqlError';
}

/** A connection property is unknown, missing or invalid (`EPROPERTY`). */
export class KineticPropertyError extends KineticError {
  override readonly name: string = 'KineticPropertyError';
}

/** Throws when a switch over a union type reaches a value no branch handled: a programming error. */
export function assertNever(value: never, what = 'value'): never {
  throw new Error(`Unhandled ${what}: ${JSON.stringify(value)}`);
}
