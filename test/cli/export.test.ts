/**
 * `kinetic-sql export` as a child process against the simulator on port 0: csv (parsed as RFC 4180,
 * header row, ISO dates), json and ndjson files hold exactly the rows db.query returns; a failed export
 * leaves neither the file nor a temporary file; a cancelled one (Ctrl-C) neither.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect, type Row } from '../../src/index.ts';
import { startSimulator, type Simulator } from '../../src/simulator/index.ts';
import { parseCsv, runCli } from '../support/cli.ts';
import { programArgs, SOURCE_ROOT } from '../support/program.ts';

// Names with commas, apostrophes and accents; a date column; a boolean; a null-able column.
const SQL = 'SELECT CustNum, CustID, Name, City, EstDate, CreditHold, CreditHoldDate FROM Customers WHERE CustNum <= ? ORDER BY CustNum';

describe('kinetic-sql export', () => {
  let sim: Simulator;
  let dir: string;
  let cs: string;
  let expected: Row[];

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'kinetic-cli-export-'));
    sim = await startSimulator({ port: 0, seed: 1, customers: 400 });
    cs = sim.connectionString({ ApiVersion: 'v2', Pagesize: '100', CacheLocation: join(dir, 'metadata.sqlite') });
    await using db = await connect(cs);
    expected = (await db.query(SQL, [300])).rows;
    assert.equal(expected.length, 300);
    assert.ok(expected.some((r) => String(r['Name']).includes(',')) && expected.some((r) => String(r['Name']).includes("'")));
  });
  after(async () => {
    await sim.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const iso = (v: unknown): string => (v === null ? '' : v instanceof Date ? v.toISOString() : String(v));

  it('writes csv, json and ndjson files that hold the rows of db.query (a missing folder is created)', async () => {
    const out = (name: string) => join(dir, name);
    const runs = await Promise.all([
      runCli(['export', SQL, '--param', '300', '--out', out('customers.csv'), '--connection', cs]),
      runCli(['export', SQL, '--param', '300', '--out', out('customers.json'), '--connection', cs]),
      runCli(['export', SQL, '--param', '300', '--out', out('new/folder/rows.txt'), '--format', 'ndjson', '--connection', cs]),
    ]);
    for (const r of runs) {
      assert.equal(r.code, 0, r.stderr);
      assert.equal(r.stdout, '');
      assert.equal(r.stderr, '', 'nothing on a standard error that is not a terminal');
    }

    const csvText = readFileSync(out('customers.csv'), 'utf8');
    assert.match(csvText, /\r\n/, 'RFC 4180 records end with CRLF');
    const [header, ...records] = parseCsv(csvText);
    const columns = ['CustNum', 'CustID', 'Name', 'City', 'EstDate', 'CreditHold', 'CreditHoldDate'];
    assert.deepEqual(header, columns);
    assert.deepEqual(records, expected.map((r) => columns.map((c) => iso(r[c]))));
    assert.match(records[0]![4]!, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/, 'dates in ISO 8601');
    assert.ok(csvText.includes('"'), 'fields with commas are quoted');

    const json = JSON.parse(readFileSync(out('customers.json'), 'utf8')) as unknown;
    assert.deepEqual(json, JSON.parse(JSON.stringify(expected)));
    const ndjson = readFileSync(out('new/folder/rows.txt'), 'utf8').trimEnd().split('\n').map((l) => JSON.parse(l) as unknown);
    assert.deepEqual(ndjson, JSON.parse(JSON.stringify(expected)));
    assert.deepEqual(readdirSync(dir).filter((f) => f.endsWith('.tmp')), [], 'no temporary file is left');
  });

  it('an export with no rows still has its header; json is an empty array', async () => {
    const [csv, json] = await Promise.all([
      runCli(['export', SQL, '--param=-1', '--out', join(dir, 'none.csv'), '--connection', cs]),
      runCli(['export', SQL, '--param=-1', '--out', join(dir, 'none.json'), '--connection', cs]),
    ]);
    assert.equal(csv.code, 0, csv.stderr);
    assert.equal(readFileSync(join(dir, 'none.csv'), 'utf8'), 'CustNum,CustID,Name,City,EstDate,CreditHold,CreditHoldDate\r\n');
    assert.equal(json.code, 0, json.stderr);
    assert.deepEqual(JSON.parse(readFileSync(join(dir, 'none.json'), 'utf8')), []);
  });

  it('a failed export leaves no file under the final name, keeps an older file, and leaves no temporary file', async () => {
    const target = join(dir, 'failed.csv');
    const kept = join(dir, 'kept.csv');
    writeFileSync(kept, 'the previous report\n');
    // The server fails from the third page on: the temporary file already holds the header and the
    // export has read two pages when it fails.
    sim.setFaults([{ kind: 'status500', path: '/Customers', nth: 3, times: 1000 }]);
    try {
      const failed = await runCli(['export', SQL, '--param', '300', '--out', target, '--connection', cs]);
      sim.setFaults([{ kind: 'status500', path: '/Customers' }]);
      const [failedOverOld, badColumn] = await Promise.all([
        runCli(['export', SQL, '--param', '300', '--out', kept, '--connection', cs]),
        runCli(['export', 'SELECT Nmae FROM Customers', '--out', join(dir, 'typo.csv'), '--connection', cs]),
      ]);
      assert.match(failed.stderr, /^kinetic-sql: EHTTP: /);
      for (const r of [failed, failedOverOld, badColumn]) {
        assert.equal(r.code, 1, r.stderr);
        assert.equal(r.stderr.trimEnd().split('\n').length, 1, r.stderr);
      }
      assert.match(badColumn.stderr, /^kinetic-sql: ENO_COLUMN: /);
      assert.equal(existsSync(target), false);
      assert.equal(existsSync(join(dir, 'typo.csv')), false);
      assert.equal(readFileSync(kept, 'utf8'), 'the previous report\n');
      assert.deepEqual(readdirSync(dir).filter((f) => f.endsWith('.tmp')), []);
    } finally {
      sim.setFaults([]);
    }
  });

  it('usage errors exit 2: no --out, an unknown format, not a SELECT', async () => {
    const runs = await Promise.all([
      runCli(['export', 'SELECT Name FROM Customers', '--connection', cs]),
      runCli(['export', 'SELECT Name FROM Customers', '--out', join(dir, 'x.xml'), '--format', 'xml', '--connection', cs]),
      runCli(['export', 'REFRESH METADATA', '--out', join(dir, 'x.csv'), '--connection', cs]),
    ]);
    for (const r of runs) {
      assert.equal(r.code, 2, r.stderr);
      assert.match(r.stderr, /Usage: kinetic-sql export/);
    }
  });

  it('Ctrl-C (SIGINT) during an export removes the temporary file and writes no file', async () => {
    const slow = await startSimulator({ port: 0, seed: 1, customers: 400, latencyMs: 400 });
    try {
      const target = join(dir, 'cancelled.csv');
      const child = spawn(process.execPath, programArgs('src/cli/main.ts', ['export', SQL, '--param', '300', '--out', target, '--connection', slow.connectionString({ ApiVersion: 'v2', Pagesize: '20', CacheLocation: join(dir, 'slow.sqlite') })]), { cwd: SOURCE_ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
      let stderr = '';
      child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
      // Wait until the temporary file exists and the first rows are being fetched.
      const deadline = Date.now() + 30_000;
      while (!readdirSync(dir).some((f) => f.startsWith('.cancelled.csv.') && f.endsWith('.tmp'))) {
        assert.ok(Date.now() < deadline, 'the export started');
        await new Promise((r) => setTimeout(r, 50));
      }
      child.kill('SIGINT');
      const code = await new Promise<number | null>((r) => child.once('exit', r));
      assert.equal(code, 130, stderr);
      assert.match(stderr, /export cancelled/);
      assert.equal(existsSync(target), false);
      assert.deepEqual(readdirSync(dir).filter((f) => f.endsWith('.tmp')), []);
    } finally {
      await slow.close();
    }
  });
});
