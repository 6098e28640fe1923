/** What an injected fault does to a response. */
export type FaultKind = 'status400' | 'status429' | 'status503' | 'status500' | 'licence' | 'echoCredentials' | 'reset' | 'stall' | 'slowBody' | 'brokenJson';

/**
 * A fault to inject. `path` (a substring of the pathname, or a RegExp tested against it) selects the
 * requests, and `method` (`POST`, `PATCH`...) narrows them to one HTTP method; among those, `nth` (1-based) picks one, or `every` picks every n-th; without either every
 * matching request is picked. `times` bounds how often the rule fires (default: once with `nth`,
 * unlimited otherwise; with `nth` it fires on `times` consecutive requests from the nth).
 *
 * Kinds: `status429`/`status503` (with Retry-After), `status500`; `licence` answers what Epicor answers when
 * the tenant's web-service licences are all in use (400, ErrorType `Ice.Common.LicenseAccessException`);
 * `echoCredentials` answers 401 with an error body that repeats the credentials the request carried
 * (Authorization, decoded Basic user and password, x-api-key), as some gateways do; `reset`, `stall`,
 * `slowBody`, `brokenJson` alter the body.
 *
 * @example
 * ```ts
 * sim.setFaults([{ path: '/Customers', nth: 2, kind: 'status429', retryAfter: 0 }]);
 * sim.setFaults([{ path: '/Customers', method: 'POST', nth: 2, kind: 'status400', message: 'Credit limit exceeded.' }]);
 * ```
 */
export interface FaultRule {
  readonly kind: FaultKind;
  readonly path?: string | RegExp;
  /** Only requests of this HTTP method (case-insensitive) match. */
  readonly method?: string;
  readonly nth?: number;
  readonly every?: number;
  readonly times?: number;
  /**
   * status400: Epicor's validation error (`Ice.Common.BusinessObjectException`, the request is not
   * carried out) with this ErrorMessage; default "Validation failed (fault injected by the simulator)."
   */
  readonly message?: string;
  /** status429/status503: the Retry-After header in seconds (default 1; 0 allowed); licence: sent only when set. */
  readonly retryAfter?: number;
  /** stall: how long to hold the body after the headers (default 1000 ms). */
  readonly stallMs?: number;
  /** slowBody: number of chunks (default 5) and the delay between them (default 20 ms). */
  readonly chunks?: number;
  readonly chunkDelayMs?: number;
}
