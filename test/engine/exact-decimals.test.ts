/**
 * DecimalsAsStrings=true keeps Epicor's decimal digits exactly, even beyond what a double holds; without
 * it decimals are numbers. The server here sends a hand-written JSON body, since the simulator stores
 * decimals as doubles and so cannot send such digits.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { ServerResponse } from 'node:http';
import { remotePages } from '../../src/engine/remote.ts';
import { EpicorClient } from '../../src/epicor/client.ts';
import { compile } from '../../src/plan/compile.ts';
import { catalog } from '../fixtures/catalog.ts';
import { startServer, testConfig, type TestServer } from '../epicor/support.ts';

const BODY = '{"value":[{"OrderNum":5006,"OrderAmt":12345678901234567.891,"OrderDate":"2024-03-01T00:00:00"},'
  + '{"OrderNum":5007,"OrderAmt":0.1,"OrderDate":null}]}';

function send(res: ServerResponse): void {
  res.writeHead(200, { 'content-type': 'application/json' });
  res.end(BODY);
}

describe('exact decimals', () => {
  let server: TestServer;
  before(async () => {
    server = await startServer((_req, res) => send(res));
  });
  after(() => server.close());

  async function read(decimalsAsStrings: boolean) {
    const config = testConfig({ url: server.url, decimalsAsStrings });
    const statement = compile('SELECT OrderNum, OrderAmt, OrderDate FROM SalesOrders', undefined, catalog, { apiVersion: 'v1' });
    assert.equal(statement.kind, 'select');
    if (statement.kind !== 'select' || statement.plan.kind !== 'remote') throw new Error('expected a remote plan');
    const client = new EpicorClient(config);
    try {
      const rows = [];
      for await (const page of remotePages(statement.plan, { client, config })) rows.push(...page);
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
