/** A connection whose services cannot all be loaded fails at once, without waiting for the others. */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { connect, KineticError } from '../../src/index.ts';
import { startSimulator, type Simulator } from '../../src/simulator/index.ts';

describe('connect with a service that does not exist', () => {
  let sim: Simulator;
  before(async () => {
    sim = await startSimulator({ port: 0, seed: 1, customers: 30 });
  });
  after(() => sim.close());

  it('rejects with the 404 of the bad service while the other $metadata request is still stalled', async () => {
    // The good service's $metadata stalls for 60 s: connect() must not wait for it.
    sim.setFaults([{ path: 'Erp.BO.CustomerSvc/$metadata', kind: 'stall', stallMs: 60_000 }]);
    try {
      const outcome = await Promise.race([
        connect(sim.connectionString({ Service: 'Erp.BO.CustomerSvc,Erp.BO.NoSuchSvc', CacheMetadata: 'false' })).then(
          () => 'connected',
          (err: unknown) => err,
        ),
        new Promise((resolve) => setTimeout(resolve, 20_000, 'still waiting after 20 s').unref()),
      ]);
      assert.ok(outcome instanceof KineticError, String(outcome));
      assert.equal(outcome.code, 'EHTTP');
      assert.equal(outcome.status, 404);
      assert.match(outcome.message, /Erp\.BO\.NoSuchSvc/);
    } finally {
      sim.setFaults([]);
    }
  });
});
