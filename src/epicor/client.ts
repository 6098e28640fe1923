/**
 * The HTTP client for Epicor's REST API, over undici: one keep-alive Agent per client (undici's global
 * dispatcher is never touched), Epicor's headers on every request, per-request timeout, cancellation,
 * retries of idempotent requests (GET, PATCH, DELETE; never POST), and Epicor's error body mapped to KineticHttpError.
 */
import { parse as parseLossless } from 'lossless-json';
import { request } from 'undici';
import type { Dispatcher } from 'undici';
import type { Config } from '../config/types.ts';
import { KineticHttpError, KineticConnectionError, KineticPropertyError } from '../errors.ts';
import { createDispatcher } from './agent-options.ts';
import { BasicAuthProvider } from '../auth/auth-basic.ts';
import type { AuthProvider } from '../auth/auth-provider.ts';
import { StaticBearerProvider } from '../auth/auth-bearer.ts';
import { EpicorTokenProvider } from '../auth/auth-token.ts';
import { epicorHeaders } from './epicor-headers.ts';
import { authorizationCredentials, secretValues } from '../config/secret-values.ts';
import { httpError, readErrorBody } from './http-error.ts';
import { redactUrl } from './redact-url.ts';
import { backoffMs, isLicenceExhausted, isRetryableNetworkError, retryAfterMs, retryWaitBudgetMs, RETRY_STATUSES } from './retry-policy.ts';
import { tokenUrl } from './routes.ts';
import { abortableSleep, networkError, signalError } from './transport-errors.ts';

export interface RequestOptions {
  /** Cancels the request (and any wait between retries): the call rejects with `EABORTED`. */
  readonly signal?: AbortSignal;
}

export interface JsonRequestOptions extends RequestOptions {
  /**
   * Keep every JSON number as its exact source text (a string) instead of a JavaScript number, so that
   * decimals with more digits than a double holds are not rounded.
   */
  readonly exactNumbers?: boolean;
}

export interface TextRequestOptions extends RequestOptions {
  /** Accept header; default `application/xml` (what `$metadata` answers). */
  readonly accept?: string;
}

/** Counters since the client was created (a snapshot: reading it twice gives two objects). */
export interface ClientStats {
  /** HTTP requests sent, retries and token requests included. */
  readonly requests: number;
  /** Requests sent again after a retryable failure (429/502/503/504, reset, broken JSON) or a 401 renewal. */
  readonly retries: number;
  /** Response body bytes received. */
  readonly bytesReceived: number;
}

export interface EpicorClientOptions {
  /**
   * Authentication, chosen by `createAuth()` (src/auth) in connect(). Without it: Basic or Token from
   * `config.authScheme`, and for AzureADOpenID the OAuthAccessToken as given.
   */
  readonly auth?: AuthProvider;
  /** Clock used by the default token provider (tests move it forward). */
  readonly now?: () => number;
  /** TCP/TLS connect timeout in milliseconds; default 10 s. */
  readonly connectTimeoutMs?: number;
  /** The connection's log: every request is written at level 2 (URL without credentials). */
  readonly log?: (message: string, level?: number) => void;
  /**
   * Waits `ms` between retries; rejects when `signal` fires. Default: a real timer. Tests pass one that
   * records the waits and resolves at once, so that no test sleeps for a Retry-After.
   */
  readonly wait?: (ms: number, signal: AbortSignal | undefined) => Promise<void>;
}

interface Call<T> {
  readonly method: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  readonly url: string;
  readonly accept: string;
  readonly body?: string;
  readonly signal?: AbortSignal;
  /** False for the token request itself. */
  readonly useAuth: boolean;
  readonly extraHeaders?: Readonly<Record<string, string>>;
  readonly parse: (text: string, status: number) => T;
}

interface Answer {
  readonly status: number;
  readonly headers: Dispatcher.ResponseData['headers'];
  readonly text: string;
}

/** A 2xx body that does not parse: retried like a reset connection when the request is idempotent. */
class BrokenBodyError extends Error {}

/**
 * Talks to one Epicor server. Create one per connection and `close()` it when done.
 *
 * @example
 * ```ts
 * const client = new EpicorClient(config);
 * try {
 *   const page = await client.getJson(entitySetUrl(config, 'Erp.BO.CustomerSvc', 'Customers', '$top=10'));
 *   const edmx = await client.getText(metadataUrl(config, 'Erp.BO.CustomerSvc'));
 * } finally {
 *   await client.close();
 * }
 * ```
 */
