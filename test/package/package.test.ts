/**
 * The published package, as `npm run build` and `npm pack` make it in a scratch folder: it holds what a
 * user needs (the built code and its types for the three entry points, the procedures, the simulator's
 * schemas, README and docs) and nothing else (no sources, tests, caches or source maps), and
 * @arethetypeswrong/cli finds the types of ".", "./simulator" and "./kysely" resolving under ESM
 * (node16 from ESM, and bundlers), as a user's TypeScript would read them.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { SOURCE_ROOT as root } from '../support/program.ts';

const ENTRY_POINTS = ['.', './simulator', './kysely'];
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
  exports: Record<string, { types: string; import: string }>;
  dependencies: Record<string, string>;
  peerDependencies: Record<string, string>;
  peerDependenciesMeta: Record<string, { optional?: boolean }>;
};

let dir: string;
let tarball: string;
let files: string[];

before(() => {
  dir = mkdtempSync(join(tmpdir(), 'ksql-package-'));
  for (const f of ['package.json', 'README.md', 'docs', 'LICENSE']) if (existsSync(join(root, f))) cpSync(join(root, f), join(dir, f), { recursive: true });
  symlinkSync(join(root, 'node_modules'), join(dir, 'node_modules'), 'dir');
  // `npm run build`: tsc, then scripts/copy-assets.mjs (the simulator's schemas).
  execFileSync(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-p', join(root, 'tsconfig.build.json'), '--outDir', join(dir, 'dist')], { stdio: 'pipe' });
  cpSync(join(root, 'src/simulator/schemas'), join(dir, 'dist/src/simulator/schemas'), { recursive: true });
  const out = execFileSync('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', dir], { cwd: dir, encoding: 'utf8' });
  const [packed] = JSON.parse(out) as { filename: string; files: { path: string }[] }[];
  assert.ok(packed);
  tarball = join(dir, packed.filename);
  files = packed.files.map((f) => f.path);
});

after(() => rmSync(dir, { recursive: true, force: true }));

test('npm pack holds the built entry points with their types, the procedures, the schemas, README, LICENSE and docs', () => {
  assert.deepEqual(Object.keys(pkg.exports), ENTRY_POINTS);
  for (const entry of Object.values(pkg.exports)) {
    for (const file of [entry.types, entry.import]) assert.ok(files.includes(file.replace(/^\.\//, '')), `${file} is packed`);
  }
  for (const f of ['package.json', 'README.md', 'LICENSE', 'docs/properties.md', 'docs/sql.md', 'dist/src/cli/main.js', 'dist/procedures/registry.js', 'dist/src/simulator/schemas/Erp.BO.CustomerSvc.json']) {
    assert.ok(files.includes(f), `${f} is packed`);
  }
});

test('npm pack holds nothing else: no sources, tests, caches or source maps', () => {
  const allowed = /^(package\.json|README\.md|LICENSE|docs\/[^/]+\.md|dist\/(src|procedures)\/.+\.(js|d\.ts)|dist\/src\/simulator\/schemas\/[^/]+\.(json|xml))$/;
  const unexpected = files.filter((f) => !allowed.test(f));
  assert.deepEqual(unexpected, []);
  assert.ok(!files.some((f) => /(^|\/)(test|\.cache|examples|bench|scripts)\//.test(f) || f.endsWith('.map') || f.endsWith('.ts') && !f.endsWith('.d.ts')));
});

test('the types of every entry point resolve under ESM (@arethetypeswrong/cli, profile esm-only)', () => {
  const cli = join(root, 'node_modules/@arethetypeswrong/cli/dist/index.js');
  // attw exits 1 when it finds a problem the profile counts; the JSON says which.
  let json: string;
  try {
    json = execFileSync(process.execPath, [cli, tarball, '--profile', 'esm-only', '--format', 'json'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  } catch (err) {
    assert.fail(`attw found problems:\n${(err as { stdout?: string }).stdout ?? String(err)}`);
  }
  const report = JSON.parse(json) as {
    analysis: { entrypoints: Record<string, { resolutions: Record<string, { resolution?: { fileName: string }; visibleProblems?: number[] }> }> };
  };
  assert.deepEqual(Object.keys(report.analysis.entrypoints), ENTRY_POINTS);
  for (const [entry, { resolutions }] of Object.entries(report.analysis.entrypoints)) {
    for (const kind of ['node16-esm', 'bundler']) {
      const r = resolutions[kind];
      assert.match(r?.resolution?.fileName ?? '', /\/dist\/src\/.*index\.d\.ts$/, `${entry} resolves its types under ${kind}`);
      assert.deepEqual(r?.visibleProblems ?? [], [], `${entry} under ${kind}`);
    }
  }
});

test('kysely is an optional peer dependency, not a dependency, and only the kysely entry point imports it', () => {
  assert.equal(pkg.dependencies['kysely'], undefined);
  assert.ok(pkg.peerDependencies['kysely']);
  assert.equal(pkg.peerDependenciesMeta['kysely']?.optional, true);
  const importers = files.filter((f) => f.endsWith('.js') && /from ["']kysely["']/.test(readFileSync(join(dir, f), 'utf8')));
  assert.ok(importers.length > 0);
  assert.deepEqual(importers.filter((f) => !f.startsWith('dist/src/kysely/')), []);
});

test('the built kysely entry point loads beside the installed kysely', async () => {
  const mod = (await import(pathToFileURL(join(dir, 'dist/src/kysely/index.js')).href)) as Record<string, unknown>;
  assert.equal(typeof mod['KineticDialect'], 'function');
});
