// CAST/CONVERT helpers, ISNUMERIC and the NULL functions. Styles and conversion rules from SQL Server's
// "CAST and CONVERT" page (date and time styles table; the default length 30; '' converting to 0 and to
// 1900-01-01; int to date not allowed, which TRY_CAST reports as an error too).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { convertedType } from '../../../src/engine/sqlite/functions.ts';
import { errorOf, storage, value } from './support.ts';

const T = "'2024-02-29T13:05:07.123'";

test('CONVERT a datetime to text in the styles reports use', () => {
  const styles: [number, string][] = [
    [101, '02/29/2024'], [103, '29/02/2024'], [112, '20240229'], [120, '2024-02-29 13:05:07'], [121, '2024-02-29 13:05:07.123'],
    [126, '2024-02-29T13:05:07.123'], [1, '02/29/24'], [3, '29/02/24'], [0, 'Feb 29 2024  1:05PM'], [100, 'Feb 29 2024  1:05PM'],
    [102, '2024.02.29'], [104, '29.02.2024'], [105, '29-02-2024'], [106, '29 Feb 2024'], [107, 'Feb 29, 2024'], [108, '13:05:07'],
    [110, '02-29-2024'], [111, '2024/02/29'], [113, '29 Feb 2024 13:05:07:123'], [114, '13:05:07:123'], [23, '2024-02-29'],
    [109, 'Feb 29 2024  1:05:07:123PM'], [20, '2024-02-29 13:05:07'], [21, '2024-02-29 13:05:07.123'],
  ];
  for (const [style, expected] of styles) assert.equal(value(`ss_convert(${T}, 'varchar(40)', ${style})`), expected, String(style));
  assert.equal(value("ss_convert('2024-02-29T13:05:07.000', 'varchar(30)', 126)"), '2024-02-29T13:05:07', '126 drops .000');
  assert.equal(value("ss_convert('2024-01-05T00:00:00.000', 'varchar(30)', 0)"), 'Jan  5 2024 12:00AM');
  assert.equal(value(`ss_convert(${T}, 'varchar(30)')`), 'Feb 29 2024  1:05PM', 'CAST uses style 0');
  assert.equal(value("ss_convert('2024-02-29T00:00:00.000', 'varchar(30)', 120, 'date')"), '2024-02-29', 'a date prints no time');
  assert.equal(value("ss_convert('2024-02-29T00:00:00.000', 'varchar(30)', NULL, 'date')"), '2024-02-29');
  assert.equal(value("ss_convert('2024-02-29T00:00:00.000', 'varchar(30)', 120, 'string')"), '2024-02-29T00:00:00.000', 'a string stays itself');
  assert.equal(value(`ss_convert(${T}, 'varchar(30)', NULL)`), 'Feb 29 2024  1:05PM', 'a NULL style is no style');
  assert.match(errorOf(`ss_convert(${T}, 'varchar(30)', 99)`), /not a valid style/);
});

test('CONVERT text to a date reads the style\'s order', () => {
  assert.equal(value("ss_convert('29/02/2024', 'date', 103)"), '2024-02-29T00:00:00.000');
  assert.equal(value("ss_convert('02/29/2024', 'date', 101)"), '2024-02-29T00:00:00.000');
  assert.equal(value("ss_convert('20240229', 'date', 112)"), '2024-02-29T00:00:00.000');
  assert.equal(value("ss_convert('2024-02-29 13:05:07', 'datetime', 120)"), '2024-02-29T13:05:07.000');
  assert.equal(value("ss_convert('2024-02-29T13:05:07.123', 'datetime', 126)"), '2024-02-29T13:05:07.123');
  assert.equal(value("ss_convert('2024-02-29 13:05', 'date')"), '2024-02-29T00:00:00.000');
  assert.equal(value("ss_convert('', 'datetime')"), '1900-01-01T00:00:00.000');
  assert.equal(value("ss_convert('2024-02-29 13:05:31', 'smalldatetime')"), '2024-02-29T13:06:00.000');
  assert.equal(value("ss_convert(1, 'datetime')"), '1900-01-02T00:00:00.000');
  assert.equal(errorOf("ss_convert('2023-02-29', 'date')"), 'Conversion failed when converting date and/or time from character string.');
  assert.equal(errorOf("ss_convert('1752-12-31', 'datetime')"), 'The conversion of a varchar data type to a datetime data type resulted in an out-of-range value.');
  assert.equal(errorOf("ss_convert(5, 'date')"), 'Explicit conversion from data type int to date is not allowed.');
});

