/**
 * Turns a non-2xx answer from Epicor into a KineticHttpError with Epicor's error fields and a message
 * that says what happened and what to do. Epicor's error body (docs/epicor-api.md, "Errors"):
 * `{HttpStatus, ReasonPhrase, ErrorMessage, ErrorType, ErrorDetails, CorrelationId}`.
 */
import { redactSecrets } from '../config/secret-values.ts';
import { KineticHttpError } from '../errors.ts';
import { redactUrl } from './redact-url.ts';
import { isLicenceExhausted } from './retry-policy.ts';

interface EpicorErrorBody {
  readonly errorMessage?: string;
  readonly errorType?: string;
  readonly correlationId?: string;
  readonly details?: string;
}

const REASONS: Readonly<Record<number, string>> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  409: 'Conflict',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
  504: 'Gateway Timeout',
};

const ADVICE: Readonly<Record<number, string>> = {
  401: 'check User/Password or ApiKey (and AuthScheme)',
  403: 'check that the user and the API key may use this service and company',
  404: 'check the Service, the table or BAQ name, the Company and that the API key covers this service',
  429: 'the server is rate limiting: lower the load or raise MaxRetries',
  500: 'quote the correlation id to your Epicor administrator',
  502: 'the server or a gateway in front of it is failing: try again later',
  503: 'the server is unavailable: try again later or raise MaxRetries',
  504: 'a gateway timed out: try again later, or fetch fewer rows per page (Pagesize)',
};

const LICENCE_ADVICE =
  "all of the tenant's web-service licences are in use (Epicor's LicenseAccessException): try again later, " +
  'lower the number of parallel requests (PrefetchPages, concurrent connections), end idle Epicor sessions, ' +
  'or ask your Epicor administrator for more WebService licences';

const str = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);

/** What the client knows about the failed request beyond its answer. */
export interface HttpErrorContext {
  /** Configured secrets (config/secret-values.ts): removed from everything the server said. */
  readonly secrets?: readonly string[];
  /** Why the client stopped retrying, when it retried: appended to the message. */
  readonly retryNote?: string;
}

/**
 * Reads Epicor's error body (JSON), or keeps a short plain-text body; HTML pages are ignored. Every one of
 * `secrets` is removed from the text first (a gateway may repeat the API key or password it refused).
 */
export function readErrorBody(text: string, secrets: readonly string[] = []): EpicorErrorBody {
  const body = parseErrorBody(redactSecrets(text, secrets));
  const clean = (v: string | undefined): string | undefined => (v === undefined ? undefined : redactSecrets(v, secrets));
  return {
    errorMessage: clean(body.errorMessage),
    errorType: clean(body.errorType),
    correlationId: clean(body.correlationId),
    details: clean(body.details),
  };
}

function parseErrorBody(text: string): EpicorErrorBody {
  try {
    const o = JSON.parse(text) as Record<string, unknown>;
    if (o === null || typeof o !== 'object') return {};
    const nested = (o['error'] ?? {}) as Record<string, unknown>; // plain OData error shape
    const details = Array.isArray(o['ErrorDetails'])
      ? (o['ErrorDetails'] as unknown[])
          .map((d) => str((d as Record<string, unknown> | null)?.['Message']))
          .filter((m): m is string => m !== undefined && m !== str(o['ErrorMessage']))
          .join('; ')
      : '';
    return {
      errorMessage: str(o['ErrorMessage']) ?? str(o['Message']) ?? str(o['message']) ?? str(nested['message']),
      errorType: str(o['ErrorType']),
      correlationId: str(o['CorrelationId']),
      details: details === '' ? undefined : details,
    };
  } catch {
    const trimmed = text.trim();
    if (trimmed === '' || trimmed.startsWith('<')) return {};
    return { errorMessage: trimmed.length > 300 ? `${trimmed.slice(0, 300)}…` : trimmed };
  }
}

/**
 * Builds the error for a non-2xx status: ELICENSE when the tenant ran out of licences, EAUTH for 401/403,
 * EHTTP otherwise. Configured secrets in `context.secrets` never reach the message or Epicor's fields.
 *
 * @example
 * ```ts
 * throw httpError(401, url, '{"ErrorMessage":"Invalid user"}');
 * // KineticHttpError EAUTH: 401 Unauthorized from Epicor: check User/Password or ApiKey ... (Epicor said: Invalid user)
 * ```
 */
export function httpError(status: number, url: string, bodyText: string, context: HttpErrorContext = {}): KineticHttpError {
  const body = readErrorBody(bodyText, context.secrets);
  const safeUrl = redactUrl(url);
  const reason = REASONS[status] ?? (status >= 500 ? 'Server Error' : 'Error');
  const licence = isLicenceExhausted(status, body.errorType, body.errorMessage);
  const advice = licence ? LICENCE_ADVICE : (ADVICE[status] ?? (status >= 500 ? 'try again later' : 'check the request'));
  let message = `${status} ${reason} from Epicor for ${safeUrl}: ${advice}`;
  if (context.retryNote) message += ` (${context.retryNote})`;
  if (body.errorMessage) message += ` (Epicor said: ${body.errorMessage}${body.details ? `; ${body.details}` : ''})`;
  if (body.correlationId) message += ` [CorrelationId ${body.correlationId}]`;
  const code = licence ? 'ELICENSE' : status === 401 || status === 403 ? 'EAUTH' : 'EHTTP';
  return new KineticHttpError(code, message, {
    status,
    url: safeUrl,
    errorMessage: body.errorMessage,
    errorType: body.errorType,
    correlationId: body.correlationId,
  });
}
