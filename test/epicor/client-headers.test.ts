import assert from 'node:assert/strict';
import { test } from 'node:test';
import { EpicorClient } from '../../src/epicor/client.ts';
import { entitySetUrl, metadataUrl, methodUrl } from '../../src/epicor/routes.ts';
import { API_KEY, PASSWORD, sendJson, startServer, testConfig } from './support.ts';

test('v1 GET sends Basic auth, x-api-key, CallSettings with company and plant, License and Accept JSON', async (t) => {
  const server = await startServer((_req, res) => sendJson(res, 200, { value: [{ CustNum: 1 }] }));
  const config = testConfig({ url: server.url, apiKey: API_KEY, plant: 'MfgSys', license: '00000003-9439-4B30-A6F4-6D2FD4B9FD0F' });
  const client = new EpicorClient(config);
  t.after(async () => {
    await client.close();
    await server.close();
  });
  const body = await client.getJson(entitySetUrl(config, 'Erp.BO.CustomerSvc', 'Customers', '$top=1'));
  assert.deepEqual(body, { value: [{ CustNum: 1 }] });
  const [seen] = server.requests;
  assert.ok(seen);
  assert.equal(seen.method, 'GET');
  assert.equal(seen.url, '/EpicorTest/api/v1/Erp.BO.CustomerSvc/Customers?$top=1');
  assert.equal(seen.headers.authorization, `Basic ${Buffer.from(`manager:${PASSWORD}`).toString('base64')}`);
  assert.equal(seen.headers['x-api-key'], API_KEY);
  assert.deepEqual(JSON.parse(String(seen.headers.callsettings)), { Company: 'EPIC06', Plant: 'MfgSys' });
  assert.deepEqual(JSON.parse(String(seen.headers.license)), { ClaimedLicense: '00000003-9439-4B30-A6F4-6D2FD4B9FD0F' });
  assert.equal(seen.headers.accept, 'application/json');
});

test('$metadata asks for XML; v2 sends no CallSettings without a Plant; no x-api-key when ApiKey is unset', async (t) => {
  const server = await startServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'application/xml' });
    res.end('<edmx:Edmx/>');
  });
  const config = testConfig({ url: server.url, apiVersion: 'v2' });
  const client = new EpicorClient(config);
  t.after(async () => {
    await client.close();
    await server.close();
  });
  assert.equal(await client.getText(metadataUrl(config, 'Erp.BO.CustomerSvc')), '<edmx:Edmx/>');
  const [seen] = server.requests;
  assert.equal(seen?.url, '/EpicorTest/api/v2/odata/EPIC06/Erp.BO.CustomerSvc/$metadata');
  assert.equal(seen?.headers.accept, 'application/xml');
  assert.equal(seen?.headers.callsettings, undefined);
  assert.equal(seen?.headers['x-api-key'], undefined);
});

test('POST sends a JSON body with Content-Type; non-ASCII company ids survive in CallSettings', async (t) => {
  const server = await startServer((_req, res, seen) => sendJson(res, 200, { returnObj: JSON.parse(seen.body), parameters: {} }));
  const config = testConfig({ url: server.url, company: 'Société' });
  const client = new EpicorClient(config);
  t.after(async () => {
    await client.close();
    await server.close();
  });
  const answer = await client.postJson(methodUrl(config, 'Erp.BO.CustomerSvc', 'GetByID'), { custNum: 45 });
  assert.deepEqual(answer, { returnObj: { custNum: 45 }, parameters: {} });
  const [seen] = server.requests;
  assert.equal(seen?.method, 'POST');
  assert.match(String(seen?.headers['content-type']), /^application\/json/);
  assert.deepEqual(JSON.parse(String(seen?.headers.callsettings)), { Company: 'Société' });
});

test('a 204 answer resolves null and stats count requests and bytes', async (t) => {
  const server = await startServer((_req, res, _seen, i) => {
    if (i === 0) {
      res.writeHead(204);
      res.end();
    } else sendJson(res, 200, { ok: true });
  });
  const config = testConfig({ url: server.url });
  const client = new EpicorClient(config);
  t.after(async () => {
    await client.close();
    await server.close();
  });
  assert.equal(await client.postJson(`${server.url}/x`, {}), null);
  await client.getJson(`${server.url}/y`);
  assert.deepEqual(client.stats, { requests: 2, retries: 0, bytesReceived: '{"ok":true}'.length });
});
