import assert from 'node:assert/strict';
import { test } from 'node:test';
import { KineticError, KineticHttpError } from '../../src/errors.ts';
import { EpicorClient } from '../../src/epicor/client.ts';
import { redactUrl } from '../../src/epicor/redact-url.ts';
import { API_KEY, PASSWORD, epicorError, sendJson, startServer, testConfig, until } from './support.ts';

function assertNoSecrets(err: unknown): void {
  assert.ok(err instanceof KineticError);
  for (const text of [String(err), err.message, JSON.stringify(err), err.url ?? '', String(err.stack)]) {
    assert.ok(!text.includes(PASSWORD), `password leaked in: ${text}`);
    assert.ok(!text.includes(API_KEY), `API key leaked in: ${text}`);
    assert.ok(!text.includes(Buffer.from(`manager:${PASSWORD}`).toString('base64')), `Basic header leaked in: ${text}`);
  }
}

test("Epicor's error body becomes KineticHttpError fields and a message saying what to do", async (t) => {
  const server = await startServer((_req, res) => sendJson(res, 400, epicorError(400, 'Customer ID is required.')));
  const client = new EpicorClient(testConfig({ url: server.url }));
  t.after(async () => {
    await client.close();
    await server.close();
  });
  await assert.rejects(client.getJson(`${server.url}/EpicorTest/api/v1/Erp.BO.CustomerSvc/Customers?$top=1`), (err: unknown) => {
    assert.ok(err instanceof KineticHttpError);
    assert.equal(err.code, 'EHTTP');
    assert.equal(err.status, 400);
    assert.equal(err.errorMessage, 'Customer ID is required.');
    assert.equal(err.errorType, 'Ice.Common.BusinessObjectException');
    assert.equal(err.correlationId, '6b1d2a3c-0000-4f00-9a00-123456789abc');
    assert.equal(err.url, `${server.url}/EpicorTest/api/v1/Erp.BO.CustomerSvc/Customers?$top=1`);
    assert.match(err.message, /400 Bad Request from Epicor .*\(Epicor said: Customer ID is required\.\)/);
    return true;
  });
});

test('401 is EAUTH, says to check User/Password or ApiKey, and leaks no credential anywhere', async (t) => {
  const server = await startServer((_req, res) => sendJson(res, 401, epicorError(401, 'Invalid user or password')));
  const client = new EpicorClient(testConfig({ url: server.url, apiKey: API_KEY }));
  t.after(async () => {
    await client.close();
    await server.close();
  });
  const url = `${server.url}/EpicorTest/api/v1/X/Y?$top=1&password=${encodeURIComponent(PASSWORD)}&api_key=${API_KEY}`;
  await assert.rejects(client.getJson(url), (err: unknown) => {
    assert.ok(err instanceof KineticHttpError);
    assert.equal(err.code, 'EAUTH');
    assert.equal(err.status, 401);
    assert.match(err.message, /^401 Unauthorized from Epicor .*check User\/Password or ApiKey.*\(Epicor said: Invalid user or password\)/);
    assert.equal(err.url, `${server.url}/EpicorTest/api/v1/X/Y?$top=1&password=***&api_key=***`);
    assertNoSecrets(err);
    return true;
  });
  assert.equal(server.requests[0]?.headers['x-api-key'], API_KEY);
});

test('403 is EAUTH; a non-JSON error body is quoted, an HTML one is not', async (t) => {
  const server = await startServer((_req, res, _seen, i) => {
    res.writeHead(i === 0 ? 403 : 502, { 'content-type': i === 0 ? 'text/plain' : 'text/html' });
    res.end(i === 0 ? 'Scope does not allow this service' : '<html><body>Bad gateway</body></html>');
  });
  const client = new EpicorClient(testConfig({ url: server.url, maxRetries: 0 }));
  t.after(async () => {
    await client.close();
    await server.close();
  });
  await assert.rejects(client.getJson(`${server.url}/a`), { code: 'EAUTH', status: 403, errorMessage: 'Scope does not allow this service' });
  await assert.rejects(client.getJson(`${server.url}/a`), (err: unknown) => {
    assert.ok(err instanceof KineticHttpError);
    assert.equal(err.status, 502);
    assert.equal(err.errorMessage, undefined);
    assert.ok(!err.message.includes('<html>'));
    return true;
  });
});

