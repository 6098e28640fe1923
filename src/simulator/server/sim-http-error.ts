import { randomUUID } from 'node:crypto';
import { jsonResponse, type SimResponse } from './response.ts';

/** One entry of Epicor's `ErrorDetails`. */
export interface ErrorDetail {
  readonly Message: string;
  readonly Type: string;
  readonly Table?: string;
  readonly Field?: string;
}

export interface SimHttpErrorOptions {
  readonly errorType?: string;
  readonly details?: readonly ErrorDetail[];
  readonly headers?: Readonly<Record<string, string>>;
}

const DEFAULT_TYPES: Readonly<Record<number, string>> = {
  400: 'Ice.Common.BusinessObjectException',
  401: 'Ice.Common.UnauthorizedAccessException',
  404: 'Ice.Common.EntityNotFoundException',
  405: 'Ice.Common.MethodNotAllowedException',
  500: 'System.Exception',
  501: 'Ice.Common.NotImplementedException',
};

/** A failure a handler throws; the server turns it into Epicor's error body with this status. */
export class SimHttpError extends Error {
  override readonly name = 'SimHttpError';
  readonly status: number;
  readonly options: SimHttpErrorOptions;

  constructor(status: number, message: string, options: SimHttpErrorOptions = {}) {
    super(message);
    this.status = status;
    this.options = options;
  }
}

/** Epicor's error body with a fresh CorrelationId. */
export function errorResponse(status: number, message: string, options: SimHttpErrorOptions = {}): SimResponse {
  const errorType = options.errorType ?? DEFAULT_TYPES[status] ?? 'Ice.Common.RestApiException';
  const body = {
    HttpStatus: status,
    ReasonPhrase: 'REST API Exception',
    ErrorMessage: message,
    ErrorType: errorType,
    ErrorDetails: options.details ?? [{ Message: message, Type: 'Error' }],
    CorrelationId: randomUUID(),
  };
  return jsonResponse(status, body, { ...options.headers });
}
