/** The OAuth settings store: AES-256-GCM at rest, mode 0600, atomic writes, damage reported as EOAUTH, memory:// shared in the process. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chmodSync, existsSync, lstatSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openSettingsStore } from '../../src/auth/settings-store.ts';
import { KineticError } from '../../src/errors.ts';

const SECRET_TOKEN = 'eyJsecret-access-token-value';
const CACHE = JSON.stringify({ RefreshToken: { k: { secret: 'refresh-token-value-0123456789' } } });

function scratch(): string {
  return mkdtempSync(join(tmpdir(), 'ksql-store-'));
}

test('a file store encrypts what it writes, with mode 0600 and its key in a 0600 key file, and reads it back', async () => {
  const dir = scratch();
  try {
    const file = join(dir, 'nested', 'OAuthSettings.txt');
    const store = openSettingsStore(file);
    await store.write({ accessToken: SECRET_TOKEN, expiresAt: 123, msalCache: CACHE });
    const raw = readFileSync(file, 'utf8');
    assert.ok(!raw.includes(SECRET_TOKEN) && !raw.includes('refresh-token-value'), 'nothing readable at rest');
    assert.match(raw, /^epicor-kinetic-sql OAuth settings v1\nkeyfile\./);
    assert.equal(statSync(file).mode & 0o777, 0o600);
    assert.equal(statSync(`${file}.key`).mode & 0o777, 0o600);
    assert.deepEqual(await openSettingsStore(file).read(), { accessToken: SECRET_TOKEN, expiresAt: 123, msalCache: CACHE });
    assert.deepEqual(readdirSync(join(dir, 'nested')).sort(), ['OAuthSettings.txt', 'OAuthSettings.txt.key'], 'no temporary file is left');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('with OAuthSettingsKey the file is encrypted with the passphrase: another passphrase or the key file cannot read it', async () => {
  const dir = scratch();
  try {
    const file = join(dir, 'settings.txt');
    await openSettingsStore(file, 'correct horse').write({ accessToken: SECRET_TOKEN });
    assert.equal((await openSettingsStore(file, 'correct horse').read())?.accessToken, SECRET_TOKEN);
    for (const other of [openSettingsStore(file, 'wrong horse'), openSettingsStore(file)]) {
      await assert.rejects(other.read(), (err: unknown) => err instanceof KineticError && err.code === 'EOAUTH' && /delete it and sign in again/.test(err.message));
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a damaged file (edited, truncated, empty) is EOAUTH with guidance, never a crash', async () => {
  const dir = scratch();
  try {
    const file = join(dir, 'settings.txt');
    const store = openSettingsStore(file);
    await store.write({ accessToken: SECRET_TOKEN });
    const good = readFileSync(file, 'utf8');
    const flipped = good.slice(0, -10) + (good.at(-10) === 'A' ? 'B' : 'A') + good.slice(-9);
    for (const text of [flipped, good.slice(0, 60), '']) {
      writeFileSync(file, text);
      await assert.rejects(openSettingsStore(file).read(), (err: unknown) => {
        assert.ok(err instanceof KineticError);
        assert.equal(err.code, 'EOAUTH');
        assert.match(err.message, /cannot be used .*delete it and sign in again/);
        assert.ok(!err.message.includes(SECRET_TOKEN));
        return true;
      });
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a file that is not ours (a user\'s file, a symlink) is EPROPERTY, never read, replaced or deleted', async () => {
  const dir = scratch();
  try {
    const file = join(dir, 'notes.txt');
    writeFileSync(file, 'my own notes\n');
    chmodSync(file, 0o644);
    const link = join(dir, 'link.txt');
    symlinkSync(file, link);
    for (const path of [file, link]) {
      const store = openSettingsStore(path);
      for (const action of [() => store.read(), () => store.write({ accessToken: SECRET_TOKEN }), () => store.clear()]) {
        await assert.rejects(action(), (err: unknown) => {
          assert.ok(err instanceof KineticError);
          assert.equal(err.code, 'EPROPERTY');
          assert.match(err.message, /OAuthSettingsLocation .*left untouched/);
          return true;
        });
      }
      assert.ok(existsSync(path));
    }
    assert.equal(readFileSync(file, 'utf8'), 'my own notes\n');
    assert.equal(statSync(file).mode & 0o777, 0o644);
    assert.ok(lstatSync(link).isSymbolicLink());
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('memory://name is shared within the process, case-insensitively, and separate per name', async () => {
  await openSettingsStore('memory://Shared-A').write({ accessToken: 'a' });
  assert.equal((await openSettingsStore('memory://shared-a').read())?.accessToken, 'a');
  assert.equal(await openSettingsStore('memory://shared-b').read(), undefined);
});

test('locked() runs one holder at a time, within the process (memory) and across holders of one file', async () => {
  const dir = scratch();
  try {
    for (const store of [openSettingsStore('memory://lock-test'), openSettingsStore(join(dir, 's.txt'))]) {
      let inside = 0;
      let most = 0;
      await Promise.all(
        Array.from({ length: 5 }, () =>
          store.locked(async () => {
            most = Math.max(most, ++inside);
            await new Promise((r) => setTimeout(r, 15));
            inside--;
          }),
        ),
      );
      assert.equal(most, 1);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