test('redactUrl removes userinfo and secret-looking query values, keeps the rest', () => {
  assert.equal(
    redactUrl(`https://manager:${encodeURIComponent(PASSWORD)}@erp.example.com/Inst/api/v1/S/Customers?$filter=Name%20eq%20'x'&access_token=abc&zipCode=90210`),
    "https://erp.example.com/Inst/api/v1/S/Customers?$filter=Name%20eq%20'x'&access_token=***&zipCode=90210",
  );
  assert.equal(redactUrl('not a url?password=x'), 'not a url');
  assert.equal(redactUrl('https://h/p?token=abc#frag'), 'https://h/p?token=***');
});

test('a request slower than Timeout fails with ETIMEOUT and is not retried', async (t) => {
  const server = await startServer(() => {
    /* never answers */
  });
  const client = new EpicorClient(testConfig({ url: server.url, timeout: 0.2 }));
  t.after(async () => {
    await client.close();
    await server.close();
  });
  await assert.rejects(client.getJson(`${server.url}/slow`), (err: unknown) => {
    assert.ok(err instanceof KineticHttpError);
    assert.equal(err.code, 'ETIMEOUT');
    assert.match(err.message, /raise Timeout/);
    return true;
  });
  assert.equal(client.stats.requests, 1, 'a timeout is not retried');
});

test('aborting a request rejects with EABORTED and the server sees its connection closed', async (t) => {
  let requestSocketClosed = false;
  const server = await startServer((req) => {
    req.socket.once('close', () => {
      requestSocketClosed = true;
    });
    /* never answers */
  });
  const client = new EpicorClient(testConfig({ url: server.url, timeout: 0 }));
  t.after(async () => {
    await client.close();
    await server.close();
  });
  const controller = new AbortController();
  const pending = client.getJson(`${server.url}/rows`, { signal: controller.signal });
  await until(() => server.requests.length === 1);
  controller.abort();
  await assert.rejects(pending, { code: 'EABORTED' });
  await until(() => requestSocketClosed);
  // an already aborted signal sends nothing
  await assert.rejects(client.getJson(`${server.url}/rows`, { signal: controller.signal }), { code: 'EABORTED' });
  assert.equal(server.requests.length, 1);
  assert.equal(client.stats.requests, 1);
});

test('aborting during a Retry-After wait ends the wait with EABORTED', async (t) => {
  const server = await startServer((_req, res) => sendJson(res, 503, {}, { 'retry-after': '30' }));
  // Timeout 60 s: the 30 s wait fits in the retry budget (with Timeout 10 s it is not even started).
  const client = new EpicorClient(testConfig({ url: server.url, timeout: 60 }));
  t.after(async () => {
    await client.close();
    await server.close();
  });
  const controller = new AbortController();
  const pending = client.getJson(`${server.url}/rows`, { signal: controller.signal });
  await until(() => server.requests.length === 1);
  setTimeout(() => controller.abort(), 20);
  await assert.rejects(pending, { code: 'EABORTED' });
  assert.equal(server.requests.length, 1);
});

test('a refused connection is EHTTP with the cause, after the retries', async () => {
  const server = await startServer(() => undefined);
  const url = server.url;
  await server.close();
  const client = new EpicorClient(testConfig({ url, maxRetries: 1 }));
  try {
    await assert.rejects(client.getJson(`${url}/x`), (err: unknown) => {
      assert.ok(err instanceof KineticHttpError);
      assert.equal(err.code, 'EHTTP');
      assert.match(err.message, /ECONNREFUSED/);
      assert.ok(err.cause instanceof Error);
      assertNoSecrets(err);
      return true;
    });
    assert.equal(client.stats.retries, 1);
  } finally {
    await client.close();
  }
});

test('close() closes the keep-alive connection; later calls fail with ECLOSED', async (t) => {
  const server = await startServer((_req, res) => sendJson(res, 200, { ok: true }));
  t.after(() => server.close());
  const client = new EpicorClient(testConfig({ url: server.url }));
  await client.getJson(`${server.url}/a`);
  await client.getJson(`${server.url}/b`);
  assert.equal(server.closedSockets(), 0, 'connections are kept alive between requests');
  await client.close();
  await until(() => server.closedSockets() === server.openedSockets());
  await assert.rejects(client.getJson(`${server.url}/c`), { code: 'ECLOSED' });
  await client.close(); // twice is fine
});
