import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { chmodSync, chownSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import Database from 'better-sqlite3';
import { metadataCacheKey } from '../../src/metadata/cache-key.ts';
import { openMetadataCache } from '../../src/metadata/metadata-cache.ts';
import { customerCatalog, scopeParts, tempFolder } from './helpers.ts';
import { programArgs } from '../support/program.ts';

const run = promisify(execFile);
const child = 'test/metadata/fixtures/cache-child.ts';
const key = metadataCacheKey({ ...scopeParts, service: 'Erp.BO.CustomerSvc' });
// Root ignores file modes, so as root the read-only cases run the child as `nobody`, for whom they hold.
const NOBODY = 65534;
const asRoot = process.getuid?.() === 0;

interface ChildReport {
  enabled: boolean;
  stored: number;
  hits: number;
  lines: string[];
}

async function runChild(args: string[], home: string): Promise<ChildReport> {
  const { stdout } = await run(process.execPath, programArgs(child, args), {
    cwd: process.cwd(),
    env: { PATH: process.env['PATH'] ?? '', HOME: home },
    ...(asRoot ? { uid: NOBODY, gid: NOBODY } : {}),
  });
  return JSON.parse(stdout) as ChildReport;
}

/** The folder for a read-only case: traversable by the child's user; `giveToChild` makes it theirs. */
function caseFolder(root: string, name: string, giveToChild: boolean): string {
  chmodSync(root, 0o755);
  const dir = join(root, name);
  mkdirSync(dir, { mode: 0o700 });
  if (asRoot && giveToChild) chownSync(dir, NOBODY, NOBODY);
  if (asRoot && !giveToChild) chmodSync(dir, 0o755);
  return dir;
}

async function writeCache(file: string): Promise<void> {
  const cache = await openMetadataCache(file);
  await cache.put(key, customerCatalog());
  cache.close();
  if (asRoot) chownSync(file, NOBODY, NOBODY);
}

test('two processes writing and reading the same new cache at once both succeed and leave one entry', async (t) => {
  const { dir, cleanup } = tempFolder();
  t.after(cleanup);
  const file = join(dir, 'cache', 'metadata.sqlite');
  const startAt = String(Date.now() + 1500);
  const env = { ...process.env };
  const spawnWorker = () =>
    run(process.execPath, programArgs(child, [file, 'worker', startAt, '20']), { cwd: process.cwd(), env });
  const outputs = await Promise.all([spawnWorker(), spawnWorker()]);
  for (const { stdout } of outputs) {
    const report = JSON.parse(stdout) as ChildReport;
    assert.deepEqual(report, { enabled: true, stored: 20, hits: 20, lines: [] });
  }
  const db = new Database(file, { readonly: true });
  t.after(() => db.close());
  assert.equal(db.pragma('integrity_check', { simple: true }), 'ok');
  const rows = db.prepare('SELECT scope, service, catalog FROM catalog_entry').all();
  assert.deepEqual(rows, [{ scope: key.scope, service: key.service, catalog: JSON.stringify(customerCatalog(35)) }]);
});

test('a read-only cache file gives a disabled cache, logged once, and the file is left as it was', async (t) => {
  const { dir, cleanup } = tempFolder();
  t.after(cleanup);
  const folder = caseFolder(dir, 'ro-file', true);
  const file = join(folder, 'metadata.sqlite');
  await writeCache(file);
  chmodSync(file, 0o444);
  const before = readFileSync(file);
  const report = await runChild([file, 'probe'], dir);
  assert.equal(report.enabled, false);
  assert.equal(report.stored, 0);
  assert.equal(report.hits, 0);
  assert.equal(report.lines.length, 1);
  assert.match(report.lines[0]!, /not writable/);
  assert.deepEqual(readFileSync(file), before);
});

test('a cache file in a read-only folder gives a disabled cache, logged once', async (t) => {
  const { dir, cleanup } = tempFolder();
  t.after(() => {
    chmodSync(join(dir, 'ro-folder'), 0o700);
    cleanup();
  });
  const folder = caseFolder(dir, 'ro-folder', false);
  await writeCache(join(folder, 'metadata.sqlite'));
  chmodSync(folder, 0o555);
  for (const file of [join(folder, 'metadata.sqlite'), join(folder, 'missing.sqlite')]) {
    const report = await runChild([file, 'probe'], dir);
    assert.deepEqual({ ...report, lines: report.lines.length }, { enabled: false, stored: 0, hits: 0, lines: 1 }, file);
    assert.match(report.lines[0]!, /not writable/);
  }
});