test('CAST to numbers: int truncates a decimal and refuses decimal text; decimal rounds to its scale', () => {
  assert.equal(value("ss_convert('12', 'int')"), 12);
  assert.equal(storage("ss_convert('12', 'int')"), 'integer');
  assert.equal(value("ss_convert(' -12 ', 'int')"), -12);
  assert.equal(value("ss_convert(1.9, 'int')"), 1);
  assert.equal(value("ss_convert(-1.9, 'int')"), -1);
  assert.equal(value("ss_convert('', 'int')"), 0);
  assert.equal(errorOf("ss_convert('1.5', 'int')"), "Conversion failed when converting the varchar value '1.5' to data type int.");
  assert.equal(errorOf("ss_convert(3000000000, 'int')"), 'Arithmetic overflow error converting expression to data type int.');
  assert.equal(errorOf("ss_convert(256, 'tinyint')"), 'Arithmetic overflow error converting expression to data type tinyint.');
  assert.equal(value("ss_convert(3000000000, 'bigint')"), 3000000000);
  assert.equal(value("ss_convert('1.555', 'decimal(10,2)')"), 1.56);
  assert.equal(value("ss_convert(1.554, 'decimal(10, 2)')"), 1.55);
  assert.equal(value("ss_convert('1.5', 'decimal')"), 2, 'decimal(18,0)');
  assert.equal(value("ss_convert('12.34567', 'money')"), 12.3457);
  assert.equal(errorOf("ss_convert('1e5', 'decimal')"), "Conversion failed when converting the varchar value '1e5' to data type numeric.");
  assert.equal(errorOf("ss_convert(123.4, 'decimal(3,1)')"), 'Arithmetic overflow error converting expression to data type numeric.');
  assert.equal(value("ss_convert('1e5', 'float')"), 100000);
  assert.equal(value("ss_convert('', 'float')"), 0);
  assert.equal(value("ss_convert('0.1', 'real')"), Math.fround(0.1));
});

test('CAST to bit, text and uniqueidentifier', () => {
  assert.equal(value("ss_convert('true', 'bit')"), 1);
  assert.equal(value("ss_convert('FALSE', 'bit')"), 0);
  assert.equal(value("ss_convert(5, 'bit')"), 1);
  assert.equal(value("ss_convert('0', 'bit')"), 0);
  assert.match(errorOf("ss_convert('yes', 'bit')"), /^Conversion failed/);
  assert.equal(value("ss_convert('abcdef', 'varchar(3)')"), 'abc');
  assert.equal(value(`ss_convert('${'x'.repeat(40)}', 'varchar')`), 'x'.repeat(30), 'no length is 30');
  assert.equal(value(`ss_convert('${'x'.repeat(40)}', 'nvarchar(max)')`), 'x'.repeat(40));
  assert.equal(value("ss_convert(12345, 'varchar(3)')"), '*');
  assert.equal(errorOf("ss_convert(12345, 'nvarchar(3)')"), 'Arithmetic overflow error converting expression to data type nvarchar.');
  assert.equal(value("ss_convert('ab', 'char(5)')"), 'ab   ');
  assert.equal(value("ss_convert(1.5, 'varchar(10)')"), '1.5');
  assert.equal(value("ss_convert('6f9619ff-8b86-d011-b42d-00c04fc964ff', 'uniqueidentifier')"), '6F9619FF-8B86-D011-B42D-00C04FC964FF');
  assert.equal(value("ss_convert(NULL, 'int')"), null);
  assert.match(errorOf("ss_convert(1, 'geography')"), /not supported by the local engine/);
});

