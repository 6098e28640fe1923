// $select, $orderby, $top, $skip, counts, the page cap, JSON values per version, and $expand over a
// real SQLite database.
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { runQuery, toJsonValue, type QueryOptions } from '../../src/simulator/odata/index.ts';
import { createDatabase, customers, GUID_1, navigation, orders } from './odata-fixture.ts';

const db = createDatabase();
after(() => db.close());

const v2 = (options: QueryOptions, maxRows?: number) => runQuery(db, customers(), options, { version: 'v2', maxRows, expand: navigation() });
const v1 = (options: QueryOptions, maxRows?: number) => runQuery(db, customers(), options, { version: 'v1', maxRows, expand: navigation() });
const column = (rows: Record<string, unknown>[], name: string) => rows.map((r) => r[name]);

describe('$select', () => {
  it('returns only the selected properties, in declared order', () => {
    const { rows } = v2({ select: 'Name,CustNum', filter: 'CustNum eq 1' });
    assert.deepEqual(rows, [{ CustNum: 1, Name: 'Acme Inc' }]);
    assert.deepEqual(Object.keys(rows[0]!), ['CustNum', 'Name']);
  });

  it('returns every property without $select or with *', () => {
    for (const select of [undefined, '*']) {
      const { rows } = v2({ select, filter: 'CustNum eq 1' });
      assert.equal(Object.keys(rows[0]!).length, 11);
    }
  });
});

describe('JSON values per version', () => {
  it('v2: booleans, Z dates, numbers, lower-case GUIDs, nulls', () => {
    const { rows } = v2({ filter: 'CustNum eq 1 or CustNum eq 3', select: 'CustNum,Active,Since,CreditLimit,Discount,SysRowID,SysRevID' });
    assert.deepEqual(rows, [
      { CustNum: 1, CreditLimit: 1000, Discount: 0.1, Active: true, Since: '2020-01-15T00:00:00Z', SysRowID: GUID_1, SysRevID: 10 },
      { CustNum: 3, CreditLimit: null, Discount: 0.25, Active: false, Since: '2019-12-31T23:59:59Z', SysRowID: '1a2b3c4d-0000-4000-8000-000000000003', SysRevID: 12 },
    ]);
  });

  it('v1: dates without an offset', () => {
    const { rows } = v1({ filter: 'CustNum eq 1', select: 'Since,Active' });
    assert.deepEqual(rows, [{ Active: true, Since: '2020-01-15T00:00:00' }]);
  });

  it('toJsonValue converts single values', () => {
    const col = (type: Parameters<typeof toJsonValue>[1]['type']) => ({ name: 'X', type, nullable: true });
    assert.equal(toJsonValue(0, col('Edm.Boolean'), 'v1'), false);
    assert.equal(toJsonValue('2024-03-01T00:00:00', col('Edm.DateTimeOffset'), 'v2'), '2024-03-01T00:00:00Z');
    assert.equal(toJsonValue('ABCDEF01-0000-4000-8000-000000000000', col('Edm.Guid'), 'v2'), 'abcdef01-0000-4000-8000-000000000000');
    assert.equal(toJsonValue(12n, col('Edm.Int64'), 'v2'), 12);
    assert.equal(toJsonValue(null, col('Edm.String'), 'v2'), null);
  });
});

