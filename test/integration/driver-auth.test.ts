/**
 * Authentication end to end: Basic, Epicor tokens (AuthScheme=Token) and API keys, and what the user sees
 * when credentials are wrong or missing. No secret may show in an error, however it is printed.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inspect } from 'node:util';
import { connect, KineticError } from '../../src/index.ts';
import { startSimulator, type Simulator } from '../../src/simulator/index.ts';

const PASSWORD = 'Real-Pa55word-7f3c';
const API_KEY = 'Real-ApiKey-91d2e';
const WRONG_PASSWORD = 'Wr0ng-Pa55word-c0de';
const WRONG_KEY = 'Wr0ng-ApiKey-beef';
const SECRETS = [PASSWORD, API_KEY, WRONG_PASSWORD, WRONG_KEY];

/** Every way a user might print an error: none may contain a secret (nor its Basic encoding). */
function assertNoSecret(err: unknown): void {
  const e = err as KineticError;
  const shown = [String(e), e.message, JSON.stringify(e), e.url ?? '', e.stack ?? '', inspect(e, { depth: 8 })];
  for (const secret of SECRETS) {
    const encoded = Buffer.from(`manager:${secret}`).toString('base64');
    for (const text of shown) {
      assert.ok(!text.includes(secret), `secret in ${text.slice(0, 200)}`);
      assert.ok(!text.includes(encoded), `encoded secret in ${text.slice(0, 200)}`);
    }
  }
}

describe('driver authentication', () => {
  let sim: Simulator;
  let dir: string;
  // Each connection gets its own cache file, so that every connect really talks to the server.
  let n = 0;
  const cs = (overrides: Record<string, string>): string =>
    sim.connectionString({ CacheLocation: join(dir, `cache-${++n}.sqlite`), ...overrides });
  const requestsTo = (suffix: string): number =>
    Object.entries(sim.stats().byPath).filter(([p]) => p.endsWith(suffix)).reduce((sum, [, s]) => sum + s.requests, 0);

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'kinetic-e2e-auth-'));
    sim = await startSimulator({ port: 0, customers: 100, users: [{ user: 'manager', password: PASSWORD }], apiKeys: [API_KEY] });
  });
  after(async () => {
    await sim.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('Basic on v1 (no API key) and v2 (with the API key) reads rows without asking for a token', async () => {
    sim.resetStats();
    for (const overrides of [{ ApiVersion: 'v1', ApiKey: '' }, { ApiVersion: 'v2' }] as Record<string, string>[]) {
      const db = await connect(cs(overrides));
      try {
        const { rows } = await db.query('SELECT TOP 2 CustID FROM Customers ORDER BY CustNum');
        assert.equal(rows.length, 2);
      } finally {
        await db.close();
      }
    }
    assert.equal(requestsTo('/TokenResource.svc/'), 0);
  });

  it('AuthScheme=Token asks TokenResource once and reuses the token for metadata and every query', async () => {
    sim.resetStats();
    const db = await connect(cs({ ApiVersion: 'v2', AuthScheme: 'Token' }));
    try {
      for (let i = 0; i < 3; i++) assert.equal((await db.query('SELECT TOP 3 CustID FROM Customers')).rowCount, 3);
      assert.equal((await db.query('SELECT COUNT(*) AS n FROM Customers')).rows.length, 1);
    } finally {
      await db.close();
    }
    assert.equal(requestsTo('/TokenResource.svc/'), 1, 'one token request');
    assert.equal(requestsTo('/$metadata'), 1);
    assert.equal(requestsTo('/Customers'), 4);
  });

  it('a wrong password is EAUTH with status 401, on Basic and on Token, and shows no secret', async () => {
    for (const overrides of [
      { ApiVersion: 'v1', Password: WRONG_PASSWORD },
      { ApiVersion: 'v2', Password: WRONG_PASSWORD },
      { ApiVersion: 'v2', AuthScheme: 'Token', Password: WRONG_PASSWORD },
    ] as Record<string, string>[]) {
      await assert.rejects(connect(cs(overrides)), (err: unknown) => {
        assert.ok(err instanceof KineticError);
        assert.equal(err.code, 'EAUTH', String(err));
        assert.equal(err.status, 401);
        assert.match(err.message, /User and Password|User\/Password/);
        assertNoSecret(err);
        return true;
      });
    }
  });

  it('v2 without ApiKey is EPROPERTY at connect, before any request', async () => {
    sim.resetStats();
    await assert.rejects(connect(cs({ ApiVersion: 'v2', ApiKey: '' })), (err: unknown) => {
      assert.ok(err instanceof KineticError);
      assert.equal(err.code, 'EPROPERTY');
      assert.match(err.message, /ApiKey/);
      assertNoSecret(err);
      return true;
    });
    assert.equal(sim.stats().requests, 0);
  });

  it('a wrong ApiKey is EAUTH with status 401 and shows no secret', async () => {
    for (const overrides of [{ ApiVersion: 'v2', ApiKey: WRONG_KEY }, { ApiVersion: 'v1', ApiKey: WRONG_KEY }]) {
      await assert.rejects(connect(cs(overrides)), (err: unknown) => {
        assert.ok(err instanceof KineticError);
        assert.equal(err.code, 'EAUTH', String(err));
        assert.equal(err.status, 401);
        assert.match(err.message, /ApiKey/);
        assert.ok(err.url?.startsWith(sim.url), err.url);
        assertNoSecret(err);
        return true;
      });
    }
  });

  it('credentials written into URL are refused (EPROPERTY) without echoing them', async () => {
    const url = sim.url.replace('http://', `http://manager:${WRONG_PASSWORD}@`);
    await assert.rejects(connect(cs({ URL: url })), (err: unknown) => {
      assert.ok(err instanceof KineticError);
      assert.equal(err.code, 'EPROPERTY');
      assert.match(err.message, /URL/);
      assertNoSecret(err);
      return true;
    });
  });
});

describe('connection properties on the public object', () => {
  it('shows effective properties with every secret masked, whether logged, inspected or serialised', async () => {
    const sim = await startSimulator({ port: 0, seed: 3, customers: 50 });
    try {
      const db = await connect(sim.connectionString({ ApiVersion: 'v2', CacheMetadata: 'false' }));
      try {
        assert.equal(db.properties.ApiVersion, 'v2');
        assert.equal(db.properties.User, sim.user);
        assert.equal(db.properties.Password, '********');
        assert.equal(db.properties.ApiKey, '********');
        for (const text of [JSON.stringify(db), inspect(db, { depth: 5 }), JSON.stringify(db.properties), inspect(db.properties)]) {
          assert.ok(!text.includes(sim.password), 'no password');
          assert.ok(!text.includes(sim.apiKey), 'no API key');
        }
      } finally {
        await db.close();
      }
    } finally {
      await sim.close();
    }
  });
});
