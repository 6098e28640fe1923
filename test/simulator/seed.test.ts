import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import type Database from 'better-sqlite3';
import { buildModel } from '../../src/simulator/model/index.ts';
import { createDatabase, scaleForLines } from '../../src/simulator/seed/index.ts';

const model = buildModel();
const CUSTOMERS = 300;
const first = createDatabase(model, { seed: 7, customers: CUSTOMERS });
const { db, stats } = first;
after(() => db.close());

const SEEDED = ['Customers', 'ShipToes', 'CustBillToes', 'SalesOrders', 'OrderDtls', 'OrderRels', 'Parts', 'PartPlants'];

function value(sql: string, ...params: unknown[]): number {
  return (db.prepare(sql).pluck().get(...params) as number | null) ?? 0;
}

/** A hash of the whole database file: equal only when every row of every table is equal. */
function fingerprint(database: Database.Database): string {
  return createHash('sha256').update(database.serialize()).digest('hex');
}

test('every entity set has a table with all its columns, and the stats count its rows', () => {
  for (const entitySet of model.services.flatMap((s) => s.entitySets)) {
    const columns = db.prepare(`PRAGMA table_info("${entitySet.table}")`).all() as { name: string; pk: number }[];
    assert.deepEqual(columns.map((c) => c.name), entitySet.columns.map((c) => c.name), entitySet.name);
    assert.deepEqual(columns.filter((c) => c.pk > 0).sort((a, b) => a.pk - b.pk).map((c) => c.name), [...entitySet.keys]);
    assert.equal(stats[entitySet.table], value(`SELECT count(*) FROM "${entitySet.table}"`), `stats of ${entitySet.name}`);
  }
  assert.equal(typeof stats.ms, 'number');
  assert.equal(stats.Customers, CUSTOMERS);
  assert.equal(stats.CustBanks, 0);
  const customer = db.prepare('SELECT * FROM Customers LIMIT 1').get() as Record<string, unknown>;
  assert.equal(Object.keys(customer).length, model.services[0]!.entitySets[0]!.columns.length);
});

test('the same seed gives identical rows, another seed different ones', () => {
  const again = createDatabase(model, { seed: 7, customers: CUSTOMERS });
  const other = createDatabase(model, { seed: 8, customers: CUSTOMERS });
  try {
    assert.equal(fingerprint(again.db), fingerprint(db));
    assert.notEqual(fingerprint(other.db), fingerprint(db));
    const { ms: _a, ...countsAgain } = again.stats;
    const { ms: _b, ...counts } = stats;
    assert.deepEqual(countsAgain, counts);
  } finally {
    again.db.close();
    other.db.close();
  }
});

test('volumes: about 10 orders per customer, 4 lines per order, 1-2 releases per line, parts and plants', () => {
  const orders = stats.SalesOrders!;
  const lines = stats.OrderDtls!;
  assert.ok(orders > CUSTOMERS * 8 && orders < CUSTOMERS * 12, `${orders} orders`);
  assert.ok(lines / orders > 3.5 && lines / orders < 4.5, `${lines / orders} lines per order`);
  assert.equal(value('SELECT count(*) FROM (SELECT count(*) n FROM OrderDtls GROUP BY Company, OrderNum HAVING n < 1 OR n > 12)'), 0);
  assert.equal(value('SELECT count(*) FROM (SELECT count(*) n FROM OrderRels GROUP BY Company, OrderNum, OrderLine HAVING n > 2)'), 0);
  assert.ok(stats.OrderRels! >= lines && stats.OrderRels! < lines * 2);
  assert.equal(stats.Parts, Math.max(50, Math.round(CUSTOMERS / 5)));
  assert.ok(stats.PartPlants! >= stats.Parts! && stats.PartPlants! <= stats.Parts! * 3);
  assert.equal(value('SELECT max(n) FROM (SELECT count(*) n FROM ShipToes GROUP BY Company, CustNum)'), 3);
  assert.equal(value('SELECT max(n) FROM (SELECT count(*) n FROM CustBillToes GROUP BY Company, CustNum)'), 1);
});

test('two companies, the default one first with most rows', () => {
  const rows = db.prepare('SELECT Company, count(*) n FROM Customers GROUP BY Company ORDER BY Company').all() as { Company: string; n: number }[];
  assert.deepEqual(rows.map((r) => r.Company), ['EPIC06', 'EPIC07']);
  assert.ok(rows[0]!.n / CUSTOMERS > 0.75 && rows[0]!.n / CUSTOMERS < 0.85);
  assert.ok(value("SELECT count(*) FROM SalesOrders WHERE Company = 'EPIC07'") > 0);
  assert.ok(value("SELECT count(*) FROM Parts WHERE Company = 'EPIC07'") >= 10);
});

