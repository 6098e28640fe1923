/**
 * The simulator's faults for writes: a rule can match one HTTP method, `status400` answers Epicor's
 * validation error without carrying the request out, a `reset` of a body-less answer (204) loses it whole
 * after the write happened, and the statistics count requests per method.
 */
import { after, before, beforeEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { request } from 'undici';
import { startSimulator, type Simulator } from '../../src/simulator/index.ts';
import { auth, call, v2 } from './server-helpers.ts';

describe('simulator faults for writes', () => {
  let sim: Simulator;
  before(async () => {
    sim = await startSimulator({ customers: 20 });
  });
  after(() => sim.close());
  beforeEach(() => sim.setFaults([]));

  const set = (s: Simulator) => v2(s, 'Erp.BO.CustomerSvc/Customers');
  const count = (custId: string): number => (sim.db.prepare('SELECT COUNT(*) AS n FROM Customers WHERE CustID = ?').get(custId) as { n: number }).n;

  it('a rule with `method` counts only that method; status400 is Epicor\'s validation error and writes nothing', async () => {
    sim.setFaults([{ path: '/Customers', method: 'POST', nth: 2, kind: 'status400', message: 'Credit limit exceeded.' }]);
    assert.equal((await call(sim, `${set(sim)}?$top=1`)).status, 200, 'a GET does not count');
    assert.equal((await call(sim, set(sim), { method: 'POST', body: { CustID: 'F-1', Name: 'a' } })).status, 201);
    const refused = await call(sim, set(sim), { method: 'POST', body: { CustID: 'F-2', Name: 'b' } });
    assert.equal(refused.status, 400);
    assert.equal(refused.json.ErrorMessage, 'Credit limit exceeded.');
    assert.equal(refused.json.ErrorType, 'Ice.Common.BusinessObjectException');
    assert.match(refused.json.CorrelationId, /^[0-9a-f-]{36}$/);
    assert.deepEqual([count('F-1'), count('F-2')], [1, 0]);
  });

  it('a reset of a 204 loses the whole answer, after the DELETE was carried out', async () => {
    const created = await call(sim, set(sim), { method: 'POST', body: { CustID: 'F-3', Name: 'c' } });
    const url = v2(sim, `Erp.BO.CustomerSvc/Customers('${sim.company}',${created.json.CustNum as number})`);
    sim.setFaults([{ method: 'DELETE', nth: 1, kind: 'reset' }]);
    await assert.rejects(request(url, { method: 'DELETE', headers: auth(sim) }));
    assert.equal(count('F-3'), 0);
  });

  it('stats count requests per method and path', async () => {
    sim.resetStats();
    await call(sim, `${set(sim)}?$top=1`);
    await call(sim, set(sim), { method: 'POST', body: { CustID: 'F-4', Name: 'd' } });
    const stats = sim.stats().byPath[new URL(set(sim)).pathname];
    assert.deepEqual(stats?.methods, { GET: 1, POST: 1 });
  });
});
