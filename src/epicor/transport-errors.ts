import { setTimeout as sleep } from 'node:timers/promises';
import { KineticHttpError } from '../errors.ts';
import { redactUrl } from './redact-url.ts';

/**
 * The error for a request that ended on the caller's AbortSignal (`EABORTED`) or on the `Timeout`
 * property (`ETIMEOUT`).
 *
 * @example
 * ```ts
 * throw signalError('timeout', url, 30, err);
 * ```
 */
export function signalError(kind: 'timeout' | 'aborted', url: string, timeoutS: number, cause: unknown): KineticHttpError {
  const safe = redactUrl(url);
  return kind === 'timeout'
    ? new KineticHttpError(
        'ETIMEOUT',
        `Epicor did not answer within ${timeoutS} s (${safe}): raise Timeout, or ask for fewer rows per request (Pagesize)`,
        { url: safe, cause },
      )
    : new KineticHttpError('EABORTED', `The request to Epicor was cancelled (${safe})`, { url: safe, cause });
}

/**
 * The error for a request that failed below HTTP (refused, reset, DNS, TLS).
 *
 * @example
 * ```ts
 * throw networkError(url, err); // EHTTP, err as cause
 * ```
 */
export function networkError(url: string, cause: unknown): KineticHttpError {
  const safe = redactUrl(url);
  const e = cause as { code?: unknown; message?: unknown };
  const what = [typeof e?.code === 'string' ? e.code : undefined, typeof e?.message === 'string' ? e.message : undefined]
    .filter(Boolean)
    .join(' ');
  return new KineticHttpError('EHTTP', `Could not talk to Epicor at ${safe} (${what || 'network error'}): check URL, the network and any proxy`, {
    url: safe,
    cause,
  });
}

/**
 * Waits between retries; ends at once with `EABORTED` when the signal fires.
 *
 * @example
 * ```ts
 * await abortableSleep(250, signal, url);
 * ```
 */
export async function abortableSleep(ms: number, signal: AbortSignal | undefined, url: string): Promise<void> {
  try {
    await sleep(ms, undefined, signal === undefined ? undefined : { signal });
  } catch (err) {
    throw signalError('aborted', url, 0, err);
  }
}
