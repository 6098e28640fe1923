import { KineticSqlError } from '../errors.ts';

/** Why a construct is refused when nothing more specific applies. */
export const NOT_PUSHABLE = "Epicor's OData API cannot express it, and this version of the driver computes nothing in the client";

/**
 * The ESQL_UNSUPPORTED error for a construct the driver does not run, named in the message.
 *
 * @example
 * ```ts
 * throw unsupported('JOIN'); // "JOIN is not supported: Epicor's OData API cannot express it, ..."
 * throw unsupported('LTRIM()', "OData's trim trims both sides");
 * ```
 */
export function unsupported(construct: string, reason = NOT_PUSHABLE, cause?: unknown): KineticSqlError {
  return new KineticSqlError('ESQL_UNSUPPORTED', `${construct} is not supported: ${reason}.`, cause === undefined ? undefined : { cause });
}

// Errors that say the statement itself is wrong wherever it runs (a literal of the wrong type, `= NULL`,
// a BAQ parameter misused): the planner must not read them as "OData cannot do this, run it locally".
const definitive = new WeakSet<KineticSqlError>();

/**
 * An ESQL_UNSUPPORTED error that no other way of running the statement would avoid.
 *
 * @example
 * ```ts
 * throw refused('Comparing with NULL', 'write IS NULL or IS NOT NULL');
 * ```
 */
export function refused(construct: string, reason: string): KineticSqlError {
  return markDefinitive(unsupported(construct, reason));
}

export function markDefinitive(err: KineticSqlError): KineticSqlError {
  definitive.add(err);
  return err;
}

/** Is this an error that running the statement elsewhere (locally) would not avoid? */
export function isDefinitive(err: unknown): boolean {
  return err instanceof KineticSqlError && definitive.has(err);
}
