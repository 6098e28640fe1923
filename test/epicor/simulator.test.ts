import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Config } from '../../src/config/types.ts';
import { EpicorClient } from '../../src/epicor/client.ts';
import { parseEdmx } from '../../src/epicor/edmx.ts';
import { loadServiceCatalog } from '../../src/epicor/load-catalog.ts';
import { entitySetUrl, metadataUrl } from '../../src/epicor/routes.ts';
import { startSimulator } from '../../src/simulator/index.ts';
import type { Simulator } from '../../src/simulator/index.ts';
import { testConfig } from './support.ts';

function simConfig(sim: Simulator, overrides: Partial<Config> = {}): Config {
  return testConfig({
    url: sim.url,
    erpInstance: sim.instance,
    company: sim.company,
    user: sim.user,
    password: sim.password,
    apiKey: sim.apiKey,
    ...overrides,
  });
}

for (const apiVersion of ['v1', 'v2'] as const) {
  test(`simulator ${apiVersion}: Erp.BO.CustomerSvc $metadata read through the client parses into a catalog`, async (t) => {
    const sim = await startSimulator({ customers: 20 });
    const config = simConfig(sim, { apiVersion });
    const client = new EpicorClient(config);
    t.after(async () => {
      await client.close();
      await sim.close();
    });
    const catalog = parseEdmx(await client.getText(metadataUrl(config, 'Erp.BO.CustomerSvc')), 'Erp.BO.CustomerSvc');
    const customers = catalog.tables.find((x) => x.name === 'Customers');
    assert.ok(customers);
    assert.equal(customers.entityType, 'CustomerRow');
    assert.deepEqual(customers.keys, ['Company', 'CustNum']);
    assert.ok(customers.columns.length > 100, `columns: ${customers.columns.length}`);
    assert.equal(customers.columns.find((c) => c.name === 'CustNum')?.type, 'Edm.Int32');
    assert.ok(customers.navigation.some((n) => n.target === 'ShipToes' && n.many));
    const page = (await client.getJson(entitySetUrl(config, 'Erp.BO.CustomerSvc', 'Customers', '$top=2&$select=CustNum'))) as { value: unknown[] };
    assert.equal(page.value.length, 2);
  });
}

test('simulator: BaqSvc catalog has the hyphenated BAQ and the mandatory zipCode parameter', async (t) => {
  const sim = await startSimulator({ customers: 20 });
  const config = simConfig(sim, { apiVersion: 'v2' });
  const client = new EpicorClient(config);
  t.after(async () => {
    await client.close();
    await sim.close();
  });
  const catalog = await loadServiceCatalog(client, config, 'BaqSvc');
  const names = catalog.tables.map((x) => x.name);
  assert.ok(names.includes('zCustomer01') && names.includes('68138-HSCustomers'), names.join());
  const z = catalog.tables.find((x) => x.name === 'zCustomer01');
  assert.deepEqual(z?.parameters, [{ name: 'zipCode', type: 'Edm.String', required: true }]);
});

test('simulator: AuthScheme=Token and injected faults (429, reset, broken JSON) are survived', async (t) => {
  const sim = await startSimulator({ customers: 20 });
  const config = simConfig(sim, { authScheme: 'Token', maxRetries: 3 });
  const client = new EpicorClient(config);
  t.after(async () => {
    await client.close();
    await sim.close();
  });
  sim.setFaults([
    { path: '/Customers', nth: 1, kind: 'status429', retryAfter: 0 },
    { path: '/Customers', nth: 2, kind: 'reset' },
    { path: '/Customers', nth: 3, kind: 'brokenJson' },
  ]);
  const page = (await client.getJson(entitySetUrl(config, 'Erp.BO.CustomerSvc', 'Customers', '$top=3'))) as { value: unknown[] };
  assert.equal(page.value.length, 3);
  assert.equal(client.stats.retries, 3);
});
