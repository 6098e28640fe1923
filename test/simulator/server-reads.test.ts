import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { startSimulator, type Simulator } from '../../src/simulator/index.ts';
import { call, isEpicorError, v1, v2 } from './server-helpers.ts';

const CUST = 'Erp.BO.CustomerSvc';
const SO = 'Erp.BO.SalesOrderSvc';

describe('simulator reads over HTTP', () => {
  let sim: Simulator;
  before(async () => {
    sim = await startSimulator({ customers: 300, seed: 7 });
  });
  after(() => sim.close());

  const count = (sql: string, ...args: unknown[]) => (sim.db.prepare(sql).get(...args) as { n: number }).n;

  it('lists services on v1 and v2, and each service document lists its sets', async () => {
    const l1 = await call(sim, v1(sim, ''));
    assert.equal(l1.status, 200);
    const names = l1.json.value.map((e: { name: string }) => e.name);
    assert.ok(names.includes(CUST) && names.includes('BaqSvc'), names.join());
    const l2 = await call(sim, v2(sim, ''));
    assert.ok(l2.json['@odata.context']);
    assert.ok(l2.json.value.some((e: { name: string }) => e.name === SO));
    const d1 = await call(sim, v1(sim, `${CUST}/`));
    assert.match(d1.json['odata.metadata'], /Erp\.BO\.CustomerSvc\/\$metadata$/);
    assert.deepEqual(d1.json.value.find((e: { name: string }) => e.name === 'Customers'), { name: 'Customers', url: 'Customers' });
    const d2 = await call(sim, v2(sim, 'erp.bo.customersvc'));
    assert.deepEqual(d2.json.value.find((e: { name: string }) => e.name === 'ShipToes'), { name: 'ShipToes', kind: 'EntitySet', url: 'ShipToes' });
  });

  it('serves $metadata as XML on v1 and v2', async () => {
    for (const url of [v1(sim, `${CUST}/$metadata`), v2(sim, `${CUST}/$metadata`)]) {
      const r = await call(sim, url);
      assert.equal(r.status, 200);
      assert.match(String(r.headers['content-type']), /xml/);
      assert.match(r.text, /Customers/);
    }
  });

  it('answers collections in the v1 and v2 envelopes with counts', async () => {
    const total = count("SELECT COUNT(*) AS n FROM Customers WHERE Company = 'EPIC06'");
    const a = await call(sim, v1(sim, `${CUST}/Customers?$select=CustID&$top=2&$inlinecount=allpages`));
    assert.match(a.json['odata.metadata'], /\/api\/v1\/Erp\.BO\.CustomerSvc\/\$metadata#Customers$/);
    assert.equal(a.json['odata.count'], String(total));
    assert.equal(a.json.value.length, 2);
    const b = await call(sim, v2(sim, `${CUST}/Customers?$select=CustID&$top=2&$count=true`));
    assert.match(b.json['@odata.context'], /\/api\/v2\/odata\/EPIC06\/Erp\.BO\.CustomerSvc\/\$metadata#Customers$/);
    assert.equal(b.json['@odata.count'], total);
    const c = await call(sim, v2(sim, `${CUST}/Customers/$count`));
    assert.equal(c.text, String(total));
  });

  it('applies $select, $filter, $orderby, $top and $skip', async () => {
    const expected = sim.db
      // odata_ci_key: the collation (names such as 'Øresund' and 'Łukasz' sort by their base letters).
      .prepare("SELECT CustID FROM Customers WHERE Company = 'EPIC06' AND CustNum > 10 ORDER BY odata_ci_key(Name) DESC, CustNum LIMIT 5 OFFSET 3")
      .all()
      .map((r) => (r as { CustID: string }).CustID);
    const q = encodeURIComponent;
    const r = await call(sim, v2(sim, `${CUST}/Customers?$select=CustID,Name&$filter=${q('CustNum gt 10')}&$orderby=${q('Name desc,CustNum')}&$top=5&$skip=3`));
    assert.equal(r.status, 200, r.text);
    assert.deepEqual(Object.keys(r.json.value[0]).sort(), ['CustID', 'Name']);
    assert.deepEqual(r.json.value.map((x: { CustID: string }) => x.CustID), expected);
  });

  it('takes datetime literals on v1 and bare dates on v2, and writes dates per version', async () => {
    const expected = count("SELECT COUNT(*) AS n FROM Customers WHERE Company = 'EPIC06' AND EstDate >= '2022-01-01T00:00:00'");
    const a = await call(sim, v1(sim, `${CUST}/Customers?$select=EstDate&$filter=${encodeURIComponent("EstDate ge datetime'2022-01-01T00:00:00'")}&$inlinecount=allpages`));
    assert.equal(a.status, 200, a.text);
    assert.equal(a.json['odata.count'], String(expected));
    assert.match(a.json.value[0].EstDate, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d$/);
    const b = await call(sim, v2(sim, `${CUST}/Customers?$select=EstDate&$filter=${encodeURIComponent('EstDate ge 2022-01-01T00:00:00Z')}&$count=true`));
    assert.equal(b.status, 200, b.text);
    assert.equal(b.json['@odata.count'], expected);
    assert.match(b.json.value[0].EstDate, /Z$/);
  });

  it('reads one row by key (positional; named on v2) and 404s an unknown key', async () => {
    const name = (sim.db.prepare("SELECT Name FROM Customers WHERE Company = 'EPIC06' AND CustNum = 5").get() as { Name: string }).Name;
    const a = await call(sim, v1(sim, `${CUST}/Customers('EPIC06',5)`));
    assert.equal(a.status, 200, a.text);
    assert.equal(a.json.Name, name);
    assert.match(a.json['odata.metadata'], /#Customers\/@Element$/);
    const b = await call(sim, v2(sim, `${CUST}/Customers(Company='EPIC06',CustNum=5)?$select=Name`));
    assert.deepEqual(Object.keys(b.json).sort(), ['@odata.context', 'Name']);
    assert.ok(isEpicorError(await call(sim, v1(sim, `${CUST}/Customers('EPIC06',999999)`)), 404));
  });

  it('follows navigation to children and expands them', async () => {
    const order = sim.db.prepare("SELECT OrderNum FROM SalesOrders WHERE Company = 'EPIC06' ORDER BY OrderNum LIMIT 1").get() as { OrderNum: number };
    const lines = count("SELECT COUNT(*) AS n FROM OrderDtls WHERE Company = 'EPIC06' AND OrderNum = ?", order.OrderNum);
    const nav = await call(sim, v1(sim, `${SO}/SalesOrders('EPIC06',${order.OrderNum})/OrderDtls`));
    assert.equal(nav.status, 200, nav.text);
    assert.equal(nav.json.value.length, lines);
    assert.ok(nav.json.value.every((l: { OrderNum: number }) => l.OrderNum === order.OrderNum));
    const exp = await call(sim, v2(sim, `${SO}/SalesOrders?$filter=OrderNum eq ${order.OrderNum}&$expand=OrderDtls`.replace(/ /g, '%20')));
    assert.equal(exp.status, 200, exp.text);
    assert.equal(exp.json.value[0].OrderDtls.length, lines);
    assert.ok(isEpicorError(await call(sim, v1(sim, `${SO}/SalesOrders('EPIC06',${order.OrderNum})/Nope`)), 404));
    assert.ok(isEpicorError(await call(sim, v1(sim, `${SO}/SalesOrders('EPIC06',99999999)/OrderDtls`)), 404));
  });

  it('keeps companies apart: EPIC07 rows are invisible from EPIC06', async () => {
    const r6 = await call(sim, v1(sim, `${CUST}/Customers?$select=Company&$inlinecount=allpages`));
    assert.ok(r6.json.value.every((c: { Company: string }) => c.Company === 'EPIC06'));
    const n7 = count("SELECT COUNT(*) AS n FROM Customers WHERE Company = 'EPIC07'");
    const viaHeader = await call(sim, v1(sim, `${CUST}/Customers?$select=Company&$inlinecount=allpages`), { headers: { CallSettings: '{"Company":"EPIC07","Plant":"MfgSys"}' } });
    assert.equal(viaHeader.json['odata.count'], String(n7));
    assert.ok(viaHeader.json.value.every((c: { Company: string }) => c.Company === 'EPIC07'));
    const viaQuery = await call(sim, v1(sim, `${CUST}/Customers?Company=EPIC07&$top=1&$select=Company`));
    assert.equal(viaQuery.json.value[0].Company, 'EPIC07');
    const v2rows = await call(sim, v2(sim, `${CUST}/Customers?$select=Company&$count=true`, 'EPIC07'));
    assert.equal(v2rows.json['@odata.count'], n7);
    const one7 = sim.db.prepare("SELECT CustNum FROM Customers WHERE Company = 'EPIC07' LIMIT 1").get() as { CustNum: number };
    assert.ok(isEpicorError(await call(sim, v2(sim, `${CUST}/Customers('EPIC07',${one7.CustNum})`)), 404));
    assert.ok(isEpicorError(await call(sim, v2(sim, `${CUST}/Customers`, 'NOPE')), 404));
  });

  it('counts requests and bytes per path with the decoded query strings', async () => {
    sim.resetStats();
    const r = await call(sim, v2(sim, `${CUST}/Customers?$select=CustID&$filter=${encodeURIComponent("Name eq 'A&B'")}`));
    await call(sim, v2(sim, `${CUST}/NoSuchSet`));
    const stats = sim.stats();
    const path = `/${sim.instance}/api/v2/odata/EPIC06/${CUST}/Customers`;
    assert.equal(stats.requests, 2);
    assert.deepEqual(stats.byPath[path]?.queries, ["$select=CustID&$filter=Name eq 'A&B'"]);
    assert.equal(stats.byPath[path]?.bytes, Buffer.byteLength(r.text));
    assert.equal(stats.byPath[`/${sim.instance}/api/v2/odata/EPIC06/${CUST}/NoSuchSet`]?.requests, 1);
  });
});
