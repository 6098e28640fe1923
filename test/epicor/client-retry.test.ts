import assert from 'node:assert/strict';
import { test } from 'node:test';
import { KineticHttpError } from '../../src/errors.ts';
import { EpicorClient } from '../../src/epicor/client.ts';
import { epicorError, sendJson, startServer, testConfig } from './support.ts';
import type { Handler } from './support.ts';

/** A server failing the first `failures` requests with `fail`, then answering `{ok: n}`. */
async function flaky(failures: number, fail: Handler, maxRetries = 3) {
  const server = await startServer((req, res, seen, i) => (i < failures ? fail(req, res, seen, i) : sendJson(res, 200, { ok: i })));
  const client = new EpicorClient(testConfig({ url: server.url, maxRetries }));
  return {
    server,
    client,
    async close() {
      await client.close();
      await server.close();
    },
  };
}

test('429 with Retry-After 0 and 1 is retried after the wait', async (t) => {
  const s = await flaky(2, (_req, res, _seen, i) => sendJson(res, 429, epicorError(429, 'slow down'), { 'retry-after': String(i) }));
  t.after(() => s.close());
  assert.deepEqual(await s.client.getJson(`${s.server.url}/a`), { ok: 2 });
  assert.equal(s.server.requests.length, 3);
  assert.equal(s.client.stats.retries, 2);
});

test('429 with Retry-After as an HTTP date in the past is retried at once', async (t) => {
  const s = await flaky(1, (_req, res) => sendJson(res, 429, {}, { 'retry-after': new Date(Date.now() - 60_000).toUTCString() }));
  t.after(() => s.close());
  assert.deepEqual(await s.client.getJson(`${s.server.url}/a`), { ok: 1 });
});

test('502, 503 and 504 are retried with backoff', async (t) => {
  const statuses = [502, 503, 504];
  const s = await flaky(3, (_req, res, _seen, i) => sendJson(res, statuses[i] ?? 503, epicorError(503, 'unavailable')));
  t.after(() => s.close());
  assert.deepEqual(await s.client.getJson(`${s.server.url}/a`), { ok: 3 });
  assert.equal(s.server.requests.length, 4);
});

test('a connection the server destroys is retried', async (t) => {
  const s = await flaky(1, (req) => {
    req.socket.destroy();
  });
  t.after(() => s.close());
  assert.deepEqual(await s.client.getJson(`${s.server.url}/a`), { ok: 1 });
  assert.equal(s.server.requests.length, 2);
});

test('a connection destroyed in the middle of the body is retried', async (t) => {
  const s = await flaky(1, (_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json', 'content-length': '1000' });
    res.write('{"value":[{"CustNum":1},');
    setImmediate(() => res.socket?.destroy());
  });
  t.after(() => s.close());
  assert.deepEqual(await s.client.getJson(`${s.server.url}/a`), { ok: 1 });
});

test('a 200 with broken JSON is retried like a reset', async (t) => {
  const s = await flaky(2, (_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end('{"value":[{"CustNum":1},{"Cust');
  });
  t.after(() => s.close());
  assert.deepEqual(await s.client.getJson(`${s.server.url}/a`), { ok: 2 });
});

test('broken JSON on every attempt ends in EPROTOCOL with the status', async (t) => {
  const s = await flaky(99, (_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end('<html>proxy login</html>');
  }, 1);
  t.after(() => s.close());
  await assert.rejects(s.client.getJson(`${s.server.url}/a`), (err: unknown) => {
    assert.ok(err instanceof KineticHttpError);
    assert.equal(err.code, 'EPROTOCOL');
    assert.equal(err.status, 200);
    return true;
  });
  assert.equal(s.server.requests.length, 2);
});

for (const status of [400, 401, 404, 500]) {
  test(`${status} is not retried`, async (t) => {
    const s = await flaky(99, (_req, res) => sendJson(res, status, epicorError(status, 'no')));
    t.after(() => s.close());
    await assert.rejects(s.client.getJson(`${s.server.url}/a`), { status });
    assert.equal(s.server.requests.length, 1);
  });
}

test('POST is not retried on 503 nor on a reset', async (t) => {
  const s = await flaky(99, (req, res, _seen, i) => {
    if (i === 0) sendJson(res, 503, {});
    else req.socket.destroy();
  });
  t.after(() => s.close());
  await assert.rejects(s.client.postJson(`${s.server.url}/m`, {}), { code: 'EHTTP', status: 503 });
  await assert.rejects(s.client.postJson(`${s.server.url}/m`, {}), { code: 'EHTTP' });
  assert.equal(s.server.requests.length, 2);
});

test('retries exhausted: the last error is reported with its status and Epicor fields', async (t) => {
  const s = await flaky(99, (_req, res) => sendJson(res, 503, epicorError(503, 'Server is busy'), { 'retry-after': '0' }), 2);
  t.after(() => s.close());
  await assert.rejects(s.client.getJson(`${s.server.url}/a`), (err: unknown) => {
    assert.ok(err instanceof KineticHttpError);
    assert.equal(err.code, 'EHTTP');
    assert.equal(err.status, 503);
    assert.equal(err.errorMessage, 'Server is busy');
    assert.match(err.message, /^503 Service Unavailable from Epicor/);
    return true;
  });
  assert.equal(s.server.requests.length, 3);
  assert.equal(s.client.stats.retries, 2);
});

test('MaxRetries=0 sends a request once', async (t) => {
  const s = await flaky(99, (_req, res) => sendJson(res, 429, {}, { 'retry-after': '0' }), 0);
  t.after(() => s.close());
  await assert.rejects(s.client.getJson(`${s.server.url}/a`), { status: 429 });
  assert.equal(s.server.requests.length, 1);
});
