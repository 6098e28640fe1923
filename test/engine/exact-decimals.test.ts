/**
 * DecimalsAsStrings=true keeps Epicor's decimal digits exactly, even beyond what a double holds; without
 * it decimals are numbers. The server here sends a hand-written JSON body, since the simulator stores
 * decimals as doubles and so cannot send such digits.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { executePlan } from '../../src/engine/execute.ts';
import { EpicorClient } from '../../src/epicor/client.ts';
import { planOf } from '../fixtures/compiled.ts';
import { startServer, testConfig, type TestServer } from '../epicor/support.ts';

const BODY = '{"value":[{"OrderNum":5006,"OrderAmt":12345678901234567.891,"OrderDate":"2024-03-01T00:00:00"},'
  + '{"OrderNum":5007,"OrderAmt":0.1,"OrderDate":null}]}';

// The rows are the first page; past them (the driver confirms a short first page) the page is empty.
function send(req: IncomingMessage, res: ServerResponse): void {
  res.writeHead(200, { 'content-type': 'application/json' });
  res.end(/[?&]\$skip=0(&|$)/.test(req.url ?? '') ? BODY : '{"value":[]}');
}

describe('exact decimals', () => {
  let server: TestServer;
  before(async () => {
    server = await startServer((req, res) => send(req, res));
  });
  after(() => server.close());

  async function read(decimalsAsStrings: boolean) {
    const config = testConfig({ url: server.url, decimalsAsStrings });
    const plan = planOf('SELECT OrderNum, OrderAmt, OrderDate FROM SalesOrders', undefined, 'v1');
    const client = new EpicorClient(config);
    try {
      const rows: { OrderNum: unknown; OrderAmt: unknown; OrderDate: unknown }[] = [];
      for await (const page of executePlan(plan, { client, config })) {
        for (const [OrderNum, OrderAmt, OrderDate] of page) rows.push({ OrderNum, OrderAmt, OrderDate });
      }
      return rows;
    } finally {
      await client.close();
    }
  }

  it('keeps every digit of a decimal as a string with DecimalsAsStrings=true, and integers stay numbers', async () => {
    const rows = await read(true);
    assert.deepEqual(rows.map((r) => r.OrderAmt), ['12345678901234567.891', '0.1']);
    assert.deepEqual(rows.map((r) => r.OrderNum), [5006, 5007]);
    assert.ok(rows[0]!.OrderDate instanceof Date);
  });

  it('returns decimals as numbers by default (rounded to the nearest double)', async () => {
    const rows = await read(false);
    assert.deepEqual(rows.map((r) => r.OrderAmt), [12345678901234567.891, 0.1]);
    assert.equal(typeof rows[0]!.OrderAmt, 'number');
  });
});
