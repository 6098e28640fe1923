/** A request the evaluator refuses: 400 bad input, 404 not found, 501 valid OData the simulator lacks. */
export type ODataQueryErrorStatus = 400 | 404 | 501;

/**
 * Thrown by {@link runQuery} for bad or unsupported query options; the message says what is wrong and,
 * where it can, what to write instead. The server turns it into Epicor's error body with `status`.
 *
 * @example
 * try { runQuery(db, source, { filter: "Nmae eq 'x'" }, { version: 'v2' }); }
 * catch (e) { if (e instanceof ODataQueryError) console.log(e.status, e.message); } // 400 Unknown property...
 */
export class ODataQueryError extends Error {
  override readonly name = 'ODataQueryError';
  readonly status: ODataQueryErrorStatus;

  constructor(message: string, status: ODataQueryErrorStatus = 400) {
    super(message);
    this.status = status;
  }
}

/** Shorthand for a 400. */
export function badRequest(message: string): ODataQueryError {
  return new ODataQueryError(message, 400);
}

/** Shorthand for a 501: well-formed OData that this simulator does not implement. */
export function notImplemented(message: string): ODataQueryError {
  return new ODataQueryError(message, 501);
}
