/**
 * `kinetic-sql query` as a child process against a simulator started by the test: each output format
 * parses and holds the rows; a KineticError exits 1 with its code and message on stderr and no stack.
 * The children start together (each loads the driver) and share a metadata cache that the
 * test warms first, so that the file stays quick.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFile, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect } from '../../src/index.ts';
import { startSimulator, type Simulator } from '../../src/simulator/index.ts';
import { parseCsv } from '../support/cli.ts';
import { programArgs, SOURCE_ROOT } from '../support/program.ts';

const ROOT = SOURCE_ROOT;

interface Run {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs `node src/cli/main.ts <args>` (compiled, or through tsx: see programArgs) from the package root. */
function cli(args: readonly string[], env: Record<string, string | undefined> = {}): Promise<Run> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      programArgs('src/cli/main.ts', args),
      { cwd: ROOT, env: { ...process.env, KINETIC_SQL_CONNECTION: undefined, NO_COLOR: '1', ...env }, timeout: 60_000 },
      (err, stdout, stderr) => {
        const code = err === null ? 0 : typeof err.code === 'number' ? err.code : -1;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

/** Runs the CLI and closes its stdout after the first line, as `| head -1` does. */
function cliFirstLine(args: readonly string[]): Promise<Run> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, programArgs('src/cli/main.ts', args), {
      cwd: ROOT,
      env: { ...process.env, KINETIC_SQL_CONNECTION: undefined },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString('utf8');
      const nl = stdout.indexOf('\n');
      if (nl >= 0) {
        stdout = stdout.slice(0, nl + 1);
        child.stdout.destroy();
      }
    });
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
  });
}

