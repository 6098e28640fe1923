/**
 * Paging against servers that misbehave (issue 11): next links back to a page already read or to another
 * entity set, a server that ignores $skip, empty pages with next links, silent page caps below $top,
 * over-long pages, duplicate keys, and rows inserted or deleted while a scan runs. Each ends in exactly
 * the server's rows or an EPROTOCOL error, after a bounded number of requests. The expected rows come
 * from the simulator's own database, read independently of the driver.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { request } from 'undici';
import { connect, KineticError, type Connection } from '../../src/index.ts';
import { startSimulator, type Simulator } from '../../src/simulator/index.ts';

type Customer = { CustNum: number; Name: string };

const SQL = 'SELECT CustNum, Name FROM Customers';

function customers(sim: Simulator): Customer[] {
  return sim.db.prepare('SELECT CustNum, Name FROM Customers WHERE Company = ? ORDER BY CustNum').all(sim.company) as Customer[];
}

/** The decoded query strings the simulator received for a path ending in `suffix`. */
function queries(sim: Simulator, suffix = '/Customers'): string[] {
  return Object.entries(sim.stats().byPath)
    .filter(([p]) => p.endsWith(suffix))
    .flatMap(([, s]) => s.queries);
}

function isProtocol(pattern: RegExp) {
  return (err: unknown): boolean => {
    assert.ok(err instanceof KineticError, String(err));
    assert.equal(err.code, 'EPROTOCOL');
    assert.match(err.message, pattern);
    return true;
  };
}

