/**
 * `kinetic-sql query`, `simulator` and `demo` as child processes against a simulator started here on
 * port 0: parameters (? in order, @name, typed values), --explain as JSON, exit codes 0/1/2, one-line
 * errors with the details under --verbose, messages that name what a CLI user can do, the simulator's
 * connection string (every service, every README example), and the demo's copyable string.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect } from '../../src/index.ts';
import { startSimulator, type Simulator } from '../../src/simulator/index.ts';
import { readUntil, runCli, type CliRun } from '../support/cli.ts';
import { programArgs, SOURCE_ROOT } from '../support/program.ts';

const SERVICES = 'Erp.BO.CustomerSvc,Erp.BO.SalesOrderSvc,Erp.BO.PartSvc,BaqSvc';

describe('kinetic-sql query: parameters, explain, errors and exit codes', () => {
  let sim: Simulator;
  let dir: string;
  let cs: string;

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'kinetic-cli-commands-'));
    sim = await startSimulator({ port: 0, seed: 1, customers: 120 });
    cs = sim.connectionString({ ApiVersion: 'v2', Service: SERVICES, CacheLocation: join(dir, 'metadata.sqlite') });
    await (await connect(cs)).close(); // warms the metadata cache the children share
  });
  after(async () => {
    await sim.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const query = (sql: string, ...args: string[]): Promise<CliRun> => runCli(['query', sql, '--connection', cs, ...args]);

  it('binds --param to ? in order and name=value to @name, numbers as numbers and quoted text as strings', async () => {
    const [positional, named, quoted, asString] = await Promise.all([
      query('SELECT CustNum, Name FROM Customers WHERE State = ? AND CustNum > ? ORDER BY CustNum', '--param', 'MN', '--param', '20', '--format', 'json'),
      query('SELECT OrderNum, OrderAmt FROM SalesOrders WHERE OrderAmt > @min AND OpenOrder = @open ORDER BY OrderNum', '--param', 'min=5000', '--param', 'open=true', '--format', 'json'),
      query('SELECT CustNum FROM Customers WHERE CustID = ?', '--param', "'5'", '--format', 'json'),
      query('SELECT CustNum FROM Customers WHERE Zip = ?', '--param-string', '49503', '--format', 'json'),
    ]);
    for (const r of [positional, named, quoted, asString]) assert.equal(r.code, 0, r.stderr);

    const mn = sim.db.prepare("SELECT CustNum, Name FROM Customers WHERE Company = ? AND State = 'MN' AND CustNum > 20 ORDER BY CustNum").all(sim.company);
    assert.ok(mn.length > 0);
    assert.deepEqual(JSON.parse(positional.stdout), mn);

    const orders = sim.db.prepare('SELECT OrderNum, OrderAmt FROM SalesOrders WHERE Company = ? AND OrderAmt > 5000 AND OpenOrder = 1 ORDER BY OrderNum').all(sim.company);
    assert.ok(orders.length > 0);
    assert.deepEqual(JSON.parse(named.stdout), orders);

    assert.deepEqual(JSON.parse(quoted.stdout), []);
    const zip = sim.db.prepare("SELECT CustNum FROM Customers WHERE Company = ? AND Zip = '49503' ORDER BY CustNum").all(sim.company);
    assert.ok(zip.length > 0);
    assert.deepEqual((JSON.parse(asString.stdout) as { CustNum: number }[]).map((r) => r.CustNum).sort((a, b) => a - b), zip.map((r) => (r as { CustNum: number }).CustNum));
  });

  it('a missing parameter says how to pass it (--param), exit 1; mixing ? and name=value is a usage error, exit 2', async () => {
    const [missing, mixed, badFormat, noSql] = await Promise.all([
      query('SELECT Name FROM Customers WHERE State = ?'),
      query('SELECT Name FROM Customers WHERE State = ?', '--param', 'MN', '--param', 'x=1'),
      query('SELECT Name FROM Customers', '--format', 'xml'),
      runCli(['query', '--connection', cs]),
    ]);
    assert.equal(missing.code, 1);
    assert.match(missing.stderr, /^kinetic-sql: EPARAM: .*--param/);
    assert.equal(missing.stderr.trimEnd().split('\n').length, 1, missing.stderr);
    for (const r of [mixed, badFormat, noSql]) {
      assert.equal(r.code, 2, r.stderr);
      assert.match(r.stderr, /Usage: kinetic-sql query/);
    }
  });

  it('--explain --format json prints the Explain object as JSON; nothing is fetched', async () => {
    sim.resetStats();
    const r = await query("SELECT CustID FROM Customers WHERE State = ?", '--param', 'MN', '--explain', '--format', 'json');
    assert.equal(r.code, 0, r.stderr);
    const plan = JSON.parse(r.stdout) as { requests: { method: string; url: string }[]; local: string | null; columns: { name: string }[]; text: string };
    assert.equal(plan.requests.length, 1);
    assert.equal(plan.requests[0]!.method, 'GET');
    assert.equal(new URL(plan.requests[0]!.url).searchParams.get('$filter'), "State eq 'MN'");
    assert.equal(plan.local, null);
    assert.deepEqual(plan.columns.map((c) => c.name), ['CustID']);
    assert.match(plan.text, /Remote: rows of Erp\.BO\.CustomerSvc\/Customers/);
    assert.equal(sim.stats().requests, 0);
  });

  it('messages name what a CLI user can do, never db.catalog; --verbose adds the details', async () => {
    const narrow = sim.connectionString({ ApiVersion: 'v2', CacheLocation: join(dir, 'metadata.sqlite') });
    const [noTable, noColumn, auth, authVerbose] = await Promise.all([
      runCli(['query', 'SELECT OrderNum FROM Zebras', '--connection', narrow]),
      query('SELECT Name FROM zCustomer01 WHERE zipCode = ?', '--param', '1'),
      runCli(['query', 'SELECT Name FROM Customers', '--connection', cs.replace(`Password=${sim.password}`, 'Password=Wr0ng-Secret')]),
      runCli(['query', 'SELECT Name FROM Customers', '--verbose', '--connection', cs.replace(`Password=${sim.password}`, 'Password=Wr0ng-Secret')]),
    ]);
    assert.equal(noTable.code, 1);
    assert.match(noTable.stderr, /^kinetic-sql: ENO_TABLE: Table "Zebras" is not in the services/);
    assert.match(noTable.stderr, /\.tables/);
    assert.match(noTable.stderr, /--connection/);
    assert.doesNotMatch(noTable.stderr, /db\.catalog/);
    assert.equal(noColumn.code, 1);
    assert.match(noColumn.stderr, /ENO_COLUMN: Column "Name" is not in zCustomer01/);
    assert.doesNotMatch(noColumn.stderr, /db\.catalog/);

    assert.equal(auth.code, 1);
    assert.equal(auth.stderr.trimEnd().split('\n').length, 1, auth.stderr);
    assert.match(auth.stderr, /^kinetic-sql: EAUTH: /);
    assert.equal(authVerbose.code, 1);
    assert.match(authVerbose.stderr, /^kinetic-sql: EAUTH: /);
    assert.match(authVerbose.stderr, /^ {2}status: 401$/m);
    assert.match(authVerbose.stderr, new RegExp(`^  url: ${sim.url}/`, 'm'));
    assert.match(authVerbose.stderr, /^ {2}Epicor ErrorMessage: /m);
    for (const r of [auth, authVerbose]) assert.doesNotMatch(r.stderr, /Wr0ng-Secret|\n\s+at /);
  });

  it('a syntax error quotes the word and, with --verbose, shows the line with a caret; three-part names keep every part', async () => {
    const [syntax, verbose, threePart, bracketed, dotted, unbracketed] = await Promise.all([
      query('SELECT Name FROM Customers WHER State = 1'),
      query('SELECT Name\n  FROM Customers WHER State = 1', '--verbose'),
      query('SELECT * FROM Live.dbo.Customers'),
      query('SELECT * FROM [My Db].[Erp.BO.CustomerSvc].Customers'),
      query('SELECT * FROM Live..Customers'),
      query('SELECT TOP 2 c.CustID FROM Erp.BO.CustomerSvc.Customers c ORDER BY c.CustNum', '--format', 'json'),
    ]);
    // A service name written without brackets keeps all its parts: it names the service.
    assert.equal(unbracketed.code, 0, unbracketed.stderr);
    const first2 = sim.db.prepare('SELECT CustID FROM Customers WHERE Company = ? ORDER BY CustNum LIMIT 2').all(sim.company);
    assert.deepEqual(JSON.parse(unbracketed.stdout), first2);
    assert.equal(syntax.code, 1);
    assert.match(syntax.stderr, /^kinetic-sql: ESQL_SYNTAX: SQL syntax error at line 1, column 33 .*unexpected word "State"$/m);
    assert.doesNotMatch(syntax.stderr, /unexpected "S"/);
    assert.equal(verbose.code, 1);
    const lines = verbose.stderr.split('\n');
    assert.match(lines[0]!, /line 2, column 23 .*unexpected word "State"/);
    assert.equal(lines[1], '    FROM Customers WHER State = 1');
    assert.equal(lines[2], `  ${' '.repeat(22)}^`);
    assert.match(threePart.stderr, /The three-part name Live\.dbo\.Customers is not supported/);
    assert.match(bracketed.stderr, /The three-part name \[My Db\]\.\[Erp\.BO\.CustomerSvc\]\.Customers is not supported/);
    assert.match(dotted.stderr, /The three-part name Live\.\.Customers is not supported/);
    for (const r of [threePart, bracketed, dotted]) assert.equal(r.code, 1, r.stderr);
  });
});

describe('kinetic-sql simulator and demo', () => {
  let dir: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'kinetic-cli-simulator-'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it("the simulator's connection string names every service and runs every README example", async () => {
    const child = spawn(process.execPath, programArgs('src/cli/main.ts', ['simulator', '--port', '0', '--customers', '60']), { stdio: ['ignore', 'pipe', 'pipe'] });
    try {
      const out = await readUntil(child, /Press Ctrl\+C/);
      const v2 = /^v2: (.*)$/m.exec(out)?.[1] ?? '';
      assert.match(v2, new RegExp(`Service=${SERVICES.replace(/\./g, '\\.')};`));
      const readme = readFileSync(join(SOURCE_ROOT, 'README.md'), 'utf8');
      const baq = /`(SELECT \* FROM zCustomer01 WHERE zipCode = '\d+')`/.exec(readme)?.[1];
      assert.ok(baq, 'the README has its BAQ example');
      const examples: [string, string[]][] = [
        ['SELECT TOP 3 CustID, Name FROM Customers', []],
        ['SELECT CustID, Name FROM Customers WHERE State = ?', ['--param', 'MN']],
        ['SELECT OrderNum, OrderAmt FROM SalesOrders WHERE OpenOrder = 1', []],
        ['SELECT * FROM [Erp.BO.SalesOrderSvc].[OrderDtls]', []],
        [baq, []],
      ];
      // The string as printed, with a metadata cache warmed here so that the children start quickly.
      const cached = `${v2}CacheLocation=${join(dir, 'metadata.sqlite')};`;
      await (await connect(cached)).close();
      const runs = await Promise.all(examples.map(([sql, extra]) => runCli(['query', sql, '--connection', cached, '--format', 'json', ...extra])));
      runs.forEach((r, i) => {
        assert.equal(r.code, 0, `${examples[i]![0]}: ${r.stderr}`);
        assert.ok((JSON.parse(r.stdout) as unknown[]).length > 0, `${examples[i]![0]} returns rows`);
      });
    } finally {
      child.kill('SIGTERM');
    }
  });

  it('--page-cap 0 is a usage error (exit 2), not a server that answers no rows', async () => {
    const r = await runCli(['simulator', '--port', '0', '--page-cap', '0']);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /--page-cap must be an integer of at least 1, not "0"/);
  });

  it('the demo prints a connection string a user can copy, with the real (simulator-only) password', async () => {
    const r = await runCli(['demo']);
    assert.equal(r.code, 0, r.stderr);
    assert.doesNotMatch(r.stdout, /\*{4}/);
    assert.doesNotMatch(r.stdout, /printed string/);
    const yours = /kinetic-sql shell --connection "([^"]+)"/.exec(r.stdout)?.[1] ?? '';
    assert.match(yours, /^URL=http:\/\/127\.0\.0\.1:8080;/);
    assert.match(yours, /Password=sim-password;/);
    assert.match(r.stdout, /kinetic-sql simulator --port 8080/);
    // The string is the one `kinetic-sql simulator --port 8080` prints, apart from the port.
    const child = spawn(process.execPath, programArgs('src/cli/main.ts', ['simulator', '--port', '0', '--customers', '10']), { stdio: ['ignore', 'pipe', 'pipe'] });
    try {
      const out = await readUntil(child, /Press Ctrl\+C/);
      const url = /^URL: (\S+)/m.exec(out)?.[1] ?? '';
      assert.equal(/^v2: (.*)$/m.exec(out)?.[1], yours.replace('http://127.0.0.1:8080', url));
    } finally {
      child.kill('SIGTERM');
    }
  });
});