test('TRY_CAST and TRY_CONVERT give NULL when the value does not convert, an error when the types never do', () => {
  assert.equal(value("ss_try_cast('abc', 'int')"), null);
  assert.equal(value("ss_try_cast('12', 'int')"), 12);
  assert.equal(value("ss_try_cast('2023-02-29', 'date')"), null);
  assert.equal(value("ss_try_cast('2024-02-29', 'date')"), '2024-02-29T00:00:00.000');
  assert.equal(value("ss_try_cast(3000000000, 'int')"), null);
  assert.equal(value("ss_try_cast('12.5', 'decimal(5,1)')"), 12.5);
  assert.equal(value("ss_try_cast(NULL, 'int')"), null);
  assert.equal(value("ss_try_convert('31/12/2024', 'date', 103)"), '2024-12-31T00:00:00.000');
  assert.equal(value("ss_try_convert('31/12/2024', 'date', 101)"), null);
  assert.equal(errorOf("ss_try_cast(5, 'date')"), 'Explicit conversion from data type int to date is not allowed.');
  assert.match(errorOf("ss_try_cast('10:00', 'time')"), /not supported by the local engine/, 'what the engine lacks is never a silent NULL');
});

test('convertedType types a conversion\'s result', () => {
  assert.equal(convertedType('int'), 'integer');
  assert.equal(convertedType('decimal(10,2)'), 'decimal');
  assert.equal(convertedType('NVARCHAR(50)'), 'string');
  assert.equal(convertedType('date'), 'date');
  assert.equal(convertedType('datetime2'), 'datetime');
  assert.equal(convertedType('bit'), 'boolean');
  assert.equal(convertedType('float'), 'float');
});

test('ISNUMERIC with SQL Server\'s leniency', () => {
  for (const s of ['$', '+', '-', '.', '1,000', '$12.50', '1e5', '1d5', ' 12 ', '12', '-1.5', '€5']) assert.equal(value('ss_isnumeric(?)', s), 1, s);
  for (const s of ['', ' ', 'abc', '1a', '12-']) assert.equal(value('ss_isnumeric(?)', s), 0, s);
  assert.equal(value('ss_isnumeric(NULL)'), 0);
  assert.equal(value('ss_isnumeric(12)'), 1);
  assert.equal(value('ss_isnumeric(1.5)'), 1);
});

test('ISNULL, COALESCE, NULLIF (as the collation compares), IIF', () => {
  assert.equal(value("ss_isnull(NULL, 'x')"), 'x');
  assert.equal(value("ss_isnull('a', 'x')"), 'a');
  assert.equal(storage('ss_isnull(NULL, 5)'), 'integer');
  assert.equal(value('ss_coalesce(NULL, NULL, 3)'), 3);
  assert.equal(value('ss_coalesce(NULL, NULL)'), null);
  assert.equal(value("ss_coalesce('', 'x')"), '', 'an empty string is not NULL');
  assert.equal(value("ss_nullif('MN', 'mn ')"), null);
  assert.equal(value("ss_nullif('MN', 'WI')"), 'MN');
  assert.equal(value("ss_nullif('é', 'e')"), 'é');
  assert.equal(value('ss_nullif(1, 1)'), null);
  assert.equal(value("ss_nullif(1, '1')"), null);
  assert.equal(value('ss_nullif(NULL, 1)'), null);
  assert.equal(value('ss_nullif(1, NULL)'), 1);
  assert.equal(value("ss_iif(1 > 0, 'a', 'b')"), 'a');
  assert.equal(value("ss_iif(NULL, 'a', 'b')"), 'b');
  assert.equal(value("ss_iif(0, 'a', 'b')"), 'b');
  assert.equal(value("ss_choose(2, 'a', 'b', 'c')"), 'b');
  assert.equal(value("ss_choose(4, 'a', 'b', 'c')"), null);
  assert.equal(value("ss_choose(0, 'a', 'b')"), null);
  assert.equal(value("ss_choose(NULL, 'a', 'b')"), null);
});
