/**
 * Text that looks like syntax (quotes, `&`, `#`, `%`, `$filter=`, `'--`, non-ASCII) reaches Epicor as one
 * OData string literal, whether written as a SQL literal, a `?` parameter or an `@name` parameter: the
 * decoded `$filter` the simulator received is exactly `Name eq '<text>'`, and the customer with that
 * name, and only that one, is found.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { request } from 'undici';
import { connect, type Connection } from '../../src/index.ts';
import { startSimulator, type Simulator } from '../../src/simulator/index.ts';

const NAMES = [
  "O'Brien & Sons",
  "x' or 1 eq 1 or Name eq '",
  "Evil $filter=CustNum eq 1&$top=1&$skip=0",
  "Dash '-- comment",
  'Hash #1 at 100% + a%25b',
  'Percent-encoded quote a%27b and %2527 and %',
  "semi;colon=1?q='x'",
  'Ünïcødé Ελληνικά 日本語 ✓',
  "two '' quotes",
];

/** An OData string literal's body: a quote is doubled. */
const odata = (text: string): string => text.replaceAll("'", "''");
/** A SQL string literal's body: a quote is doubled too. */
const sqlText = odata;

describe('driver injection safety', () => {
  let sim: Simulator;
  let dir: string;
  const dbs: Partial<Record<'v1' | 'v2', Connection>> = {};
  const ids = new Map<string, string>();

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'kinetic-e2e-injection-'));
    sim = await startSimulator({ port: 0, seed: 1, customers: 100 });
    const authorization = `Basic ${Buffer.from(`${sim.user}:${sim.password}`).toString('base64')}`;
    for (const [i, name] of NAMES.entries()) {
      const custId = `INJ${i}`;
      const res = await request(`${sim.url}/${sim.instance}/api/v1/Erp.BO.CustomerSvc/Customers`, {
        method: 'POST',
        headers: { authorization, 'content-type': 'application/json', accept: 'application/json' },
        body: JSON.stringify({ CustID: custId, Name: name }),
      });
      assert.equal(res.statusCode, 201, await res.body.text());
      ids.set(name, custId);
    }
    for (const v of ['v1', 'v2'] as const) {
      dbs[v] = await connect(sim.connectionString({ ApiVersion: v, CacheLocation: join(dir, 'metadata.sqlite') }));
    }
  });
  after(async () => {
    for (const db of Object.values(dbs)) await db?.close();
    await sim.close();
    rmSync(dir, { recursive: true, force: true });
  });

  /** The decoded query strings the simulator received for Customers since the last reset. */
  const sentQueries = (): string[] =>
    Object.entries(sim.stats().byPath)
      .filter(([p]) => p.endsWith('/Customers'))
      .flatMap(([, s]) => s.queries);

  for (const v of ['v1', 'v2'] as const) {
    for (const name of NAMES) {
      it(`${v}: ${JSON.stringify(name)} is one literal as SQL text, ? and @name`, async () => {
        const db = dbs[v]!;
        const forms = [
          () => db.query(`SELECT CustID, Name FROM Customers WHERE Name = '${sqlText(name)}'`),
          () => db.query('SELECT CustID, Name FROM Customers WHERE Name = ?', [name]),
          () => db.query('SELECT CustID, Name FROM Customers WHERE Name = @name', { name }),
        ];
        for (const run of forms) {
          sim.resetStats();
          const { rows } = await run();
          assert.deepEqual(rows, [{ CustID: ids.get(name), Name: name }]);
          const queries = sentQueries();
          assert.equal(queries.length, 1, 'one row: a page that cannot be a server cap ends the scan (docs/paging.md)');
          assert.ok(
            queries[0]!.startsWith(`$select=CustID,Name&$filter=Name eq '${odata(name)}'&$orderby=`),
            `decoded query: ${queries[0]}`,
          );
        }
      });
    }

    it(`${v}: LIKE patterns and IN lists carry such text as literals too`, async () => {
      const db = dbs[v]!;
      const like = await db.query('SELECT CustID FROM Customers WHERE Name LIKE ?', ["%Brien & Sons"]);
      assert.deepEqual(like.rows.map((r) => r.CustID), [ids.get("O'Brien & Sons")]);
      const list = await db.query('SELECT CustID FROM Customers WHERE Name IN (?, ?, ?) ORDER BY CustID', [NAMES[1], NAMES[2], NAMES[6]]);
      assert.deepEqual(list.rows.map((r) => r.CustID), [ids.get(NAMES[1]!), ids.get(NAMES[2]!), ids.get(NAMES[6]!)]);
      // A parameter that is not found finds nothing (rather than everything).
      const none = await db.query('SELECT CustID FROM Customers WHERE Name = ?', ["nobody' or 'a' eq 'a"]);
      assert.equal(none.rowCount, 0);
    });
  }
});
