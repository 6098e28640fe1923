/**
 * The retry budget and licence exhaustion, with an injected wait: the client records the waits it asks
 * for instead of sleeping, so a Retry-After of an hour costs the test nothing.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { KineticHttpError } from '../../src/errors.ts';
import { EpicorClient } from '../../src/epicor/client.ts';
import { epicorError, sendJson, startServer, testConfig } from './support.ts';
import type { Config } from '../../src/config/types.ts';
import type { Handler } from './support.ts';

function licenceBody(): Record<string, unknown> {
  return { ...epicorError(400, 'Maximum users exceeded on license for WebService.'), ErrorType: 'Ice.Common.LicenseAccessException' };
}

/** A server failing the first `failures` requests with `fail`, a client whose waits are recorded. */
async function setup(failures: number, fail: Handler, config: Partial<Config> = {}) {
  const server = await startServer((req, res, seen, i) => (i < failures ? fail(req, res, seen, i) : sendJson(res, 200, { ok: i })));
  const waits: number[] = [];
  const client = new EpicorClient(testConfig({ url: server.url, ...config }), {
    wait: async (ms) => {
      waits.push(ms);
    },
  });
  return {
    server,
    client,
    waits,
    total: () => waits.reduce((a, b) => a + b, 0),
    async close() {
      await client.close();
      await server.close();
    },
  };
}

test('a Retry-After longer than Timeout allows is cut to the budget: one short wait, then the retry', async (t) => {
  const s = await setup(1, (_req, res) => sendJson(res, 429, epicorError(429, 'slow down'), { 'retry-after': '3600' }), { timeout: 5 });
  t.after(() => s.close());
  assert.deepEqual(await s.client.getJson(`${s.server.url}/a`), { ok: 1 });
  assert.deepEqual(s.waits, [5_000]);
});

test('a server that keeps asking for an hour: the request fails once Timeout of waiting is spent, saying why', async (t) => {
  const s = await setup(99, (_req, res) => sendJson(res, 429, epicorError(429, 'slow down'), { 'retry-after': '3600' }), { timeout: 10, maxRetries: 4 });
  t.after(() => s.close());
  await assert.rejects(s.client.getJson(`${s.server.url}/a`), (err: unknown) => {
    assert.ok(err instanceof KineticHttpError);
    assert.equal(err.code, 'EHTTP');
    assert.equal(err.status, 429);
    assert.match(err.message, /spent \(Timeout=10\)/);
    return true;
  });
  assert.deepEqual(s.waits, [10_000]);
  assert.equal(s.server.requests.length, 2);
});

test('the waits of one request never add up to more than Timeout', async (t) => {
  const s = await setup(99, (_req, res) => sendJson(res, 503, epicorError(503, 'busy'), { 'retry-after': '25' }), { timeout: 60, maxRetries: 10 });
  t.after(() => s.close());
  await assert.rejects(s.client.getJson(`${s.server.url}/a`), { code: 'EHTTP', status: 503 });
  assert.deepEqual(s.waits, [25_000, 25_000, 10_000]);
  assert.equal(s.total(), 60_000);
  assert.equal(s.server.requests.length, 4);
});

test('Retry-After within the budget is honoured and the request succeeds', async (t) => {
  const s = await setup(2, (_req, res) => sendJson(res, 429, epicorError(429, 'slow down'), { 'retry-after': '20' }), { timeout: 60 });
  t.after(() => s.close());
  assert.deepEqual(await s.client.getJson(`${s.server.url}/a`), { ok: 2 });
  assert.deepEqual(s.waits, [20_000, 20_000]);
});

test('with Timeout=0 the total wait is capped at 120 s', async (t) => {
  const s = await setup(99, (_req, res) => sendJson(res, 503, epicorError(503, 'busy'), { 'retry-after': '3600' }), { timeout: 0, maxRetries: 20 });
  t.after(() => s.close());
  await assert.rejects(s.client.getJson(`${s.server.url}/a`), { status: 503 });
  assert.deepEqual(s.waits, [30_000, 30_000, 30_000, 30_000]);
  assert.equal(s.server.requests.length, 5);
});

test('licence exhaustion (400 LicenseAccessException) is retried with backoff like a 429, then succeeds', async (t) => {
  const s = await setup(2, (_req, res) => sendJson(res, 400, licenceBody()), { maxRetries: 3 });
  t.after(() => s.close());
  assert.deepEqual(await s.client.getJson(`${s.server.url}/a`), { ok: 2 });
  assert.equal(s.waits.length, 2);
  assert.ok(s.waits.every((ms) => ms > 0 && ms <= 5_000), String(s.waits));
  assert.equal(s.client.stats.retries, 2);
});

test('licence exhaustion that outlasts MaxRetries is ELICENSE saying what it means and what to do', async (t) => {
  const s = await setup(99, (_req, res) => sendJson(res, 400, licenceBody()), { maxRetries: 2 });
  t.after(() => s.close());
  await assert.rejects(s.client.getJson(`${s.server.url}/a`), (err: unknown) => {
    assert.ok(err instanceof KineticHttpError);
    assert.equal(err.code, 'ELICENSE');
    assert.equal(err.status, 400);
    assert.equal(err.errorType, 'Ice.Common.LicenseAccessException');
    assert.match(err.message, /web-service licences are in use/);
    assert.match(err.message, /try again later/);
    assert.match(err.message, /MaxRetries=2/);
    return true;
  });
  assert.equal(s.server.requests.length, 3);
});

test('"Maximum users exceeded" without the ErrorType is recognised too', async (t) => {
  const s = await setup(99, (_req, res) => sendJson(res, 400, { ErrorMessage: 'Maximum users exceeded.' }), { maxRetries: 1 });
  t.after(() => s.close());
  await assert.rejects(s.client.getJson(`${s.server.url}/a`), { code: 'ELICENSE' });
  assert.equal(s.server.requests.length, 2);
});

test('a write that meets licence exhaustion is not retried, and is ELICENSE', async (t) => {
  const s = await setup(99, (_req, res) => sendJson(res, 400, licenceBody()));
  t.after(() => s.close());
  await assert.rejects(s.client.postJson(`${s.server.url}/m`, {}), { code: 'ELICENSE' });
  assert.equal(s.server.requests.length, 1);
  assert.deepEqual(s.waits, []);
});

test('an ordinary 400 is still not retried', async (t) => {
  const s = await setup(99, (_req, res) => sendJson(res, 400, epicorError(400, 'Invalid column')));
  t.after(() => s.close());
  await assert.rejects(s.client.getJson(`${s.server.url}/a`), { code: 'EHTTP', status: 400 });
  assert.equal(s.server.requests.length, 1);
});
