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
export function unsupported(construct: string, reason = NOT_PUSHABLE): KineticSqlError {
  return new KineticSqlError('ESQL_UNSUPPORTED', `${construct} is not supported: ${reason}.`);
}
