import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { setTimeout as delay } from 'node:timers/promises';
import { deliver, statusFault } from '../faults/deliver.ts';
import type { ServerState } from './context.ts';
import { failureResponse, handleRequest } from './handle-request.ts';
import { iisRejection, iisResponse } from './iis-limits.ts';
import { decodeForStats } from './query-string.ts';
import type { SimResponse } from './response.ts';
import { SimHttpError } from './sim-http-error.ts';

const MAX_BODY_BYTES = 16 * 1024 * 1024;
const IDLE_CONNECTION_MS = 120_000;

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        req.removeAllListeners('data');
        req.resume();
        reject(new SimHttpError(400, `The request body is larger than ${MAX_BODY_BYTES} bytes.`, { headers: { connection: 'close' } }));
      } else chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

async function serve(state: ServerState, req: IncomingMessage, res: ServerResponse, signal: AbortSignal): Promise<void> {
  const rawUrl = req.url ?? '/';
  const q = rawUrl.indexOf('?');
  const rawPath = q < 0 ? rawUrl : rawUrl.slice(0, q);
  const search = q < 0 ? '' : rawUrl.slice(q + 1);
  const pathname = decodeForStats(rawPath);
  const rejection = iisRejection(state.iisLimits, rawPath, search);
  const count = state.stats.record(pathname, decodeForStats(search), rejection, req.method);
  // IIS refuses a request over its limits before Epicor (and so before any injected fault) sees it.
  const fault = rejection ? undefined : state.faults.pick(pathname, req.method);
  let response: SimResponse;
  try {
    const body = await readBody(req);
    if (state.latencyMs > 0) await delay(state.latencyMs, undefined, { signal });
    const local = req.socket.localAddress?.includes(':') ? `[${req.socket.localAddress}]` : req.socket.localAddress;
    const origin = `http://${req.headers.host ?? `${local}:${req.socket.localPort}`}`;
    if (rejection) response = iisResponse(rejection);
    else response = (fault && statusFault(fault, req.headers)) ?? (await handleRequest(state, { req, body, origin, rawPath, search }));
  } catch (err) {
    if (signal.aborted) return void res.destroy();
    response = failureResponse(err);
  }
  if (req.method === 'HEAD') response = { ...response, body: Buffer.alloc(0) };
  await deliver(res, response, fault, count, signal);
}

/** The HTTP server with its sockets tracked, so that close ends stalled responses too. */
export interface SimServer {
  readonly server: Server;
  close(): Promise<void>;
}

/**
 * Creates the simulator's node:http server over the shared state. Every request is counted, delayed by
 * `latencyMs`, possibly faulted, and answered with JSON or Epicor's error body; the server keeps
 * serving after any failure.
 */
export function createSimServer(state: ServerState): SimServer {
  const closing = new AbortController();
  const sockets = new Set<Socket>();
  const server = createServer((req, res) => void serve(state, req, res, closing.signal));
  // IIS keeps an idle connection 120 s (its connectionTimeout). Node's 5 s default let the server close a
  // kept-alive socket just as a client whose event loop was busy (parsing $metadata, compiling a long
  // INSERT) sent its next request on it: a reset that a GET survives by a retry, but a POST never does.
  server.keepAliveTimeout = IDLE_CONNECTION_MS;
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  server.on('clientError', (_err, socket) => {
    if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
    else socket.destroy();
  });
  return {
    server,
    close: () =>
      new Promise<void>((resolve) => {
        closing.abort();
        server.close(() => resolve());
        for (const socket of sockets) socket.destroy();
      }),
  };
}
