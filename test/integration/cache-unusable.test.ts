// A cache file that cannot be used never breaks a connection: a file from a newer version, a location
// whose folder cannot exist, a read-only file. Queries give the right rows and the file is left as it
// was. Damaged files (rebuilt) are in cache-damage.test.ts.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { chmodSync, chownSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { metadataRequestCount, runChild } from './fixtures/cache-support.ts';
import { CASES_SQL, useCacheCases } from './fixtures/cache-cases.ts';

// Root ignores file modes: as root, the read-only case runs its connection as `nobody`, for whom it holds.
const NOBODY = 65534;
const asRoot = process.getuid?.() === 0;

const { ctx, props, caseFile, scratch, connectAndQuery } = useCacheCases(11);

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
      assert.deepEqual(answer, ctx.expected);
      assert.equal(metadata, 1, 'no cache: every connection fetches');
    }
    assert.deepEqual(readFileSync(file), before, 'the file is untouched');
  });

  test('a CacheLocation under a regular file (the folder cannot exist)', async () => {
    const blocker = scratch('blocker');
    writeFileSync(blocker, 'not a folder');
    const file = join(blocker, 'sub', 'metadata.sqlite');
    for (let i = 0; i < 2; i++) {
      const { answer, metadata } = await connectAndQuery(file);
      assert.deepEqual(answer, ctx.expected);
      assert.equal(metadata, 1);
    }
    assert.equal(readFileSync(blocker, 'utf8'), 'not a folder');
  });

  test('a read-only cache file (another user, as root)', async () => {
    // The folder and file belong to the connecting user (nobody when we are root), the file is 0444.
    chmodSync(ctx.dir, 0o755);
    const file = caseFile();
    const dir = join(file, '..');
    if (asRoot) {
      chownSync(dir, NOBODY, NOBODY);
      chownSync(file, NOBODY, NOBODY);
    }
    chmodSync(file, 0o444);
    const before = readFileSync(file);
    const home = scratch('home');
    mkdirSync(home, { mode: 0o777 });
    chmodSync(home, 0o777);
    const ids = asRoot ? { uid: NOBODY, gid: NOBODY } : {};
    ctx.sim.resetStats();
    const answer = await runChild(ctx.sim.connectionString(props(file)), CASES_SQL, { home, ...ids });
    assert.equal(answer.error, undefined, answer.message);
    assert.deepEqual(answer.rows, JSON.parse(JSON.stringify(ctx.expected.rows)));
    assert.deepEqual(answer.columns, JSON.parse(JSON.stringify(ctx.expected.columns)));
    assert.equal(metadataRequestCount(ctx.sim), 1, 'the read-only cache is not used: $metadata is fetched');
    assert.deepEqual(readFileSync(file), before, 'the read-only file is untouched');
    assert.equal(existsSync(`${file}.damaged`), false);
  });
});
