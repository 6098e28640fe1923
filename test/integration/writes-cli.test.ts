/**
 * `kinetic-sql query` with a write, as a child process: the statement runs through execute(), the count
 * goes to stderr, and the change is in the simulator's database.
 */
import { after, before, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { startSimulator, type Simulator } from '../../src/simulator/index.ts';
import { programArgs, SOURCE_ROOT } from '../support/program.ts';

let sim: Simulator;
before(async () => {
  sim = await startSimulator({ port: 0, seed: 1, customers: 30 });
});
after(() => sim.close());

it('an UPDATE from the command line reports the rows affected on stderr', async () => {
  const connection = sim.connectionString({ ApiVersion: 'v2', CacheMetadata: 'false' });
  const target = sim.db.prepare('SELECT CustNum FROM Customers WHERE Company = ? ORDER BY CustNum LIMIT 1').get(sim.company) as { CustNum: number };
  const run = await new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
    execFile(
      process.execPath,
      programArgs('src/cli/main.ts', ['query', `UPDATE Customers SET Name = 'From the CLI' WHERE CustNum = ${target.CustNum}`, '--connection', connection, '--format', 'json']),
      { cwd: SOURCE_ROOT, env: { ...process.env, KINETIC_SQL_CONNECTION: undefined, NO_COLOR: '1' }, timeout: 60_000 },
      (err, stdout, stderr) => resolve({ code: err === null ? 0 : typeof err.code === 'number' ? err.code : -1, stdout, stderr }),
    );
  });
  assert.equal(run.code, 0, run.stderr);
  assert.equal(run.stderr, '1 row(s) affected\n');
  assert.deepEqual(JSON.parse(run.stdout), []);
  const stored = sim.db.prepare('SELECT Name FROM Customers WHERE Company = ? AND CustNum = ?').get(sim.company, target.CustNum) as { Name: string };
  assert.equal(stored.Name, 'From the CLI');
});
