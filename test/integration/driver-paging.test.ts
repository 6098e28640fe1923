/**
 * Paging end to end: windows of `$top` = Pagesize and `$skip`, a server page cap with next links, and
 * MaxRows. Whatever the page sizes, every row comes back exactly once, in the same order as the server's
 * own data, and no window asks for more than it needs.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect, type Connection } from '../../src/index.ts';
import { startSimulator, type Simulator } from '../../src/simulator/index.ts';

interface Case {
  readonly pageCap?: number;
  readonly pagesize: number;
  readonly version: 'v1' | 'v2';
}

const CASES: readonly Case[] = [
  { pageCap: 7, pagesize: 20, version: 'v2' },
  { pageCap: 7, pagesize: 20, version: 'v1' },
  { pagesize: 5, version: 'v1' },
  { pageCap: 100, pagesize: 1000, version: 'v2' },
];

/** The `$top`/`$skip` pairs of the decoded query strings sent to a path. */
function windows(sim: Simulator, suffix: string): { top: number; skip: number }[] {
  return Object.entries(sim.stats().byPath)
    .filter(([p]) => p.endsWith(suffix))
    .flatMap(([, s]) => s.queries)
    .map((q) => {
      const params = new URLSearchParams(q.replaceAll('+', '%2B'));
      return { top: Number(params.get('$top')), skip: Number(params.get('$skip')) };
    });
}

for (const c of CASES) {
  const label = `${c.version}, Pagesize ${c.pagesize}, ${c.pageCap === undefined ? 'no server cap' : `server cap ${c.pageCap}`}`;
  describe(`driver paging (${label})`, () => {
    let sim: Simulator;
    let db: Connection;
    let dir: string;
    let expected: { CustNum: number; Name: string }[];
    const cs = (overrides: Record<string, string> = {}): string =>
      sim.connectionString({ ApiVersion: c.version, Pagesize: String(c.pagesize), CacheLocation: join(dir, 'metadata.sqlite'), ...overrides });

    before(async () => {
      dir = mkdtempSync(join(tmpdir(), 'kinetic-e2e-paging-'));
      sim = await startSimulator({ port: 0, seed: 1, customers: 150, ...(c.pageCap !== undefined ? { pageCap: c.pageCap } : {}) });
      db = await connect(cs());
      expected = sim.db.prepare('SELECT CustNum, Name FROM Customers WHERE Company = ? ORDER BY CustNum').all(sim.company) as typeof expected;
      assert.ok(expected.length > Math.min(c.pageCap ?? Infinity, c.pagesize), 'enough rows for several pages');
    });
    after(async () => {
      await db.close();
      await sim.close();
      rmSync(dir, { recursive: true, force: true });
    });

    it('query() returns every row exactly once, in key order, like one big request', async () => {
      sim.resetStats();
      const { rows } = await db.query('SELECT CustNum, Name FROM Customers');
      assert.equal(new Set(rows.map((r) => r.CustNum)).size, rows.length, 'no duplicate');
      assert.deepEqual(rows, expected);
      const sent = windows(sim, '/Customers');
      assert.ok(sent.every((w) => w.top <= c.pagesize), 'no window asks for more than Pagesize');
      if (c.pageCap !== undefined && c.pageCap < c.pagesize) {
        assert.ok(sent.some((w) => w.skip % c.pagesize !== 0), 'next links were followed inside a window');
      }
    });

    it('stream() yields the same rows as query()', async () => {
      const streamed: unknown[] = [];
      for await (const row of db.stream('SELECT CustNum, Name FROM Customers')) streamed.push(row);
      assert.deepEqual(streamed, expected);
    });

    it('a filter with ORDER BY pages consistently', async () => {
      const { rows } = await db.query("SELECT CustNum, Name FROM Customers WHERE Name >= 'C' ORDER BY Name DESC");
      const want = sim.db
        // odata_ci_key: the simulator's case-insensitive, accent-sensitive collation key (as Epicor's SQL Server).
        .prepare("SELECT CustNum, Name FROM Customers WHERE Company = ? AND odata_ci_key(Name) >= odata_ci_key('C') ORDER BY odata_ci_key(Name) DESC, CustNum")
        .all(sim.company) as { CustNum: number; Name: string }[];
      assert.equal(new Set(rows.map((r) => r.CustNum)).size, rows.length, 'no duplicate');
      assert.deepEqual(new Set(rows.map((r) => r.CustNum)), new Set(want.map((r) => r.CustNum)));
      assert.deepEqual(rows, want);
    });

    it('TOP, OFFSET/FETCH and MaxRows cap the rows and the windows asked for', async () => {
      const top = await db.query('SELECT TOP 23 CustNum, Name FROM Customers');
      assert.deepEqual(top.rows, expected.slice(0, 23));
      const offset = await db.query('SELECT CustNum, Name FROM Customers ORDER BY CustNum OFFSET 11 ROWS FETCH NEXT 17 ROWS ONLY');
      assert.deepEqual(offset.rows, expected.slice(11, 28));

      const capped = await connect(cs({ MaxRows: '33' }));
      try {
        sim.resetStats();
        assert.deepEqual((await capped.query('SELECT CustNum, Name FROM Customers')).rows, expected.slice(0, 33));
        const sent = windows(sim, '/Customers');
        const asked = sent.filter((w) => w.skip % Math.min(c.pagesize, 33) === 0).reduce((n, w) => Math.max(n, w.skip + w.top), 0);
        assert.equal(asked, 33, 'the windows stop at MaxRows');
        assert.equal((await capped.query('SELECT TOP 10 CustNum FROM Customers')).rowCount, 10, 'a smaller TOP wins');
        let streamed = 0;
        for await (const _ of capped.stream('SELECT CustNum FROM Customers')) streamed++;
        assert.equal(streamed, 33);
      } finally {
        await capped.close();
      }
    });

    it('a result that fits in the first window costs one request when it cannot be a page cap', async () => {
      sim.resetStats();
      const few = Math.min(3, c.pageCap ?? 3);
      const { rows } = await db.query(`SELECT CustNum FROM Customers WHERE CustNum <= ${few}`);
      assert.equal(rows.length, few);
      assert.deepEqual(windows(sim, '/Customers'), [{ top: Math.min(c.pagesize, 1000), skip: 0 }], 'no page prefetched or confirmed past a short first page of 3 rows');
    });

    // Only where 10 rows are one short first window (no page cap or Pagesize cutting them first).
    if (c.pagesize > 10 && (c.pageCap === undefined || c.pageCap > 10)) it('a short first page of a round size (a possible silent cap) is confirmed by one more request', async () => {
      sim.resetStats();
      const { rows } = await db.query('SELECT CustNum FROM Customers WHERE CustNum <= 10');
      assert.equal(rows.length, 10);
      assert.deepEqual(windows(sim, '/Customers'), [{ top: Math.min(c.pagesize, 1000), skip: 0 }, { top: c.pagesize - 10, skip: 10 }]);
    });
  });
}
