import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { makeRowMapper, nameRows } from '../../src/engine/convert.ts';
import type { OutputColumn } from '../../src/plan/types.ts';

const columns: OutputColumn[] = [
  { name: 'When', source: 'OrderDate', type: 'Edm.DateTime', nullable: true },
  { name: 'Amt', source: 'OrderAmt', type: 'Edm.Decimal', nullable: true },
  { name: 'Num', source: 'OrderNum', type: 'Edm.Int32', nullable: false },
];

describe('row conversion', () => {
  const positional = makeRowMapper(columns, { decimalsAsStrings: false });
  const named = nameRows(columns.map((c) => c.name));
  const map = (raw: Record<string, unknown>) => named(positional(raw));

  it('gives positional rows in the order of the columns', () => {
    assert.deepEqual(positional({ OrderNum: 7, OrderAmt: 1.5 }), [null, 1.5, 7]);
  });

  it('reads dates without an offset as UTC, and honours an offset when there is one', () => {
    assert.equal((map({ OrderDate: '2024-03-01T00:00:00' }).When as Date).toISOString(), '2024-03-01T00:00:00.000Z');
    assert.equal((map({ OrderDate: '2024-03-01T02:00:00+02:00' }).When as Date).toISOString(), '2024-03-01T00:00:00.000Z');
    assert.equal((map({ OrderDate: '2024-03-01' }).When as Date).toISOString(), '2024-03-01T00:00:00.000Z');
  });

  it('gives every row its own Date object, even for a repeated date', () => {
    const a = map({ OrderDate: '2024-03-01T00:00:00' }).When as Date;
    const b = map({ OrderDate: '2024-03-01T00:00:00' }).When as Date;
    assert.notEqual(a, b);
    a.setUTCFullYear(1999);
    assert.equal(b.getUTCFullYear(), 2024);
  });

  it('keeps a value that is not a date as sent, renames to aliases, and turns missing fields into null', () => {
    assert.deepEqual(map({ OrderDate: 'not a date', OrderAmt: '12.50', OrderNum: '7' }), { When: 'not a date', Amt: 12.5, Num: 7 });
    assert.deepEqual(map({}), { When: null, Amt: null, Num: null });
  });

  it('keeps an Int64 beyond 2^53 as its digits with decimalsAsStrings, and makes safe ones numbers', () => {
    const big = makeRowMapper([{ name: 'Rev', source: 'SysRevID', type: 'Edm.Int64', nullable: false }], { decimalsAsStrings: true });
    assert.equal(big({ SysRevID: '9007199254740993' })[0], '9007199254740993');
    assert.equal(big({ SysRevID: '42' })[0], 42);
  });

  it('keeps decimals as strings with decimalsAsStrings', () => {
    const exact = makeRowMapper(columns, { decimalsAsStrings: true });
    assert.deepEqual(exact({ OrderAmt: '12345678901234567.891', OrderNum: 1 })[1], '12345678901234567.891');
    assert.deepEqual(exact({ OrderAmt: 0.1, OrderNum: 1 })[1], '0.1');
  });
});
