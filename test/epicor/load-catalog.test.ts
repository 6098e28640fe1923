import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { KineticHttpError } from '../../src/errors.ts';
import { EpicorClient } from '../../src/epicor/client.ts';
import { loadServiceCatalog } from '../../src/epicor/load-catalog.ts';
import { epicorError, sendJson, startServer, testConfig } from './support.ts';

const fixture = (name: string): string => readFileSync(new URL(`../fixtures/edmx/${name}`, import.meta.url), 'utf8');

function sendXml(res: import('node:http').ServerResponse, xml: string): void {
  res.writeHead(200, { 'content-type': 'application/xml' });
  res.end(xml);
}

test('a service catalog comes from its $metadata (v2 route)', async (t) => {
  const server = await startServer((_req, res, seen) =>
    seen.url === '/EpicorTest/api/v2/odata/EPIC06/Erp.BO.CustomerSvc/$metadata'
      ? sendXml(res, fixture('customer-v2.xml'))
      : sendJson(res, 404, epicorError(404, 'Not found')),
  );
  const config = testConfig({ url: server.url, apiVersion: 'v2' });
  const client = new EpicorClient(config);
  t.after(async () => {
    await client.close();
    await server.close();
  });
  const catalog = await loadServiceCatalog(client, config, 'Erp.BO.CustomerSvc');
  assert.deepEqual(catalog.tables.map((x) => x.name), ['Customers', 'ShipToes']);
});

test('BaqSvc: the service document lists the BAQs, each $metadata becomes a view, a few at a time', async (t) => {
  const ids = ['zCustomer01', '68138-HSCustomers', 'b3', 'b4', 'b5', 'b6', 'b7'];
  let inFlight = 0;
  let maxInFlight = 0;
  const server = await startServer((_req, res, seen) => {
    if (seen.url === '/EpicorTest/api/v1/BaqSvc/') {
      return sendJson(res, 200, { 'odata.metadata': 'x', value: ids.map((name) => ({ name, url: name })) });
    }
    const m = /^\/EpicorTest\/api\/v1\/BaqSvc\/([^/]+)\/\$metadata$/.exec(seen.url);
    if (!m) return sendJson(res, 404, epicorError(404, 'Not found'));
    maxInFlight = Math.max(maxInFlight, ++inFlight);
    setTimeout(() => {
      inFlight--;
      sendXml(res, fixture('baq-v1.xml'));
    }, 10);
  });
  const config = testConfig({ url: server.url });
  const client = new EpicorClient(config);
  t.after(async () => {
    await client.close();
    await server.close();
  });
  const catalog = await loadServiceCatalog(client, config, 'BaqSvc');
  assert.equal(catalog.service, 'BaqSvc');
  assert.deepEqual(catalog.tables.map((x) => x.name), ids);
  assert.ok(catalog.tables.every((x) => x.kind === 'view' && x.parameters[0]?.required === true));
  assert.ok(maxInFlight > 1 && maxInFlight <= 4, `in flight: ${maxInFlight}`);
  assert.ok(server.requests.some((r) => r.url === '/EpicorTest/api/v1/BaqSvc/68138-HSCustomers/$metadata'));
});

test('an unknown service is EHTTP saying to check the Service property', async (t) => {
  const server = await startServer((_req, res) => sendJson(res, 404, epicorError(404, 'Service not found')));
  const config = testConfig({ url: server.url });
  const client = new EpicorClient(config);
  t.after(async () => {
    await client.close();
    await server.close();
  });
  await assert.rejects(loadServiceCatalog(client, config, 'Erp.BO.NoSuchSvc'), (err: unknown) => {
    assert.ok(err instanceof KineticHttpError);
    assert.equal(err.code, 'EHTTP');
    assert.equal(err.status, 404);
    assert.match(err.message, /^Service Erp\.BO\.NoSuchSvc was not found on the server: check the Service property/);
    return true;
  });
});
