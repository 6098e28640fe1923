/**
 * ProxyServer: requests are tunnelled through an HTTP proxy with CONNECT (a real one, on loopback),
 * with Basic proxy credentials; ProxyExceptions bypasses it; a proxy that refuses the credentials is EHTTP
 * without the proxy password in the message.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { connect, KineticError } from '../../src/index.ts';
import { startSimulator, type Simulator } from '../../src/simulator/index.ts';
import { PROXY_PASSWORD, startProxy, type Proxy } from './fixtures/proxy.ts';

describe('ProxyServer', () => {
  let sim: Simulator;
  let proxy: Proxy;
  before(async () => {
    sim = await startSimulator({ port: 0, seed: 2, customers: 40 });
    proxy = await startProxy();
  });
  after(async () => {
    await proxy.close();
    await sim.close();
  });

  const cs = (extra: Record<string, string>) => sim.connectionString({ CacheMetadata: 'false', ProxyServer: '127.0.0.1', ProxyPort: String(proxy.port), ProxyUser: 'proxyuser', ProxyPassword: PROXY_PASSWORD, ...extra });

  it('tunnels every request through the proxy with its credentials', async () => {
    proxy.tunnels.length = 0;
    const db = await connect(cs({}));
    try {
      const { rows } = await db.query('SELECT TOP 3 CustID FROM Customers');
      assert.equal(rows.length, 3);
    } finally {
      await db.close();
    }
    const simHost = new URL(sim.url).host;
    assert.ok(proxy.tunnels.length >= 1, 'at least one tunnel');
    assert.ok(proxy.tunnels.every((t) => t === simHost), `tunnels to the simulator only: ${proxy.tunnels.join(', ')}`);
  });

  it('goes direct for a host in ProxyExceptions', async () => {
    proxy.tunnels.length = 0;
    const db = await connect(cs({ ProxyExceptions: 'example.com; 127.0.0.1' }));
    try {
      assert.equal((await db.query('SELECT TOP 1 CustID FROM Customers')).rowCount, 1);
    } finally {
      await db.close();
    }
    assert.deepEqual(proxy.tunnels, []);
  });

  it('a proxy that refuses the credentials fails the connection without showing the proxy password', async () => {
    await assert.rejects(connect(cs({ ProxyPassword: 'wrong-one' })), (err: unknown) => {
      assert.ok(err instanceof KineticError, String(err));
      assert.equal(err.code, 'EHTTP');
      for (const text of [err.message, String(err), JSON.stringify(err)]) {
        assert.ok(!text.includes('wrong-one') && !text.includes(PROXY_PASSWORD));
      }
      return true;
    });
  });
});
