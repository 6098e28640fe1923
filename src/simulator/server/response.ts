/** A response computed by a handler; it is written to the socket in one place (faults may alter that). */
export interface SimResponse {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: Buffer;
}

/** A JSON response (`application/json; charset=utf-8`). */
export function jsonResponse(status: number, value: unknown, headers: Record<string, string> = {}): SimResponse {
  return {
    status,
    headers: { 'content-type': 'application/json; charset=utf-8', ...headers },
    body: Buffer.from(JSON.stringify(value), 'utf8'),
  };
}

/** A JSON response from JSON text already made (`application/json; charset=utf-8`). */
export function jsonTextResponse(status: number, json: string): SimResponse {
  return { status, headers: { 'content-type': 'application/json; charset=utf-8' }, body: Buffer.from(json, 'utf8') };
}

/** A text response with the given content type. */
export function textResponse(status: number, text: string, contentType: string): SimResponse {
  return { status, headers: { 'content-type': `${contentType}; charset=utf-8` }, body: Buffer.from(text, 'utf8') };
}

/** An empty response (204). */
export function emptyResponse(status = 204): SimResponse {
  return { status, headers: {}, body: Buffer.alloc(0) };
}
