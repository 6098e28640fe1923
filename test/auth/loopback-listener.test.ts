/** The desktop flow's loopback listener and the settings lock, on real sockets and files. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, utimesSync, writeFileSync, existsSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { listenForCallback } from '../../src/auth/loopback-listener.ts';
import { withFileLock } from '../../src/auth/file-lock.ts';
import { KineticError } from '../../src/errors.ts';

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const port = (s.address() as AddressInfo).port;
      s.close(() => resolve(port));
    });
  });
}

async function status(url: string): Promise<number> {
  const r = await fetch(url);
  await r.body?.cancel();
  return r.status;
}

test('answers 404 off the callback path and 400 to a wrong state, then takes the code with the right state (IPv4 and IPv6)', async () => {
  const port = await freePort();
  const listener = await listenForCallback(`http://localhost:${port}/cb`, 'right-state', 10_000);
  try {
    assert.equal(await status(`http://127.0.0.1:${port}/other?state=right-state&code=c`), 404);
    assert.equal(await status(`http://127.0.0.1:${port}/cb?state=wrong&code=forged`), 400);
    assert.equal(await status(`http://[::1]:${port}/cb?state=right-state&code=the-code`), 200);
    assert.equal(await listener.code, 'the-code');
  } finally {
    await listener.close();
  }
});

test('error= with the right state, nobody signing in, and a CallbackURL that is not loopback are EOAUTH', async () => {
  const port = await freePort();
  const denied = await listenForCallback(`http://127.0.0.1:${port}`, 's', 10_000);
  assert.equal(await status(`http://127.0.0.1:${port}/?state=s&error=access_denied&error_description=The+user+said+no`), 400);
  await assert.rejects(denied.code, (err: unknown) => err instanceof KineticError && err.code === 'EOAUTH' && /access_denied: The user said no/.test(err.message));
  await denied.close();
  const idle = await listenForCallback(`http://127.0.0.1:${port}`, 's', 50);
  await assert.rejects(idle.code, (err: unknown) => err instanceof KineticError && err.code === 'EOAUTH' && /Nobody completed the sign-in/.test(err.message));
  await idle.close();
  await assert.rejects(listenForCallback('https://app.example.com/cb', 's', 50), (err: unknown) => err instanceof KineticError && err.code === 'EOAUTH' && /must be http:\/\/localhost:PORT/.test(err.message));
});

test('a port in use is EOAUTH saying to free it or choose another CallbackURL', async () => {
  const port = await freePort();
  const first = await listenForCallback(`http://127.0.0.1:${port}`, 's', 10_000);
  try {
    await assert.rejects(listenForCallback(`http://127.0.0.1:${port}`, 's', 10_000), (err: unknown) => err instanceof KineticError && err.code === 'EOAUTH' && /EADDRINUSE.*another CallbackURL/.test(err.message));
  } finally {
    await first.close();
  }
});

test('the settings lock is taken over when its holder died (older than 30 s), and waits otherwise', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'ksql-lock-'));
  try {
    const file = join(dir, 'settings.txt');
    writeFileSync(`${file}.lock`, '99999');
    const old = new Date(Date.now() - 60_000);
    utimesSync(`${file}.lock`, old, old);
    assert.equal(await withFileLock(file, async () => 'ran'), 'ran');
    assert.equal(existsSync(`${file}.lock`), false, 'released');
    writeFileSync(`${file}.lock`, '99999');
    await assert.rejects(withFileLock(file, async () => 'ran', 100), (err: unknown) => err instanceof KineticError && err.code === 'EOAUTH' && /Could not lock the OAuth settings/.test(err.message));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