export class EpicorClient {
  readonly config: Config;
  readonly #agent: Dispatcher;
  readonly #auth: AuthProvider;
  readonly #stats = { requests: 0, retries: 0, bytesReceived: 0 };
  readonly #log: (message: string, level?: number) => void;
  readonly #wait: ((ms: number, signal: AbortSignal | undefined) => Promise<void>) | undefined;
  readonly #secrets: readonly string[];
  #closed = false;

  constructor(config: Config, options: EpicorClientOptions = {}) {
    this.config = config;
    this.#agent = createDispatcher(config, options.connectTimeoutMs ?? 10_000);
    this.#auth = options.auth ?? defaultAuth(config, () => this.requestToken(), options.now);
    this.#log = options.log ?? (() => undefined);
    this.#wait = options.wait;
    this.#secrets = secretValues(config);
  }

  /** Request counters, for benchmarks and diagnostics. */
  get stats(): ClientStats {
    return { ...this.#stats };
  }

  /**
   * GET a JSON document; retried on 429/502/503/504, connection resets and broken JSON (up to MaxRetries).
   *
   * @example
   * ```ts
   * const { value } = (await client.getJson(url, { signal })) as { value: unknown[] };
   * ```
   */
  getJson(url: string, options: JsonRequestOptions = {}): Promise<unknown> {
    const parse = options.exactNumbers ? parseJsonExact : parseJson;
    return this.#call({ method: 'GET', url, accept: 'application/json', signal: options.signal, useAuth: true, parse });
  }

  /**
   * GET a text document (`$metadata` XML by default; pass `accept: 'text/plain'` for `$count`). Retried like getJson.
   *
   * @example
   * ```ts
   * const xml = await client.getText(metadataUrl(config, 'Erp.BO.CustomerSvc'));
   * ```
   */
  getText(url: string, options: TextRequestOptions = {}): Promise<string> {
    const accept = options.accept ?? 'application/xml';
    return this.#call({ method: 'GET', url, accept, signal: options.signal, useAuth: true, parse: (t) => t });
  }

  /**
   * POST a JSON body (custom methods, writes); never retried, except once after a 401 when a new token was obtained.
   * Resolves the parsed JSON answer, or null for an empty answer (204).
   *
   * @example
   * ```ts
   * const r = await client.postJson(methodUrl(config, 'Erp.BO.CustomerSvc', 'GetByID'), { custNum: 45 });
   * ```
   */
  postJson(url: string, body: unknown, options: RequestOptions = {}): Promise<unknown> {
    const payload = JSON.stringify(body ?? {});
    return this.#call({ method: 'POST', url, accept: 'application/json', body: payload, signal: options.signal, useAuth: true, parse: parseJson });
  }

  /**
   * PATCH a JSON body to one row (`…/Customers('EPIC06',45)`): an update, answered 204. Sending the same
   * values twice leaves the row as once, so it is retried like a GET (429/502/503/504, reset connections).
   *
   * @example
   * ```ts
   * await client.patchJson(entityUrl(config, 'Erp.BO.CustomerSvc', 'Customers', "('EPIC06',45)"), { Company: 'EPIC06', Name: 'Acme' });
   * ```
   */
  patchJson(url: string, body: unknown, options: RequestOptions = {}): Promise<unknown> {
    const payload = JSON.stringify(body ?? {});
    return this.#call({ method: 'PATCH', url, accept: 'application/json', body: payload, signal: options.signal, useAuth: true, parse: parseJson });
  }

  /**
   * DELETE one row by its key URL, answered 204. Retried like a GET; a 404 on a retry counts as done (the
   * attempt whose answer was lost deleted the row).
   *
   * @example
   * ```ts
   * await client.deleteEntity(entityUrl(config, 'Erp.BO.CustomerSvc', 'Customers', "('EPIC06',45)"));
   * ```
   */
  async deleteEntity(url: string, options: RequestOptions = {}): Promise<void> {
    await this.#call({ method: 'DELETE', url, accept: 'application/json', signal: options.signal, useAuth: true, parse: parseJson });
  }

  /**
   * Asks Epicor's token service for a bearer token with User and Password (used by AuthScheme=Token).
   *
   * @example
   * ```ts
   * const { AccessToken } = (await client.requestToken()) as { AccessToken: string };
   * ```
   */
  async requestToken(options: RequestOptions = {}): Promise<unknown> {
    const c = this.config;
    if (!c.user) {
      throw new KineticPropertyError('EPROPERTY', 'AuthScheme=Token needs User and Password: set both in the connection string.', { name: 'User' });
    }
    const extraHeaders = { username: c.user, password: c.password ?? '' };
    return this.#call({ method: 'POST', url: tokenUrl(c), accept: 'application/json', signal: options.signal, useAuth: false, extraHeaders, parse: parseJson });
  }

  /**
   * Closes the keep-alive connections. Requests in flight finish first; later calls fail with `ECLOSED`.
   *
   * @example
   * ```ts
   * await client.close();
   * ```
   */
  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    await this.#agent.close();
  }

