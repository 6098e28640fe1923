// Expected values are SQL Server's documented results (learn.microsoft.com, the function's page), written
// by hand; a few edge cases follow the rules the pages state (NULL in, NULL out; start <= 0; negative lengths).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { errorOf, openDb, storage, value } from './support.ts';

test('LEN ignores trailing spaces, counts leading ones, and is an INTEGER', () => {
  assert.equal(value("ss_len('abc  ')"), 3);
  assert.equal(value("ss_len('  abc')"), 5);
  assert.equal(value("ss_len('   ')"), 0);
  assert.equal(value("ss_len('')"), 0);
  assert.equal(value('ss_len(NULL)'), null);
  assert.equal(value('ss_len(12345)'), 5);
  assert.equal(storage("ss_len('abc')"), 'integer');
  assert.equal(value("ss_len('abc') / 2"), 1, 'integer division, as on SQL Server');
  assert.equal(value("ss_len('😀')"), 2, 'UTF-16 units without an _SC collation');
});

test('DATALENGTH counts nvarchar bytes, trailing spaces included', () => {
  assert.equal(value("ss_datalength('abc ')"), 8);
  assert.equal(value("ss_datalength('')"), 0);
  assert.equal(value('ss_datalength(NULL)'), null);
  assert.equal(value('ss_datalength(7)'), 4);
});

test('CHARINDEX: 1-based, case-insensitive, optional start, 0 when absent', () => {
  const s = "'Reflectors are vital safety components of your bicycle.'";
  assert.equal(value(`ss_charindex('bicycle', ${s})`), 48);
  assert.equal(value(`ss_charindex('vital', ${s}, 5)`), 16);
  assert.equal(value(`ss_charindex('bike', ${s})`), 0);
  assert.equal(value("ss_charindex('is', 'This is a string')"), 3);
  assert.equal(value("ss_charindex('is', 'This is a string', 4)"), 6);
  assert.equal(value("ss_charindex('TEST', 'This is a Test')"), 11);
  assert.equal(value("ss_charindex('is', 'This is a string', 0)"), 3, 'start <= 0 searches from the beginning');
  assert.equal(value("ss_charindex('is', 'This is a string', -5)"), 3);
  assert.equal(value("ss_charindex('is', 'This is a string', 100)"), 0);
  assert.equal(value("ss_charindex('', 'abc')"), 0);
  assert.equal(value("ss_charindex(' ', 'ab ')"), 3, 'trailing spaces are searched');
  assert.equal(value("ss_charindex('e', 'café')"), 0, 'accent-sensitive');
  assert.equal(value("ss_charindex('É', 'café')"), 4);
  assert.equal(value("ss_charindex(NULL, 'abc')"), null);
  assert.equal(value("ss_charindex('a', NULL)"), null);
});

test('PATINDEX takes LIKE patterns', () => {
  assert.equal(value("ss_patindex('%ter%', 'interesting data')"), 3);
  assert.equal(value("ss_patindex('%en_ure%', 'Please ensure the door is locked!')"), 8);
  assert.equal(value("ss_patindex('%[^ 0-9A-Za-z]%', 'Please ensure the door is locked!')"), 33);
  assert.equal(value("ss_patindex('%[0-9]%', 'abc123')"), 4);
  assert.equal(value("ss_patindex('abc%', 'xabc')"), 0, 'without a leading % the pattern is anchored');
  assert.equal(value("ss_patindex('abc%', 'ABCd')"), 1);
  assert.equal(value("ss_patindex('%abc', 'xxabc')"), 3);
  assert.equal(value("ss_patindex('%z%', '')"), 0);
  assert.equal(value("ss_patindex(NULL, 'abc')"), null);
});

test('LEFT and RIGHT: negative length is an error, longer than the string is the string', () => {
  assert.equal(value("ss_left('abcdefg', 2)"), 'ab');
  assert.equal(value("ss_right('abcdefg', 2)"), 'fg');
  assert.equal(value("ss_left('abc', 10)"), 'abc');
  assert.equal(value("ss_right('abc', 10)"), 'abc');
  assert.equal(value("ss_left('abc', 0)"), '');
  assert.equal(value("ss_right('abc', 0)"), '');
  assert.equal(value("ss_left('ab  ', 3)"), 'ab ');
  assert.equal(value("ss_right('ab  ', 1)"), ' ');
  assert.equal(value("ss_left('', 2)"), '');
  assert.equal(value('ss_left(NULL, 2)'), null);
  assert.equal(value("ss_left('abc', NULL)"), null);
  assert.equal(errorOf("ss_left('abc', -1)"), 'Invalid length parameter passed to the left function.');
  assert.equal(errorOf("ss_right('abc', -1)"), 'Invalid length parameter passed to the right function.');
});