describe('kinetic-sql query (CLI)', () => {
  let sim: Simulator;
  let dir: string;
  let connection: string;
  // Names with an apostrophe or a comma exercise CSV quoting.
  const SQL = "SELECT TOP 9 CustNum, CustID, Name, CreditHold, EstDate FROM Customers WHERE Name LIKE '%,%' OR Name LIKE '%''%' ORDER BY CustNum";
  let expected: { CustNum: number; CustID: string; Name: string; CreditHold: boolean; EstDate: string }[];
  let runs: Record<string, Promise<Run>>;

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'kinetic-e2e-cli-'));
    sim = await startSimulator({ port: 0, seed: 1, customers: 150 });
    connection = sim.connectionString({ ApiVersion: 'v2', CacheLocation: join(dir, 'metadata.sqlite') });
    await (await connect(connection)).close(); // warms the metadata cache the children read
    const raw = sim.db
      .prepare("SELECT CustNum, CustID, Name, CreditHold, EstDate FROM Customers WHERE Company = ? AND (Name LIKE '%,%' OR Name LIKE '%''%') ORDER BY CustNum LIMIT 9")
      .all(sim.company) as { CustNum: number; CustID: string; Name: string; CreditHold: number; EstDate: string }[];
    expected = raw.map((r) => ({ ...r, CreditHold: r.CreditHold === 1, EstDate: `${r.EstDate}.000Z` }));
    assert.equal(expected.length, 9);
    assert.ok(expected.some((r) => r.Name.includes(',')) && expected.some((r) => r.Name.includes("'")));

    const wrongPassword = connection.replace(`Password=${sim.password}`, 'Password=Wr0ng-Secret');
    runs = {
      csv: cli(['query', SQL, '--connection', connection, '--format', 'csv']),
      json: cli(['query', SQL, '--connection', connection, '--format', 'json']),
      ndjson: cli(['query', SQL, '--connection', connection, '--format', 'ndjson']),
      table: cli(['query', SQL, '--connection', connection, '--format', 'table']),
      explainFromEnv: cli(['query', "SELECT CustID FROM Customers WHERE State = 'MN'", '--explain'], { KINETIC_SQL_CONNECTION: connection }),
      syntax: cli(['query', 'SELEC CustID FROM Customers', '--connection', connection]),
      auth: cli(['query', 'SELECT CustID FROM Customers', '--connection', wrongPassword]),
      // About a megabyte of output: more than a pipe holds, so the child writes after the reader left.
      head: cliFirstLine(['query', 'SELECT * FROM Customers', '--connection', connection, '--format', 'ndjson']),
    };
    await Promise.all(Object.values(runs));
  });
  after(async () => {
    await sim.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('prints the rows as csv, json, ndjson and table', async () => {
    const [csv, json, ndjson, table] = await Promise.all([runs.csv!, runs.json!, runs.ndjson!, runs.table!]);
    for (const r of [csv, json, ndjson, table]) {
      assert.equal(r.code, 0, r.stderr);
      assert.equal(r.stderr, '');
    }

    const [header, ...lines] = parseCsv(csv.stdout);
    assert.deepEqual(header, ['CustNum', 'CustID', 'Name', 'CreditHold', 'EstDate']);
    assert.deepEqual(lines, expected.map((e) => [String(e.CustNum), e.CustID, e.Name, String(e.CreditHold), e.EstDate]));

    assert.deepEqual(JSON.parse(json.stdout), expected);

    const objects = ndjson.stdout.trimEnd().split('\n').map((l) => JSON.parse(l) as unknown);
    assert.deepEqual(objects, expected);

    const tableLines = table.stdout.trimEnd().split('\n');
    assert.match(tableLines[0]!, /^CustNum\s+\|\s+CustID\s+\|\s+Name\s+\|\s+CreditHold\s+\|\s+EstDate$/);
    assert.match(tableLines[1]!, /^-+(-\+-+)+$/);
    assert.equal(tableLines.at(-1), '(9 rows)');
    expected.forEach((e, i) => {
      const cells = tableLines[i + 2]!.split('|').map((c) => c.trim());
      assert.deepEqual(cells, [String(e.CustNum), e.CustID, e.Name, String(e.CreditHold), e.EstDate]);
    });
  });

  it('reads KINETIC_SQL_CONNECTION when --connection is absent; --explain prints the request', async () => {
    const r = await runs.explainFromEnv!;
    assert.equal(r.code, 0, r.stderr);
    const url = /GET (\S+)/.exec(r.stdout)?.[1];
    assert.ok(url, r.stdout);
    const parsed = new URL(url);
    assert.equal(parsed.origin, sim.url);
    assert.equal(parsed.pathname, `/${sim.instance}/api/v2/odata/${sim.company}/Erp.BO.CustomerSvc/Customers`);
    assert.equal(parsed.searchParams.get('$select'), 'CustID');
    assert.equal(parsed.searchParams.get('$filter'), "State eq 'MN'");
    assert.doesNotMatch(r.stdout, new RegExp(`${sim.password}|${sim.apiKey}`));
  });

  it('a KineticError exits 1 with its code and message on stderr, without a stack trace or secrets', async () => {
    const cases: [Run, RegExp][] = [
      [await runs.syntax!, /^kinetic-sql: ESQL_SYNTAX: SQL syntax error at line 1, column 1/],
      [await runs.auth!, /^kinetic-sql: EAUTH: 401 Unauthorized/],
    ];
    for (const [r, wanted] of cases) {
      assert.equal(r.code, 1, `${r.stdout}${r.stderr}`);
      assert.equal(r.stdout, '');
      assert.match(r.stderr, wanted);
      assert.equal(r.stderr.trimEnd().split('\n').length, 1, `one line: ${r.stderr}`);
      assert.doesNotMatch(r.stderr, /\n\s+at /, 'no stack trace');
      assert.doesNotMatch(r.stderr, new RegExp(`${sim.password}|${sim.apiKey}|Wr0ng-Secret`), 'no secret');
    }
  });

  it('ndjson into a reader that leaves early (| head) ends quietly with exit 0', async () => {
    const r = await runs.head!;
    assert.equal(r.stderr, '');
    assert.equal(r.code, 0);
    const first = sim.db.prepare('SELECT CustNum FROM Customers WHERE Company = ? ORDER BY CustNum LIMIT 1').get(sim.company) as { CustNum: number };
    assert.equal((JSON.parse(r.stdout) as { CustNum: number }).CustNum, first.CustNum);
  });
});
