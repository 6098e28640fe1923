// A damaged cache file never breaks a connection: truncated, garbage, empty, a bad entry, an older
// layout. Queries give the right rows, and the file is rebuilt (the next connection hits the cache).
// The files that cannot be used at all are in cache-unusable.test.ts.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { connect } from '../../src/index.ts';
import { metadataRequestCount } from './fixtures/cache-support.ts';
import { CASES_SQL, useCacheCases } from './fixtures/cache-cases.ts';


const { ctx, props, caseFile, connectAndQuery } = useCacheCases(11);

/** The file works as a cache again: one fetch now, none on the next connection, both with right rows. */
async function assertRebuilt(file: string): Promise<void> {
  const first = await connectAndQuery(file);
  assert.deepEqual(first.answer, ctx.expected);
  assert.equal(first.metadata, 1, 'the damaged cache could not answer: $metadata was fetched');
  const second = await connectAndQuery(file);
  assert.deepEqual(second.answer, ctx.expected);
  assert.equal(second.metadata, 0, 'the rebuilt cache answered the next connection');
  const db = new Database(file, { readonly: true });
  try {
    assert.equal(db.pragma('integrity_check', { simple: true }), 'ok');
    assert.equal(db.prepare('SELECT COUNT(*) AS n FROM catalog_entry').pluck().get(), 1);
  } finally {
    db.close();
  }
}

describe('a damaged cache file is moved aside and rebuilt', () => {
  test('a truncated file', async () => {
    const file = caseFile((f) => truncateSync(f, Math.floor(statSync(f).size / 2)));
    await assertRebuilt(file);
    assert.ok(existsSync(`${file}.damaged`), 'the damaged file was kept aside');
  });

  test('a file of ours damaged after its header, and the connection log says so once, without secrets', async () => {
    const file = caseFile((f) => {
      const bytes = readFileSync(f);
      randomBytes(bytes.length - 100).copy(bytes, 100);
      writeFileSync(f, bytes);
    });
    const logfile = join(file, '..', 'driver.log');
    ctx.sim.resetStats();
    const db = await connect(ctx.sim.connectionString({ ...props(file), Logfile: logfile }));
    try {
      assert.deepEqual(await db.query(CASES_SQL), ctx.expected);
    } finally {
      await db.close();
    }
    assert.equal(metadataRequestCount(ctx.sim), 1);
    const log = readFileSync(logfile, 'utf8');
    assert.equal(log.match(/damaged/g)?.length, 2, log); // one line: "was damaged ... moved it to <file>.damaged"
    assert.ok(!log.includes(ctx.sim.password) && !log.includes(ctx.sim.apiKey));
    assert.ok(existsSync(`${file}.damaged`));
    assert.equal((await connectAndQuery(file)).metadata, 0, 'rebuilt: the next connection hits the cache');
  });

  test('a SQLite header followed by garbage', async () => {
    const file = caseFile((f) => {
      const bytes = readFileSync(f);
      randomBytes(bytes.length - 4096).copy(bytes, 4096);
      writeFileSync(f, bytes);
    });
    await assertRebuilt(file);
  });

  test('an empty file', async () => {
    const file = caseFile((f) => writeFileSync(f, ''));
    await assertRebuilt(file);
  });

  test('an entry whose JSON is not a catalog is a miss and is replaced', async () => {
    const file = caseFile((f) => {
      const db = new Database(f);
      db.prepare(`UPDATE catalog_entry SET catalog = '{"service":"Erp.BO.CustomerSvc","tables":[{"name":1}]}'`).run();
      db.close();
    });
    await assertRebuilt(file);
  });

  test('a file from an older cache schema version is rebuilt in the current layout', async () => {
    const file = caseFile((f) => {
      writeFileSync(f, '');
      const db = new Database(f);
      // What a version-0 cache could have looked like: another layout under the same table name.
      db.exec("CREATE TABLE catalog_entry (key TEXT PRIMARY KEY, catalog BLOB); INSERT INTO catalog_entry VALUES ('x', x'00ff')");
      db.pragma('application_id = 0x454b5351');
      db.pragma('user_version = 0');
      db.close();
    });
    await assertRebuilt(file);
    const db = new Database(file, { readonly: true });
    try {
      assert.ok(Number(db.pragma('user_version', { simple: true })) >= 1);
      const columns = db.prepare('SELECT name FROM pragma_table_info(?)').pluck().all('catalog_entry');
      assert.deepEqual(columns, ['scope', 'service', 'fetched_at', 'catalog', 'checksum']);
    } finally {
      db.close();
    }
  });
});
