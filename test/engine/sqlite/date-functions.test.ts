// Expected values from SQL Server's documentation pages of each function (their examples where they give
// one), and from the rules they state: month ends in DATEADD, boundaries crossed in DATEDIFF, DATEFIRST 7.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { errorOf, storage, value } from './support.ts';

const D = (d: string) => `${d}T00:00:00.000`;

test('DATEADD keeps the day, or takes the last day of a shorter month', () => {
  assert.equal(value("ss_dateadd('month', 1, '2024-01-31')"), D('2024-02-29'));
  assert.equal(value("ss_dateadd('month', 1, '2023-01-31')"), D('2023-02-28'));
  assert.equal(value("ss_dateadd('month', 1, '20060830')"), D('2006-09-30'));
  assert.equal(value("ss_dateadd('month', 1, '20060831')"), D('2006-09-30'));
  assert.equal(value("ss_dateadd('mm', -1, '2024-03-31')"), D('2024-02-29'));
  assert.equal(value("ss_dateadd('yy', 1, '2024-02-29T00:00:00.000')"), D('2025-02-28'));
  assert.equal(value("ss_dateadd('year', 4, '2024-02-29')"), D('2028-02-29'));
  assert.equal(value("ss_dateadd('quarter', 1, '2024-11-30')"), D('2025-02-28'));
  assert.equal(value("ss_dateadd('day', 1, '2024-02-28')"), D('2024-02-29'));
  assert.equal(value("ss_dateadd('dd', 1, '2023-02-28')"), D('2023-03-01'));
  assert.equal(value("ss_dateadd('d', -1, '2024-03-01')"), D('2024-02-29'));
  assert.equal(value("ss_dateadd('dy', 1, '2024-12-31')"), D('2025-01-01'));
  assert.equal(value("ss_dateadd('dw', 1, '2024-12-31')"), D('2025-01-01'));
  assert.equal(value("ss_dateadd('wk', 1, '2024-02-26')"), D('2024-03-04'));
  assert.equal(value("ss_dateadd('hour', 25, '2024-02-28')"), '2024-02-29T01:00:00.000');
  assert.equal(value("ss_dateadd('mi', -1, '2024-03-01')"), '2024-02-29T23:59:00.000');
  assert.equal(value("ss_dateadd('ss', 90, '2024-02-29T23:59:00.000')"), '2024-03-01T00:00:30.000');
  assert.equal(value("ss_dateadd('ms', 1, '2024-02-29T23:59:59.999')"), D('2024-03-01'));
  assert.equal(value("ss_dateadd('day', 1.9, '2024-02-28')"), D('2024-02-29'), 'the number is truncated');
  assert.equal(value("ss_dateadd('month', NULL, '2024-01-31')"), null);
  assert.equal(value("ss_dateadd('month', 1, NULL)"), null);
  assert.equal(errorOf("ss_dateadd('year', 1, '9999-12-31')"), "Adding a value to a 'datetime' column caused an overflow.");
  assert.equal(errorOf("ss_dateadd('fortnight', 1, '2024-01-01')"), "'fortnight' is not a recognized dateadd option.");
  assert.match(errorOf("ss_dateadd('day', 1, 'not a date')"), /^Conversion failed when converting date and\/or time from character string/);
});