  async #call<T>(call: Call<T>): Promise<T> {
    // POST creates (or runs a method): repeating it could do it twice. GET, and PATCH and DELETE of one key,
    // leave the server as one call would, so they are retried (docs/writes.md).
    const retryable = call.method !== 'POST';
    const budget = retryWaitBudgetMs(this.config.timeout);
    let waited = 0;
    let renewed = false;
    for (let attempt = 0; ; ) {
      const authorization = call.useAuth ? await this.#auth.authorization() : undefined;
      // Stops retrying when the retries are used up or the wait budget is spent; a wait longer than what is
      // left of the budget is cut to it (as a Retry-After beyond 30 s is cut to 30 s).
      const canWait = (): boolean => retryable && attempt < this.config.maxRetries && waited < budget;
      const fit = (ms: number): number => Math.min(ms, budget - waited);
      let answer: Answer;
      try {
        answer = await this.#send(call, authorization);
      } catch (err) {
        if (!isRetryableNetworkError(err) || !canWait()) throw err;
        waited += await this.#pause(fit(backoffMs(attempt)), call);
        attempt++;
        continue;
      }
      const { status } = answer;
      if (status >= 200 && status < 300) {
        try {
          return call.parse(answer.text, status);
        } catch (err) {
          if (!canWait()) throw brokenBody(call.url, status, err);
          waited += await this.#pause(fit(backoffMs(attempt)), call);
          attempt++;
          continue;
        }
      }
      if (status === 404 && call.method === 'DELETE' && attempt > 0) return call.parse('', 204);
      if (status === 401 && call.useAuth && !renewed && this.#auth.onUnauthorized !== undefined) {
        renewed = true;
        if (await this.#auth.onUnauthorized(authorization)) {
          this.#stats.retries++;
          continue;
        }
      }
      const secrets = this.#secretsWith(authorization);
      const transient = RETRY_STATUSES.has(status) || isLicenceExhausted(status, ...errorFields(answer.text, secrets));
      if (!transient || !canWait()) {
        throw httpError(status, call.url, answer.text, { secrets, retryNote: transient && retryable ? this.#retryNote(attempt, waited, budget) : undefined });
      }
      const header = answer.headers['retry-after'];
      waited += await this.#pause(fit(retryAfterMs(Array.isArray(header) ? header[0] : header) ?? backoffMs(attempt)), call);
      attempt++;
    }
  }

  /** Says why a transient failure was not retried again (retries used up, or the wait budget spent). */
  #retryNote(attempt: number, waited: number, budget: number): string {
    const s = (ms: number): string => `${Math.round(ms / 100) / 10} s`;
    const tried = `tried ${attempt + 1} time${attempt === 0 ? '' : 's'}, waited ${s(waited)}`;
    if (attempt >= this.config.maxRetries) return `${tried}; MaxRetries=${this.config.maxRetries} reached`;
    const limit = this.config.timeout > 0 ? `Timeout=${this.config.timeout}` : 'the 120 s cap when Timeout=0';
    return `${tried}: the ${s(budget)} one request may wait between retries is spent (${limit})`;
  }

