import type { Config } from '../config/types.ts';

// Config objects are frozen and made once per connect(), so they key the connection's signed-in user
// without widening the Config type or the metadata code's signatures.
const identities = new WeakMap<Config, () => string | undefined>();

/**
 * Records how to learn who a connection is signed in as (set by connect() for Azure AD connections).
 *
 * @example
 * ```ts
 * registerIdentity(config, () => provider.identity());
 * ```
 */
export function registerIdentity(config: Config, identity: () => string | undefined): void {
  identities.set(config, identity);
}

/**
 * The signed-in user of a connection (from its token's claims), or undefined when none is known yet.
 *
 * @example
 * ```ts
 * signedInIdentity(config); // 'aad:72f988bf-.../a1b2c3...'
 * ```
 */
export function signedInIdentity(config: Config): string | undefined {
  return identities.get(config)?.();
}
