import assert from 'node:assert/strict';
import { test } from 'node:test';
import { KineticError } from '../../src/errors.ts';
import { encodeLiteral, plainValue } from '../../src/odata/literals.ts';
import type { EdmType } from '../../src/metadata/catalog.ts';

const cases: ReadonlyArray<readonly [unknown, EdmType, string, string]> = [
  ["it's", 'Edm.String', "'it''s'", "'it''s'"],
  [42, 'Edm.String', "'42'", "'42'"],
  [42, 'Edm.Int32', '42', '42'],
  ['-7', 'Edm.Int16', '-7', '-7'],
  [9007199254740993n, 'Edm.Int64', '9007199254740993', '9007199254740993'],
  [1.5, 'Edm.Decimal', '1.5M', '1.5'],
  ['1000.50', 'Edm.Decimal', '1000.50M', '1000.50'],
  [1e-7, 'Edm.Decimal', '0.0000001M', '0.0000001'],
  [2.5, 'Edm.Double', '2.5', '2.5'],
  [true, 'Edm.Boolean', 'true', 'true'],
  [0, 'Edm.Boolean', 'false', 'false'],
  ['2024-03-01', 'Edm.DateTime', "datetime'2024-03-01T00:00:00'", '2024-03-01T00:00:00Z'],
  ['2024-03-01T10:00:00-05:00', 'Edm.DateTime', "datetime'2024-03-01T15:00:00'", '2024-03-01T15:00:00Z'],
  [new Date(Date.UTC(2024, 0, 31, 23, 59, 59, 5)), 'Edm.DateTimeOffset', "datetimeoffset'2024-01-31T23:59:59.005Z'", '2024-01-31T23:59:59.005Z'],
  ['3F2504E0-4F89-11D3-9A0C-0305E82C3301', 'Edm.Guid', "guid'3f2504e0-4f89-11d3-9a0c-0305e82c3301'", '3f2504e0-4f89-11d3-9a0c-0305e82c3301'],
  [null, 'Edm.Int32', 'null', 'null'],
];

test('values become OData literals per EDM type and API version', () => {
  for (const [value, type, v1, v2] of cases) {
    assert.equal(encodeLiteral(value, type, 'v1'), v1, `${String(value)} ${type} v1`);
    assert.equal(encodeLiteral(value, type, 'v2'), v2, `${String(value)} ${type} v2`);
  }
});

test('values that do not fit the type are EPARAM', () => {
  const bad: ReadonlyArray<readonly [unknown, EdmType]> = [
    [1.5, 'Edm.Int32'], ['12a', 'Edm.Int32'], [2 ** 31, 'Edm.Int32'], [256, 'Edm.Byte'], [Number.NaN, 'Edm.Decimal'],
    ['abc', 'Edm.Decimal'], [Infinity, 'Edm.Double'], ['maybe', 'Edm.Boolean'], ['not a date', 'Edm.DateTime'],
    ['2024-13-01', 'Edm.DateTime'], ['2023-02-29', 'Edm.DateTime'], [new Date('x'), 'Edm.DateTime'], ['abc', 'Edm.Guid'],
    [{}, 'Edm.String'], [undefined, 'Edm.String'], ['x', 'Edm.Binary'],
  ];
  for (const [value, type] of bad) {
    assert.throws(() => encodeLiteral(value, type, 'v2'), (e: unknown) => e instanceof KineticError && e.code === 'EPARAM', `${String(value)} ${type}`);
  }
});

test('plain values for BAQ parameters carry no quotes or prefixes', () => {
  assert.equal(plainValue("O'Brien", 'Edm.String', 'v1'), "O'Brien");
  assert.equal(plainValue('2024-03-01', 'Edm.DateTime', 'v1'), '2024-03-01T00:00:00');
  assert.equal(plainValue('2024-03-01', 'Edm.DateTime', 'v2'), '2024-03-01T00:00:00Z');
  assert.equal(plainValue(2.25, 'Edm.Decimal', 'v1'), '2.25');
});
