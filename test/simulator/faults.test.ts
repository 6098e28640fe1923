import { after, before, beforeEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Agent, request } from 'undici';
import { startSimulator, type Simulator } from '../../src/simulator/index.ts';
import { auth, call, isEpicorError, v1, v2 } from './server-helpers.ts';

describe('simulator faults', () => {
  let sim: Simulator;
  before(async () => {
    sim = await startSimulator({ customers: 30 });
  });
  after(() => sim.close());
  beforeEach(() => sim.setFaults([]));

  const customers = (s: Simulator) => v2(s, 'Erp.BO.CustomerSvc/Customers?$top=3');

  it('answers 429 with Retry-After on the nth matching request only', async () => {
    sim.setFaults([{ path: '/Customers', nth: 2, kind: 'status429', retryAfter: 0 }]);
    assert.equal((await call(sim, customers(sim))).status, 200);
    const second = await call(sim, customers(sim));
    assert.equal(second.status, 429);
    assert.equal(second.headers['retry-after'], '0');
    assert.equal((await call(sim, customers(sim))).status, 200);
  });

  it('counts only requests whose path matches', async () => {
    sim.setFaults([{ path: /\/Customers$/, nth: 1, kind: 'status500' }]);
    assert.equal((await call(sim, v2(sim, 'Erp.BO.CustomerSvc/$metadata'))).status, 200);
    assert.ok(isEpicorError(await call(sim, customers(sim)), 500));
  });

  it('answers 503 with the default Retry-After for `times` requests, then recovers', async () => {
    sim.setFaults([{ kind: 'status503', times: 2 }]);
    const a = await call(sim, customers(sim));
    const b = await call(sim, customers(sim));
    assert.deepEqual([a.status, b.status, a.headers['retry-after']], [503, 503, '1']);
    assert.equal((await call(sim, customers(sim))).status, 200);
  });

  it('answers a licence fault as Epicor does when no web-service licence is free', async () => {
    sim.setFaults([{ path: '/Customers', nth: 1, kind: 'licence' }]);
    const reply = await call(sim, customers(sim));
    assert.ok(isEpicorError(reply, 400));
    assert.equal(reply.json.ErrorType, 'Ice.Common.LicenseAccessException');
    assert.match(reply.json.ErrorMessage, /Maximum users exceeded/);
    assert.equal(reply.headers['retry-after'], undefined);
    assert.equal((await call(sim, customers(sim))).status, 200);
  });

  it('echoCredentials answers 401 repeating the credentials it received', async () => {
    sim.setFaults([{ kind: 'echoCredentials' }]);
    const reply = await call(sim, customers(sim));
    assert.ok(isEpicorError(reply, 401));
    assert.ok(reply.json.ErrorMessage.includes(sim.password));
    assert.ok(reply.json.ErrorMessage.includes(sim.apiKey));
    assert.ok(reply.json.ErrorMessage.includes(auth(sim).authorization!));
  });

  it('fails every n-th request with `every`', async () => {
    sim.setFaults([{ kind: 'status500', every: 2 }]);
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) statuses.push((await call(sim, customers(sim))).status);
    assert.deepEqual(statuses, [200, 500, 200, 500]);
  });

  it('resets the connection partway through the body', async () => {
    sim.setFaults([{ kind: 'reset', nth: 1 }]);
    const res = await request(customers(sim), { headers: auth(sim) });
    assert.equal(res.statusCode, 200);
    await assert.rejects(res.body.text());
    assert.equal((await call(sim, customers(sim))).status, 200);
  });

  it('stalls the body after the headers (a client body timeout fires)', async () => {
    sim.setFaults([{ kind: 'stall', nth: 1, stallMs: 10_000 }]);
    const agent = new Agent({ bodyTimeout: 100 });
    try {
      const res = await request(customers(sim), { headers: auth(sim), dispatcher: agent });
      assert.equal(res.statusCode, 200);
      await assert.rejects(res.body.text(), (err: Error & { code?: string }) => err.code === 'UND_ERR_BODY_TIMEOUT');
    } finally {
      await agent.close();
    }
  });

  it('sends a slow body in several chunks that still parse', async () => {
    sim.setFaults([{ kind: 'slowBody', nth: 1, chunks: 4, chunkDelayMs: 30 }]);
    const res = await request(customers(sim), { headers: auth(sim) });
    const chunks: Buffer[] = [];
    for await (const chunk of res.body) chunks.push(chunk as Buffer);
    assert.ok(chunks.length >= 2, `chunks: ${chunks.length}`);
    assert.equal(JSON.parse(Buffer.concat(chunks).toString()).value.length, 3);
  });

  it('answers 200 with broken JSON', async () => {
    sim.setFaults([{ kind: 'brokenJson', nth: 1 }]);
    const r = await call(sim, customers(sim));
    assert.equal(r.status, 200);
    assert.equal(r.json, undefined);
    assert.throws(() => JSON.parse(r.text));
  });

  it('counts faulted requests in the statistics', async () => {
    sim.resetStats();
    sim.setFaults([{ kind: 'status429', nth: 1 }]);
    await call(sim, v1(sim, 'Erp.BO.CustomerSvc/Customers?$top=1'));
    await call(sim, v1(sim, 'Erp.BO.CustomerSvc/Customers?$top=1'));
    const stats = sim.stats();
    assert.equal(stats.requests, 2);
    assert.equal(stats.byPath[`/${sim.instance}/api/v1/Erp.BO.CustomerSvc/Customers`]?.requests, 2);
  });
});

describe('simulator latency', () => {
  it('delays responses by latencyMs (a short headers timeout fires)', async () => {
    const sim = await startSimulator({ customers: 10, latencyMs: 5_000 });
    const agent = new Agent({ headersTimeout: 100 });
    try {
      await assert.rejects(
        request(v2(sim, 'Erp.BO.CustomerSvc/Customers?$top=1'), { headers: auth(sim), dispatcher: agent }),
        (err: Error & { code?: string }) => err.code === 'UND_ERR_HEADERS_TIMEOUT',
      );
    } finally {
      await agent.close();
      await sim.close();
    }
  });
});
