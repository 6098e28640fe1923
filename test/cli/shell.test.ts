/**
 * `kinetic-sql shell` in a real pseudo-terminal (tmux on a private socket), started through the
 * compiled CLI against a simulator started here on port 0: a statement over several lines, .tables,
 * .describe, .explain, .format csv, .params with a parameterised query, tab completion of a table name,
 * Ctrl-C cancelling a slow query with the shell still usable, Ctrl-C at an empty prompt, Ctrl-D, and the
 * history file (mode 0600, no .connect line) read again by the next run. Progress of a long query shows
 * on the terminal, and not when the output is piped.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect } from '../../src/index.ts';
import { startSimulator, type Simulator } from '../../src/simulator/index.ts';
import { runCli } from '../support/cli.ts';
import { programArgs, SOURCE_ROOT } from '../support/program.ts';
import { count, TmuxSession } from '../support/tmux.ts';

const PROMPT = /kinetic> $/m;

describe('kinetic-sql shell (under a pseudo-terminal)', () => {
  let sim: Simulator;
  let slow: Simulator;
  let dir: string;
  let cs: string;
  let slowCs: string;
  let history: string;
  const sessions: TmuxSession[] = [];

  const shell = (connection: string): TmuxSession => {
    const s = new TmuxSession([process.execPath, ...programArgs('src/cli/main.ts', ['shell', '--history', history, '--connection', connection])]);
    sessions.push(s);
    return s;
  };
  /** Waits for the n-th prompt (the screen keeps the earlier ones). */
  const prompts = (s: TmuxSession, n: number) => s.waitFor((screen) => count(screen, /kinetic> /) >= n && PROMPT.test(screen.trimEnd() + ' '));

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'kinetic-cli-shell-'));
    history = join(dir, 'config', 'shell_history');
    sim = await startSimulator({ port: 0, seed: 1, customers: 200 });
    slow = await startSimulator({ port: 0, seed: 1, customers: 200, latencyMs: 3000 });
    cs = sim.connectionString({ ApiVersion: 'v2', Service: 'Erp.BO.CustomerSvc,Erp.BO.SalesOrderSvc,BaqSvc', CacheLocation: join(dir, 'metadata.sqlite') });
    slowCs = slow.connectionString({ ApiVersion: 'v2', CacheLocation: join(dir, 'slow.sqlite') });
    await (await connect(cs)).close();
  });
  after(async () => {
    for (const s of sessions) s.kill();
    await sim.close();
    await slow.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('runs statements over lines, dot-commands, parameters and completion; keeps the history for the next run', async () => {
    const s = shell(cs);
    await s.waitFor(/Connected to .*\n.*kinetic> /);

    s.line('SELECT TOP 3 CustNum, Name');
    await s.waitFor(/\.\.> $/m);
    s.line('FROM Customers ORDER BY CustNum;');
    let screen = await s.waitFor(/\(3 rows\)\n/);
    const first3 = sim.db.prepare('SELECT Name FROM Customers WHERE Company = ? ORDER BY CustNum LIMIT 3').all(sim.company) as { Name: string }[];
    for (const r of first3) assert.ok(screen.includes(r.Name), `${r.Name} is shown`);

    s.line('.tables Sales');
    screen = await s.waitFor(/SalesOrders\s+\| Erp\.BO\.SalesOrderSvc \| table/);

    s.line('.describe zCustomer01');
    screen = await s.waitFor(/zipCode\s+\| Edm\.String \(BAQ parameter, required/);
    assert.match(screen, /Customer_CustID\s+\| Edm\.String/);

    s.line(".explain SELECT Name FROM Customers WHERE State = 'MN'");
    screen = await s.waitFor(/GET http:\/\/\S+\/Customers\?\$select=Name&\$filter=State%20eq%20'MN'/);

    s.line('.format csv');
    await s.waitFor(/Format: csv/);
    s.line(".params 'MN' 2");
    await s.waitFor(/Parameters: \?1 = 'MN', \?2 = 2/);
    s.line('SELECT CustID, State FROM Customers WHERE State = ? ORDER BY CustNum OFFSET 0 ROWS FETCH NEXT ? ROWS ONLY;');
    const mn = sim.db.prepare("SELECT CustID FROM Customers WHERE Company = ? AND State = 'MN' ORDER BY CustNum LIMIT 2").all(sim.company) as { CustID: string }[];
    screen = await s.waitFor(new RegExp(`CustID,State\\n${mn[0]!.CustID},MN\\n${mn[1]!.CustID},MN\\n`));
    s.line('.params state=CA');
    await s.waitFor(/Parameters: @state = 'CA'/);
    s.line('SELECT COUNT(*) AS N FROM Customers WHERE State = @state;');
    const ca = sim.db.prepare("SELECT COUNT(*) AS n FROM Customers WHERE Company = ? AND State = 'CA'").get(sim.company) as { n: number };
    await s.waitFor(new RegExp(`^N\\n${ca.n}$`, 'm'));

    // Tab completes a table name from the catalog (SalesOrd -> SalesOrder, the common prefix; zCust -> zCustomer01).
    s.type('SELECT COUNT(*) AS M FROM zCust');
    s.keys('Tab');
    await s.waitFor(/FROM zCustomer01$/m);
    s.line(" WHERE zipCode = '49503';");
    const zips = sim.db.prepare("SELECT COUNT(*) AS n FROM Customers WHERE Company = ? AND Zip = '49503'").get(sim.company) as { n: number };
    await s.waitFor(new RegExp(`^M\\n${zips.n}$`, 'm'));

    // A syntax error is one line with the statement's line and a caret; the shell goes on.
    s.line('SELECT * FORM Customers;');
    await s.waitFor(/ESQL_SYNTAX: .*unexpected word "FORM"\n {2}SELECT \* FORM Customers\n {11}\^/);

    // Column names complete too, and Ctrl-C drops a statement being typed over several lines.
    s.line('SELECT TOP 1 Customers.CreditHol');
    await s.waitFor(/\.\.> $/m);
    s.type('FROM Customers WHERE CustN');
    s.keys('Tab');
    await s.waitFor(/WHERE CustNum$/m);
    s.keys('C-c');
    await s.waitFor(/WHERE CustNum\^C\n.*kinetic> $/m);
    s.line('.params clear');
    await s.waitFor(/Parameters: \(none\)/);

    s.line(`.connect ${cs}`);
    await s.waitFor(/Connected\.\n/);
    s.line('.quit');
    await s.waitForExit();

    const mode = statSync(history).mode & 0o777;
    assert.equal(mode, 0o600);
    const kept = readFileSync(history, 'utf8');
    assert.match(kept, /^FROM Customers ORDER BY CustNum;$/m);
    assert.match(kept, /^\.params 'MN' 2$/m);
    assert.doesNotMatch(kept, /\.connect|Password/);

    // The next run finds the history: Up brings back .quit, then .params clear (the .connect line between them was not kept).
    const again = shell(cs);
    await again.waitFor(PROMPT);
    again.keys('Up');
    await again.waitFor(/kinetic> \.quit$/m);
    again.keys('Up');
    await again.waitFor(/kinetic> \.params clear$/m);
    again.keys('C-u');
    again.keys('C-d');
    await again.waitForExit();
  });

  it('Ctrl-C cancels a slow query and the shell stays; Ctrl-C at an empty prompt says how to quit', async () => {
    const s = shell(slowCs);
    await s.waitFor(PROMPT, 60_000);
    s.line('SELECT Name FROM Customers;');
    await s.waitFor(/Customers;\n/);
    const before = slow.stats().requests;
    s.keys('C-c');
    await s.waitFor(/Query cancelled\.\n/);
    assert.ok(slow.stats().requests <= before + 2, 'the scan stopped');
    s.line('.timer on');
    await s.waitFor(/Timer: on/);
    s.keys('C-c');
    await s.waitFor(/To quit, press Ctrl-D or type \.quit/);
    s.line('SELECT TOP 1 CustNum FROM Customers ORDER BY CustNum;');
    await s.waitFor(/\(1 row\)\nTime: \d+\.\d{3} s/, 60_000);
    s.keys('C-d');
    await s.waitForExit();
  });

  it('a long query shows its progress (rows, pages, rate, elapsed) on a terminal, and nothing when piped or --quiet', async () => {
    const slowPages = slow.connectionString({ ApiVersion: 'v2', Pagesize: '40', CacheLocation: join(dir, 'slow.sqlite') });
    const sql = 'SELECT CustNum, Name FROM Customers';
    const t = new TmuxSession([process.execPath, ...programArgs('src/cli/main.ts', ['query', sql, '--format', 'csv', '--connection', slowPages])]);
    sessions.push(t);
    const screen = await t.waitFor(/\d+ rows, ~\d+ pages?, \d+ rows\/s, \d+\.\d s elapsed/, 60_000);
    assert.match(screen, /rows, ~\d+ pages?, \d+ rows\/s/);
    const [piped, quiet] = await Promise.all([
      runCli(['query', sql, '--format', 'csv', '--connection', slowPages]),
      runCli(['query', sql, '--format', 'csv', '--quiet', '--connection', slowPages]),
    ]);
    for (const r of [piped, quiet]) {
      assert.equal(r.code, 0, r.stderr);
      assert.equal(r.stderr, '');
      assert.ok(r.stdout.split('\n').length > 100);
    }
    t.kill();
  });

  it('reads a script from a pipe: no prompts, the rows in order, exit 1 when a statement failed', async () => {
    const script = ".format csv\nSELECT TOP 2 CustNum\nFROM Customers ORDER BY CustNum;\nSELECT Nope FROM Customers; SELECT COUNT(*) AS N FROM Customers WHERE State = 'MN';\n";
    const child = spawn(process.execPath, programArgs('src/cli/main.ts', ['shell', '--history', '', '--connection', cs]), { cwd: SOURCE_ROOT, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.stdin.end(script);
    const code = await new Promise<number | null>((r) => child.once('close', r));
    const top2 = sim.db.prepare('SELECT CustNum FROM Customers WHERE Company = ? ORDER BY CustNum LIMIT 2').all(sim.company) as { CustNum: number }[];
    const mn = sim.db.prepare("SELECT COUNT(*) AS n FROM Customers WHERE Company = ? AND State = 'MN'").get(sim.company) as { n: number };
    assert.equal(stdout, `Format: csv\nCustNum\n${top2[0]!.CustNum}\n${top2[1]!.CustNum}\nN\n${mn.n}\n`);
    assert.match(stderr, /^ENO_COLUMN: Column "Nope" is not in Customers/);
    assert.equal(code, 1);
  });
});