test('DATEDIFF counts boundaries crossed', () => {
  const a = "'2005-12-31 23:59:59.999'";
  const b = "'2006-01-01 00:00:00.000'";
  for (const part of ['year', 'quarter', 'month', 'dayofyear', 'day', 'week', 'hour', 'minute', 'second', 'millisecond']) {
    assert.equal(value(`ss_datediff('${part}', ${a}, ${b})`), 1, part);
  }
  assert.equal(value("ss_datediff('day', '2024-02-28', '2024-03-01')"), 2);
  assert.equal(value("ss_datediff('day', '2023-02-28', '2023-03-01')"), 1);
  assert.equal(value("ss_datediff('day', '2024-03-01', '2024-02-28')"), -2);
  assert.equal(value("ss_datediff('month', '2024-01-31', '2024-02-01')"), 1);
  assert.equal(value("ss_datediff('month', '2024-01-01', '2024-01-31')"), 0);
  assert.equal(value("ss_datediff('year', '2024-01-01', '2024-12-31')"), 0);
  assert.equal(value("ss_datediff('yy', '2024-02-29', '2025-02-28')"), 1);
  assert.equal(value("ss_datediff('week', '2024-02-24', '2024-02-25')"), 1, 'Saturday to Sunday');
  assert.equal(value("ss_datediff('week', '2024-02-25', '2024-03-02')"), 0, 'Sunday to Saturday');
  assert.equal(value("ss_datediff('hh', '2024-02-29T10:59:59.999', '2024-02-29T11:00:00.000')"), 1);
  assert.equal(value("ss_datediff('day', NULL, '2024-01-01')"), null);
  assert.equal(storage("ss_datediff('day', '2024-01-01', '2024-01-02')"), 'integer');
  assert.match(errorOf("ss_datediff('second', '1900-01-01', '2024-01-01')"), /^The datediff function resulted in an overflow/);
  assert.equal(value("ss_datediff_big('second', '1900-01-01', '2024-01-01')"), 3_913_056_000);
});

test('DATEPART with DATEFIRST 7 (Sunday is weekday 1; week 1 holds January 1)', () => {
  const d = "'2024-02-29T13:45:30.123'";
  assert.equal(value(`ss_datepart('year', ${d})`), 2024);
  assert.equal(value(`ss_datepart('qq', ${d})`), 1);
  assert.equal(value(`ss_datepart('m', ${d})`), 2);
  assert.equal(value(`ss_datepart('dy', ${d})`), 60);
  assert.equal(value(`ss_datepart('dd', ${d})`), 29);
  assert.equal(value(`ss_datepart('dw', ${d})`), 5, 'Thursday');
  assert.equal(value(`ss_datepart('hh', ${d})`), 13);
  assert.equal(value(`ss_datepart('n', ${d})`), 45);
  assert.equal(value(`ss_datepart('s', ${d})`), 30);
  assert.equal(value(`ss_datepart('ms', ${d})`), 123);
  assert.equal(value(`ss_datepart('mcs', ${d})`), 123000);
  assert.equal(value("ss_datepart('dayofyear', '2007-04-30')"), 120);
  assert.equal(value("ss_datepart('dayofyear', '2024-12-31')"), 366);
  assert.equal(value("ss_datepart('week', '2024-01-06')"), 1);
  assert.equal(value("ss_datepart('week', '2024-01-07')"), 2);
  assert.equal(value("ss_datepart('wk', '2024-12-31')"), 53);
  assert.equal(value("ss_datepart('iso_week', '2021-01-03')"), 53);
  assert.equal(value("ss_datepart('isowk', '2021-01-04')"), 1);
  assert.equal(value("ss_datepart('isoww', '2024-12-30')"), 1);
  assert.equal(value("ss_datepart('day', NULL)"), null);
});

test('DATENAME in English', () => {
  assert.equal(value("ss_datename('month', '2024-02-29')"), 'February');
  assert.equal(value("ss_datename('weekday', '2024-02-29')"), 'Thursday');
  assert.equal(value("ss_datename('dw', '2024-03-03')"), 'Sunday');
  assert.equal(value("ss_datename('year', '2024-02-29')"), '2024');
  assert.equal(value("ss_datename('dayofyear', '2024-02-29')"), '60');
});

test('DATEFROMPARTS, EOMONTH', () => {
  assert.equal(value('ss_datefromparts(2010, 12, 31)'), D('2010-12-31'));
  assert.equal(value('ss_datefromparts(2024, 2, 29)'), D('2024-02-29'));
  assert.equal(value('ss_datefromparts(2024, NULL, 1)'), null);
  assert.equal(errorOf('ss_datefromparts(2023, 2, 29)'), 'Cannot construct data type date, some of the arguments have values which are not valid.');
  assert.equal(errorOf('ss_datefromparts(2024, 13, 1)'), 'Cannot construct data type date, some of the arguments have values which are not valid.');
  assert.equal(value("ss_eomonth('2024-02-10')"), D('2024-02-29'));
  assert.equal(value("ss_eomonth('2023-02-10')"), D('2023-02-28'));
  assert.equal(value("ss_eomonth('2011-12-01', 1)"), D('2012-01-31'));
  assert.equal(value("ss_eomonth('2011-12-01', -1)"), D('2011-11-30'));
  assert.equal(value("ss_eomonth('2024-01-31T18:00:00.000', 1)"), D('2024-02-29'), 'a date: the time is dropped');
  assert.equal(value('ss_eomonth(NULL)'), null);
  assert.equal(value("ss_eomonth('2024-01-31', NULL)"), null);
});

