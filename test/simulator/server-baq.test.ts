import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { startSimulator, type Simulator } from '../../src/simulator/index.ts';
import { call, isEpicorError, v1, v2 } from './server-helpers.ts';

describe('simulator BAQs over HTTP', () => {
  let sim: Simulator;
  let zip: string;
  let zipCount: number;
  before(async () => {
    sim = await startSimulator({ customers: 300 });
    const row = sim.db.prepare("SELECT Zip, COUNT(*) AS n FROM Customers WHERE Company = 'EPIC06' GROUP BY Zip ORDER BY n DESC LIMIT 1").get() as { Zip: string; n: number };
    zip = row.Zip;
    zipCount = row.n;
  });
  after(() => sim.close());

  it('lists the BAQs on v1 and v2', async () => {
    for (const url of [v1(sim, 'BaqSvc/'), v2(sim, 'BaqSvc/')]) {
      const r = await call(sim, url);
      assert.equal(r.status, 200, r.text);
      const ids = r.json.value.map((b: { name: string }) => b.name);
      assert.ok(ids.includes('zCustomer01') && ids.includes('68138-HSCustomers'), ids.join());
    }
  });

  it('serves one BAQ\'s $metadata with its parameters', async () => {
    for (const url of [v1(sim, 'BaqSvc/zCustomer01/$metadata'), v2(sim, 'BaqSvc/zCustomer01/$metadata')]) {
      const r = await call(sim, url);
      assert.equal(r.status, 200, r.text);
      assert.match(r.text, /zipCode/);
      assert.match(r.text, /QueryResult/);
    }
  });

  it('answers rows with the parameter on v1 (with and without slash) and v2, then applies OData options', async () => {
    const a = await call(sim, v1(sim, `BaqSvc/zCustomer01/?zipCode=${zip}`));
    assert.equal(a.status, 200, a.text);
    assert.equal(a.json.value.length, zipCount);
    assert.ok(a.json.value.every((r: { Customer_Zip: string }) => r.Customer_Zip === zip));
    const b = await call(sim, v1(sim, `BaqSvc/zCustomer01?ZIPCODE=${zip}&$top=1&$select=Customer_CustID`));
    assert.deepEqual(Object.keys(b.json.value[0]), ['Customer_CustID']);
    const c = await call(sim, v2(sim, `BaqSvc/zCustomer01/Data?zipCode=${zip}&$count=true&$top=0`));
    assert.equal(c.json['@odata.count'], zipCount);
  });

  it('refuses a missing mandatory parameter (naming it) and an unknown pair', async () => {
    const missing = await call(sim, v2(sim, 'BaqSvc/zCustomer01/Data?$top=1'));
    assert.ok(isEpicorError(missing, 400));
    assert.match(missing.json.ErrorMessage, /zipCode/);
    assert.ok(isEpicorError(await call(sim, v1(sim, `BaqSvc/zCustomer01/?zipCode=${zip}&colour=red`)), 400));
    assert.ok(isEpicorError(await call(sim, v1(sim, 'BaqSvc/NoSuchBaq/')), 404));
  });

  it('serves a hyphenated BAQ id with an optional parameter', async () => {
    const held = (sim.db.prepare("SELECT COUNT(*) AS n FROM Customers WHERE Company = 'EPIC06' AND CreditHold = 1").get() as { n: number }).n;
    const r = await call(sim, v2(sim, 'BaqSvc/68138-HSCustomers/Data?$count=true'));
    assert.equal(r.status, 200, r.text);
    assert.equal(r.json['@odata.count'], held);
    assert.ok('Calculated_OpenOrderAmt' in (r.json.value[0] ?? { Calculated_OpenOrderAmt: 0 }));
  });
});
