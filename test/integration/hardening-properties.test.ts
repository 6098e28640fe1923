/**
 * Property values that used to break at run time are refused when the connection opens: a Timeout larger
 * than a timer holds (Node turns it into 1 ms) and a ProxyServer with a space (a TypeError from URL).
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { connect, KineticError } from '../../src/index.ts';
import { startSimulator, type Simulator } from '../../src/simulator/index.ts';

describe('timer and proxy properties', () => {
  let sim: Simulator;
  before(async () => {
    sim = await startSimulator({ port: 0, seed: 1, customers: 20 });
  });
  after(() => sim.close());

  const refused = (name: string) => (err: unknown) => {
    assert.ok(err instanceof KineticError, `a KineticError, not ${String(err)}`);
    assert.equal(err.code, 'EPROPERTY');
    assert.match(err.message, new RegExp(name));
    return true;
  };

  it('a Timeout beyond what a timer holds is EPROPERTY, not a 1 ms timeout', async () => {
    for (const timeout of ['2147484', '3000000', '99999999999']) {
      await assert.rejects(connect(sim.connectionString({ Timeout: timeout, CacheMetadata: 'false' })), refused('Timeout'));
    }
  });

  it('the largest Timeout a timer holds still works', async () => {
    const db = await connect(sim.connectionString({ Timeout: '2147483', CacheMetadata: 'false' }));
    try {
      const { rows } = await db.query('SELECT CustNum FROM Customers');
      const expected = sim.db.prepare('SELECT COUNT(*) AS n FROM Customers WHERE Company = ?').get(sim.company) as { n: number };
      assert.equal(rows.length, expected.n);
    } finally {
      await db.close();
    }
  });

  it('a ProxyServer with a space, a path or credentials is EPROPERTY naming it', async () => {
    for (const proxy of ['proxy corp', 'http://proxy corp:8080', 'http://proxy/path', 'ftp://proxy', 'http://u:p@proxy']) {
      await assert.rejects(connect(sim.connectionString({ ProxyServer: proxy, CacheMetadata: 'false' })), refused('ProxyServer'));
    }
  });
});
