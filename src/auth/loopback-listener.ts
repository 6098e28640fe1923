import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { KineticOAuthError } from '../errors.ts';

/** A listener waiting for the identity provider's redirect to CallbackURL. */
export interface CallbackListener {
  /** Resolves the authorization code of the redirect whose `state` matches. */
  readonly code: Promise<string>;
  close(): Promise<void>;
}

const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]']);

/**
 * Listens on CallbackURL's port on loopback only (127.0.0.1 and ::1 for `localhost`) for the redirect
 * that ends a sign-in. A redirect whose `state` differs is answered 400 and ignored (it is not the one
 * this flow started); `error=` with the right state ends the flow with EOAUTH; nobody signing in within
 * `timeoutMs` ends it too.
 *
 * @example
 * ```ts
 * const listener = await listenForCallback('http://localhost:33333', state, 300_000);
 * const code = await listener.code;
 * ```
 */
export async function listenForCallback(callbackURL: string, state: string, timeoutMs: number): Promise<CallbackListener> {
  const url = new URL(callbackURL);
  if (url.protocol !== 'http:' || !LOOPBACK.has(url.hostname)) {
    throw new KineticOAuthError('EOAUTH', `The desktop sign-in listens on CallbackURL, which must be http://localhost:PORT (or 127.0.0.1, [::1]); ${url.origin} is not loopback. Register such a redirect URI for the app and set CallbackURL to it.`);
  }
  const port = Number(url.port || 80);
  const path = url.pathname.replace(/\/+$/, '') || '/';
  let settle: { resolve(code: string): void; reject(err: Error): void } | undefined;
  const code = new Promise<string>((resolve, reject) => (settle = { resolve, reject }));
  code.catch(() => undefined);
  const handler = (req: IncomingMessage, res: ServerResponse) => {
    const got = new URL(req.url ?? '/', 'http://localhost');
    if ((got.pathname.replace(/\/+$/, '') || '/') !== path) return page(res, 404, 'Not the sign-in callback.');
    if (got.searchParams.get('state') !== state) return page(res, 400, 'This sign-in response does not belong to the sign-in in progress (state mismatch): start the sign-in again.');
    const error = got.searchParams.get('error');
    if (error) {
      page(res, 400, 'The sign-in failed: return to the application.');
      return settle?.reject(new KineticOAuthError('EOAUTH', `The identity provider ended the sign-in with ${error.replace(/[^\w.-]/g, '')}: ${(got.searchParams.get('error_description') ?? '').slice(0, 200)}`));
    }
    const value = got.searchParams.get('code');
    if (!value) return page(res, 400, 'The sign-in response has no code.');
    page(res, 200, 'Signed in. You can close this window and return to the application.');
    settle?.resolve(value);
  };
  const hosts = url.hostname === 'localhost' ? ['127.0.0.1', '::1'] : [url.hostname.replace(/^\[|\]$/g, '')];
  const servers: Server[] = [];
  for (const host of hosts) {
    const server = createServer(handler);
    try {
      await new Promise<void>((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, host, () => resolve());
      });
      servers.push(server);
    } catch (err) {
      // ::1 is missing on hosts without IPv6: 127.0.0.1 alone is enough then.
      if (host === '::1' && servers.length > 0 && (err as NodeJS.ErrnoException).code === 'EADDRNOTAVAIL') continue;
      await Promise.all(servers.map((s) => new Promise((r) => s.close(r))));
      throw new KineticOAuthError('EOAUTH', `Cannot listen on ${callbackURL} for the sign-in callback (${(err as NodeJS.ErrnoException).code ?? 'error'}): is another sign-in running? Free the port or choose another CallbackURL (and register it).`, { cause: err });
    }
  }
  const timer = setTimeout(() => {
    settle?.reject(new KineticOAuthError('EOAUTH', `Nobody completed the sign-in within ${Math.round(timeoutMs / 1000)} s: open the URL shown and sign in, or connect again.`));
  }, timeoutMs);
  const close = async () => {
    clearTimeout(timer);
    await Promise.all(servers.map((s) => new Promise((r) => { s.close(r); s.closeAllConnections(); })));
  };
  return { code, close };
}

function page(res: ServerResponse, status: number, text: string): void {
  res.writeHead(status, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store', connection: 'close' });
  res.end(`<!doctype html><title>epicor-kinetic-sql sign-in</title><p>${text}</p>`);
}
