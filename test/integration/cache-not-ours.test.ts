// Files that are not ours: a CacheLocation naming a user's settings file, a symbolic link or /dev/null is
// never chmodded, moved or replaced (byte for byte, same mode), however many connections use it; the
// connection works without the cache. Files of ours are repaired: missing tables are created again, and
// an entry whose catalog was altered is detected by its checksum, not served for the TTL.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { chmodSync, existsSync, lstatSync, readdirSync, readFileSync, readlinkSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import Database from 'better-sqlite3';
import { useCacheCases } from './fixtures/cache-cases.ts';

const { ctx, scratch, caseFile, connectAndQuery } = useCacheCases(12);

/** Connects twice with the cache at `file`: both answer right, both fetch $metadata (no cache). */
async function assertWorksWithoutCache(file: string): Promise<void> {
  for (let i = 0; i < 2; i++) {
    const { answer, metadata } = await connectAndQuery(file);
    assert.deepEqual(answer, ctx.expected);
    assert.equal(metadata, 1, 'the file is not used as a cache');
  }
}

describe('a CacheLocation that is not ours is left untouched', () => {
  test("a user's settings file: same bytes, same mode, nothing moved aside", async () => {
    const file = scratch('settings.json');
    writeFileSync(file, '{"theme":"dark","editor":{"tabSize":2}}\n');
    chmodSync(file, 0o644);
    await assertWorksWithoutCache(file);
    assert.equal(readFileSync(file, 'utf8'), '{"theme":"dark","editor":{"tabSize":2}}\n');
    assert.equal(statSync(file).mode & 0o777, 0o644);
    assert.deepEqual(readdirSync(dirname(file)).filter((n) => n.startsWith(`${file.split('/').pop()}`)), [file.split('/').pop()]);
  });

  test('a symbolic link, even to a cache of ours: the link and its target stay as they are', async () => {
    const target = caseFile();
    const link = scratch('link.sqlite');
    symlinkSync(target, link);
    const before = readFileSync(target);
    const mode = statSync(target).mode;
    await assertWorksWithoutCache(link);
    assert.ok(lstatSync(link).isSymbolicLink());
    assert.equal(readlinkSync(link), target);
    assert.deepEqual(readFileSync(target), before);
    assert.equal(statSync(target).mode, mode);
    assert.equal(existsSync(`${link}.damaged`), false);
  });

  test('/dev/null stays a device', async () => {
    const before = statSync('/dev/null');
    await assertWorksWithoutCache('/dev/null');
    const after = statSync('/dev/null');
    assert.ok(after.isCharacterDevice());
    assert.equal(after.mode, before.mode);
  });

  test('a file that is not ours next to a damaged cache of ours is never overwritten by it', async () => {
    const file = caseFile((f) => {
      const bytes = readFileSync(f);
      bytes.fill(0x55, 100);
      writeFileSync(f, bytes);
    });
    writeFileSync(`${file}.damaged`, 'my notes, not a cache\n');
    const { answer } = await connectAndQuery(file);
    assert.deepEqual(answer, ctx.expected);
    assert.equal(readFileSync(`${file}.damaged`, 'utf8'), 'my notes, not a cache\n');
    assert.ok(existsSync(`${file}.damaged-2`), 'the damaged cache went to the next free name');
    assert.equal((await connectAndQuery(file)).metadata, 0, 'rebuilt: the next connection hits the cache');
  });
});

describe('a cache file of ours is repaired', () => {
  test('missing tables are created again instead of fetching $metadata on every connection', async () => {
    const file = caseFile((f) => {
      const db = new Database(f);
      db.exec('DROP TABLE catalog_entry');
      db.close();
    });
    assert.equal((await connectAndQuery(file)).metadata, 1);
    const second = await connectAndQuery(file);
    assert.deepEqual(second.answer, ctx.expected);
    assert.equal(second.metadata, 0, 'repaired: the next connection hits the cache');
  });

  test('a catalog altered in the file (still valid JSON) is detected, fetched again and replaced', async () => {
    const file = caseFile((f) => {
      const db = new Database(f);
      // A column renamed: the outline still parses, but serving it would make the query fail (ENO_COLUMN).
      db.prepare(`UPDATE catalog_entry SET catalog = replace(catalog, '"name":"CreditLimit"', '"name":"CreditLimmit"')`).run();
      assert.ok(String(db.prepare('SELECT catalog FROM catalog_entry').pluck().get()).includes('CreditLimmit'));
      db.close();
    });
    const first = await connectAndQuery(file);
    assert.deepEqual(first.answer, ctx.expected);
    assert.equal(first.metadata, 1, 'the altered entry was not served');
    assert.equal((await connectAndQuery(file)).metadata, 0, 'replaced: the next connection hits the cache');
  });
});