async function rest(sim: Simulator, method: 'POST' | 'DELETE', path: string, body?: unknown): Promise<void> {
  const res = await request(`${sim.url}/${sim.instance}/api/v1/Erp.BO.CustomerSvc/${path}`, {
    method,
    headers: {
      authorization: `Basic ${Buffer.from(`${sim.user}:${sim.password}`).toString('base64')}`,
      'content-type': 'application/json',
      accept: 'application/json',
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await res.body.text();
  assert.ok(res.statusCode === 201 || res.statusCode === 204, `${method} ${path}: ${res.statusCode} ${text}`);
}

describe('paging against servers that misbehave', () => {
  let dir: string;
  let capped: Simulator; // pages cut at 20 rows, with next links
  let plain: Simulator; // no page cap
  let expected: Customer[];
  const open: Connection[] = [];
  const conn = async (sim: Simulator, props: Record<string, string> = {}): Promise<Connection> => {
    const db = await connect(sim.connectionString({ Pagesize: '50', CacheLocation: join(dir, 'metadata.sqlite'), ...props }));
    open.push(db);
    return db;
  };

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'kinetic-paging-guards-'));
    capped = await startSimulator({ port: 0, seed: 1, customers: 300, pageCap: 20 });
    plain = await startSimulator({ port: 0, seed: 1, customers: 300 });
    expected = customers(plain);
    assert.deepEqual(customers(capped), expected);
    assert.ok(expected.length > 200, 'several windows of 50');
  });
  after(async () => {
    for (const db of open) await db.close();
    await capped.close();
    await plain.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('a next link back to the page just read is EPROTOCOL, not the same rows again', async () => {
    const db = await conn(capped);
    capped.setPaging({ nextLink: 'same' });
    capped.resetStats();
    try {
      await assert.rejects(db.query(SQL), isProtocol(/points back to a page this scan has already read/));
      assert.ok(capped.stats().requests <= 4, `bounded: ${capped.stats().requests} requests`);
    } finally {
      capped.setPaging({});
    }
  });

  it('a next link to another entity set of the same server is EPROTOCOL, and is not followed', async () => {
    const db = await conn(capped);
    capped.setPaging({ nextLink: 'otherSet' });
    capped.resetStats();
    try {
      await assert.rejects(db.query(SQL), isProtocol(/leads to another path/));
      const paths = Object.keys(capped.stats().byPath);
      assert.ok(paths.length > 0 && paths.every((p) => p.endsWith('/Customers')), `only Customers was asked: ${paths.join(', ')}`);
    } finally {
      capped.setPaging({});
    }
  });

  it('a server that ignores $skip is EPROTOCOL after a few requests, for query() and stream()', async () => {
    const db = await conn(plain);
    plain.setPaging({ ignoreSkip: true });
    try {
      plain.resetStats();
      await assert.rejects(db.query(SQL), isProtocol(/repeats the previous page/));
      assert.ok(plain.stats().requests <= 4, `bounded: ${plain.stats().requests} requests`);
      let seen = 0;
      await assert.rejects(async () => {
        for await (const _ of db.stream(SQL)) seen++;
      }, isProtocol(/repeats the previous page/));
      assert.equal(seen, 50, 'only the first page, once');
      await assert.rejects(db.query('SELECT CustNum FROM Customers ORDER BY CustNum DESC'), isProtocol(/repeats the previous page/));
      // Without the key in $select, a window like the previous one is asked for again with the key.
      plain.resetStats();
      await assert.rejects(db.query('SELECT Name FROM Customers'), isProtocol(/repeats the previous page/));
      const sent = queries(plain).filter((q) => q.startsWith('$select=Name'));
      assert.ok(sent.some((q) => q.startsWith('$select=Name,CustNum&')), `the probe selects the key: ${sent.join('\n')}`);
      assert.ok(sent.length <= 8, `bounded: ${sent.length} requests`);
      plain.setPaging({});
      // Data that repeats from one window to the next is not mistaken for it.
      plain.resetStats();
      const companies = (await db.query('SELECT Company FROM Customers')).rows;
      assert.equal(companies.length, expected.length);
      assert.ok(companies.every((r) => r.Company === plain.company));
      assert.ok(queries(plain).some((q) => q.startsWith('$select=Company,CustNum&')), 'the probe ran, and found different keys');
    } finally {
      plain.setPaging({});
    }
  });

  it('empty pages that carry a next link are followed, up to a bound', async () => {
    const db = await conn(capped);
    capped.setPaging({ emptyPages: 3 });
    try {
      capped.resetStats();
      assert.deepEqual((await db.query(SQL)).rows, expected);
      assert.ok(queries(capped).some((q) => q.includes('simEmptyPages=1')), 'empty pages were served and followed');
      capped.setPaging({ emptyPages: 1000 });
      capped.resetStats();
      await assert.rejects(db.query(SQL), isProtocol(/empty pages in a row/));
      assert.ok(capped.stats().requests <= 20, `bounded: ${capped.stats().requests} requests`);
    } finally {
      capped.setPaging({});
    }
  });

  it('a silent page cap below $top gives every row: the short first window is confirmed by one more request', async () => {
    const db = await conn(plain, { Pagesize: '1000' });
    plain.setPaging({ silentCap: 100 });
    try {
      plain.resetStats();
      assert.deepEqual((await db.query(SQL)).rows, expected);
      const windows = queries(plain).map((q) => new URLSearchParams(q).get('$skip'));
      assert.deepEqual(windows, ['0', '100', '200', String(expected.length)], 'the rest of the window is asked until a page comes back empty');
      let streamed = 0;
      for await (const _ of db.stream(SQL)) streamed++;
      assert.equal(streamed, expected.length);
    } finally {
      plain.setPaging({});
    }
  });

  it('a silent cap that starts mid-scan shows as a gap between prefetched windows, and the rows are complete', async () => {
    const db = await conn(plain, { PrefetchPages: '2' });
    plain.resetStats();
    try {
      const rows: Customer[] = [];
      for await (const row of db.stream(SQL)) {
        if (rows.length === 0) plain.setPaging({ silentCap: 30 });
        rows.push(row as Customer);
      }
      assert.deepEqual(rows, expected);
      const completions = queries(plain).filter((q) => Number(new URLSearchParams(q).get('$skip')) % 50 !== 0);
      assert.ok(completions.length > 0, 'the rest of a short window was asked for');
    } finally {
      plain.setPaging({});
    }
  });

  it('a page with more rows than $top is EPROTOCOL', async () => {
    const db = await conn(plain);
    plain.setPaging({ extraRows: 5 });
    try {
      await assert.rejects(db.query(SQL), isProtocol(/more than the \$top=50/));
      await assert.rejects(db.query('SELECT TOP 3 CustNum FROM Customers'), isProtocol(/more than the \$top=3/));
    } finally {
      plain.setPaging({});
    }
  });

  it('a duplicate key inside a page is EPROTOCOL', async () => {
    const db = await conn(plain);
    plain.setPaging({ duplicateRow: true });
    try {
      await assert.rejects(db.query(SQL), isProtocol(/comes twice in one page/));
      await assert.rejects(db.query('SELECT CustNum, Name FROM Customers ORDER BY Name'), isProtocol(/comes twice in one page/));
    } finally {
      plain.setPaging({});
    }
  });

  it('honest servers still page as before: key paging gives the same rows as $skip, with next links too', async () => {
    for (const sim of [plain, capped]) {
      const byKey = await conn(sim, { PagingMode: 'key' });
      sim.resetStats();
      assert.deepEqual((await byKey.query(SQL)).rows, expected);
      const sent = queries(sim);
      assert.ok(sent.some((q) => q.includes("$filter=Company ge 'EPIC06' and (Company gt 'EPIC06' or Company eq 'EPIC06' and CustNum gt 50)")), `the second page filters after the last key: ${sent.join('\n')}`);
      assert.ok(sent.every((q) => !/\$skip=[1-9]/.test(q) || sim === capped), 'no $skip past the first page without a cap');
      const desc = (await byKey.query('SELECT CustNum, Name FROM Customers ORDER BY CustNum DESC')).rows;
      assert.deepEqual(desc, [...expected].reverse());
      assert.deepEqual((await byKey.query('SELECT TOP 120 CustNum, Name FROM Customers')).rows, expected.slice(0, 120));
      // The query's own filter is kept beside the key filter.
      sim.resetStats();
      const filtered = (await byKey.query("SELECT CustNum, Name FROM Customers WHERE Name >= 'C'")).rows;
      const want = sim.db.prepare("SELECT CustNum, Name FROM Customers WHERE Company = ? AND odata_ci_key(Name) >= odata_ci_key('C') ORDER BY CustNum").all(sim.company) as Customer[];
      assert.ok(want.length > 100);
      assert.deepEqual(filtered, want);
      assert.ok(queries(sim).slice(1).some((q) => q.includes("$filter=Name ge 'C' and Company ge 'EPIC06' and (")), queries(sim).join('\n'));
    }
  });

  it('PagingMode=key refuses an order other than the key; auto pages such a query by $skip', async () => {
    const strict = await conn(plain, { PagingMode: 'key' });
    await assert.rejects(strict.query('SELECT CustNum, Name FROM Customers ORDER BY Name'), (err: KineticError) => {
      assert.equal(err.code, 'ESQL_UNSUPPORTED');
      assert.match(err.message, /PagingMode=auto/);
      return true;
    });
    const auto = await conn(plain, { PagingMode: 'auto' });
    const want = plain.db.prepare('SELECT CustNum, Name FROM Customers WHERE Company = ? ORDER BY odata_ci_key(Name), CustNum').all(plain.company) as Customer[];
    assert.deepEqual((await auto.query('SELECT CustNum, Name FROM Customers ORDER BY Name')).rows, want);
    assert.match((await auto.explain(SQL)).text, /paged by the key/);
    assert.match((await auto.explain('SELECT CustNum, Name FROM Customers ORDER BY Name')).text, /paged by \$top\/\$skip/);
  });

  it('rows deleted and inserted during a scan: $skip can lose a row that never changed, key paging does not', async () => {
    const sim = await startSimulator({ port: 0, seed: 1, customers: 300 });
    try {
      const settings = { Pagesize: '20', PrefetchPages: '0' };
      const scan = async (db: Connection, during: () => Promise<void>): Promise<Customer[]> => {
        const rows: Customer[] = [];
        for await (const row of db.stream(SQL)) {
          rows.push(row as Customer);
          if (rows.length === 1) await during();
        }
        return rows;
      };
      const first = customers(sim);

      const bySkip = await conn(sim, { ...settings, PagingMode: 'skip' });
      const skipped = await scan(bySkip, () => rest(sim, 'DELETE', `Customers('${sim.company}',${first[0]!.CustNum})`));
      assert.ok(!skipped.some((r) => r.CustNum === first[20]!.CustNum), 'with $skip the 21st row, never changed, went missing');

      const before = customers(sim);
      const top = Math.max(...before.map((r) => r.CustNum));
      const byKey = await conn(sim, { ...settings, PagingMode: 'key' });
      sim.resetStats();
      const rows = await scan(byKey, async () => {
        await rest(sim, 'DELETE', `Customers('${sim.company}',${before[0]!.CustNum})`); // already read
        await rest(sim, 'DELETE', `Customers('${sim.company}',${before[30]!.CustNum})`); // not read yet
        await rest(sim, 'POST', 'Customers', { Company: sim.company, CustNum: top + 1, CustID: 'LATE1', Name: 'Late Customer' }); // after the scan's position
      });
      const now = customers(sim);
      const firstPage = before.slice(0, 20);
      const lastOfFirst = firstPage[firstPage.length - 1]!.CustNum;
      assert.deepEqual(rows, [...firstPage, ...now.filter((r) => r.CustNum > lastOfFirst)], 'each row once: the first page as read, then the table as it is now');
      assert.ok(rows.some((r) => r.CustNum === top + 1), 'the inserted row is read');
      assert.ok(!rows.some((r) => r.CustNum === before[30]!.CustNum), 'the row deleted ahead is not');
      const unchanged = before.filter((r) => now.some((n) => n.CustNum === r.CustNum));
      for (const r of unchanged) assert.ok(rows.some((x) => x.CustNum === r.CustNum), `unchanged row ${r.CustNum} is there`);
      const sent = queries(sim).filter((q) => q !== ''); // the POST has no query
      assert.equal(sent.length, Math.ceil(rows.length / 20) + (rows.length % 20 === 0 ? 1 : 0), `one request per page: ${sent.length}`);
      assert.ok(sent.slice(1).every((q) => q.includes(' gt ')), 'every page after the first filters on the last key');
    } finally {
      await sim.close();
    }
  });
});
