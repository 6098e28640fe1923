/**
 * What Epicor (or a proxy in front of it) sends is checked where it arrives: a page whose rows are not
 * objects, a count that is null or not a number, or a next link that is not text is EPROTOCOL saying
 * what was wrong, from a real HTTP server on loopback through the executor.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { executePlan } from '../../src/engine/execute.ts';
import { EpicorClient } from '../../src/epicor/client.ts';
import { KineticError } from '../../src/errors.ts';
import { planOf } from '../fixtures/compiled.ts';
import { startServer, testConfig, type TestServer } from '../epicor/support.ts';

describe('pages are validated at the boundary', () => {
  let server: TestServer;
  let body = '';
  before(async () => {
    server = await startServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(body);
    });
  });
  after(() => server.close());

  async function run(sql: string, sent: string): Promise<unknown[][]> {
    body = sent;
    const config = testConfig({ url: server.url, maxRetries: 0 });
    const client = new EpicorClient(config);
    try {
      const rows: unknown[][] = [];
      for await (const page of executePlan(planOf(sql, undefined, 'v1'), { client, config })) rows.push(...page);
      return rows;
    } finally {
      await client.close();
    }
  }

  const protocol = (pattern: RegExp) => (err: unknown) => {
    assert.ok(err instanceof KineticError, String(err));
    assert.equal(err.code, 'EPROTOCOL');
    assert.match(err.message, pattern);
    assert.ok(err.url?.includes('/Customers?'));
    return true;
  };

  it('a row that is null, an array or a number is EPROTOCOL naming the row', async () => {
    await assert.rejects(run('SELECT CustNum FROM Customers', '{"value":[null]}'), protocol(/row 1 of the page is null, not an object/));
    await assert.rejects(run('SELECT CustNum FROM Customers', '{"value":[{"CustNum":1},[2]]}'), protocol(/row 2 of the page is an array/));
    await assert.rejects(run('SELECT CustNum FROM Customers', '{"value":[7]}'), protocol(/row 1 of the page is number 7/));
  });

  it('a body without a value array is EPROTOCOL', async () => {
    await assert.rejects(run('SELECT CustNum FROM Customers', '{"d":[]}'), protocol(/no "value" array/));
  });

  it('a count that is null, negative or not a number is EPROTOCOL, never 0', async () => {
    await assert.rejects(run('SELECT COUNT(*) FROM Customers', '{"value":[],"odata.count":null}'), protocol(/the count is null/));
    await assert.rejects(run('SELECT COUNT(*) FROM Customers', '{"value":[],"odata.count":-1}'), protocol(/the count is number -1/));
    await assert.rejects(run('SELECT COUNT(*) FROM Customers', '{"value":[],"@odata.count":"many"}'), protocol(/the count is the string "many"/));
    await assert.rejects(run('SELECT COUNT(*) FROM Customers', '{"value":[]}'), protocol(/without a count/));
  });

  it('a count sent as a string of digits (OData v3) is read, and a next link that is not text is refused', async () => {
    assert.deepEqual(await run('SELECT COUNT(*) FROM Customers', '{"value":[],"odata.count":"42"}'), [[42]]);
    await assert.rejects(run('SELECT CustNum FROM Customers', '{"value":[{"CustNum":1}],"odata.nextLink":5}'), protocol(/next-page link is number 5/));
  });
});
