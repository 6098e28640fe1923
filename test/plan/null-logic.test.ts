// SQL's three-valued logic survives translation: every WHERE below, over rows holding every mix of nulls
// and values, selects the same rows when SQLite runs it as SQL as when the driver's $filter runs under
// OData's two-valued null rules (the simulator's evaluator, a strict server). Without the `ne null` tests
// the driver adds, most of them would also select rows whose columns are null.
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import Database from 'better-sqlite3';
import type { SimColumn } from '../../src/simulator/model/types.ts';
import { runQuery, type QuerySource } from '../../src/simulator/odata/index.ts';
import { filterOf } from '../fixtures/compiled.ts';
import { catalog } from '../fixtures/catalog.ts';

const TIERS = [null, 'Gold', 'silver'];
const STATES = [null, 'CA', 'TX'];
const CITIES = [null, 'ca', 'Austin'];
const LIMITS = [null, 500, 2000];

const db = new Database(':memory:');
after(() => db.close());
db.exec(`CREATE TABLE "Customers" (Company TEXT COLLATE NOCASE, CustNum INTEGER, CustomerTier_c TEXT COLLATE NOCASE,
  State TEXT COLLATE NOCASE, City TEXT COLLATE NOCASE, CreditLimit REAL, PRIMARY KEY (Company, CustNum))`);
// SQL Server's LEN, for the SQL side.
db.function('len', { deterministic: true }, (x: unknown) => (typeof x === 'string' ? x.length : null));
const insert = db.prepare('INSERT INTO "Customers" VALUES (?, ?, ?, ?, ?, ?)');
let custNum = 0;
for (const tier of TIERS) for (const state of STATES) for (const city of CITIES) for (const limit of LIMITS) insert.run('EPIC06', ++custNum, tier, state, city, limit);

const customers = catalog.services.flatMap((s) => s.tables).find((t) => t.name === 'Customers');
assert.ok(customers);
const columns: SimColumn[] = ['Company', 'CustNum', 'CustomerTier_c', 'State', 'City', 'CreditLimit'].map((name) => {
  const c = customers.columns.find((col) => col.name === name);
  assert.ok(c, name);
  return { name: c.name, type: c.type, nullable: c.nullable };
});
const source: QuerySource = { from: '"Customers"', params: { company: 'EPIC06' }, columns, keys: ['Company', 'CustNum'], where: ['"Company" = @company'] };

const WHERE = [
  "CustomerTier_c <> 'Gold'",
  "NOT (CustomerTier_c = 'Gold')",
  "NOT (CustomerTier_c = 'Gold' AND State = 'CA')",
  "NOT (CustomerTier_c = 'Gold' OR State = 'CA')",
  "NOT (NOT (CustomerTier_c = 'Gold') OR State <> 'CA')",
  "NOT (CustomerTier_c <> 'Gold' AND (State = 'CA' OR CreditLimit > 1000))",
  "CustomerTier_c NOT IN ('Gold', 'Silver')",
  "NOT (CustomerTier_c NOT IN ('Gold'))",
  "CustomerTier_c NOT LIKE 'G%'",
  "CustomerTier_c NOT LIKE '%ol%'",
  "CustomerTier_c NOT LIKE '%ld'",
  "CustomerTier_c NOT LIKE 'gold'",
  "CustomerTier_c NOT LIKE '%'",
  "NOT (CustomerTier_c LIKE 'G%' AND State LIKE 'C%')",
  'CreditLimit NOT BETWEEN 600 AND 3000',
  "NOT (CreditLimit BETWEEN 600 AND 3000 OR CustomerTier_c = 'Gold')",
  'NOT (CreditLimit > 1000)',
  'NOT (CreditLimit >= 500) OR NOT (CreditLimit < 2000)',
  'City = State',
  'City <> State',
  'NOT (City = State)',
  'NOT (City >= State) OR City <= State',
  "UPPER(CustomerTier_c) <> 'GOLD'",
  'NOT (LEN(CustomerTier_c) > 4)',
  "NOT (UPPER(City) IN ('CA', 'AUSTIN'))",
  'CustomerTier_c IS NULL OR NOT (State IS NULL)',
  "NOT (CustomerTier_c IS NOT NULL AND State = 'TX')",
  'CustNum <> 5 AND NOT (CustNum IN (1, 2)) AND CustNum NOT BETWEEN 10 AND 70',
];

function sqlAnswer(where: string): number[] {
  return (db.prepare(`SELECT CustNum FROM "Customers" WHERE ${where} ORDER BY CustNum`).all() as { CustNum: number }[]).map((r) => r.CustNum);
}

function odataAnswer(where: string, version: 'v1' | 'v2'): { filter: string; ids: number[] } {
  const filter = filterOf(`SELECT CustNum FROM Customers WHERE ${where}`, undefined, version);
  assert.ok(filter !== undefined);
  const ids = runQuery(db, source, { filter, select: 'CustNum' }, { version }).rows.map((r) => r.CustNum as number);
  return { filter, ids };
}

describe('NOT, <>, NOT IN, NOT LIKE and NOT BETWEEN keep their SQL meaning under OData null rules', () => {
  for (const where of WHERE) {
    for (const version of ['v1', 'v2'] as const) {
      it(`${version} ${where}`, () => {
        const { filter, ids } = odataAnswer(where, version);
        assert.deepEqual(ids, sqlAnswer(where), `$filter=${filter}`);
      });
    }
  }

  it('the rows hold nulls that the bare OData operators would select', () => {
    // What a filter without the null tests selects on a strict server: more than SQL.
    const bare = runQuery(db, source, { filter: "CustomerTier_c ne 'Gold'", select: 'CustNum' }, { version: 'v2' }).rows.length;
    assert.ok(bare > sqlAnswer("CustomerTier_c <> 'Gold'").length);
    const notGt = runQuery(db, source, { filter: 'not (CreditLimit gt 1000)', select: 'CustNum' }, { version: 'v2' }).rows.length;
    assert.ok(notGt > sqlAnswer('NOT (CreditLimit > 1000)').length);
  });
});
