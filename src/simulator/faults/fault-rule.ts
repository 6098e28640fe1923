/** What an injected fault does to a response. */
export type FaultKind = 'status400' | 'status429' | 'status503' | 'status500' | 'reset' | 'stall' | 'slowBody' | 'brokenJson';

/**
 * A fault to inject. `path` (a substring of the pathname, or a RegExp tested against it) selects the
 * requests, and `method` (`POST`, `PATCH`...) narrows them to one HTTP method; among those, `nth` (1-based) picks one, or `every` picks every n-th; without either every
 * matching request is picked. `times` bounds how often the rule fires (default: once with `nth`,
 * unlimited otherwise; with `nth` it fires on `times` consecutive requests from the nth).
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
  /** status429/status503: the Retry-After header in seconds (default 1; 0 allowed). */
  readonly retryAfter?: number;
  /** stall: how long to hold the body after the headers (default 1000 ms). */
  readonly stallMs?: number;
  /** slowBody: number of chunks (default 5) and the delay between them (default 20 ms). */
  readonly chunks?: number;
  readonly chunkDelayMs?: number;
}
