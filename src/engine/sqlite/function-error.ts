/**
 * The error a SQL Server function raises at run time (a negative length for LEFT, an invalid date for
 * DATEFROMPARTS...). better-sqlite3 rethrows the very object a registered function throws, so the engine
 * can catch this class around `stmt.all()`/`iterate()` and wrap it in the driver's error with a code.
 * The message is SQL Server's own text; `number` is SQL Server's message number, for looking it up.
 */
export class SqlServerFunctionError extends Error {
  override readonly name = 'SqlServerFunctionError';
  constructor(
    /** SQL Server's message number (536 for "Invalid length parameter passed to the left function."). */
    readonly number: number,
    message: string,
  ) {
    super(message);
  }
}

/**
 * `number` of an error that SQL Server would not raise: the statement is valid there, but the local engine
 * lacks it (a FORMAT pattern, a culture, a conversion). The engine should report it as ESQL_UNSUPPORTED.
 */
export const UNSUPPORTED = 0;

/** `number` of an error for a result over the local engine's size limit (MAX_TEXT_LENGTH characters). */
export const LOCAL_LIMIT = -1;
