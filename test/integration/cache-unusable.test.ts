// A cache file that cannot be used never breaks a connection: a file from a newer version, a location
// whose folder cannot exist, a read-only file. Queries give the right rows and the file is left as it
// was. Damaged files (rebuilt) are in cache-damage.test.ts.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { chmodSync, chownSync, copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { connect, type QueryResult } from '../../src/index.ts';
import { startSimulator, type Simulator } from '../../src/simulator/index.ts';
import { metadataRequestCount, runChild, tempFolder } from './fixtures/cache-support.ts';

const SQL = "SELECT CustNum, CustID, Name, CreditLimit FROM Customers WHERE State = 'CA' ORDER BY CustNum";
// Root ignores file modes: as root, the read-only case runs its connection as `nobody`, for whom it holds.
const NOBODY = 65534;
const asRoot = process.getuid?.() === 0;

let sim: Simulator;
let root: { dir: string; cleanup: () => void };
let expected: QueryResult;
/** A valid cache file holding the CustomerSvc entry of `props`; each case works on a copy. */
let goodFile: string;
let cases = 0;

function props(file: string): Record<string, string> {
  return { Service: 'Erp.BO.CustomerSvc', ApiVersion: 'v2', CacheLocation: file };
}

before(async () => {
  root = tempFolder();
  sim = await startSimulator({ port: 0, seed: 11, customers: 300 });
  goodFile = join(root.dir, 'good', 'metadata.sqlite');
  const db = await connect(sim.connectionString(props(goodFile)));
  try {
    expected = await db.query(SQL);
  } finally {
    await db.close();
  }
  assert.ok(expected.rowCount > 0);
  assert.equal(existsSync(`${goodFile}-wal`), false, 'closing the last connection checkpoints the WAL');
});

after(async () => {
  await sim.close();
  root.cleanup();
});

/** A new folder with a copy of the good cache file; returns the file's path. */
function caseFile(prepare?: (file: string) => void): string {
  const dir = join(root.dir, `case-${++cases}`);
  mkdirSync(dir, { mode: 0o700 });
  const file = join(dir, 'metadata.sqlite');
  copyFileSync(goodFile, file);
  prepare?.(file);
  return file;
}

/** Connects with the cache at `file`, runs SQL; returns the answer and the `$metadata` requests made. */
async function connectAndQuery(file: string): Promise<{ answer: QueryResult; metadata: number }> {
  sim.resetStats();
  const db = await connect(sim.connectionString(props(file)));
  try {
    return { answer: await db.query(SQL), metadata: metadataRequestCount(sim) };
  } finally {
    await db.close();
  }
}

describe('a cache file that cannot be used is left alone, and the connection works without it', () => {
  test('a file from a newer version of the package', async () => {
    const file = caseFile((f) => {
      const db = new Database(f);
      db.pragma('user_version = 99');
      db.close();
    });
    const before = readFileSync(file);
    for (let i = 0; i < 2; i++) {
      const { answer, metadata } = await connectAndQuery(file);
      assert.deepEqual(answer, expected);
      assert.equal(metadata, 1, 'no cache: every connection fetches');
    }
    assert.deepEqual(readFileSync(file), before, 'the file is untouched');
  });

  test('a CacheLocation under a regular file (the folder cannot exist)', async () => {
    const blocker = join(root.dir, `blocker-${++cases}`);
    writeFileSync(blocker, 'not a folder');
    const file = join(blocker, 'sub', 'metadata.sqlite');
    for (let i = 0; i < 2; i++) {
      const { answer, metadata } = await connectAndQuery(file);
      assert.deepEqual(answer, expected);
      assert.equal(metadata, 1);
    }
    assert.equal(readFileSync(blocker, 'utf8'), 'not a folder');
  });

  test('a read-only cache file (another user, as root)', async () => {
    // The folder and file belong to the connecting user (nobody when we are root), the file is 0444.
    chmodSync(root.dir, 0o755);
    const file = caseFile();
    const dir = join(file, '..');
    if (asRoot) {
      chownSync(dir, NOBODY, NOBODY);
      chownSync(file, NOBODY, NOBODY);
    }
    chmodSync(file, 0o444);
    const before = readFileSync(file);
    const home = join(root.dir, `home-${cases}`);
    mkdirSync(home, { mode: 0o777 });
    chmodSync(home, 0o777);
    const ids = asRoot ? { uid: NOBODY, gid: NOBODY } : {};
    sim.resetStats();
    const answer = await runChild(sim.connectionString(props(file)), SQL, { home, ...ids });
    assert.equal(answer.error, undefined, answer.message);
    assert.deepEqual(answer.rows, JSON.parse(JSON.stringify(expected.rows)));
    assert.deepEqual(answer.columns, JSON.parse(JSON.stringify(expected.columns)));
    assert.equal(metadataRequestCount(sim), 1, 'the read-only cache is not used: $metadata is fetched');
    assert.deepEqual(readFileSync(file), before, 'the read-only file is untouched');
    assert.equal(existsSync(`${file}.damaged`), false);
  });
});
