import assert from 'node:assert/strict';
import { test } from 'node:test';
import { KineticError } from '../../src/errors.ts';
import { booleanLiteral, encodeLiteral, isNullLiteral, nullLiteral, plainValue } from '../../src/odata/literals.ts';
import type { EdmType } from '../../src/metadata/catalog.ts';
import { EDM_TYPES, type EdmFamily } from '../../src/metadata/edm-types.ts';

// [value, type, v1 literal, v2 literal]
const cases: ReadonlyArray<readonly [unknown, EdmType, string, string]> = [
  // string
  ["it's", 'Edm.String', "'it''s'", "'it''s'"],
  [42, 'Edm.String', "'42'", "'42'"],
  ['', 'Edm.String', "''", "''"],
  // integer
  [42, 'Edm.Int32', '42', '42'],
  ['-7', 'Edm.Int16', '-7', '-7'],
  [0, 'Edm.Byte', '0', '0'],
  [255, 'Edm.Byte', '255', '255'],
  [-128, 'Edm.SByte', '-128', '-128'],
  [-2147483648, 'Edm.Int32', '-2147483648', '-2147483648'],
  [9007199254740993n, 'Edm.Int64', '9007199254740993', '9007199254740993'],
  ['9223372036854775807', 'Edm.Int64', '9223372036854775807', '9223372036854775807'],
  ['-9223372036854775808', 'Edm.Int64', '-9223372036854775808', '-9223372036854775808'],
  [-9223372036854775808n, 'Edm.Int64', '-9223372036854775808', '-9223372036854775808'],
  // decimal: every digit kept, never an exponent
  [1.5, 'Edm.Decimal', '1.5M', '1.5'],
  ['1000.50', 'Edm.Decimal', '1000.50M', '1000.50'],
  [1e-7, 'Edm.Decimal', '0.0000001M', '0.0000001'],
  [1e-21, 'Edm.Decimal', '0.000000000000000000001M', '0.000000000000000000001'],
  [-1.5e-30, 'Edm.Decimal', '-0.0000000000000000000000000000015M', '-0.0000000000000000000000000000015'],
  // Beyond Int32, digits alone would read as an integer literal that strict OData parsers refuse: a point is added.
  [1e21, 'Edm.Decimal', '1000000000000000000000M', '1000000000000000000000.0'],
  [-1e21, 'Edm.Decimal', '-1000000000000000000000M', '-1000000000000000000000.0'],
  ['2147483647', 'Edm.Decimal', '2147483647M', '2147483647'],
  ['2147483648', 'Edm.Decimal', '2147483648M', '2147483648.0'],
  [-9900000000, 'Edm.Double', '-9900000000.0', '-9900000000.0'],
  ['123456789012345678901234567890', 'Edm.Decimal', '123456789012345678901234567890M', '123456789012345678901234567890.0'],
  ['-123456789012345678901234567890.000000000000000000001', 'Edm.Decimal', '-123456789012345678901234567890.000000000000000000001M', '-123456789012345678901234567890.000000000000000000001'],
  ['1e-21', 'Edm.Decimal', '0.000000000000000000001M', '0.000000000000000000001'],
  ['-1.5E-30', 'Edm.Decimal', '-0.0000000000000000000000000000015M', '-0.0000000000000000000000000000015'],
  ['-2.50e3', 'Edm.Decimal', '-2500M', '-2500'],
  ['+1.50', 'Edm.Decimal', '1.50M', '1.50'],
  ['.5', 'Edm.Decimal', '0.5M', '0.5'],
  ['-0', 'Edm.Decimal', '0M', '0'],
  [12345678901234567890n, 'Edm.Decimal', '12345678901234567890M', '12345678901234567890.0'],
  // float: plain digits too, the same in both versions
  [2.5, 'Edm.Double', '2.5', '2.5'],
  [1e-21, 'Edm.Double', '0.000000000000000000001', '0.000000000000000000001'],
  [-1.5e-30, 'Edm.Double', '-0.0000000000000000000000000000015', '-0.0000000000000000000000000000015'],
  [1e21, 'Edm.Double', '1000000000000000000000.0', '1000000000000000000000.0'],
  ['1e21', 'Edm.Single', '1000000000000000000000.0', '1000000000000000000000.0'],
  [0.1, 'Edm.Single', '0.1', '0.1'],
  // boolean
  [true, 'Edm.Boolean', 'true', 'true'],
  [0, 'Edm.Boolean', 'false', 'false'],
  ['TRUE', 'Edm.Boolean', 'true', 'true'],
  // datetime
  ['2024-03-01', 'Edm.DateTime', "datetime'2024-03-01T00:00:00'", '2024-03-01T00:00:00Z'],
  ['2024-03-01T10:00:00-05:00', 'Edm.DateTime', "datetime'2024-03-01T15:00:00'", '2024-03-01T15:00:00Z'],
  [new Date(Date.UTC(2024, 0, 31, 23, 59, 59, 5)), 'Edm.DateTimeOffset', "datetimeoffset'2024-01-31T23:59:59.005Z'", '2024-01-31T23:59:59.005Z'],
  // date: v1 has no date literal, so a day is the datetime of its midnight
  ['2024-03-01', 'Edm.Date', "datetime'2024-03-01T00:00:00'", '2024-03-01'],
  // guid
  ['3F2504E0-4F89-11D3-9A0C-0305E82C3301', 'Edm.Guid', "guid'3f2504e0-4f89-11d3-9a0c-0305e82c3301'", '3f2504e0-4f89-11d3-9a0c-0305e82c3301'],
  // null, whatever the type
  [null, 'Edm.Int32', 'null', 'null'],
  [null, 'Edm.Binary', 'null', 'null'],
];

