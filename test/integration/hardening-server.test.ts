/**
 * Epicor's own failure modes and servers that repeat credentials, end to end through connect(): licence
 * exhaustion is retried and then ELICENSE; a gateway that echoes the password, API key or token in its
 * error body has them removed from the error's message, fields, JSON and the log.
 */
import { after, before, beforeEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect, KineticError, type Connection } from '../../src/index.ts';
import { startSimulator, type Simulator } from '../../src/simulator/index.ts';

const SQL = 'SELECT CustNum, Name FROM Customers';

describe('licence exhaustion and echoed credentials', () => {
  let sim: Simulator;
  let dir: string;
  let db: Connection;
  let expected: unknown[];
  const cs = (overrides: Record<string, string> = {}): string =>
    sim.connectionString({ ApiVersion: 'v2', Pagesize: '10', CacheLocation: join(dir, 'metadata.sqlite'), ...overrides });

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'kinetic-hardening-'));
    sim = await startSimulator({ port: 0, seed: 3, customers: 40 });
    db = await connect(cs({ MaxRetries: '3' }));
    expected = sim.db.prepare('SELECT CustNum, Name FROM Customers WHERE Company = ? ORDER BY CustNum').all(sim.company);
  });
  after(async () => {
    await db.close();
    await sim.close();
    rmSync(dir, { recursive: true, force: true });
  });
  beforeEach(() => sim.setFaults([]));

  it('licence exhaustion on a page is retried and the scan returns exactly the rows', async () => {
    sim.setFaults([{ path: '/Customers', nth: 2, times: 2, kind: 'licence' }]);
    const { rows } = await db.query(SQL);
    assert.deepEqual(rows, expected);
    const statuses = sim.stats().byPath;
    assert.ok(Object.keys(statuses).some((p) => p.endsWith('/Customers')));
  });

  it('licence exhaustion that lasts is ELICENSE saying the web-service licences are in use', async () => {
    const one = await connect(cs({ MaxRetries: '3', PrefetchPages: '0' }));
    try {
      sim.setFaults([{ path: '/Customers', kind: 'licence' }]);
      const before = sim.stats().requests;
      await assert.rejects(one.query(SQL), (err: unknown) => {
        assert.ok(err instanceof KineticError);
        assert.equal(err.code, 'ELICENSE');
        assert.equal(err.status, 400);
        assert.equal(err.errorType, 'Ice.Common.LicenseAccessException');
        assert.match(err.message, /licences are in use/);
        assert.match(err.message, /try again later/);
        return true;
      });
      assert.equal(sim.stats().requests - before, 4, 'one request and MaxRetries=3 retries');
    } finally {
      await one.close();
    }
  });

  it("licence exhaustion at Epicor's token service is ELICENSE, not a refused password", async () => {
    sim.setFaults([{ path: 'TokenResource', kind: 'licence' }]);
    await assert.rejects(connect(cs({ ApiVersion: 'v1', AuthScheme: 'Token', CacheMetadata: 'false' })), (err: unknown) => {
      assert.ok(err instanceof KineticError);
      assert.equal(err.code, 'ELICENSE');
      return true;
    });
  });

  for (const [label, overrides] of [
    ['Basic and an API key (v2)', {}],
    ['an Epicor token (v1)', { ApiVersion: 'v1', AuthScheme: 'Token' }],
  ] as const) {
    it(`a server that repeats the credentials in its error body: none reach the error or the log (${label})`, async () => {
      const logfile = join(dir, `log-${label.length}.txt`);
      const conn = await connect(cs({ ...overrides, Logfile: logfile, Verbosity: '3' }));
      try {
        sim.setFaults([{ path: '/Customers', kind: 'echoCredentials' }]);
        const err = await conn.query(SQL).then(() => undefined, (e: unknown) => e);
        assert.ok(err instanceof KineticError, String(err));
        assert.equal(err.status, 401);
        assert.match(err.errorMessage ?? '', /\[redacted\]/, 'the server did say something, with the secrets removed');
        const basic = Buffer.from(`${sim.user}:${sim.password}`).toString('base64');
        const shown = [err.message, err.errorMessage ?? '', JSON.stringify(err), String(err.stack), readFileSync(logfile, 'utf8')].join('\n');
        for (const secret of [sim.password, sim.apiKey, basic]) assert.ok(!shown.includes(secret), `${secret} leaked:\n${shown}`);
        assert.ok(!/Bearer [A-Za-z0-9._-]{20,}/.test(shown), `a bearer token leaked:\n${shown}`);
      } finally {
        await conn.close();
      }
    });
  }
});
