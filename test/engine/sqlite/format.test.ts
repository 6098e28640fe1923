// FORMAT with .NET format strings as SQL Server runs them (.NET Framework, en-US by default). Expected values
// from SQL Server's FORMAT page and .NET's "Standard/Custom numeric format strings" and "date and time format
// strings" pages.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SqlServerFunctionError, UNSUPPORTED } from '../../../src/engine/sqlite/functions.ts';
import { errorOf, openDb, value } from './support.ts';

const f = (x: string, fmt: string, culture?: string): unknown =>
  value(`ss_format(${x}, ?${culture === undefined ? '' : ', ?'})`, ...(culture === undefined ? [fmt] : [fmt, culture]));

test('standard numeric formats', () => {
  assert.equal(f('1234.5678', 'N2'), '1,234.57');
  assert.equal(f('1234.5678', 'N'), '1,234.57');
  assert.equal(f('1234', 'N0'), '1,234');
  assert.equal(f('-1234.5', 'N1'), '-1,234.5');
  assert.equal(f('1.0', 'C'), '$1.00');
  assert.equal(f('1234.5', 'C'), '$1,234.50');
  assert.equal(f('-1234.5', 'C'), '($1,234.50)');
  assert.equal(f('1234.5', 'C0'), '$1,235');
  assert.equal(f('0.84', 'P'), '84.00 %');
  assert.equal(f('0.1234', 'P0'), '12 %');
  assert.equal(f('-0.5', 'P1'), '-50.0 %');
  assert.equal(f('1234.5678', 'F2'), '1234.57');
  assert.equal(f('1234.5', 'E2'), '1.23E+003');
  assert.equal(f('5', 'D3'), '005');
  assert.equal(f('-5', 'D3'), '-005');
  assert.equal(f('1.5', 'D'), null, '.NET rejects D for a non-integer: FORMAT gives NULL');
  assert.equal(f('255', 'X'), 'FF');
  assert.equal(f('255', 'x4'), '00ff');
  assert.equal(f('1.5', 'G'), '1.5');
  assert.equal(f('1', 'Q'), null, 'not a .NET format');
});

test('custom numeric formats', () => {
  assert.equal(f('1234.5', '#,##0.00'), '1,234.50');
  assert.equal(f('0', '#,##0.00'), '0.00');
  assert.equal(f('0.5', '#.##'), '.5');
  assert.equal(f('1', '#.##'), '1');
  assert.equal(f('1.456', '0.0#'), '1.46');
  assert.equal(f('1.4', '0.0#'), '1.4');
  assert.equal(f('5', '00'), '05');
  assert.equal(f('34.5', '00'), '35');
  assert.equal(f('123456789', '###-##-####'), '123-45-6789');
  assert.equal(f('5551234567', '(###) ###-####'), '(555) 123-4567');
  assert.equal(f('0.5', '0%'), '50%');
  assert.equal(f('0.125', '0.0%'), '12.5%');
  assert.equal(f('1500000', '#,##0,,'), '2');
  assert.equal(f('1234567', '#,##0,K'), '1,235K');
  assert.equal(f('-5', '#,##0;(#,##0);zero'), '(5)');
  assert.equal(f('0', '#,##0;(#,##0);zero'), 'zero');
  assert.equal(f('7', '#,##0;(#,##0);zero'), '7');
  assert.equal(f('-0.001', '0.00'), '0.00', '.NET Framework prints no negative zero');
  assert.equal(f('12.5', "0.00 'kg'"), '12.50 kg');
  assert.equal(f('12.5', '\\#0'), '#13');
  assert.equal(f('1234.5', '$#,##0.00'), '$1,234.50');
});

test('numbers in other cultures take ICU\'s separators', () => {
  assert.equal(f('1234.5', 'N2', 'de-DE'), '1.234,50');
  assert.match(f('1234.5', 'C', 'de-DE') as string, /^1\.234,50\s€$/);
  assert.match(f('1234.5', 'C', 'en-GB') as string, /^£1,234\.50$/);
  assert.equal(errorOf("ss_format(1, 'N', 'zz_ZZ!!')"), "The culture parameter 'zz_ZZ!!' provided in the function call is not supported.");
});

test('custom date formats', () => {
  const d = "'2024-02-29T13:05:07.123'";
  const cases: [string, string][] = [
    ['yyyy-MM-dd', '2024-02-29'], ['dd/MM/yyyy', '29/02/2024'], ['MMM yyyy', 'Feb 2024'], ['MMMM d, yyyy', 'February 29, 2024'],
    ['dddd', 'Thursday'], ['ddd', 'Thu'], ['HH:mm:ss.fff', '13:05:07.123'], ['hh:mm tt', '01:05 PM'], ['h:mm t', '1:05 P'],
    ['yy', '24'], ['M/d/yy', '2/29/24'], ['yyyyMMdd', '20240229'], ["yyyy 'Q'", '2024 Q'], ['HH\\hmm', '13h05'], ['%d', '29'],
    ['ss.FFF', '07.123'], ['ss.ffff', '07.1230'],
  ];
  for (const [fmt, expected] of cases) assert.equal(value(`ss_format(${d}, ?)`, fmt), expected, fmt);
  assert.equal(value("ss_format('2024-03-01T00:00:00.000', 'ss.FFF')"), '00.');
  assert.equal(value("ss_format('2024-03-03T00:00:00.000', 'dddd d MMMM')"), 'Sunday 3 March');
});

test('standard date formats (en-US)', () => {
  const d = "'2024-02-29T13:05:07.123'";
  const cases: [string, string][] = [
    ['d', '2/29/2024'], ['D', 'Thursday, February 29, 2024'], ['g', '2/29/2024 1:05 PM'], ['G', '2/29/2024 1:05:07 PM'],
    ['t', '1:05 PM'], ['T', '1:05:07 PM'], ['M', 'February 29'], ['Y', 'February 2024'], ['s', '2024-02-29T13:05:07'],
    ['u', '2024-02-29 13:05:07Z'], ['o', '2024-02-29T13:05:07.1230000'], ['f', 'Thursday, February 29, 2024 1:05 PM'],
  ];
  for (const [fmt, expected] of cases) assert.equal(value(`ss_format(${d}, ?)`, fmt), expected, fmt);
  assert.equal(value("ss_format('2024-02-29T00:00:00.000', 'MMMM yyyy', 'de-DE')"), 'Februar 2024');
  assert.equal(value("ss_format('2024-02-29T00:00:00.000', 'dddd', 'fr-FR')"), 'jeudi');
});

test('FORMAT: NULLs, a string argument, and what the local engine lacks', () => {
  assert.equal(value("ss_format(NULL, 'N2')"), null);
  assert.equal(value('ss_format(1, NULL)'), null);
  assert.equal(errorOf("ss_format('abc', 'N2')"), 'Argument data type nvarchar is invalid for argument 1 of format function.');
  const db = openDb();
  for (const sql of ["SELECT ss_format('2024-02-29T00:00:00.000', 'zzz')", "SELECT ss_format(1234.5, '0.00E+0')", "SELECT ss_format('2024-02-29T00:00:00.000', 'd', 'de-DE')"]) {
    assert.throws(() => db.prepare(sql).get(), (err: unknown) => err instanceof SqlServerFunctionError && err.number === UNSUPPORTED, sql);
  }
});