test('YEAR, MONTH, DAY, also of 0 (1900-01-01) and of text with a zone', () => {
  const d = "'2010-04-30T01:01:01.1234567-07:00'";
  assert.equal(value(`ss_year(${d})`), 2010);
  assert.equal(value(`ss_month(${d})`), 4);
  assert.equal(value(`ss_day(${d})`), 30);
  assert.equal(value('ss_year(0)'), 1900);
  assert.equal(value('ss_month(0)'), 1);
  assert.equal(value('ss_day(0)'), 1);
  assert.equal(value("ss_day('2024-02-29T23:59:59.999')"), 29);
  assert.equal(value('ss_year(NULL)'), null);
  assert.equal(storage("ss_year('2024-01-01')"), 'integer');
});

test('ISDATE: datetime\'s range and precision, us_english (mdy)', () => {
  assert.equal(value("ss_isdate('2009-05-12 10:19:41.177')"), 1);
  assert.equal(value("ss_isdate('04/15/2008')"), 1);
  assert.equal(value("ss_isdate('15/04/2008')"), 0);
  assert.equal(value("ss_isdate('April 15, 2008')"), 1);
  assert.equal(value("ss_isdate('20240229')"), 1);
  assert.equal(value("ss_isdate('2024-02-29')"), 1);
  assert.equal(value("ss_isdate('2023-02-29')"), 0);
  assert.equal(value("ss_isdate('2024-02-30')"), 0);
  assert.equal(value("ss_isdate('2024-01-01 10:00:00.1234567')"), 0, 'datetime2 precision');
  assert.equal(value("ss_isdate('1752-12-31')"), 0, 'before datetime\'s range');
  assert.equal(value("ss_isdate('2024-01-01 24:00')"), 0);
  assert.equal(value("ss_isdate('abc')"), 0);
  assert.equal(value("ss_isdate('')"), 0);
  assert.equal(value('ss_isdate(NULL)'), 0);
});

test('DATETRUNC and DATETIMEFROMPARTS', () => {
  const d = "'2024-02-29T13:45:30.123'";
  assert.equal(value(`ss_datetrunc('year', ${d})`), D('2024-01-01'));
  assert.equal(value(`ss_datetrunc('quarter', '2024-05-15')`), D('2024-04-01'));
  assert.equal(value(`ss_datetrunc('month', ${d})`), D('2024-02-01'));
  assert.equal(value(`ss_datetrunc('day', ${d})`), D('2024-02-29'));
  assert.equal(value(`ss_datetrunc('week', ${d})`), D('2024-02-25'), 'Sunday');
  assert.equal(value(`ss_datetrunc('iso_week', ${d})`), D('2024-02-26'), 'Monday');
  assert.equal(value(`ss_datetrunc('hour', ${d})`), '2024-02-29T13:00:00.000');
  assert.equal(value(`ss_datetrunc('minute', ${d})`), '2024-02-29T13:45:00.000');
  assert.equal(value(`ss_datetrunc('second', ${d})`), '2024-02-29T13:45:30.000');
  assert.equal(value("ss_datetrunc('day', NULL)"), null);
  assert.match(errorOf(`ss_datetrunc('weekday', ${d})`), /weekday is not supported/);
  assert.equal(value('ss_datetimefromparts(2024, 2, 29, 23, 59, 59, 997)'), '2024-02-29T23:59:59.997');
  assert.equal(value('ss_datetimefromparts(2024, 2, 29, NULL, 0, 0, 0)'), null);
  assert.match(errorOf('ss_datetimefromparts(2023, 2, 29, 0, 0, 0, 0)'), /^Cannot construct data type datetime/);
});
