import { SimHttpError } from './sim-http-error.ts';

/** Parses a request body as a JSON object; anything else is a 400. */
export function jsonObjectBody(body: Buffer): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(body.toString('utf8'));
  } catch {
    throw new SimHttpError(400, 'The request body is not valid JSON.');
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new SimHttpError(400, 'The request body must be a JSON object.');
  }
  return value as Record<string, unknown>;
}

/** True for OData annotations in a body (`odata.type`, `@odata.etag`), which writes ignore. */
export function isAnnotation(name: string): boolean {
  return name.startsWith('odata.') || name.startsWith('@');
}
