import { KineticSqlError } from '../errors.ts';

/**
 * The ESQL_UNSUPPORTED error for a construct the driver does not run yet, named in the message.
 *
 * @example
 * ```ts
 * throw unsupported('JOIN'); // "JOIN is not supported yet: the local engine will run it."
 * ```
 */
export function unsupported(construct: string, reason = 'the local engine will run it'): KineticSqlError {
  return new KineticSqlError('ESQL_UNSUPPORTED', `${construct} is not supported yet: ${reason}.`);
}
