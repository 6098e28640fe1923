import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { startSimulator, type Simulator } from '../../src/simulator/index.ts';
import { call, v1, v2 } from './server-helpers.ts';

const CUST = 'Erp.BO.CustomerSvc';

async function followAll(sim: Simulator, first: string, linkName: string): Promise<{ ids: number[]; pages: number }> {
  const ids: number[] = [];
  let url: string | undefined = first;
  let pages = 0;
  while (url) {
    const r = await call(sim, url);
    assert.equal(r.status, 200, r.text);
    ids.push(...r.json.value.map((c: { CustNum: number }) => c.CustNum));
    url = r.json[linkName];
    pages++;
  }
  return { ids, pages };
}

describe('simulator page cap and next links', () => {
  let sim: Simulator;
  let all: number[];
  before(async () => {
    sim = await startSimulator({ customers: 300, pageCap: 40 });
    all = sim.db.prepare("SELECT CustNum FROM Customers WHERE Company = 'EPIC06' ORDER BY Company, CustNum").all().map((r) => (r as { CustNum: number }).CustNum);
  });
  after(() => sim.close());

  it('caps pages and the v2 next links yield every row exactly once', async () => {
    const { ids, pages } = await followAll(sim, v2(sim, `${CUST}/Customers?$select=CustNum`), '@odata.nextLink');
    assert.deepEqual(ids, all);
    assert.equal(pages, Math.ceil(all.length / 40));
  });

  it('keeps other options in v1 next links and reduces $top', async () => {
    const first = await call(sim, v1(sim, `${CUST}/Customers?$select=CustNum&$top=100&$skip=5&$inlinecount=allpages`));
    assert.equal(first.json.value.length, 40);
    const next = new URL(first.json['odata.nextLink']);
    assert.equal(next.searchParams.get('$skip'), '45');
    assert.equal(next.searchParams.get('$top'), '60');
    assert.equal(next.searchParams.get('$select'), 'CustNum');
    assert.equal(next.searchParams.get('$inlinecount'), 'allpages');
    const { ids } = await followAll(sim, first.json['odata.nextLink'], 'odata.nextLink');
    assert.deepEqual([...first.json.value.map((c: { CustNum: number }) => c.CustNum), ...ids], all.slice(5, 105));
  });

  it('sends no next link when the page is not truncated', async () => {
    const r = await call(sim, v2(sim, `${CUST}/Customers?$select=CustNum&$top=40`));
    assert.equal(r.json.value.length, 40);
    assert.equal(r.json['@odata.nextLink'], undefined);
  });
});

describe('simulator without page cap', () => {
  it('sends every matching row in one response', async () => {
    const sim = await startSimulator({ customers: 300 });
    try {
      const n = (sim.db.prepare("SELECT COUNT(*) AS n FROM Customers WHERE Company = 'EPIC06'").get() as { n: number }).n;
      const r = await call(sim, v2(sim, `${CUST}/Customers?$select=CustNum`));
      assert.equal(r.json.value.length, n);
      assert.equal(r.json['@odata.nextLink'], undefined);
    } finally {
      await sim.close();
    }
  });
});
