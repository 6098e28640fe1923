import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  SQLITE_HELPERS, SQLSERVER_AGGREGATES, SQLSERVER_FUNCTIONS, SqlServerFunctionError,
} from '../../../src/engine/sqlite/functions.ts';
import { openDb, value } from './support.ts';

const DATE_PART_FIRST = new Set(['DATEADD', 'DATEDIFF', 'DATEDIFF_BIG', 'DATEPART', 'DATENAME', 'DATETRUNC']);

function sampleArgs(name: string, count: number): string[] {
  const args = Array.from({ length: count }, () => 'NULL');
  if (DATE_PART_FIRST.has(name)) args[0] = "'day'";
  if (count > 1 && name.startsWith('ss_') && (name.includes('convert') || name.includes('cast'))) args[1] = "'int'";
  return args;
}

test('the brief\'s functions are all in the table', () => {
  const required = `LEN DATALENGTH CHARINDEX PATINDEX LEFT RIGHT SUBSTRING REPLACE REPLICATE REVERSE STUFF LTRIM RTRIM TRIM UPPER
    LOWER CONCAT CONCAT_WS FORMAT STR GETDATE GETUTCDATE SYSDATETIME DATEADD DATEDIFF DATEPART DATENAME DATEFROMPARTS EOMONTH
    YEAR MONTH DAY ISDATE ROUND FLOOR CEILING ABS POWER SQRT SIGN LOG EXP ISNUMERIC ISNULL COALESCE NULLIF IIF`.split(/\s+/);
  for (const name of required) assert.ok(SQLSERVER_FUNCTIONS[name], name);
  assert.ok(SQLSERVER_AGGREGATES.STRING_AGG);
  for (const name of ['ss_fold', 'ss_like', 'ss_convert', 'ss_try_cast', 'ss_try_convert']) assert.ok(SQLITE_HELPERS[name], name);
});

test('every function is registered under an ss_ name and callable with minArgs and maxArgs arguments', () => {
  const db = openDb();
  const all = [...Object.entries(SQLSERVER_FUNCTIONS), ...Object.entries(SQLITE_HELPERS)];
  for (const [name, spec] of all) {
    assert.match(spec.sqlite, /^ss_[a-z0-9_]+$/, name);
    const counts = [spec.minArgs, Number.isFinite(spec.maxArgs) ? spec.maxArgs : spec.minArgs + 3];
    for (const n of counts) {
      const sql = `SELECT ${spec.sqlite}(${sampleArgs(name, n).join(', ')}) AS v`;
      assert.doesNotThrow(() => db.prepare(sql).get(), sql);
    }
    if (Number.isFinite(spec.maxArgs)) {
      assert.throws(() => db.prepare(`SELECT ${spec.sqlite}(${sampleArgs(name, spec.maxArgs + 1).join(', ')})`).get(), /wrong number of arguments/, name);
    }
    if (spec.minArgs > 0) {
      assert.throws(() => db.prepare(`SELECT ${spec.sqlite}(${sampleArgs(name, spec.minArgs - 1).join(', ')})`).get(), /wrong number of arguments|requires/, name);
    }
  }
  for (const spec of Object.values(SQLSERVER_AGGREGATES)) {
    assert.equal((db.prepare(`SELECT ${spec.sqlite}(NULL, ',') AS v`).get() as { v: unknown }).v, null);
  }
});

test('NULL in, NULL out, except where SQL Server documents otherwise', () => {
  const db = openDb();
  const notNull: Record<string, unknown> = { CONCAT: '', CONCAT_WS: '', ISDATE: 0, ISNUMERIC: 0 };
  for (const [name, spec] of Object.entries(SQLSERVER_FUNCTIONS)) {
    if (spec.minArgs === 0) continue;
    const { v } = db.prepare(`SELECT ${spec.sqlite}(${sampleArgs(name, spec.minArgs).join(', ')}) AS v`).get() as { v: unknown };
    assert.equal(v, name in notNull ? notNull[name] : null, name);
  }
});

test('the table is data: five fields per entry, nothing to call but `returns`', () => {
  for (const spec of [...Object.values(SQLSERVER_FUNCTIONS), ...Object.values(SQLITE_HELPERS), ...Object.values(SQLSERVER_AGGREGATES)]) {
    assert.deepEqual(Object.keys(spec).sort(), ['deterministic', 'maxArgs', 'minArgs', 'returns', 'sqlite']);
    assert.ok(Object.isFrozen(spec));
  }
});

test('SQLite built-ins are not shadowed', () => {
  assert.equal(value("length('ab  ')"), 4);
  assert.equal(value("ss_len('ab  ')"), 2);
  assert.equal(value("replace('aA', 'a', 'x')"), 'xA');
});

test('returns types computed columns from argument types', () => {
  const F = SQLSERVER_FUNCTIONS;
  assert.equal(F.LEN!.returns(['string']), 'integer');
  assert.equal(F.DATEADD!.returns(['string', 'integer', 'date']), 'date');
  assert.equal(F.DATEADD!.returns(['string', 'integer', 'datetime']), 'datetime');
  assert.equal(F.DATEADD!.returns(['string', 'integer', 'string']), 'datetime');
  assert.equal(F.ROUND!.returns(['integer', 'integer']), 'integer');
  assert.equal(F.ROUND!.returns(['decimal', 'integer']), 'decimal');
  assert.equal(F.COALESCE!.returns(['integer', 'decimal', 'string']), 'decimal');
  assert.equal(F.ISNULL!.returns(['string', 'integer']), 'string');
  assert.equal(F.IIF!.returns(['boolean', 'integer', 'float']), 'float');
  assert.equal(F.EOMONTH!.returns(['datetime']), 'date');
  assert.equal(F.GETDATE!.deterministic, false);
  assert.equal(F.LEN!.deterministic, true);
  assert.equal(F.CONCAT!.maxArgs, Infinity);
});

test('an error SQL Server raises is a SqlServerFunctionError with its number, rethrown by better-sqlite3', () => {
  const db = openDb();
  assert.throws(() => db.prepare("SELECT ss_left('abc', -1)").get(), (err: unknown) =>
    err instanceof SqlServerFunctionError && err.number === 536 && err.message === 'Invalid length parameter passed to the left function.');
});

test('the clock is read once at registration: GETDATE is the same all through a statement', () => {
  let calls = 0;
  const db = openDb({ now: () => { calls++; return new Date(Date.UTC(2024, 1, 29, 23, 59, 59, 999)); } });
  db.exec('CREATE TABLE t(x); INSERT INTO t VALUES (1), (2), (3)');
  const rows = db.prepare('SELECT ss_getutcdate() AS d, ss_sysdatetime() AS s FROM t').all() as { d: string }[];
  assert.deepEqual(new Set(rows.map((r) => r.d)), new Set(['2024-02-29T23:59:59.999']));
  assert.equal(calls, 1);
  const local = new Date(Date.UTC(2024, 1, 29, 23, 59, 59, 999));
  const expected = `${local.getFullYear()}-${String(local.getMonth() + 1).padStart(2, '0')}-${String(local.getDate()).padStart(2, '0')}T` +
    `${String(local.getHours()).padStart(2, '0')}:${String(local.getMinutes()).padStart(2, '0')}:59.999`;
  assert.equal((db.prepare('SELECT ss_getdate() AS d').get() as { d: string }).d, expected);
});
