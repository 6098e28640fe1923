import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { KineticHttpError } from '../../src/errors.ts';
import { EpicorClient } from '../../src/epicor/client.ts';
import { entitySetUrl } from '../../src/epicor/routes.ts';
import { API_KEY, PASSWORD, epicorError, sendJson, startServer, testConfig } from './support.ts';
import type { SeenRequest } from './support.ts';

/** A TokenResource service plus one entity set that accepts only tokens it issued and has not revoked. */
async function tokenServer(options: { expiresIn?: number; revoked?: (token: string, uses: number) => boolean } = {}) {
  const valid = new Map<string, number>();
  let issued = 0;
  const server = await startServer((_req: IncomingMessage, res: ServerResponse, seen: SeenRequest) => {
    if (seen.url === '/EpicorTest/TokenResource.svc/') {
      if (seen.method !== 'POST' || seen.headers.username !== 'manager' || seen.headers.password !== PASSWORD) {
        return sendJson(res, 401, epicorError(401, 'Incorrect user name or password.'));
      }
      const token = `tok-${++issued}`;
      valid.set(token, 0);
      return sendJson(res, 200, { AccessToken: token, ExpiresIn: options.expiresIn ?? 1800, TokenType: 'Bearer' });
    }
    const token = String(seen.headers.authorization ?? '').replace(/^Bearer /, '');
    const uses = valid.get(token);
    if (uses === undefined || options.revoked?.(token, uses) === true) {
      return sendJson(res, 401, epicorError(401, 'Token expired'));
    }
    valid.set(token, uses + 1);
    sendJson(res, 200, { value: [{ token }] });
  });
  const tokenRequests = () => server.requests.filter((r) => r.url.includes('TokenResource')).length;
  return { server, tokenRequests };
}

function tokenConfig(url: string, overrides = {}) {
  return testConfig({ url, authScheme: 'Token', apiKey: API_KEY, ...overrides });
}

test('the token is fetched once, shared by concurrent callers and reused', async (t) => {
  const { server, tokenRequests } = await tokenServer();
  const config = tokenConfig(server.url);
  const client = new EpicorClient(config);
  t.after(async () => {
    await client.close();
    await server.close();
  });
  const url = entitySetUrl(config, 'Erp.BO.CustomerSvc', 'Customers');
  const first = await Promise.all([1, 2, 3, 4, 5].map(() => client.getJson(url)));
  await client.getJson(url);
  await client.getJson(url);
  assert.equal(tokenRequests(), 1);
  assert.deepEqual(first[0], { value: [{ token: 'tok-1' }] });
  const tokenRequest = server.requests.find((r) => r.url.includes('TokenResource'));
  assert.equal(tokenRequest?.method, 'POST');
  assert.equal(tokenRequest?.headers.accept, 'application/json');
  assert.equal(tokenRequest?.headers.authorization, undefined);
  const data = server.requests.filter((r) => !r.url.includes('TokenResource'));
  assert.equal(data.length, 7);
  assert.ok(data.every((r) => r.headers.authorization === 'Bearer tok-1' && r.headers['x-api-key'] === API_KEY));
});

test('the token is renewed before it expires', async (t) => {
  const { server, tokenRequests } = await tokenServer({ expiresIn: 1800 });
  let now = 1_000_000;
  const config = tokenConfig(server.url);
  const client = new EpicorClient(config, { now: () => now });
  t.after(async () => {
    await client.close();
    await server.close();
  });
  const url = entitySetUrl(config, 'Erp.BO.CustomerSvc', 'Customers');
  await client.getJson(url);
  now += 1500_000; // 300 s left: still fine
  await client.getJson(url);
  assert.equal(tokenRequests(), 1);
  now += 200_000; // 100 s left, under 10% of its life: renew
  assert.deepEqual(await client.getJson(url), { value: [{ token: 'tok-2' }] });
  assert.equal(tokenRequests(), 2);
});

test('a 401 renews the token once and retries the request once', async (t) => {
  const { server, tokenRequests } = await tokenServer({ revoked: (_token, uses) => uses >= 1 });
  const config = tokenConfig(server.url);
  const client = new EpicorClient(config);
  t.after(async () => {
    await client.close();
    await server.close();
  });
  const url = entitySetUrl(config, 'Erp.BO.CustomerSvc', 'Customers');
  assert.deepEqual(await client.getJson(url), { value: [{ token: 'tok-1' }] });
  assert.deepEqual(await client.getJson(url), { value: [{ token: 'tok-2' }] });
  assert.equal(tokenRequests(), 2);
  // POST gets the same treatment: a refused token means the request was not processed
  assert.deepEqual(await client.postJson(url, {}), { value: [{ token: 'tok-3' }] });
  assert.equal(tokenRequests(), 3);
});

test('concurrent 401s share one renewal', async (t) => {
  const { server, tokenRequests } = await tokenServer({ revoked: (token, uses) => token === 'tok-1' && uses >= 1 });
  const config = tokenConfig(server.url);
  const client = new EpicorClient(config);
  t.after(async () => {
    await client.close();
    await server.close();
  });
  const url = entitySetUrl(config, 'Erp.BO.CustomerSvc', 'Customers');
  await client.getJson(url);
  const answers = await Promise.all([client.getJson(url), client.getJson(url), client.getJson(url)]);
  assert.equal(tokenRequests(), 2);
  assert.ok(answers.every((a) => JSON.stringify(a) === JSON.stringify({ value: [{ token: 'tok-2' }] })));
});

test('a token refused again after renewal is an EAUTH error, not a loop', async (t) => {
  const { server, tokenRequests } = await tokenServer({ revoked: () => true });
  const config = tokenConfig(server.url);
  const client = new EpicorClient(config);
  t.after(async () => {
    await client.close();
    await server.close();
  });
  await assert.rejects(client.getJson(entitySetUrl(config, 'Erp.BO.CustomerSvc', 'Customers')), { code: 'EAUTH', status: 401 });
  assert.equal(tokenRequests(), 2);
});

test('bad credentials at the token service are EAUTH and leak no password', async (t) => {
  const { server } = await tokenServer();
  const config = tokenConfig(server.url, { password: `${PASSWORD}-wrong` });
  const client = new EpicorClient(config);
  t.after(async () => {
    await client.close();
    await server.close();
  });
  await assert.rejects(client.getJson(entitySetUrl(config, 'Erp.BO.CustomerSvc', 'Customers')), (err: unknown) => {
    assert.ok(err instanceof KineticHttpError);
    assert.equal(err.code, 'EAUTH');
    assert.equal(err.status, 401);
    assert.match(err.message, /token service refused the credentials.*User and Password/);
    assert.equal(err.errorMessage, 'Incorrect user name or password.');
    for (const text of [String(err), err.message, JSON.stringify(err), err.url ?? '']) assert.ok(!text.includes(PASSWORD));
    return true;
  });
  assert.equal(server.requests.length, 1, 'no data request is sent without a token');
});
