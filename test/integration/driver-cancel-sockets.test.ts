/**
 * Cancellation frees the connection: when a stream is left with `break` while prefetched requests are
 * stalled on the server, their sockets are closed at once (seen from a TCP relay between the driver and
 * the simulator), not when the server would have answered.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, connect as tcpConnect, type AddressInfo, type Server, type Socket } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { connect } from '../../src/index.ts';
import { startSimulator, type Simulator } from '../../src/simulator/index.ts';

interface Relay {
  port: number;
  open(): number;
  close(): Promise<void>;
}

async function startRelay(target: URL): Promise<Relay> {
  const sockets = new Set<Socket>();
  const server: Server = createServer((client) => {
    sockets.add(client);
    const upstream = tcpConnect(Number(target.port), target.hostname);
    client.pipe(upstream).pipe(client);
    const drop = () => {
      client.destroy();
      upstream.destroy();
      sockets.delete(client);
    };
    client.on('close', drop).on('error', drop);
    upstream.on('close', drop).on('error', drop);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    open: () => sockets.size,
    close: () => new Promise<void>((resolve) => {
      for (const s of sockets) s.destroy();
      server.close(() => resolve());
    }),
  };
}

async function until(check: () => boolean, ms: number): Promise<boolean> {
  for (const end = Date.now() + ms; Date.now() < end; await sleep(10)) if (check()) return true;
  return check();
}

describe('cancelling a stream', () => {
  let sim: Simulator;
  let relay: Relay;
  before(async () => {
    sim = await startSimulator({ port: 0, seed: 8, customers: 200 });
    relay = await startRelay(new URL(sim.url));
  });
  after(async () => {
    await relay.close();
    await sim.close();
  });

  it('closes the sockets of stalled prefetched requests as soon as the loop breaks', async () => {
    const db = await connect(sim.connectionString({ URL: `http://127.0.0.1:${relay.port}`, Pagesize: '10', PrefetchPages: '2', CacheMetadata: 'false' }));
    try {
      // Every data request after the first stalls for a minute.
      sim.setFaults([{ path: '/Customers', kind: 'stall', stallMs: 60_000, nth: 2, times: 50 }]);
      let seen = 0;
      for await (const _row of db.stream('SELECT CustID FROM Customers')) {
        if (++seen === 10) {
          // The two prefetched windows are on the wire now: three sockets in all.
          assert.ok(await until(() => relay.open() >= 3, 5_000), `prefetch opened sockets (${relay.open()})`);
          break;
        }
      }
      assert.ok(await until(() => relay.open() <= 1, 5_000), `stalled sockets closed after break (${relay.open()} open)`);
      sim.setFaults([]);
      assert.equal((await db.query('SELECT TOP 3 CustID FROM Customers')).rowCount, 3, 'the connection still answers');
    } finally {
      sim.setFaults([]);
      await db.close();
    }
  });
});