test('referential integrity holds within each company', () => {
  const orphans: Record<string, string> = {
    'orders without customer': 'SELECT count(*) FROM SalesOrders o LEFT JOIN Customers c ON c.Company = o.Company AND c.CustNum = o.CustNum WHERE c.CustNum IS NULL',
    'lines without order': 'SELECT count(*) FROM OrderDtls d LEFT JOIN SalesOrders o ON o.Company = d.Company AND o.OrderNum = d.OrderNum WHERE o.OrderNum IS NULL',
    'lines without part': 'SELECT count(*) FROM OrderDtls d LEFT JOIN Parts p ON p.Company = d.Company AND p.PartNum = d.PartNum WHERE p.PartNum IS NULL',
    'releases without line': 'SELECT count(*) FROM OrderRels r LEFT JOIN OrderDtls d ON d.Company = r.Company AND d.OrderNum = r.OrderNum AND d.OrderLine = r.OrderLine WHERE d.OrderLine IS NULL',
    'ship-tos without customer': 'SELECT count(*) FROM ShipToes s LEFT JOIN Customers c ON c.Company = s.Company AND c.CustNum = s.CustNum WHERE c.CustNum IS NULL',
    'bill-tos to unknown customers': 'SELECT count(*) FROM CustBillToes b LEFT JOIN Customers c ON c.Company = b.Company AND c.CustNum = b.BTCustNum WHERE c.CustNum IS NULL',
    'plants without part': 'SELECT count(*) FROM PartPlants pp LEFT JOIN Parts p ON p.Company = pp.Company AND p.PartNum = pp.PartNum WHERE p.PartNum IS NULL',
    'lines with another customer than their order': 'SELECT count(*) FROM OrderDtls d JOIN SalesOrders o ON o.Company = d.Company AND o.OrderNum = d.OrderNum WHERE o.CustNum <> d.CustNum',
    'orders whose amount is not the sum of their lines':
      'SELECT count(*) FROM SalesOrders o WHERE abs(o.OrderAmt - (SELECT sum(ExtPriceDtl) FROM OrderDtls d WHERE d.Company = o.Company AND d.OrderNum = o.OrderNum)) > 0.011',
  };
  for (const [what, sql] of Object.entries(orphans)) assert.equal(value(sql), 0, what);
});

test('orders are skewed: some customers never ordered, the busiest order far more than average', () => {
  const perCustomer = db
    .prepare('SELECT (SELECT count(*) FROM SalesOrders o WHERE o.Company = c.Company AND o.CustNum = c.CustNum) n FROM Customers c')
    .pluck()
    .all() as number[];
  const average = perCustomer.reduce((s, n) => s + n, 0) / perCustomer.length;
  assert.ok(perCustomer.filter((n) => n === 0).length >= 5, 'customers without orders');
  assert.ok(Math.max(...perCustomer) > 3 * average, `max ${Math.max(...perCustomer)} vs average ${average}`);
});

test('values look real: apostrophes, accents, nulls, non-US countries, user fields', () => {
  const names = db.prepare('SELECT Name FROM Customers').pluck().all() as string[];
  assert.ok(names.some((n) => n.includes("'")), 'an apostrophe');
  assert.ok(names.some((n) => /[^\x00-\x7f]/.test(n)), 'an accented letter');
  assert.ok(value('SELECT count(*) FROM Customers WHERE Address2 IS NULL') > 0);
  assert.ok(value('SELECT count(*) FROM Customers WHERE Address2 IS NOT NULL') > 0);
  assert.ok(value('SELECT count(*) FROM SalesOrders WHERE PONum IS NULL') > 0);
  assert.ok(value("SELECT count(DISTINCT Country) FROM Customers WHERE Country <> 'USA'") >= 3);
  assert.ok(value("SELECT count(*) FROM Customers WHERE Country = 'USA'") > CUSTOMERS / 2);
  assert.ok(value('SELECT count(*) FROM Customers WHERE CreditHold = 1') > 0);
  assert.ok(value('SELECT count(*) FROM Customers WHERE CustomerTier_c IS NOT NULL') > 0);
  assert.ok(value('SELECT count(*) FROM SalesOrders WHERE OrderPriority_c IS NULL') > 0);
  assert.ok(value("SELECT count(*) FROM Parts WHERE PartDescription LIKE '%\"%'") > 0, 'a quote in a description');
  assert.equal(value('SELECT count(*) FROM (SELECT CustID FROM Customers GROUP BY Company, CustID HAVING count(*) > 1)'), 0, 'unique CustID');
});