test('SUBSTRING: start <= 0 counts the characters before the string, negative length is an error', () => {
  assert.equal(value("ss_substring('abcdef', 2, 3)"), 'bcd');
  assert.equal(value("ss_substring('abc', 0, 2)"), 'a');
  assert.equal(value("ss_substring('abc', -1, 3)"), 'a');
  assert.equal(value("ss_substring('abc', -5, 3)"), '');
  assert.equal(value("ss_substring('abc', 5, 2)"), '');
  assert.equal(value("ss_substring('abc', 2, 100)"), 'bc');
  assert.equal(value("ss_substring('abc', 1, 0)"), '');
  assert.equal(value("ss_substring('', 1, 1)"), '');
  assert.equal(value("ss_substring(NULL, 1, 1)"), null);
  assert.equal(value("ss_substring('abc', NULL, 1)"), null);
  assert.equal(errorOf("ss_substring('abc', 1, -1)"), 'Invalid length parameter passed to the substring function.');
});

test('REPLACE matches as the collation does (case-insensitive) and keeps the rest as written', () => {
  assert.equal(value("ss_replace('abcdefghicde', 'cde', 'xxx')"), 'abxxxfghixxx');
  assert.equal(value("ss_replace('This is a Test', 'test', 'desk')"), 'This is a desk');
  assert.equal(value("ss_replace('aAbB', 'a', 'x')"), 'xxbB');
  assert.equal(value("ss_replace('Café cafe', 'é', 'e')"), 'Cafe cafe', 'accent-sensitive');
  assert.equal(value("ss_replace('a b ', ' ', '')"), 'ab');
  assert.equal(value("ss_replace('aaa', 'aa', 'b')"), 'ba', 'left to right, not overlapping');
  assert.equal(value("ss_replace('abc', '', 'x')"), 'abc');
  assert.equal(value("ss_replace('abc', 'b', '')"), 'ac');
  assert.equal(value("ss_replace(NULL, 'b', 'x')"), null);
  assert.equal(value("ss_replace('abc', NULL, 'x')"), null);
  assert.equal(value("ss_replace('abc', 'b', NULL)"), null);
});

