// IIS's request limits in front of Epicor: a query string over maxQueryString (2048 by default) or a URL
// path over maxUrl (4096) is a 404 with IIS's HTML page (404.15, 404.14), before authentication, and
// sim.stats() counts it. Raw undici requests, so that nothing shortens or splits the URL on the way.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { request } from 'undici';
import { startSimulator, type Simulator } from '../../src/simulator/index.ts';
import { auth, v1, v2 } from './server-helpers.ts';

const CUSTOMERS = 'Erp.BO.CustomerSvc/Customers';

/** Percent-encoding as the WHATWG URL parser leaves it (it encodes ' in a query itself). */
const encode = (text: string): string => encodeURIComponent(text).replace(/'/g, '%27');

/** A `$filter` query string of exactly `length` characters (after `?`) that matches customer 1. */
function queryOf(length: number): string {
  const head = '$select=CustNum&$filter=';
  const base = `${head}${encode('CustNum eq 1')}`;
  const pad = length - base.length - encode(" and Name ne ''").length;
  assert.ok(pad >= 0);
  const query = `${head}${encode(`CustNum eq 1 and Name ne '${'x'.repeat(pad)}'`)}`;
  assert.equal(query.length, length);
  return query;
}

async function get(sim: Simulator, url: string, headers: Record<string, string> = auth(sim)) {
  const res = await request(url, { headers: { accept: 'application/json', ...headers } });
  return { status: res.statusCode, headers: res.headers, text: await res.body.text() };
}

describe('IIS request limits with the defaults', () => {
  let sim: Simulator;
  before(async () => {
    sim = await startSimulator({ customers: 40 });
  });
  after(() => sim.close());

  it('serves a query string of exactly 2048 characters and refuses 2049 with a 404.15 page, on v1 and v2', async () => {
    for (const base of [v1(sim, CUSTOMERS), v2(sim, CUSTOMERS)]) {
      const ok = await get(sim, `${base}?${queryOf(2048)}`);
      assert.equal(ok.status, 200, ok.text);
      assert.deepEqual(JSON.parse(ok.text).value, [{ CustNum: 1 }]);
      const long = await get(sim, `${base}?${queryOf(2049)}`);
      assert.equal(long.status, 404);
      assert.equal(long.headers['content-type'], 'text/html');
      assert.equal(long.headers.server, 'Microsoft-IIS/10.0');
      assert.match(long.text, /HTTP Error 404\.15 - Not Found/);
      assert.match(long.text, /query string is too long/);
      assert.throws(() => JSON.parse(long.text)); // not Epicor's error body
    }
  });

  it('counts the bytes as sent: percent-encoded characters count three each', async () => {
    const q = `$filter=${encode(`Name eq '${'é'.repeat(340)}'`)}`; // 6 bytes per é once encoded
    assert.ok(q.length > 2048 && `Name eq '${'é'.repeat(340)}'`.length < 2048);
    assert.equal((await get(sim, `${v2(sim, CUSTOMERS)}?${q}`)).status, 404);
  });

  it('refuses before authentication and before injected faults', async () => {
    sim.setFaults([{ kind: 'status503' }]);
    try {
      const r = await get(sim, `${v2(sim, CUSTOMERS)}?${queryOf(3000)}`, {});
      assert.equal(r.status, 404);
      assert.match(r.text, /404\.15/);
    } finally {
      sim.setFaults([]);
    }
  });

  it('refuses a URL path over 4096 bytes with a 404.14 page', async () => {
    const path = `${CUSTOMERS}('${'A'.repeat(4200)}',1)`;
    const r = await get(sim, v1(sim, path));
    assert.equal(r.status, 404);
    assert.match(r.text, /HTTP Error 404\.14 - Not Found/);
    assert.match(r.text, /URL is too long/);
  });

  it('counts refused requests in sim.stats(), in total and per path', async () => {
    sim.resetStats();
    await get(sim, `${v2(sim, CUSTOMERS)}?${queryOf(2049)}`);
    await get(sim, `${v2(sim, CUSTOMERS)}?${queryOf(100)}`);
    await get(sim, v1(sim, `${CUSTOMERS}('${'A'.repeat(4200)}',1)`));
    const stats = sim.stats();
    assert.equal(stats.requests, 3);
    assert.equal(stats.queryStringTooLong, 1);
    assert.equal(stats.urlTooLong, 1);
    const path = `/${sim.instance}/api/v2/odata/${sim.company}/${CUSTOMERS}`;
    assert.equal(stats.byPath[path]?.requests, 2);
    assert.equal(stats.byPath[path]?.queryStringTooLong, 1);
    assert.equal(stats.byPath[path]?.urlTooLong, 0);
    sim.resetStats();
    assert.equal(sim.stats().queryStringTooLong, 0);
  });
});

describe('IIS request limits as options', () => {
  it('takes other limits, and 0 or Infinity for none', async () => {
    await using small = await startSimulator({ customers: 40, maxQueryString: 100, maxUrlLength: 60 });
    const path = `/${small.instance}/api/v2/odata/${small.company}/${CUSTOMERS}`;
    assert.equal(path.length, 60);
    assert.equal((await get(small, `${v2(small, CUSTOMERS)}?${queryOf(100)}`)).status, 200);
    assert.match((await get(small, `${v2(small, `${CUSTOMERS}x`)}?$top=1`)).text, /404\.14/);
    await using narrow = await startSimulator({ customers: 40, maxQueryString: 100 });
    assert.equal((await get(narrow, `${v2(narrow, CUSTOMERS)}?${queryOf(100)}`)).status, 200);
    assert.match((await get(narrow, `${v2(narrow, CUSTOMERS)}?${queryOf(101)}`)).text, /404\.15/);
    for (const none of [0, Infinity]) {
      await using open = await startSimulator({ customers: 40, maxQueryString: none, maxUrlLength: none });
      assert.equal((await get(open, `${v2(open, CUSTOMERS)}?${queryOf(9000)}`)).status, 200);
      assert.equal(open.stats().queryStringTooLong, 0);
    }
  });

  it('refuses a limit that is not a non-negative integer', async () => {
    await assert.rejects(startSimulator({ maxQueryString: -1 }), /maxQueryString must be a non-negative integer/);
    await assert.rejects(startSimulator({ maxUrlLength: 1.5 }), /maxUrlLength must be a non-negative integer/);
  });
});
