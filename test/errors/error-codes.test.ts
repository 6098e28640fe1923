import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import * as errors from '../../src/errors.ts';
import { ERROR_CODES, KineticError, KineticHttpError, KineticPropertyError, KineticSqlError } from '../../src/index.ts';

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) return p.endsWith('simulator') ? [] : sources(p);
    return p.endsWith('.ts') && p !== join('src', 'errors.ts') ? [p] : [];
  });
}

const driverText = [...sources('src'), ...(statSync('procedures', { throwIfNoEntry: false })?.isDirectory() ? sources('procedures') : [])]
  .map((f) => readFileSync(f, 'utf8'))
  .join('\n');

test('every declared code is thrown somewhere in the driver', () => {
  for (const code of Object.keys(ERROR_CODES)) {
    assert.ok(driverText.includes(`'${code}'`), `${code} is declared in ERROR_CODES but no source file uses it`);
  }
});

test('every code a source file throws with `new KineticXError(...)` is owned by that class', () => {
  const owner = ERROR_CODES as Readonly<Record<string, { owner: string }>>;
  for (const m of driverText.matchAll(/new (Kinetic\w*Error)\('([A-Z_]+)'/g)) {
    assert.equal(owner[m[2]!]?.owner, m[1], `${m[1]} thrown with ${m[2]}`);
  }
});

test('the README documents every code with its class', () => {
  const readme = readFileSync('README.md', 'utf8');
  for (const [code, { owner }] of Object.entries(ERROR_CODES)) {
    assert.match(readme, new RegExp(`\\| \`${code}\` \\| \`${owner}\` \\|`), `README lacks the row of ${code}`);
  }
});

test('the base class cannot be used to throw a code another class owns', () => {
  const err = new KineticSqlError('ENO_COLUMN', 'x');
  assert.ok(err instanceof KineticError);
  assert.ok(err instanceof KineticSqlError);
  assert.ok(!(err instanceof KineticHttpError));
  assert.equal(err.name, 'KineticSqlError');
  assert.equal(typeof errors.KineticError, 'function');
});

test('instanceof works across two loaded copies of the package', async () => {
  // A query string gives the same file a second module instance, as a second installed copy would be.
  // The same file as the static import above, whether the tests run as TypeScript or compiled to .js.
  const second: string = new URL(`../../src/errors${import.meta.url.endsWith('.js') ? '.js' : '.ts'}?second-copy`, import.meta.url).href;
  const copy = (await import(second)) as typeof errors;
  assert.notEqual(copy.KineticPropertyError, KineticPropertyError, 'the test needs two distinct module instances');
  const foreign = new copy.KineticPropertyError('EPROPERTY', 'from another copy');
  assert.ok(foreign instanceof KineticError);
  assert.ok(foreign instanceof KineticPropertyError);
  assert.ok(!(foreign instanceof KineticSqlError));
  const local = new KineticSqlError('EPARAM', 'here');
  assert.ok(local instanceof copy.KineticError);
  assert.ok(local instanceof copy.KineticSqlError);
  assert.ok(!(new Error('plain') instanceof KineticError));
});
