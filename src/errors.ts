/**
 * Every code the driver throws, with the class that owns it and what it means. A code belongs to one
 * class: an `EPROPERTY` error is always a {@link KineticPropertyError}, and so on. The README's table of
 * codes is checked against this one by a test.
 */
export const ERROR_CODES = {
  EPROPERTY: { owner: 'KineticPropertyError', meaning: 'a connection property is unknown, missing or invalid' },
  ESQL_SYNTAX: { owner: 'KineticSqlError', meaning: 'the SQL text does not parse (with `line` and `column`)' },
  ESQL_UNSUPPORTED: { owner: 'KineticSqlError', meaning: 'the statement uses something the driver does not run' },
  ENO_TABLE: { owner: 'KineticSqlError', meaning: 'a table, view or service is not in the connection' },
  ENO_COLUMN: { owner: 'KineticSqlError', meaning: 'a column is not in its table' },
  EPARAM: { owner: 'KineticSqlError', meaning: 'a parameter value is missing, extra or of the wrong type' },
  ESQL_RUNTIME: { owner: 'KineticSqlError', meaning: 'the statement failed while it ran in the client, as SQL Server would fail it (a bad conversion, an invalid length)' },
  EREADONLY: { owner: 'KineticSqlError', meaning: 'a write (statement or procedure that writes) on a Readonly=true connection, or to a column the catalog marks read-only' },
  ELIMIT: { owner: 'KineticSqlError', meaning: 'the query needs more rows in the client than `MaxLocalRows` allows' },
  EHTTP: { owner: 'KineticHttpError', meaning: 'Epicor answered with an HTTP error (with `status`, `url`, Epicor\'s fields)' },
  ELICENSE: { owner: 'KineticHttpError', meaning: "Epicor has no free licence for the request: all of the tenant's web-service licences are in use (reads are retried first)" },
  EAUTH: { owner: 'KineticHttpError', meaning: 'Epicor refused the credentials (401/403), or no usable token' },
  ETIMEOUT: { owner: 'KineticHttpError', meaning: 'a request took longer than `Timeout`' },
  EABORTED: { owner: 'KineticHttpError', meaning: 'the call was cancelled by its `signal`' },
  EPROTOCOL: { owner: 'KineticHttpError', meaning: 'Epicor sent something that is not a valid OData answer' },
  ECLOSED: { owner: 'KineticConnectionError', meaning: 'the connection was closed' },
  EPROCEDURE: { owner: 'KineticProcedureError', meaning: 'an unknown procedure, or a bad procedure argument' },
  EOAUTH: { owner: 'KineticOAuthError', meaning: 'an OAuth flow failed or is not available' },
} as const;

/** The stable codes of {@link KineticError}: match on these, not on messages. */
export type KineticErrorCode = keyof typeof ERROR_CODES;

type CodesOf<Owner extends string> = {
  [C in KineticErrorCode]: (typeof ERROR_CODES)[C]['owner'] extends Owner ? C : never;
}[KineticErrorCode];

export type PropertyErrorCode = CodesOf<'KineticPropertyError'>;
export type SqlErrorCode = CodesOf<'KineticSqlError'>;
export type HttpErrorCode = CodesOf<'KineticHttpError'>;
export type ConnectionErrorCode = CodesOf<'KineticConnectionError'>;
export type ProcedureErrorCode = CodesOf<'KineticProcedureError'>;
export type OAuthErrorCode = CodesOf<'KineticOAuthError'>;

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
  /** A statement that writes several rows and failed part-way: the rows already written (see docs/writes.md). */
  applied?: readonly WriteRow[];
  /** ...and the row that failed first, followed by the rows not attempted. */
  failed?: readonly WriteRow[];
}

/**
 * One row of a write, in `applied` and `failed`: for INSERT the values sent (`applied` holds the keys of
 * the rows Epicor created), for UPDATE and DELETE the row's key columns.
 */
export type WriteRow = Readonly<Record<string, unknown>>;

/** The longest text a quoted value keeps in a message ({@link quoteForMessage}). */
export const MAX_QUOTED_LENGTH = 200;
/** The longest message an error has: beyond it, the middle is left out (the start and the advice at the end stay). */
export const MAX_MESSAGE_LENGTH = 2000;

/**
 * A value as an error message quotes it: whole when short, else its first {@link MAX_QUOTED_LENGTH}
 * characters and its length, so that a 1 MB bad value does not make a 1 MB message.
 *
 * @example
 * ```ts
 * quoteForMessage('x'.repeat(5000)); // 'xxx…x… (5000 characters)' (200 x)
 * ```
 */
export function quoteForMessage(text: string, max = MAX_QUOTED_LENGTH): string {
  if (text.length <= max) return text;
  return `${prefix(text, max)}… (${text.length} characters)`;
}

/** The first `n` UTF-16 units of `text`, one fewer rather than half a surrogate pair. */
function prefix(text: string, n: number): string {
  const code = text.charCodeAt(n - 1);
  return text.slice(0, code >= 0xd800 && code <= 0xdbff ? n - 1 : n);
}

