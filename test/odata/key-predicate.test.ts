/**
 * Key predicates of writes (`Customers('EPIC06',45)`) and the JSON values of write bodies, by EDM type
 * and API version.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { KineticError } from '../../src/errors.ts';
import { jsonValue } from '../../src/odata/json-value.ts';
import { keyPredicate } from '../../src/odata/key-predicate.ts';

test('key values in key order: strings quoted with doubled quotes, numbers bare, reserved characters encoded', () => {
  for (const version of ['v1', 'v2'] as const) {
    assert.equal(keyPredicate([{ value: 'EPIC06', type: 'Edm.String' }, { value: 45, type: 'Edm.Int32' }], version), "('EPIC06',45)");
    assert.equal(keyPredicate([{ value: "O'Neil & #1/2?", type: 'Edm.String' }], version), "('O''Neil%20%26%20%231%2F2%3F')");
    assert.equal(keyPredicate([{ value: '100%', type: 'Edm.String' }, { value: '7', type: 'Edm.Int64' }], version), "('100%25',7)");
  }
  assert.equal(keyPredicate([{ value: new Date('2024-03-01T00:00:00Z'), type: 'Edm.DateTime' }], 'v1'), "(datetime'2024-03-01T00%3A00%3A00')");
  assert.equal(keyPredicate([{ value: new Date('2024-03-01T00:00:00Z'), type: 'Edm.DateTime' }], 'v2'), '(2024-03-01T00%3A00%3A00Z)');
});

test('write body values follow the column type; a value that does not fit is EPARAM naming the column', () => {
  const col = (type: string) => ({ name: 'C', type: type as 'Edm.String' });
  assert.equal(jsonValue('1500.50', col('Edm.Decimal'), 'v2'), 1500.5);
  assert.equal(jsonValue(12, col('Edm.String'), 'v2'), '12');
  assert.equal(jsonValue(true, col('Edm.Int32'), 'v2'), 1);
  assert.equal(jsonValue('9007199254740993', col('Edm.Int64'), 'v2'), '9007199254740993');
  // A decimal a double would round keeps its digits (as a JSON string); one it holds exactly is a number.
  assert.equal(jsonValue('12345678901234567.123456', col('Edm.Decimal'), 'v1'), '12345678901234567.123456');
  assert.equal(jsonValue('0.10000000000000000001', col('Edm.Decimal'), 'v2'), '0.10000000000000000001');
  assert.equal(jsonValue('-0100.500', col('Edm.Decimal'), 'v2'), -100.5);
  assert.equal(jsonValue(0.1, col('Edm.Decimal'), 'v2'), 0.1);
  assert.equal(jsonValue(-0, col('Edm.Decimal'), 'v2'), 0);
  assert.equal(jsonValue('1e-7', col('Edm.Decimal'), 'v2'), 1e-7);
  assert.equal(jsonValue(1, col('Edm.Boolean'), 'v1'), true);
  assert.equal(jsonValue('2024-03-01', col('Edm.DateTime'), 'v1'), '2024-03-01T00:00:00');
  assert.equal(jsonValue('2024-03-01', col('Edm.DateTimeOffset'), 'v2'), '2024-03-01T00:00:00Z');
  assert.equal(jsonValue(null, col('Edm.Int32'), 'v2'), null);
  for (const [value, type] of [['lots', 'Edm.Decimal'], [1.5, 'Edm.Int32'], ['maybe', 'Edm.Boolean'], [{}, 'Edm.String'], ['not a date', 'Edm.DateTime']] as const) {
    assert.throws(() => jsonValue(value, { name: 'CreditLimit', type: type as 'Edm.String' }, 'v2'), (e: unknown) =>
      e instanceof KineticError && e.code === 'EPARAM' && e.subject === 'CreditLimit' && /CreditLimit/.test(e.message));
  }
});
