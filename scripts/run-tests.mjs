#!/usr/bin/env node
// Runs every test file under test/ with node:test through tsx. node:test on Node 20 runs zero tests and
// exits 0 when given no files or a directory, so the list is built here and an empty list is a failure.
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { spawn } from 'node:child_process';

function walk(dir) {
  const out = [];
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...walk(p));
    else if (name.endsWith('.test.ts')) out.push(p);
  }
  return out;
}

const filter = process.argv.slice(2);
let files = walk('test');
if (filter.length) files = files.filter((f) => filter.some((s) => f.includes(s)));
if (files.length === 0) {
  console.error('run-tests: no test files found under test/' + (filter.length ? ` matching ${filter.join(' ')}` : ''));
  process.exit(1);
}
// The TAP reporter ends with "# tests N"; zero tests executed is a failure too (a file list whose files
// declare no test would otherwise pass).
const child = spawn(process.execPath, ['--import', 'tsx', '--test', '--test-reporter=tap', '--test-concurrency=2', ...files], {
  stdio: ['ignore', 'pipe', 'inherit'],
});
let tail = '';
child.stdout.on('data', (chunk) => {
  process.stdout.write(chunk);
  tail = (tail + chunk.toString()).slice(-4096);
});
child.on('close', (code) => {
  const m = /^# tests (\d+)$/m.exec(tail);
  if (!m || Number(m[1]) === 0) {
    console.error('run-tests: no test was executed');
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
