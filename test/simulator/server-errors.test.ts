import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { startSimulator, type Simulator } from '../../src/simulator/index.ts';
import { call, isEpicorError, v1, v2 } from './server-helpers.ts';

const CUST = 'Erp.BO.CustomerSvc';

describe('simulator bad input', () => {
  let sim: Simulator;
  before(async () => {
    sim = await startSimulator({ customers: 50 });
  });
  after(() => sim.close());

  async function stillServes(): Promise<void> {
    const r = await call(sim, v2(sim, `${CUST}/Customers?$top=1`));
    assert.equal(r.status, 200);
  }

  const cases: [string, (s: Simulator) => string, number][] = [
    ['malformed percent-encoding in the path', (s) => v1(s, `${CUST}/Customers%ZZ`), 400],
    ['malformed percent-encoding in the query', (s) => v1(s, `${CUST}/Customers?$filter=%E0%A4%A`), 400],
    ['unknown instance', (s) => `${s.url}/Other/api/v1/${CUST}/Customers`, 404],
    ['unknown service', (s) => v1(s, 'Erp.BO.NoSuchSvc/Things'), 404],
    ['unknown set', (s) => v2(s, `${CUST}/Customerz`), 404],
    ['set name in the wrong case', (s) => v2(s, `${CUST}/customers`), 404],
    ['unknown column in $select', (s) => v2(s, `${CUST}/Customers?$select=Nmae`), 400],
    ['unknown column in $filter', (s) => v1(s, `${CUST}/Customers?$filter=Nmae%20eq%20'x'`), 400],
    ['bad literal in $filter', (s) => v2(s, `${CUST}/Customers?$filter=CustNum%20eq%20'abc`), 400],
    ['bad key literal', (s) => v1(s, `${CUST}/Customers('EPIC06','five')`), 400],
    ['wrong number of key values', (s) => v1(s, `${CUST}/Customers(5)`), 400],
    ['absurd $top', (s) => v2(s, `${CUST}/Customers?$top=99999999999`), 400],
    ['negative $skip', (s) => v2(s, `${CUST}/Customers?$skip=-1`), 400],
    ['unknown $ option', (s) => v2(s, `${CUST}/Customers?$frobnicate=1`), 400],
    ['repeated $ option', (s) => v2(s, `${CUST}/Customers?$top=1&$top=2`), 400],
    ['bad CallSettings', (s) => v1(s, `${CUST}/Customers`), 400],
  ];

  for (const [name, url, status] of cases) {
    it(`answers ${status} with Epicor's body for ${name}, then keeps serving`, async () => {
      const headers: Record<string, string> = name === 'bad CallSettings' ? { CallSettings: '{not json' } : {};
      const r = await call(sim, url(sim), { headers });
      assert.ok(isEpicorError(r, status), `${r.status} ${r.text}`);
      await stillServes();
    });
  }

  it('answers 405 for a method a resource does not take', async () => {
    const r = await call(sim, v1(sim, `${CUST}/$metadata`), { method: 'DELETE' });
    assert.ok(isEpicorError(r, 405));
    await stillServes();
  });

  it('turns an internal failure into a 500 with Epicor\'s body and keeps serving', async () => {
    sim.db.exec('DROP TABLE "CustBanks"');
    const r = await call(sim, v1(sim, `${CUST}/CustBanks`));
    assert.ok(isEpicorError(r, 500), r.text);
    await stillServes();
  });

  it('serves JSON even when the client asks for Atom', async () => {
    const r = await call(sim, v1(sim, `${CUST}/Customers?$top=1`), { headers: { accept: 'application/atom+xml' } });
    assert.equal(r.status, 200);
    assert.equal(r.json.value.length, 1);
  });

  it('shows an added column in $metadata and rows (metadata refresh)', async () => {
    sim.addColumn(CUST, 'Customers', { name: 'Loyalty_c', type: 'Edm.Int32', nullable: true });
    const meta = await call(sim, v2(sim, `${CUST}/$metadata`));
    assert.match(meta.text, /Loyalty_c/);
    const r = await call(sim, v2(sim, `${CUST}/Customers?$top=1&$select=Loyalty_c`));
    assert.deepEqual(r.json.value[0], { Loyalty_c: null });
  });

  it('builds connection strings with overrides and quotes values containing ;', () => {
    const cs = sim.connectionString({ ApiVersion: 'v2', Service: 'Erp.BO.CustomerSvc,BaqSvc', Password: 'a;b', ApiKey: undefined });
    assert.equal(cs, `URL=${sim.url};ERPInstance=${sim.instance};Company=EPIC06;User=${sim.user};Password="a;b";ApiVersion=v2;Service=Erp.BO.CustomerSvc,BaqSvc;`);
  });
});
