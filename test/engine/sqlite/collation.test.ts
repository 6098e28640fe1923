// SQL Server's SQL_Latin1_General_CP1_CI_AS on nvarchar (Windows rules for Unicode data): case-insensitive,
// accent-sensitive, width-insensitive, ß = ss and œ = oe (expansions), trailing spaces ignored by `=`.
// ss_fold(x) is the key the engine compares, groups, sorts and joins on; ss_like is LIKE.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openDb, value } from './support.ts';

const eq = (a: string, b: string): unknown => value('ss_fold(?) = ss_fold(?)', a, b);

test('equal keys exactly when SQL Server\'s = says equal', () => {
  assert.equal(eq('MN ', 'mn'), 1, 'case and trailing spaces');
  assert.equal(eq('MN', 'mn   '), 1);
  assert.equal(eq(' mn', 'mn'), 0, 'leading spaces count');
  assert.equal(eq('mn\t', 'mn'), 0, 'only spaces are padding');
  assert.equal(eq('É', 'é'), 1);
  assert.equal(eq('é', 'e'), 0, 'accent-sensitive');
  assert.equal(eq('Ø', 'ø'), 1);
  assert.equal(eq('ø', 'o'), 0);
  assert.equal(eq('Ångström', 'ÅNGSTRÖM'), 1);
  assert.equal(eq('Straße', 'STRASSE'), 1, 'ß expands to ss for Unicode data');
  assert.equal(eq('œuvre', 'OEUVRE'), 1);
  assert.equal(eq('ﬁle', 'file'), 1, 'compatibility ligature');
  assert.equal(eq('ＡＢＣ', 'abc'), 1, 'width-insensitive');
  assert.equal(eq('e\u0301', 'é'), 1, 'combining accent equals the precomposed letter');
  assert.equal(eq('', '   '), 1);
  assert.equal(eq('a', 'b'), 0);
  assert.equal(value('ss_fold(NULL)'), null);
  assert.equal(value('ss_fold(5)'), 5, 'non-text passes through');
});

test('ORDER BY the key follows SQL Server\'s order: symbols, digits, letters; base letter before accent', () => {
  const db = openDb();
  db.exec('CREATE TABLE t(x)');
  const words = ['f', 'é', 'e', 'b', 'A', '1', '-x', 'z', 'ø', 'o', 'p', 'résumé', 'resume', 'Resumes', '_y', 'Ä', 'a b', 'ab'];
  const insert = db.prepare('INSERT INTO t VALUES (?)');
  for (const w of words) insert.run(w);
  const order = (db.prepare('SELECT x FROM t ORDER BY ss_fold(x), x').all() as { x: string }[]).map((r) => r.x);
  assert.deepEqual(order, ['-x', '_y', '1', 'A', 'Ä', 'a b', 'ab', 'b', 'e', 'é', 'f', 'o', 'ø', 'p', 'resume', 'résumé', 'Resumes', 'z']);
});

test('GROUP BY, DISTINCT and joins on the key merge case and trailing-space variants', () => {
  const db = openDb();
  db.exec(`CREATE TABLE c(State, Name); INSERT INTO c VALUES ('MN', 'a'), ('mn ', 'b'), ('Mn', 'c'), ('WI', 'd'), ('Québec', 'e'), ('QUEBEC', 'f');
           CREATE TABLE s(Code, Label); INSERT INTO s VALUES ('mn', 'Minnesota'), ('QUÉBEC', 'Québec')`);
  const groups = db.prepare('SELECT min(State) AS s, count(*) AS n FROM c GROUP BY ss_fold(State) ORDER BY ss_fold(State)').all();
  assert.deepEqual(groups, [{ s: 'MN', n: 3 }, { s: 'QUEBEC', n: 1 }, { s: 'Québec', n: 1 }, { s: 'WI', n: 1 }]);
  assert.equal((db.prepare('SELECT count(DISTINCT ss_fold(State)) AS n FROM c').get() as { n: number }).n, 4);
  const joined = db.prepare('SELECT c.Name, s.Label FROM c JOIN s ON ss_fold(c.State) = ss_fold(s.Code) ORDER BY c.Name').all();
  assert.deepEqual(joined, [
    { Name: 'a', Label: 'Minnesota' }, { Name: 'b', Label: 'Minnesota' }, { Name: 'c', Label: 'Minnesota' }, { Name: 'e', Label: 'Québec' },
  ]);
});

const like = (v: string, p: string, e?: string): unknown =>
  (e === undefined ? value('ss_like(?, ?)', v, p) : value('ss_like(?, ?, ?)', v, p, e));

test('LIKE: wildcards, sets, ranges by the collation, ESCAPE', () => {
  assert.equal(like('abc', 'a%'), 1);
  assert.equal(like('ABC', 'a%'), 1);
  assert.equal(like('Éclair', 'é%'), 1);
  assert.equal(like('eclair', 'é%'), 0);
  assert.equal(like('abc', 'a_c'), 1);
  assert.equal(like('ac', 'a_c'), 0);
  assert.equal(like('', '%'), 1);
  assert.equal(like('', '_'), 0);
  assert.equal(like('b', '[a-c]'), 1);
  assert.equal(like('B', '[a-c]'), 1);
  assert.equal(like('d', '[a-c]'), 0);
  assert.equal(like('é', '[a-f]'), 1, 'é sorts between a and f');
  assert.equal(like('b', '[^a]'), 1);
  assert.equal(like('A', '[^a]'), 0);
  assert.equal(like('5%', '5[%]'), 1);
  assert.equal(like('5x', '5[%]'), 0);
  assert.equal(like('a_b', 'a[_]b'), 1);
  assert.equal(like('axb', 'a[_]b'), 0);
  assert.equal(like('a[b', 'a[[]b'), 1);
  assert.equal(like('a]b', 'a]b'), 1);
  assert.equal(like('a-b', 'a[-]b'), 1);
  assert.equal(like('-', '[a-]'), 1);
  assert.equal(like('x', '[abc]'), 0);
  assert.equal(like('10%', '10!%', '!'), 1);
  assert.equal(like('10x', '10!%', '!'), 0);
  assert.equal(like('a_b', 'a\\_b', '\\'), 1);
  assert.equal(like('axb', 'a\\_b', '\\'), 0);
  assert.equal(like('a%', 'a[!%]', '!'), 1);
  assert.equal(like('a[b', 'a[b'), 0, 'an unclosed [ matches nothing');
  assert.equal(like('a!', 'a!', '!'), 0, 'a pattern ending in the escape matches nothing');
});

test('LIKE on nvarchar: trailing spaces are significant on both sides', () => {
  assert.equal(like('MN ', 'MN'), 0);
  assert.equal(like('MN', 'MN '), 0);
  assert.equal(like('MN ', 'MN%'), 1);
  assert.equal(like('MN ', 'mn_'), 1);
});

test('LIKE with NULLs, numbers, a bad escape, and a pattern that would backtrack', () => {
  assert.equal(value("ss_like(NULL, 'a%')"), null);
  assert.equal(value("ss_like('a', NULL)"), null);
  assert.equal(value("ss_like('a', 'a', NULL)"), null);
  assert.equal(value("ss_like(123, '1%')"), 1);
  assert.throws(() => value("ss_like('a', 'a', 'ab')"), /The invalid escape character "ab" was specified in a LIKE predicate\./);
  const started = performance.now();
  assert.equal(like('a'.repeat(5000) + 'b', '%a%a%a%a%a%a%a%c'), 0);
  assert.ok(performance.now() - started < 2000, 'linear in pattern x text, no exponential backtracking');
});
