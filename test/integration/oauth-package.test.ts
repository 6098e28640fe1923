/**
 * The published package ships the stored procedures: a fresh build of src/ and procedures/ in a scratch
 * folder, packed with `npm pack --dry-run` under this package.json's `files`, lists dist/procedures, and
 * the built driver loads its procedure registry from there.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SOURCE_ROOT } from '../support/program.ts';
import { pathToFileURL } from 'node:url';

const root = SOURCE_ROOT;

test('npm pack ships dist/procedures next to dist/src, and the built connection finds the registry', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'ksql-pack-'));
  try {
    for (const f of ['package.json', 'README.md', 'docs']) cpSync(join(root, f), join(dir, f), { recursive: true });
    symlinkSync(join(root, 'node_modules'), join(dir, 'node_modules'), 'dir');
    execFileSync(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-p', join(root, 'tsconfig.build.json'), '--outDir', join(dir, 'dist')], { stdio: 'pipe' });
    const out = execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: dir, encoding: 'utf8' });
    const files = (JSON.parse(out) as { files: { path: string }[] }[])[0]!.files.map((f) => f.path);
    for (const f of ['dist/procedures/registry.js', 'dist/procedures/get-oauth-access-token.js', 'dist/procedures/get-oauth-authorization-url.js', 'dist/procedures/refresh-oauth-access-token.js', 'dist/src/connection.js', 'dist/src/auth/azure-ad-session.js']) {
      assert.ok(files.includes(f), `${f} is packed`);
    }
    assert.ok(!files.some((f) => f.startsWith('test/') || f.startsWith('procedures/')), 'no sources or tests are packed');
    assert.match(readFileSync(join(dir, 'dist/src/connection.js'), 'utf8'), /from ["']\.\.\/procedures\/registry\.js["']/);
    const registry = (await import(pathToFileURL(join(dir, 'dist/procedures/registry.js')).href)) as { PROCEDURES: { name: string }[] };
    assert.equal(registry.PROCEDURES.length, 3);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