function boundedMessage(message: string): string {
  if (message.length <= MAX_MESSAGE_LENGTH) return message;
  const head = prefix(message, 1200);
  const tail = [...message.slice(-601)].slice(-600).join('');
  return `${head} … (${message.length - head.length - tail.length} characters left out) … ${tail}`;
}

// A brand rather than the prototype chain, so that `instanceof` holds for errors thrown by another
// installed copy of the package (two versions side by side in node_modules).
const BRAND = Symbol.for('epicor-kinetic-sql.error-classes');

function branded(value: unknown, className: string): boolean {
  if (typeof value !== 'object' || value === null) return false;
  const classes = (value as { [BRAND]?: unknown })[BRAND];
  return Array.isArray(classes) && classes.includes(className);
}

/**
 * The base class of every error the driver throws, with a stable string `code`; each subclass owns its
 * codes (see `ERROR_CODES`). Match on `code`, not on the message: messages may be reworded, codes are
 * part of the public contract. `instanceof` works across two installed copies of the package.
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
export abstract class KineticError extends Error {
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
  /** For a write that failed part-way: the rows written before the failure (their keys). */
  readonly applied?: readonly WriteRow[];
  /** For a write that failed part-way: the row that failed, then the rows not attempted. */
  readonly failed?: readonly WriteRow[];
  declare readonly [BRAND]: readonly string[];

  static override [Symbol.hasInstance](value: unknown): boolean {
    return branded(value, this.name);
  }

  protected constructor(code: KineticErrorCode, message: string, options: KineticErrorOptions = {}) {
    super(boundedMessage(message), options.cause === undefined ? undefined : { cause: options.cause });
    const classes: string[] = [];
    for (let c: unknown = new.target; typeof c === 'function' && c !== Error; c = Object.getPrototypeOf(c)) classes.push((c as { name: string }).name);
    Object.defineProperty(this, BRAND, { value: Object.freeze(classes) });
    this.code = code;
    if (options.status !== undefined) this.status = options.status;
    if (options.url !== undefined) this.url = options.url;
    if (options.errorMessage !== undefined) this.errorMessage = options.errorMessage;
    if (options.errorType !== undefined) this.errorType = options.errorType;
    if (options.correlationId !== undefined) this.correlationId = options.correlationId;
    if (options.line !== undefined) this.line = options.line;
    if (options.column !== undefined) this.column = options.column;
    if (options.name !== undefined) this.subject = options.name;
    if (options.applied !== undefined) this.applied = options.applied;
    if (options.failed !== undefined) this.failed = options.failed;
  }

  /** {@link errorMessage} under the name Epicor's error body gives it. */
  get ErrorMessage(): string | undefined {
    return this.errorMessage;
  }

  /** {@link errorType} under the name Epicor's error body gives it. */
  get ErrorType(): string | undefined {
    return this.errorType;
  }

  /** {@link correlationId} under the name Epicor's error body gives it. */
  get CorrelationId(): string | undefined {
    return this.correlationId;
  }
}

/** A connection property is unknown, missing or invalid (`EPROPERTY`). */
export class KineticPropertyError extends KineticError {
  override readonly name: string = 'KineticPropertyError';
  declare readonly code: PropertyErrorCode;
  constructor(code: PropertyErrorCode, message: string, options?: KineticErrorOptions) {
    super(code, message, options);
  }
}

/** The SQL text could not be parsed, is not supported, names something that does not exist, or its parameters are wrong. */
export class KineticSqlError extends KineticError {
  override readonly name: string = 'KineticSqlError';
  declare readonly code: SqlErrorCode;
  constructor(code: SqlErrorCode, message: string, options?: KineticErrorOptions) {
    super(code, message, options);
  }
}

/** A request to Epicor failed or was cancelled, or Epicor's answer was not valid: carries status, URL and Epicor's error fields. */
export class KineticHttpError extends KineticError {
  override readonly name: string = 'KineticHttpError';
  declare readonly code: HttpErrorCode;
  constructor(code: HttpErrorCode, message: string, options?: KineticErrorOptions) {
    super(code, message, options);
  }
}

/** The connection can no longer be used (`ECLOSED`). */
export class KineticConnectionError extends KineticError {
  override readonly name: string = 'KineticConnectionError';
  declare readonly code: ConnectionErrorCode;
  constructor(code: ConnectionErrorCode, message: string, options?: KineticErrorOptions) {
    super(code, message, options);
  }
}

/** A stored procedure is unknown or was called with bad arguments (`EPROCEDURE`). */
export class KineticProcedureError extends KineticError {
  override readonly name: string = 'KineticProcedureError';
  declare readonly code: ProcedureErrorCode;
  constructor(code: ProcedureErrorCode, message: string, options?: KineticErrorOptions) {
    super(code, message, options);
  }
}

/** An OAuth flow failed, or is not available for the connection's settings (`EOAUTH`). */
export class KineticOAuthError extends KineticError {
  override readonly name: string = 'KineticOAuthError';
  declare readonly code: OAuthErrorCode;
  constructor(code: OAuthErrorCode, message: string, options?: KineticErrorOptions) {
    super(code, message, options);
  }
}

/** Throws when a switch over a union type reaches a value no branch handled: a programming error. */
export function assertNever(value: never, what = 'value'): never {
  throw new Error(`Unhandled ${what}: ${JSON.stringify(value)}`);
}