describe('$orderby', () => {
  it('orders strings ignoring case, accented letters beside their base letter, NULLs first', () => {
    const { rows } = v2({ select: 'CustNum,Name', orderby: 'Name' });
    assert.deepEqual(column(rows, 'Name'), [
      null, '  Padded  ', 'Acme Inc', 'acme inc', 'apple', 'Banana Co', 'Éclair Ltd', 'éclair ltd', 'eve', "O'Brien & Sons", 'Zeta #1 100% & Co', '日本商事',
    ]);
  });

  it('puts NULLs last descending, and breaks ties by the keys', () => {
    const { rows } = v2({ select: 'CustNum', orderby: 'City desc' });
    assert.equal(rows.at(-1)!.CustNum, 7);
    const names = column(v2({ select: 'CustNum', orderby: 'Name desc' }).rows, 'CustNum');
    assert.deepEqual(names.slice(0, 6), [11, 7, 3, 6, 4, 5]);
  });

  it('orders by several items and by expressions', () => {
    assert.deepEqual(column(v2({ select: 'CustNum', orderby: 'Active desc,CreditLimit asc', top: '4' }).rows, 'CustNum'), [6, 7, 4, 1]);
    assert.deepEqual(column(v2({ select: 'CustNum', orderby: 'length(CustID) desc,CustNum desc', top: '2' }).rows, 'CustNum'), [5, 9]);
    assert.deepEqual(column(v2({ select: 'CustNum', orderby: 'Since', top: '2' }).rows, 'CustNum'), [5, 11]);
  });

  it('orders by the keys when $orderby is absent', () => {
    assert.deepEqual(column(v2({ select: 'CustNum' }).rows, 'CustNum'), [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
  });

  it('uses the collation for columns that hold only upper-case codes, and keeps it after a write', () => {
    assert.deepEqual(column(v2({ select: 'CustID', orderby: 'CustID', top: '3' }).rows, 'CustID'), ['ACME', 'ACME2', 'APPLE']);
    db.prepare('UPDATE "Customers" SET CustID = ? WHERE CustNum = 12').run('aardvark');
    try {
      assert.deepEqual(column(v2({ select: 'CustID', orderby: 'CustID', top: '3' }).rows, 'CustID'), ['aardvark', 'ACME', 'ACME2']);
    } finally {
      db.prepare('UPDATE "Customers" SET CustID = ? WHERE CustNum = 12').run('TRIM');
    }
  });
});

describe('$top, $skip and counts', () => {
  it('pages with $top and $skip', () => {
    assert.deepEqual(column(v2({ select: 'CustNum', top: '3', skip: '4' }).rows, 'CustNum'), [5, 6, 7]);
    assert.deepEqual(column(v2({ select: 'CustNum', skip: '10' }).rows, 'CustNum'), [11, 12]);
    assert.deepEqual(v2({ top: '0' }).rows, []);
  });

  it('v2 $count=true and v1 $inlinecount=allpages count all matches, ignoring $top and $skip', () => {
    assert.equal(v2({ filter: 'Active', top: '2', skip: '1', count: 'true' }).count, 8);
    assert.equal(v1({ filter: 'Active', top: '2', inlinecount: 'allpages' }).count, 8);
    assert.equal(v2({ count: 'false' }).count, undefined);
    assert.equal(v1({ inlinecount: 'none' }).count, undefined);
    assert.equal(v2({ top: '0', count: 'true' }).count, 12);
  });

  it('caps the page at maxRows and says when more rows matched', () => {
    const capped = v2({ select: 'CustNum', skip: '2' }, 5);
    assert.deepEqual(column(capped.rows, 'CustNum'), [3, 4, 5, 6, 7]);
    assert.equal(capped.truncated, true);
    assert.equal(v2({ select: 'CustNum', skip: '7' }, 5).truncated, false);
    assert.equal(v2({ select: 'CustNum', top: '5' }, 5).truncated, false);
    const topAboveCap = v2({ select: 'CustNum', top: '6', count: 'true' }, 4);
    assert.equal(topAboveCap.rows.length, 4);
    assert.equal(topAboveCap.truncated, true);
    assert.equal(topAboveCap.count, 12);
  });
});

describe('$expand', () => {
  it('nests many-valued navigation as arrays, empty when there are none', () => {
    const { rows } = v2({ select: 'CustNum', filter: 'CustNum le 3', expand: 'Orders' });
    assert.deepEqual(rows.map((r) => [r.CustNum, column(r.Orders as Record<string, unknown>[], 'OrderNum')]), [
      [1, [100, 101, 102]],
      [2, [103]],
      [3, []],
    ]);
    assert.deepEqual(Object.keys(rows[0]!), ['CustNum', 'Orders']);
  });

  it('nests single-valued navigation as an object, and never crosses companies', () => {
    const { rows } = runQuery(db, orders(), { select: 'OrderNum', expand: 'Customer($select=Name)', top: '2' }, { version: 'v2', expand: navigation() });
    assert.deepEqual(rows, [
      { OrderNum: 100, Customer: { Name: 'Acme Inc' } },
      { OrderNum: 101, Customer: { Name: 'Acme Inc' } },
    ]);
  });

  it('v2 applies nested $select, $filter, $orderby, $top and $skip per parent', () => {
    const { rows } = v2({ select: 'CustNum', filter: 'CustNum le 2', expand: "Orders($select=PartNum;$filter=PartNum ne 'x;y';$orderby=PartNum desc;$top=2)" });
    assert.deepEqual(rows, [
      { CustNum: 1, Orders: [{ PartNum: 'Washer' }, { PartNum: 'nut' }] },
      { CustNum: 2, Orders: [{ PartNum: 'BOLT' }] },
    ]);
    const skipped = v2({ select: 'CustNum', filter: 'CustNum eq 1', expand: "Orders($filter=startswith(PartNum,'B') or Qty gt 5;$skip=1;$select=OrderNum)" });
    assert.deepEqual(skipped.rows, [{ CustNum: 1, Orders: [{ OrderNum: 101 }] }]);
  });

  it('v1 takes $select=Nav/Property', () => {
    const { rows } = v1({ select: 'CustNum,Orders/PartNum', filter: 'CustNum eq 2', expand: 'Orders' });
    assert.deepEqual(rows, [{ CustNum: 2, Orders: [{ PartNum: 'BOLT' }] }]);
  });

  it('fetches join columns the $select left out, without returning them', () => {
    const { rows } = v2({ select: 'Name', filter: 'CustNum eq 4', expand: 'Orders($select=Qty)' });
    assert.deepEqual(rows, [{ Name: 'Éclair Ltd', Orders: [{ Qty: 7 }] }]);
  });
});
