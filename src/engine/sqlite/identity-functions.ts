/**
 * SCOPE_IDENTITY(): the single integer key of the last row this connection's INSERT created (read from
 * the connection's IdentityLog when the query starts), or NULL before any insert or when that table's
 * key has no integer column. See docs/writes.md for which key column of a composite key it is.
 */
import { fixed, type FunctionDefinition } from './values.ts';

export const IDENTITY_FUNCTIONS: Readonly<Record<string, FunctionDefinition>> = {
  SCOPE_IDENTITY: {
    sqlite: 'ss_scope_identity', minArgs: 0, maxArgs: 0, returns: fixed('integer'), deterministic: false,
    impl: (_, ctx) => ctx.scopeIdentity ?? null,
  },
};
