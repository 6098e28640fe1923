/** Test support for test/epicor: a Config builder and a recording node:http server on 127.0.0.1:0. */
import { createServer } from 'node:http';
import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Config } from '../../src/config/types.ts';

/** A distinctive password: tests check it never shows up in errors. */
export const PASSWORD = 'Pa55-w0rd!zebra#Q';
export const API_KEY = 'key-9f8e7d6c5b4a';

/** A resolved Config with sensible values (resolveConfig is another helper's work). */
export function testConfig(overrides: Partial<Config> = {}): Config {
  return {
    url: 'http://127.0.0.1:1',
    erpInstance: 'EpicorTest',
    services: ['Erp.BO.CustomerSvc'],
    apiVersion: 'v1',
    company: 'EPIC06',
    user: 'manager',
    password: PASSWORD,
    authScheme: 'Basic',
    initiateOAuth: 'OFF',
    oauthAuthority: 'https://login.microsoftonline.com',
    oauthJWTCertSubject: '*',
    callbackURL: 'http://localhost:33333',
    timeout: 10,
    pagesize: 100,
    maxRows: 0,
    prefetchPages: 0,
    pagingMode: 'skip',
    maxLocalRows: 1_000_000,
    maxUrlLength: 2048,
    maxRetries: 3,
    readonly: false,
    decimalsAsStrings: false,
    cacheMetadata: false,
    cacheLocation: '/tmp/kinetic-sql-test-cache.db',
    metadataTTL: 3600,
    sslRejectUnauthorized: true,
    verbosity: 1,
    properties: {},
    ...overrides,
  };
}

export interface SeenRequest {
  readonly method: string;
  readonly url: string;
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
}

export interface TestServer {
  /** `http://127.0.0.1:PORT` */
  readonly url: string;
  readonly requests: SeenRequest[];
  /** Connections accepted so far. */
  readonly openedSockets: () => number;
  /** Connections closed so far (by either side). */
  readonly closedSockets: () => number;
  close(): Promise<void>;
}

export type Handler = (req: IncomingMessage, res: ServerResponse, seen: SeenRequest, index: number) => void | Promise<void>;

/** Starts a server that records every request (with its body) before calling the handler. */
export async function startServer(handler: Handler): Promise<TestServer> {
  const requests: SeenRequest[] = [];
  let opened = 0;
  let closed = 0;
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const seen = { method: req.method ?? '', url: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks).toString('utf8') };
      requests.push(seen);
      void handler(req, res, seen, requests.length - 1);
    });
  });
  server.on('connection', (socket) => {
    opened++;
    socket.on('close', () => closed++);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    openedSockets: () => opened,
    closedSockets: () => closed,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Answers JSON with a status and optional headers. */
export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text), ...headers });
  res.end(text);
}

/** Epicor's error body. */
export function epicorError(status: number, message: string): Record<string, unknown> {
  return {
    HttpStatus: status,
    ReasonPhrase: 'REST API Exception',
    ErrorMessage: message,
    ErrorType: 'Ice.Common.BusinessObjectException',
    ErrorDetails: [{ Message: message, Type: 'Error', Table: 'Customer', Field: 'CustID' }],
    CorrelationId: '6b1d2a3c-0000-4f00-9a00-123456789abc',
  };
}

/** Resolves when `check()` is true, polling every few milliseconds; gives up (throws) after 10 s. */
export async function until(check: () => boolean): Promise<void> {
  for (let i = 0; !check(); i++) {
    if (i > 2000) throw new Error('until: condition never became true');
    await new Promise((r) => setTimeout(r, 5));
  }
}
