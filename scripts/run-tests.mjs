#!/usr/bin/env node
// Runs every test file under test/ with node:test. The TypeScript of src/, test/ and examples/ is compiled
// once, with esbuild (what tsx uses, with tsx's options: the code runs as it does through tsx), into a
// fresh folder .cache/test-build-XXXXXX/ that mirrors the checkout; node:test then runs the JavaScript,
// and the tests start their child processes (CLI, cache workers) from that compiled copy too
// (test/support/program.ts), so no process pays for a TypeScript loader. The examples still run through
// tsx, as their users run them. The folder is inside the checkout so that node_modules and the package's
// "type": "module" apply to it unchanged; it is removed when the run ends.
//
// node:test on Node 20 runs zero tests and exits 0 when given no files or a directory, so the list is
// built here and an empty list is a failure.
//
//   node scripts/run-tests.mjs [substring ...]   only the test files whose path contains one of them
import { chmodSync, cpSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative, resolve } from 'node:path';
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
process.chdir(root);

function walk(dir, keep) {
  const out = [];
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...walk(p, keep));
    else if (keep(name)) out.push(p);
  }
  return out;
}
const escape = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const isTs = (name) => name.endsWith('.ts') && !name.endsWith('.d.ts');

const filter = process.argv.slice(2);
let files = walk('test', (name) => name.endsWith('.test.ts'));
if (filter.length) files = files.filter((f) => filter.some((s) => f.includes(s)));
if (files.length === 0) {
  console.error('run-tests: no test files found under test/' + (filter.length ? ` matching ${filter.join(' ')}` : ''));
  process.exit(1);
}

// Everything a test may import or start. bench/ is not run by the tests.
const sourceDirs = ['src', 'procedures', 'test', 'examples'].filter((d) => statSync(d, { throwIfNoEntry: false })?.isDirectory());
mkdirSync('.cache', { recursive: true });
const out = mkdtempSync(join('.cache', 'test-build-'));
// Readable by the other user some cache tests run their children as (mkdtemp makes it 0700).
chmodSync(out, 0o755);
let cleaned = false;
const cleanup = () => {
  if (!cleaned) rmSync(out, { recursive: true, force: true });
  cleaned = true;
};

try {
  // esbuild is tsx's own compiler (resolved through tsx, whose dependency it is).
  const esbuild = createRequire(createRequire(import.meta.url).resolve('tsx'))('esbuild');
  const entryPoints = sourceDirs.flatMap((d) => walk(d, isTs));
  await esbuild.build({
    entryPoints,
    outdir: out,
    outbase: '.',
    // "bundle" with every import external: one output file per source file, and the plugin below
    // rewrites relative `.ts` specifiers to `.js` (tsc's rewriteRelativeImportExtensions).
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: `node${process.versions.node}`,
    keepNames: true,
    sourcemap: 'inline',
    sourcesContent: false,
    logLevel: 'warning',
    plugins: [
      {
        name: 'every-import-external',
        setup(build) {
          build.onResolve({ filter: /.*/ }, (args) => {
            if (args.kind === 'entry-point') return undefined;
            const relativeTs = /^\.\.?\//.test(args.path) && /\.[cm]?ts(\?.*)?$/.test(args.path);
            const path = relativeTs ? args.path.replace(/\.([cm]?)ts(\?.*)?$/, '.$1js$2') : args.path;
            return { path, external: true };
          });
        },
      },
    ],
  });
  // Files the code reads next to itself (schemas, EDMX fixtures) and the docs a test reads by a path
  // relative to its own file.
  for (const d of sourceDirs) {
    for (const f of walk(d, (name) => !isTs(name))) cpSync(f, join(out, f));
  }
  if (statSync('docs', { throwIfNoEntry: false })?.isDirectory()) cpSync('docs', join(out, 'docs'), { recursive: true });
} catch (err) {
  cleanup();
  console.error(`run-tests: compiling the tests failed: ${err instanceof Error ? err.message : err}`);
  process.exit(1);
}

const compiled = files.map((f) => join(out, f.replace(/\.ts$/, '.js')));
// The TAP reporter ends with "# tests N"; zero tests executed is a failure too (a file list whose files
// declare no test would otherwise pass).
const child = spawn(process.execPath, ['--enable-source-maps', '--test', '--test-reporter=tap', '--test-concurrency=2', ...compiled], {
  stdio: ['ignore', 'pipe', 'inherit'],
});
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
let tail = '';
let line = '';
// node:test reports a file that declares no test as one passing test named by the file's path.
const empty = [];
const emptyFile = new RegExp(`^ok \\d+ - (${escape(resolve(out))}\\S*)$`);
child.stdout.on('data', (chunk) => {
  process.stdout.write(chunk);
  const text = chunk.toString();
  tail = (tail + text).slice(-4096);
  const lines = (line + text).split('\n');
  line = lines.pop() ?? '';
  for (const l of lines) {
    const m = emptyFile.exec(l);
    if (m) empty.push(relative(resolve(out), m[1]).replace(/\.js$/, '.ts'));
  }
});
child.on('close', (code) => {
  cleanup();
  const m = /^# tests (\d+)$/m.exec(tail);
  if (!m || Number(m[1]) === 0) {
    console.error('run-tests: no test was executed');
    process.exit(1);
  }
  if (empty.length) {
    console.error(`run-tests: no test declared in ${empty.join(', ')}`);
    process.exit(1);
  }
  // A skipped or todo test proves nothing while the suite reports green: treat it as a failure.
  for (const kind of ['skipped', 'todo']) {
    const n = Number(new RegExp(`^# ${kind} (\\d+)$`, 'm').exec(tail)?.[1] ?? 0);
    if (n > 0) {
      console.error(`run-tests: ${n} test(s) ${kind}; every test must run`);
      process.exit(1);
    }
  }
  process.exit(code ?? 1);
});
