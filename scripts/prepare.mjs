#!/usr/bin/env node
// `npm install` / `npm ci` in a checkout build dist/ so that `npx kinetic-sql` works at once. A production
// install (`--omit=dev`) has no TypeScript: skip the build there instead of failing the install.
import { createRequire } from 'node:module';
import { spawnSync } from 'node:child_process';

try {
  createRequire(import.meta.url).resolve('typescript');
} catch {
  console.log('prepare: TypeScript is not installed (production install): dist/ is not built.');
  process.exit(0);
}
const npm = process.env.npm_execpath;
const r = npm
  ? spawnSync(process.execPath, [npm, 'run', 'build'], { stdio: 'inherit' })
  : spawnSync('npm', ['run', 'build'], { stdio: 'inherit', shell: process.platform === 'win32' });
process.exit(r.status ?? 1);
