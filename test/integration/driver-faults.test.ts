/**
 * Faults and cancellation end to end. Transient server faults (429, 503, a connection reset mid-body,
 * broken JSON) are retried without losing or repeating a row; a fault that outlasts MaxRetries is an
 * error with its status. `break` in `for await` and an AbortSignal stop the requests, and the connection
 * keeps working afterwards.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { connect, KineticError, type Connection, type Row } from '../../src/index.ts';
import { startSimulator, type FaultRule, type Simulator } from '../../src/simulator/index.ts';

const SQL = 'SELECT CustNum, CustID, Name FROM Customers';

describe('driver faults and cancellation', () => {
  let sim: Simulator;
  let dir: string;
  let db: Connection;
  let baseline: Row[];
  const cs = (overrides: Record<string, string> = {}): string =>
    sim.connectionString({ ApiVersion: 'v2', Pagesize: '20', CacheLocation: join(dir, 'metadata.sqlite'), ...overrides });
  const customerRequests = (): number =>
    Object.entries(sim.stats().byPath).filter(([p]) => p.endsWith('/Customers')).reduce((n, [, s]) => n + s.requests, 0);

  /** How many Customers requests repeated an earlier one exactly: each is a retry of a faulted request. */
  const repeatedRequests = (): number => {
    const queries = Object.entries(sim.stats().byPath).filter(([p]) => p.endsWith('/Customers')).flatMap(([, s]) => s.queries);
    return queries.length - new Set(queries).size;
  };

  /** Resolves once the simulator has received `n` more requests for Customers than `from`. */
  async function requestsReach(from: number, n: number): Promise<void> {
    while (customerRequests() < from + n) await sleep(5);
  }

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'kinetic-e2e-faults-'));
    sim = await startSimulator({ port: 0, seed: 1, customers: 150 });
    db = await connect(cs());
    baseline = (await db.query(SQL)).rows;
    const expected = sim.db.prepare('SELECT CustNum, CustID, Name FROM Customers WHERE Company = ? ORDER BY CustNum').all(sim.company);
    assert.deepEqual(baseline, expected);
    assert.ok(baseline.length > 100, 'several pages of 20');
  });
  after(async () => {
    await db.close();
    await sim.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const transient: [string, FaultRule[]][] = [
    ['429 with Retry-After: 0', [{ path: '/Customers', nth: 2, kind: 'status429', retryAfter: 0 }]],
    ['503 with Retry-After: 0', [{ path: '/Customers', nth: 3, kind: 'status503', retryAfter: 0 }]],
    ['a connection reset halfway through the body', [{ path: '/Customers', nth: 2, kind: 'reset' }]],
    ['a 200 with broken JSON', [{ path: '/Customers', nth: 4, kind: 'brokenJson' }]],
    [
      'one of each, on several pages',
      [
        { path: '/Customers', nth: 1, kind: 'reset' },
        { path: '/Customers', nth: 3, kind: 'status429', retryAfter: 0 },
        { path: '/Customers', nth: 5, kind: 'brokenJson' },
        { path: '/Customers', nth: 7, kind: 'status503', retryAfter: 0 },
      ],
    ],
  ];
  for (const [what, rules] of transient) {
    it(`retries ${what}: no row lost or duplicated`, async () => {
      sim.resetStats();
      sim.setFaults(rules);
      try {
        const { rows } = await db.query(SQL);
        assert.deepEqual(rows, baseline);
        assert.equal(repeatedRequests(), rules.length, 'each fault fired once and its request was sent again');
        const streamed: Row[] = [];
        sim.setFaults(rules);
        for await (const r of db.stream(SQL)) streamed.push(r);
        assert.deepEqual(streamed, baseline);
      } finally {
        sim.setFaults([]);
      }
    });
  }

  for (const [kind, status] of [['status503', 503], ['status429', 429]] as const) {
    it(`a ${status} that persists beyond MaxRetries is an error with status ${status}`, async () => {
      const strict = await connect(cs({ MaxRetries: '2', PrefetchPages: '0' }));
      try {
        sim.setFaults([{ path: '/Customers', kind, retryAfter: 0 }]);
        sim.resetStats();
        await assert.rejects(strict.query(SQL), (err: unknown) => {
          assert.ok(err instanceof KineticError);
          assert.equal(err.code, 'EHTTP');
          assert.equal(err.status, status);
          assert.match(err.message, new RegExp(`^${status} `));
          assert.match(err.message, /MaxRetries|try again later/);
          assert.ok(err.url?.includes('/Customers'));
          return true;
        });
        assert.equal(customerRequests(), 3, 'the request and two retries');
      } finally {
        sim.setFaults([]);
        await strict.close();
      }
    });
  }

  it('a reset that persists is an EHTTP error that says to check the network', async () => {
    const strict = await connect(cs({ MaxRetries: '1', PrefetchPages: '0' }));
    try {
      sim.setFaults([{ path: '/Customers', kind: 'reset' }]);
      await assert.rejects(strict.query(SQL), (err: unknown) => {
        assert.ok(err instanceof KineticError);
        assert.equal(err.code, 'EHTTP');
        assert.match(err.message, /network/);
        return true;
      });
    } finally {
      sim.setFaults([]);
      await strict.close();
    }
    assert.deepEqual((await db.query(SQL)).rows, baseline, 'the other connection is unaffected');
  });

  it('break in for await stops the scan: no page is requested afterwards, and the connection still answers', async () => {
    const streaming = await connect(cs({ Pagesize: '10', PrefetchPages: '2' }));
    try {
      sim.resetStats();
      let seen = 0;
      for await (const _ of streaming.stream(SQL)) {
        if (++seen === 15) break; // in the second page
      }
      // Requests already sent when the loop broke may still reach the server: let them land, then check
      // that nothing more comes.
      await sleep(100);
      const settled = customerRequests();
      await sleep(200);
      assert.equal(customerRequests(), settled, 'no request after the break');
      // Two pages consumed, at most PrefetchPages more were in flight.
      assert.ok(settled <= 2 + 2, `${settled} requests`);
      assert.ok(settled < baseline.length / 10, 'far from the whole table');
      const { rows } = await streaming.query('SELECT TOP 5 CustNum FROM Customers');
      assert.deepEqual(rows.map((r) => r.CustNum), baseline.slice(0, 5).map((r) => r.CustNum));
    } finally {
      await streaming.close();
    }
  });

  it('an AbortSignal aborted during a stalled request rejects with EABORTED; the next query works and close() resolves', { timeout: 20_000 }, async () => {
    const own = await connect(cs());
    // The stall outlasts the test's timeout: only the abort can end the query in time.
    sim.setFaults([{ path: '/Customers', kind: 'stall', stallMs: 60_000 }]);
    try {
      const controller = new AbortController();
      const from = customerRequests();
      const pending = own.query(SQL, undefined, { signal: controller.signal });
      await requestsReach(from, 1);
      controller.abort();
      await assert.rejects(pending, (err: unknown) => {
        assert.ok(err instanceof KineticError);
        assert.equal(err.code, 'EABORTED');
        return true;
      });
    } finally {
      sim.setFaults([]);
    }
    assert.deepEqual((await own.query(SQL)).rows, baseline, 'the same connection answers the next query');
    await own.close();
    await assert.rejects(own.query(SQL), (err: KineticError) => err.code === 'ECLOSED');
  });

  it('aborting a stream mid-way rejects the loop with EABORTED; an aborted signal sends nothing', async () => {
    const controller = new AbortController();
    let seen = 0;
    await assert.rejects(
      (async () => {
        for await (const _ of db.stream(SQL, undefined, { signal: controller.signal })) {
          if (++seen === 25) controller.abort();
        }
      })(),
      (err: KineticError) => err.code === 'EABORTED',
    );
    assert.ok(seen >= 25 && seen < baseline.length);

    sim.resetStats();
    await assert.rejects(db.query(SQL, undefined, { signal: AbortSignal.abort() }), (err: KineticError) => err.code === 'EABORTED');
    assert.equal(customerRequests(), 0);
  });
});