test('dates have no time part and fall in 2019-2026; GUIDs are lower case and unique; decimals have 2-3 places', () => {
  const dates = db.prepare('SELECT OrderDate FROM SalesOrders').pluck().all() as string[];
  for (const d of dates) assert.match(d, /^20(19|2[0-6])-\d\d-\d\dT00:00:00$/);
  assert.ok(dates.some((d) => d.startsWith('2019')) && dates.some((d) => d.startsWith('2026')));
  for (const table of SEEDED) {
    const ids = db.prepare(`SELECT SysRowID FROM "${table}"`).pluck().all() as string[];
    for (const id of ids) assert.match(id, /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    assert.equal(new Set(ids).size, ids.length, `unique SysRowID in ${table}`);
    assert.equal(value(`SELECT count(*) FROM "${table}" WHERE SysRevID IS NULL OR SysRevID <= 0`), 0);
  }
  const prices = db.prepare('SELECT UnitPrice FROM OrderDtls').pluck().all() as number[];
  for (const p of prices) assert.ok(Math.abs(p * 1000 - Math.round(p * 1000)) < 1e-6, `${p} has at most 3 decimals`);
  assert.ok(prices.some((p) => Math.abs(p * 100 - Math.round(p * 100)) > 1e-6), 'some prices have 3 decimals');
});

test('seeded strings fit their MaxLength', () => {
  for (const name of SEEDED) {
    const entitySet = model.services.flatMap((s) => s.entitySets).find((s) => s.name === name)!;
    const strings = entitySet.columns.filter((c) => c.type === 'Edm.String' && c.maxLength);
    const lengths = db.prepare(`SELECT ${strings.map((c) => `max(length("${c.name}"))`).join(', ')} FROM "${name}"`).raw().get() as (number | null)[];
    strings.forEach((c, i) => assert.ok((lengths[i] ?? 0) <= c.maxLength!, `${name}.${c.name}: ${lengths[i]} > ${c.maxLength}`));
  }
});

test('the BAQ queries run on the seeded data and return their declared columns', () => {
  const zip = db.prepare("SELECT Zip FROM Customers WHERE Company = 'EPIC06' GROUP BY Zip ORDER BY count(*) DESC LIMIT 1").pluck().get();
  const byName = new Map(model.baqs.map((b) => [b.id, b]));
  const zCustomer01 = byName.get('zCustomer01')!;
  const rows = db.prepare(zCustomer01.sql).all({ company: 'EPIC06', zipCode: zip }) as Record<string, unknown>[];
  assert.ok(rows.length > 1);
  assert.deepEqual(Object.keys(rows[0]!), zCustomer01.columns.map((c) => c.name));
  assert.ok(rows.every((r) => r.Customer_Zip === zip && r.Customer_Company === 'EPIC06'));

  const hs = byName.get('68138-HSCustomers')!;
  const all = db.prepare(hs.sql).all({ company: 'EPIC06', state: null }) as Record<string, unknown>[];
  assert.ok(all.length > 0 && all.every((r) => r.Customer_CreditHold === 1));
  const state = all[0]!.Customer_State;
  const some = db.prepare(hs.sql).all({ company: 'EPIC06', state }) as Record<string, unknown>[];
  assert.ok(some.length > 0 && some.length <= all.length && some.every((r) => r.Customer_State === state));
  assert.deepEqual(Object.keys(all[0]!), hs.columns.map((c) => c.name));

  const orders = byName.get('zOrdersByCustomer')!;
  const orderRows = db.prepare(orders.sql).all({ company: 'EPIC07' }) as Record<string, unknown>[];
  assert.equal(orderRows.length, value("SELECT count(*) FROM SalesOrders WHERE Company = 'EPIC07'"));
  assert.deepEqual(Object.keys(orderRows[0]!), orders.columns.map((c) => c.name));
  assert.ok(orderRows.every((r) => (r.Calculated_LineCount as number) >= 1));
  assert.equal(new Set(orderRows.map((r) => r.RowIdent)).size, orderRows.length, 'RowIdent is unique');
});

test('scaleForLines gives the customers count for a number of order lines', () => {
  const customers = scaleForLines(1_000_000);
  assert.ok(customers > 24_000 && customers < 26_000, `${customers}`);
  const lines = stats.OrderDtls!;
  const predicted = (CUSTOMERS / scaleForLines(lines)) * lines;
  assert.ok(Math.abs(predicted - lines) / lines < 0.15);
});