test('REPLICATE: NULL for a negative count, truncated at 8,000 characters like a non-MAX argument', () => {
  assert.equal(value("ss_replicate('0', 4)"), '0000');
  assert.equal(value("ss_replicate('ab', 0)"), '');
  assert.equal(value("ss_replicate('', 5)"), '');
  assert.equal(value("ss_replicate('a', -1)"), null);
  assert.equal(value('ss_replicate(NULL, 3)'), null);
  assert.equal(value("ss_replicate('a', NULL)"), null);
  assert.equal(value("length(ss_replicate('ab', 1000000000))"), 8000);
  assert.equal(value("ss_replicate('0', 3) || '7'"), '0007');
  // A MAX-sized input is not truncated, but the result stays under the local engine's bound.
  assert.match(errorOf("ss_replicate(ss_replicate('ab', 5000) || ss_space(8000) || 'x', 1000000000)"), /local engine's limit/);
});

test('REVERSE, UPPER, LOWER', () => {
  assert.equal(value("ss_reverse('abc')"), 'cba');
  assert.equal(value("ss_reverse('ab ')"), ' ba');
  assert.equal(value("ss_reverse('')"), '');
  assert.equal(value('ss_reverse(NULL)'), null);
  assert.equal(value("ss_upper('café')"), 'CAFÉ');
  assert.equal(value("ss_lower('ÉCOLE Ø')"), 'école ø');
  assert.equal(value("ss_upper('straße')"), 'STRAßE', 'one character to one character');
  assert.equal(value('ss_upper(NULL)'), null);
});

test('STUFF: NULL for a start outside the string or a negative length; NULL replacement only deletes', () => {
  assert.equal(value("ss_stuff('abcdef', 2, 3, 'ijklmn')"), 'aijklmnef');
  assert.equal(value("ss_stuff('abc', 2, 10, 'x')"), 'ax');
  assert.equal(value("ss_stuff('abc', 2, 1, NULL)"), 'ac');
  assert.equal(value("ss_stuff('abc', 3, 0, 'x')"), 'abxc');
  assert.equal(value("ss_stuff('abc', 0, 1, 'x')"), null);
  assert.equal(value("ss_stuff('abc', 4, 0, 'x')"), null);
  assert.equal(value("ss_stuff('abc', 2, -1, 'x')"), null);
  assert.equal(value("ss_stuff('', 1, 0, 'x')"), null);
  assert.equal(value("ss_stuff(NULL, 1, 1, 'x')"), null);
});

test('LTRIM, RTRIM, TRIM remove spaces, or the given characters (SQL Server 2022)', () => {
  assert.equal(value("ss_ltrim('     Five spaces are at the beginning of this string.')"), 'Five spaces are at the beginning of this string.');
  assert.equal(value("ss_rtrim('Removes trailing spaces.   ')"), 'Removes trailing spaces.');
  assert.equal(value("ss_trim('     test    ')"), 'test');
  assert.equal(value("ss_trim('     #     test    .', '.,! ')"), '#     test');
  assert.equal(value("ss_ltrim('123abc.', '123.')"), 'abc.');
  assert.equal(value("ss_rtrim('.123abc.', 'abc.')"), '.123');
  assert.equal(value("ss_trim(char(9) || 'x ')"), '\tx', 'only spaces by default, not tabs');
  assert.equal(value("ss_trim('   ')"), '');
  assert.equal(value('ss_trim(NULL)'), null);
});

test('CONCAT treats NULL as empty; CONCAT_WS skips NULLs but not empty strings', () => {
  assert.equal(value("ss_concat('Happy ', 'Birthday ', 11, '/', '25')"), 'Happy Birthday 11/25');
  assert.equal(value("ss_concat('a', NULL, 'b')"), 'ab');
  assert.equal(value('ss_concat(NULL, NULL)'), '');
  assert.equal(value("ss_concat('x', 1.5)"), 'x1.5');
  assert.equal(value("ss_concat_ws(',', '1 Microsoft Way', NULL, NULL, 'Redmond', 'WA', 98052)"), '1 Microsoft Way,Redmond,WA,98052');
  assert.equal(value("ss_concat_ws(',', 'a', '', 'b')"), 'a,,b');
  assert.equal(value("ss_concat_ws(',', NULL, NULL)"), '');
  assert.equal(value("ss_concat_ws(NULL, 'a', 'b')"), 'ab');
  assert.match(errorOf("ss_concat('a')"), /requires 2 to n arguments/);
});

test('STR right-aligns, rounds, shrinks decimals to fit, and fills with * when the number does not fit', () => {
  assert.equal(value('ss_str(123.45, 6, 1)'), ' 123.5');
  assert.equal(value('ss_str(123.45, 2, 2)'), '**');
  assert.equal(value('ss_str(123, 8, 3)'), ' 123.000');
  assert.equal(value('ss_str(123.45)'), '       123');
  assert.equal(value('ss_str(123.45, 5, 2)'), '123.5');
  assert.equal(value('ss_str(-1.5)'), '        -2');
  assert.equal(value('ss_str(NULL)'), null);
  assert.equal(value('ss_str(1, 0)'), null);
});

test('STRING_AGG skips NULLs, is NULL for no values, and takes ORDER BY as WITHIN GROUP', () => {
  const db = openDb();
  db.exec("CREATE TABLE t(g, x, o); INSERT INTO t VALUES (1, 'b', 2), (1, 'a', 1), (1, NULL, 0), (1, 'c', 3), (2, NULL, 1), (3, '', 1), (3, '', 2)");
  const rows = db.prepare("SELECT g, ss_string_agg(x, ', ' ORDER BY o) AS s FROM t GROUP BY g ORDER BY g").all();
  assert.deepEqual(rows, [{ g: 1, s: 'a, b, c' }, { g: 2, s: null }, { g: 3, s: ', ' }]);
  const numbers = db.prepare("SELECT ss_string_agg(o, '-' ORDER BY o DESC) AS s FROM t WHERE g = 1").get();
  assert.deepEqual(numbers, { s: '3-2-1-0' });
});

test('SPACE, CHAR, NCHAR, ASCII, UNICODE', () => {
  assert.equal(value('ss_space(3)'), '   ');
  assert.equal(value('ss_space(-1)'), null);
  assert.equal(value('ss_char(65)'), 'A');
  assert.equal(value('ss_char(128)'), '€', 'code page 1252');
  assert.equal(value('ss_char(256)'), null);
  assert.equal(value('ss_nchar(233)'), 'é');
  assert.equal(value("ss_ascii('A')"), 65);
  assert.equal(value("ss_ascii('€')"), 128);
  assert.equal(value("ss_ascii('')"), null);
  assert.equal(value("ss_unicode('é')"), 233);
});

test('TRANSLATE replaces character by character; the two lists must be as long', () => {
  assert.equal(value("ss_translate('2*[3+4]/{7-2}', '[]{}', '()()')"), '2*(3+4)/(7-2)');
  assert.equal(value("ss_translate('abc', '', '')"), 'abc');
  assert.equal(value("ss_translate(NULL, 'a', 'b')"), null);
  assert.equal(errorOf("ss_translate('abc', 'ab', 'x')"), 'The second and third arguments of the TRANSLATE built-in function must contain an equal number of characters.');
});
