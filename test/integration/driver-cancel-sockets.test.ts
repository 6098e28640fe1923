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
  /** Sockets closed so far (idle kept-alive ones stay open: the simulator keeps them 120 s, as IIS does). */
  closed(): number;
  close(): Promise<void>;
}

async function startRelay(target: URL): Promise<Relay> {
  const sockets = new Set<Socket>();
  let closed = 0;
  const server: Server = createServer((client) => {
    sockets.add(client);
    const upstream = tcpConnect(Number(target.port), target.hostname);
    client.pipe(upstream).pipe(client);
    const drop = () => {
      client.destroy();
      upstream.destroy();
      if (sockets.delete(client)) closed++;
    };
    client.on('close', drop).on('error', drop);
    upstream.on('close', drop).on('error', drop);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    open: () => sockets.size,
    closed: () => closed,
    close: () => new Promise<void>((resolve) => {
      for (const s of sockets) s.destroy();
      server.close(() => resolve());
    }),
  };
}

/** Requests that reached the simulator's Customers entity set (counted on arrival, stalled ones too). */
function customerRequests(sim: Simulator): number {
  return Object.entries(sim.stats().byPath).filter(([path]) => path.endsWith('/Customers')).reduce((n, [, p]) => n + p.requests, 0);
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
      let closedAtBreak = 0;
      for await (const _row of db.stream('SELECT CustID FROM Customers')) {
        if (++seen === 10) {
          // The two prefetched windows are on the wire now (on new sockets, or on idle ones kept alive).
          assert.ok(await until(() => customerRequests(sim) >= 3 && relay.open() >= 3, 5_000), `prefetch sent its requests (${customerRequests(sim)} to /Customers, ${relay.open()} sockets open)`);
          closedAtBreak = relay.closed();
          break;
        }
      }
      // Idle kept-alive sockets stay open; the two that carry the stalled requests are closed at once.
      assert.ok(await until(() => relay.closed() - closedAtBreak >= 2, 5_000), `stalled sockets closed after break (${relay.closed() - closedAtBreak} closed, ${relay.open()} open)`);
      sim.setFaults([]);
      assert.equal((await db.query('SELECT TOP 3 CustID FROM Customers')).rowCount, 3, 'the connection still answers');
    } finally {
      sim.setFaults([]);
      await db.close();
    }
  });
});
