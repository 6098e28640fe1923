import type { IncomingHttpHeaders, ServerResponse } from 'node:http';
import { setTimeout as delay } from 'node:timers/promises';
import { errorResponse } from '../server/sim-http-error.ts';
import type { SimResponse } from '../server/response.ts';
import type { FaultRule } from './fault-rule.ts';

/**
 * Epicor's answer when no licence is free (reported; the exact wording varies by version): HTTP 400 with
 * ErrorType `Ice.Common.LicenseAccessException`.
 */
export const LICENCE_EXHAUSTED_MESSAGE = 'Maximum users exceeded on license for WebService. All licenses of this type are in use.';

/** The response a status fault answers instead of the real one; undefined for the body faults. */
export function statusFault(rule: FaultRule, headers: IncomingHttpHeaders = {}): SimResponse | undefined {
  const retry = { 'retry-after': String(rule.retryAfter ?? 1) };
  switch (rule.kind) {
    case 'status400':
      return errorResponse(400, rule.message ?? 'Validation failed (fault injected by the simulator).', { errorType: 'Ice.Common.BusinessObjectException' });
    case 'status429':
      return errorResponse(429, 'Too many requests (fault injected by the simulator).', { headers: retry, errorType: 'TooManyRequests' });
    case 'status503':
      return errorResponse(503, 'Service unavailable (fault injected by the simulator).', { headers: retry, errorType: 'ServiceUnavailable' });
    case 'status500':
      return errorResponse(500, 'Internal server error (fault injected by the simulator).');
    case 'licence':
      return errorResponse(400, LICENCE_EXHAUSTED_MESSAGE, {
        errorType: 'Ice.Common.LicenseAccessException',
        ...(rule.retryAfter === undefined ? {} : { headers: { 'retry-after': String(rule.retryAfter) } }),
      });
    case 'echoCredentials':
      return errorResponse(401, echoedCredentials(headers), { errorType: 'Ice.Common.UnauthorizedAccessException' });
    default:
      return undefined;
  }
}

/** What a careless gateway says back: every credential the request carried, in clear. */
function echoedCredentials(headers: IncomingHttpHeaders): string {
  const parts: string[] = [];
  const authorization = headers['authorization'];
  if (typeof authorization === 'string') {
    parts.push(`Authorization header "${authorization}" was refused`);
    const [scheme, value = ''] = authorization.split(' ');
    if (scheme?.toLowerCase() === 'basic') {
      const decoded = Buffer.from(value, 'base64').toString('utf8');
      const colon = decoded.indexOf(':');
      parts.push(`user ${decoded.slice(0, colon)} with password ${decoded.slice(colon + 1)} is not valid`);
    }
  }
  const apiKey = headers['x-api-key'];
  if (typeof apiKey === 'string') parts.push(`API key ${apiKey} is not valid`);
  for (const name of ['username', 'password']) {
    const value = headers[name];
    if (typeof value === 'string') parts.push(`${name} header ${value}`);
  }
  return parts.length === 0 ? 'No credentials were sent.' : `${parts.join('; ')}.`;
}

function writeHead(res: ServerResponse, response: SimResponse, length: number): void {
  const noBody = response.status === 204 || response.status === 304;
  res.writeHead(response.status, noBody ? response.headers : { ...response.headers, 'content-length': String(length) });
}

function write(res: ServerResponse, chunk: Buffer, count: (bytes: number) => void): Promise<void> {
  count(chunk.length);
  return new Promise((resolve) => {
    res.write(chunk, () => resolve());
  });
}

/**
 * Writes a response, altered by a body fault when one is given: `reset` destroys the socket halfway
 * through the body (before the headers when there is no body), `stall` sends the headers and holds the body for `stallMs`, `slowBody` sends it in
 * delayed chunks, `brokenJson` answers 200 with the JSON cut in half. `signal` aborts pending delays
 * (server close), which destroys the socket.
 */
export async function deliver(
  res: ServerResponse,
  response: SimResponse,
  fault: FaultRule | undefined,
  count: (bytes: number) => void,
  signal: AbortSignal,
): Promise<void> {
  const body = response.body;
  try {
    switch (fault?.kind) {
      case 'reset': {
        // An answer without a body (204 to a PATCH or DELETE) is lost whole: the request was carried out.
        if (body.length === 0) return void res.destroy();
        writeHead(res, response, body.length);
        await write(res, body.subarray(0, Math.floor(body.length / 2)), count);
        res.destroy();
        return;
      }
      case 'stall':
        writeHead(res, response, body.length);
        res.flushHeaders();
        await delay(fault.stallMs ?? 1000, undefined, { signal });
        break;
      case 'slowBody': {
        writeHead(res, response, body.length);
        const size = Math.max(1, Math.ceil(body.length / Math.max(1, fault.chunks ?? 5)));
        let at = 0;
        for (; at + size < body.length; at += size) {
          await write(res, body.subarray(at, at + size), count);
          await delay(fault.chunkDelayMs ?? 20, undefined, { signal });
        }
        count(body.length - at);
        res.end(body.subarray(at));
        return;
      }
      case 'brokenJson': {
        const cut = body.length > 2 ? body.subarray(0, Math.floor(body.length / 2)) : Buffer.from('{"value":[');
        count(cut.length);
        res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'content-length': String(cut.length) });
        res.end(cut);
        return;
      }
      default:
        writeHead(res, response, body.length);
    }
    count(body.length);
    res.end(body);
  } catch {
    res.destroy();
  }
}
