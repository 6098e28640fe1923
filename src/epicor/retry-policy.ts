/**
 * When and how long to wait before retrying an idempotent request. Written out here rather than taken
 * from undici's retry interceptor: ours also retries a 200 whose JSON body is broken (the interceptor only
 * sees statuses and socket errors), counts retries for `stats`, and its waits end at once on abort.
 */

/** Statuses worth retrying: rate limiting and gateways/servers that are briefly unavailable. */
export const RETRY_STATUSES: ReadonlySet<number> = new Set([429, 502, 503, 504]);

/** Socket-level failures worth retrying (undici and Node codes). */
export const RETRY_ERROR_CODES: ReadonlySet<string> = new Set([
  'ECONNRESET',
  'ECONNREFUSED',
  'EPIPE',
  'ETIMEDOUT',
  'ENETUNREACH',
  'EHOSTUNREACH',
  'EAI_AGAIN',
  'UND_ERR_SOCKET',
  'UND_ERR_CLOSED',
]);

/** First backoff step, its ceiling, and the ceiling on a server's Retry-After. */
export const BACKOFF_START_MS = 100;
export const BACKOFF_CAP_MS = 5_000;
export const RETRY_AFTER_CAP_MS = 30_000;

/**
 * The most one request waits between its retries, in total, when `Timeout` is 0 (no limit); otherwise the
 * total is at most `Timeout`. A wait longer than what is left is cut to it, and once the budget is spent
 * the request fails with the last error, so a long Retry-After never stretches one page to minutes.
 */
export const RETRY_WAIT_BUDGET_NO_TIMEOUT_MS = 120_000;

/**
 * Milliseconds one request may spend waiting between retries, all waits together.
 *
 * @example
 * ```ts
 * retryWaitBudgetMs(60); // 60000
 * retryWaitBudgetMs(0);  // 120000
 * ```
 */
export function retryWaitBudgetMs(timeoutS: number): number {
  return timeoutS > 0 ? timeoutS * 1000 : RETRY_WAIT_BUDGET_NO_TIMEOUT_MS;
}

/**
 * True when an error answer says the tenant ran out of licences: Epicor answers 400 (sometimes 403 or 500
 * behind a gateway) with ErrorType `Ice.Common.LicenseAccessException` or "Maximum users exceeded". It is
 * transient (licences free up when other sessions end), so reads are retried like a 429.
 *
 * @example
 * ```ts
 * isLicenceExhausted(400, '{"ErrorType":"Ice.Common.LicenseAccessException"}'); // true
 * ```
 */
export function isLicenceExhausted(status: number, errorType: string | undefined, errorMessage: string | undefined): boolean {
  if (status !== 400 && status !== 403 && status !== 500 && status !== 503) return false;
  if (errorType !== undefined && /LicenseAccessException/i.test(errorType)) return true;
  return errorMessage !== undefined && /maximum (number of )?users exceeded|no (more )?licen[cs]es? (are )?available/i.test(errorMessage);
}

/**
 * Milliseconds to wait from a Retry-After header (delta-seconds or an HTTP date), capped; undefined when
 * absent or unreadable.
 *
 * @example
 * ```ts
 * retryAfterMs('2'); // 2000
 * retryAfterMs('Wed, 21 Oct 2015 07:28:00 GMT'); // 0 (in the past)
 * ```
 */
export function retryAfterMs(header: string | undefined, now = Date.now()): number | undefined {
  if (header === undefined || header.trim() === '') return undefined;
  const h = header.trim();
  let ms: number;
  if (/^\d+(\.\d+)?$/.test(h)) ms = Number(h) * 1000;
  else {
    const at = Date.parse(h);
    if (Number.isNaN(at)) return undefined;
    ms = at - now;
  }
  return Math.min(Math.max(0, ms), RETRY_AFTER_CAP_MS);
}

/**
 * Exponential backoff with jitter for retry number `attempt` (0 for the first retry): a random wait between
 * half and all of `100 ms * 2^attempt`, capped at 5 s.
 *
 * @example
 * ```ts
 * backoffMs(0); // 50..100
 * backoffMs(10); // 2500..5000
 * ```
 */
export function backoffMs(attempt: number, random: () => number = Math.random): number {
  const ceiling = Math.min(BACKOFF_CAP_MS, BACKOFF_START_MS * 2 ** attempt);
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}

/** True for an error from the socket layer that a retry may cure. */
export function isRetryableNetworkError(err: unknown): boolean {
  for (let e: unknown = err, depth = 0; e instanceof Error && depth < 4; e = e.cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && RETRY_ERROR_CODES.has(code)) return true;
  }
  return false;
}
