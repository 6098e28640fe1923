/**
 * ProxyServer: requests are tunnelled through an HTTP proxy with CONNECT (a real one, on loopback),
 * with Basic proxy credentials; ProxyExceptions bypasses it; a proxy that refuses the credentials is EHTTP
 * without the proxy password in the message.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import { connect as tcpConnect, type AddressInfo, type Socket } from 'node:net';
import { connect, KineticError } from '../../src/index.ts';
import { startSimulator, type Simulator } from '../../src/simulator/index.ts';

const PROXY_PASSWORD = 'prx-Pa55-kiwi';

interface Proxy {
  port: number;
  tunnels: string[];
  close(): Promise<void>;
}

async function startProxy(): Promise<Proxy> {
  const tunnels: string[] = [];
  const sockets = new Set<Socket>();
  const expected = `Basic ${Buffer.from(`proxyuser:${PROXY_PASSWORD}`).toString('base64')}`;
  const server: Server = createServer((_req, res) => res.writeHead(405).end());
  server.on('connect', (req, client: Socket, head: Buffer) => {
    sockets.add(client);
    if (req.headers['proxy-authorization'] !== expected) {
      client.end('HTTP/1.1 407 Proxy Authentication Required\r\nProxy-Authenticate: Basic\r\n\r\n');
      return;
    }
    tunnels.push(req.url ?? '');
    const [host, port] = (req.url ?? '').split(':');
    const upstream = tcpConnect(Number(port), host, () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      upstream.write(head);
      upstream.pipe(client).pipe(upstream);
    });
    sockets.add(upstream);
    const drop = () => { client.destroy(); upstream.destroy(); };
    upstream.on('error', drop);
    client.on('error', drop);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    tunnels,
    close: () => new Promise<void>((resolve) => {
      for (const s of sockets) s.destroy();
      server.close(() => resolve());
    }),
  };
}

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
