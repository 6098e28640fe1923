/** Logfile and Verbosity: statements at 1, each request at 2, no secrets, rolled over at MaxLogFileSize. */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect } from '../../src/index.ts';
import { startSimulator, type Simulator } from '../../src/simulator/index.ts';

describe('Logfile', () => {
  let sim: Simulator;
  let dir: string;
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'kinetic-log-'));
    sim = await startSimulator({ port: 0, seed: 4, customers: 60 });
  });
  after(async () => {
    await sim.close();
    rmSync(dir, { recursive: true, force: true });
  });

  async function run(props: Record<string, string>, queries: number): Promise<void> {
    const db = await connect(sim.connectionString({ CacheMetadata: 'false', Pagesize: '10', ...props }));
    try {
      for (let i = 0; i < queries; i++) await db.query(`SELECT CustID, Name FROM Customers WHERE CustNum > ${i}`);
    } finally {
      await db.close();
    }
  }

  it('Verbosity 1 logs statements; 2 adds each request without credentials; the file is private', async () => {
    const one = join(dir, 'one.log');
    const two = join(dir, 'two.log');
    await run({ Logfile: one }, 1);
    await run({ Logfile: two, Verbosity: '2', ApiVersion: 'v2' }, 1);
    const v1 = readFileSync(one, 'utf8');
    const v2 = readFileSync(two, 'utf8');
    assert.match(v1, /query: SELECT CustID, Name FROM Customers WHERE CustNum > 0/);
    assert.doesNotMatch(v1, /GET /);
    assert.match(v2, /query: SELECT/);
    assert.match(v2, /GET http:\/\/127\.0\.0\.1:\d+\/KineticSim\/api\/v2\/odata\/EPIC06\/Erp\.BO\.CustomerSvc\/Customers\?\S+ -> 200, \d+ bytes in \d+ ms/);
    assert.match(v2, /GET http:\/\/127\.0\.0\.1:\d+\/KineticSim\/api\/v2\/odata\/EPIC06\/Erp\.BO\.CustomerSvc\/\$metadata -> 200/);
    for (const text of [v1, v2]) {
      assert.ok(!text.includes(sim.password) && !text.includes(sim.apiKey), 'no secret in the log');
    }
    assert.equal(statSync(two).mode & 0o777, 0o600);
  });

  it('rolls the file over at MaxLogFileSize and keeps MaxLogFileCount old files', async () => {
    const file = join(dir, 'roll.log');
    await run({ Logfile: file, Verbosity: '2', MaxLogFileSize: '1KB', MaxLogFileCount: '2' }, 12);
    const rolled = readdirSync(dir).filter((n) => n.startsWith('roll.log.'));
    assert.equal(rolled.length, 2, `two rolled files kept, saw ${rolled.join(', ')}`);
    assert.ok(statSync(file).size <= 1024);
    for (const name of rolled) assert.ok(statSync(join(dir, name)).size <= 1024);
  });
});