  /** The configured secrets plus the credentials of this request's Authorization header (a token). */
  #secretsWith(authorization: string | undefined): readonly string[] {
    const token = authorizationCredentials(authorization);
    return token === undefined || token.length < 4 || this.#secrets.includes(token) ? this.#secrets : secretValues(this.config, [token]);
  }

  async #pause(ms: number, call: Call<unknown>): Promise<number> {
    this.#stats.retries++;
    if (this.#wait === undefined) await abortableSleep(ms, call.signal, call.url);
    else {
      try {
        await this.#wait(ms, call.signal);
      } catch (err) {
        throw signalError('aborted', call.url, 0, err);
      }
    }
    return ms;
  }

  /** One HTTP exchange; the body is always read to the end (or the socket destroyed) so no connection leaks. */
  async #send(call: Call<unknown>, authorization: string | undefined): Promise<Answer> {
    if (this.#closed) throw new KineticConnectionError('ECLOSED', 'The Epicor client is closed: open a new connection.');
    if (call.signal?.aborted) throw signalError('aborted', call.url, this.config.timeout, call.signal.reason);
    const controller = new AbortController();
    let timedOut = false;
    const onAbort = (): void => controller.abort(call.signal?.reason);
    call.signal?.addEventListener('abort', onAbort, { once: true });
    const timer =
      this.config.timeout > 0
        ? setTimeout(() => {
            timedOut = true;
            controller.abort();
          }, this.config.timeout * 1000)
        : undefined;
    const headers = epicorHeaders(this.config, call.accept, authorization, call.body !== undefined, call.extraHeaders);
    const started = performance.now();
    const took = (): string => `${Math.round(performance.now() - started)} ms`;
    try {
      this.#stats.requests++;
      const res = await request(call.url, { dispatcher: this.#agent, method: call.method, headers, body: call.body, signal: controller.signal });
      const bytes = Buffer.from(await res.body.arrayBuffer());
      this.#stats.bytesReceived += bytes.length;
      this.#log(`${call.method} ${redactUrl(call.url)} -> ${res.statusCode}, ${bytes.length} bytes in ${took()}`, 2);
      return { status: res.statusCode, headers: res.headers, text: bytes.toString('utf8') };
    } catch (err) {
      this.#log(`${call.method} ${redactUrl(call.url)} -> ${timedOut ? 'timed out' : call.signal?.aborted ? 'aborted' : 'failed'} after ${took()}`, 2);
      if (timedOut) throw signalError('timeout', call.url, this.config.timeout, err);
      if (call.signal?.aborted) throw signalError('aborted', call.url, this.config.timeout, err);
      throw networkError(call.url, err);
    } finally {
      clearTimeout(timer);
      call.signal?.removeEventListener('abort', onAbort);
    }
  }
}

function errorFields(text: string, secrets: readonly string[]): [string | undefined, string | undefined] {
  const body = readErrorBody(text, secrets);
  return [body.errorType, body.errorMessage];
}

function parseJson(text: string, status: number): unknown {
  if (status === 204 || text.trim() === '') return null;
  try {
    return JSON.parse(text) as unknown;
  } catch (err) {
    throw new BrokenBodyError('not JSON', { cause: err });
  }
}

// JSON.parse turns 12345678901234.56789 into the nearest double; lossless-json hands over the digits.
function parseJsonExact(text: string, status: number): unknown {
  if (status === 204 || text.trim() === '') return null;
  try {
    return parseLossless(text, null, (digits: string) => digits) as unknown;
  } catch (err) {
    throw new BrokenBodyError('not JSON', { cause: err });
  }
}

function brokenBody(url: string, status: number, err: unknown): KineticHttpError {
  return new KineticHttpError(
    'EPROTOCOL',
    `Epicor answered ${status} with a body that is not valid JSON (${redactUrl(url)}): the answer was cut off or is not from Epicor's REST API; check URL and ERPInstance`,
    { status, url: redactUrl(url), cause: err },
  );
}

function defaultAuth(config: Config, fetchToken: () => Promise<unknown>, now: (() => number) | undefined): AuthProvider {
  switch (config.authScheme) {
    case 'Basic':
      return new BasicAuthProvider(config.user, config.password);
    case 'Token':
      return new EpicorTokenProvider(fetchToken, now);
    case 'AzureADOpenID':
      if (config.oauthAccessToken) return new StaticBearerProvider(config.oauthAccessToken);
      throw new KineticPropertyError('EPROPERTY', 'An EpicorClient for AzureADOpenID without OAuthAccessToken needs its auth option: open connections with connect().', { name: 'OAuthAccessToken' });
  }
}