// Families whose values cannot be written in a filter yet: every value is EPARAM.
const NOT_YET: readonly EdmFamily[] = ['time', 'binary'];

const isParamError = (e: unknown) => e instanceof KineticError && e.code === 'EPARAM';

test('values become OData literals per EDM type and API version', () => {
  for (const [value, type, v1, v2] of cases) {
    assert.equal(encodeLiteral(value, type, 'v1'), v1, `${String(value)} ${type} v1`);
    assert.equal(encodeLiteral(value, type, 'v2'), v2, `${String(value)} ${type} v2`);
  }
});

test('every EDM type of the table is either encoded above or refused', () => {
  const covered = new Set(cases.filter((c) => c[0] !== null).map((c) => c[1]));
  for (const [type, info] of Object.entries(EDM_TYPES)) {
    if (NOT_YET.includes(info.family)) {
      assert.equal('literal' in info, false, `${type} has no literal form yet`);
      for (const version of ['v1', 'v2'] as const) assert.throws(() => encodeLiteral('x', type as EdmType, version), isParamError, type);
    } else {
      assert.ok(covered.has(type as EdmType), `${type} needs a literal case`);
    }
  }
});

test('values that do not fit the type are EPARAM', () => {
  const bad: ReadonlyArray<readonly [unknown, EdmType]> = [
    [1.5, 'Edm.Int32'], ['12a', 'Edm.Int32'], [2 ** 31, 'Edm.Int32'], [256, 'Edm.Byte'], [-1, 'Edm.Byte'], [-129, 'Edm.SByte'],
    [9223372036854775808n, 'Edm.Int64'], ['-9223372036854775809', 'Edm.Int64'], [2 ** 53, 'Edm.Int64'], ['1e3', 'Edm.Int32'],
    [Number.NaN, 'Edm.Decimal'], ['abc', 'Edm.Decimal'], ['1e', 'Edm.Decimal'], ['.', 'Edm.Decimal'], ['', 'Edm.Decimal'], ['1,5', 'Edm.Decimal'],
    [Infinity, 'Edm.Double'], ['Infinity', 'Edm.Double'], ['NaN', 'Edm.Single'], ['0x10', 'Edm.Double'], [true, 'Edm.Decimal'],
    ['maybe', 'Edm.Boolean'], ['not a date', 'Edm.DateTime'], ['2024-13-01', 'Edm.DateTime'], ['2023-02-29', 'Edm.DateTime'],
    [new Date('x'), 'Edm.DateTime'], ['2024-02-30', 'Edm.Date'], ['abc', 'Edm.Guid'],
    [{}, 'Edm.String'], [undefined, 'Edm.String'], ['x', 'Edm.Binary'], ['10:00:00', 'Edm.TimeOfDay'], ['PT1H', 'Edm.Time'],
  ];
  for (const [value, type] of bad) {
    for (const version of ['v1', 'v2'] as const) {
      assert.throws(() => encodeLiteral(value, type, version), isParamError, `${String(value)} ${type} ${version}`);
    }
  }
});

test('plain values for BAQ parameters carry no quotes, prefixes or suffixes', () => {
  assert.equal(plainValue("O'Brien", 'Edm.String', 'v1'), "O'Brien");
  assert.equal(plainValue('2024-03-01', 'Edm.DateTime', 'v1'), '2024-03-01T00:00:00');
  assert.equal(plainValue('2024-03-01', 'Edm.DateTime', 'v2'), '2024-03-01T00:00:00Z');
  assert.equal(plainValue('2024-03-01', 'Edm.Date', 'v2'), '2024-03-01');
  assert.equal(plainValue(2.25, 'Edm.Decimal', 'v1'), '2.25');
  assert.equal(plainValue(1e-21, 'Edm.Decimal', 'v1'), '0.000000000000000000001');
  assert.equal(plainValue('3F2504E0-4F89-11D3-9A0C-0305E82C3301', 'Edm.Guid', 'v1'), '3f2504e0-4f89-11d3-9a0c-0305e82c3301');
});

test('the literals the planner writes itself: null and booleans', () => {
  assert.equal(nullLiteral(), 'null');
  assert.equal(isNullLiteral(nullLiteral()), true);
  assert.equal(isNullLiteral("'null'"), false);
  assert.equal(booleanLiteral(true), 'true');
  assert.equal(booleanLiteral(false), 'false');
  assert.equal(encodeLiteral(null, 'Edm.String', 'v1'), nullLiteral());
});
