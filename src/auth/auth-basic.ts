import { KineticPropertyError } from '../errors.ts';
import type { AuthProvider } from './auth-provider.ts';

/**
 * HTTP Basic authentication (AuthScheme=Basic): `Authorization: Basic base64(user:password)` on every request.
 * A missing User is reported when the first request is made, so that `explain()` works without credentials.
 *
 * @example
 * ```ts
 * const auth = new BasicAuthProvider('manager', 'secret');
 * await auth.authorization(); // 'Basic bWFuYWdlcjpzZWNyZXQ='
 * ```
 */
export class BasicAuthProvider implements AuthProvider {
  readonly #header: string | undefined;

  constructor(user: string | undefined, password: string | undefined) {
    this.#header =
      user === undefined || user === ''
        ? undefined
        : `Basic ${Buffer.from(`${user}:${password ?? ''}`, 'utf8').toString('base64')}`;
  }

  async authorization(): Promise<string> {
    if (this.#header === undefined) {
      throw new KineticPropertyError('EPROPERTY', 'AuthScheme=Basic needs User and Password: set both in the connection string.', {
        name: 'User',
      });
    }
    return this.#header;
  }
}
