import type { Auth } from './create-auth.ts';

/** What the OAuth procedures need from a connection besides its config. */
export interface ConnectionAuth {
  readonly auth: Auth;
  /** Loads the metadata of a connection opened without a token, once a procedure obtained one. */
  readonly tokenObtained: () => Promise<void>;
}

// Keyed by the connection's EpicorClient (one per connection), so that the Connection class needs no new
// field: callProcedure hands its client to the procedures, which find the auth here.
const byClient = new WeakMap<object, ConnectionAuth>();

/**
 * Records the auth of a connection (done by connect()).
 *
 * @example
 * ```ts
 * attachAuth(client, { auth, tokenObtained: () => catalogs.load() });
 * ```
 */
export function attachAuth(client: object, value: ConnectionAuth): void {
  byClient.set(client, value);
}

/**
 * The auth of a connection's client, when it was opened by connect().
 *
 * @example
 * ```ts
 * connectionAuth(client)?.auth.azureAd; // the AzureAdProvider of an AzureADOpenID connection
 * ```
 */
export function connectionAuth(client: object): ConnectionAuth | undefined {
  return byClient.get(client);
}
