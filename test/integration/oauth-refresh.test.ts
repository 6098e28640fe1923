/**
 * InitiateOAuth=REFRESH against a real OpenID provider: the headless first exchange with OAuthVerifier,
 * later connections (and processes) refreshing from the settings file, renewal before expiry (injected
 * clock), a 401 answered by one refresh and one retry, a revoked refresh token, three processes
 * refreshing one file at once, and no token, code or secret in the file, the logs or the errors.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { connect, KineticError } from '../../src/index.ts';
import { createAuth } from '../../src/auth/create-auth.ts';
import { resolveConfig } from '../../src/config/resolve.ts';
import { EpicorClient } from '../../src/epicor/client.ts';
import { entitySetUrl } from '../../src/epicor/routes.ts';
import { errorText, startHarness, type Harness } from '../auth/harness.ts';
import { runChild } from '../auth/child.ts';
import { WEB_CALLBACK, WEB_CLIENT } from '../auth/identity-provider.ts';

async function codeFor(h: Harness, user: string): Promise<string> {
  const db = await connect(h.cs());
  try {
    const url = String((await db.callProcedure('GetOAuthAuthorizationURL', { CallbackURL: WEB_CALLBACK })).rows[0]!['URL']);
    return (await h.idp.signIn(url, user)).searchParams.get('code')!;
  } finally {
    await db.close();
  }
}

describe('InitiateOAuth=REFRESH: headless sign-in and refreshing from the settings file', () => {
  let h: Harness;
  const secrets: string[] = [WEB_CLIENT.secret];
  before(async () => {
    h = await startHarness();
  });
  after(async () => h.close());

  it('REFRESH with nothing stored is EPROPERTY saying what to do', async () => {
    await assert.rejects(connect(h.cs({ InitiateOAuth: 'REFRESH', OAuthSettingsLocation: join(h.dir, 'empty', 'none.txt') })), (err: unknown) => {
      assert.ok(err instanceof KineticError);
      assert.equal(err.code, 'EPROPERTY');
      assert.match(err.message, /nothing to refresh from.*OAuthVerifier/s);
      return true;
    });
  });

  it('option 1: OAuthVerifier is exchanged once; later processes refresh from the file; the file and log hold no secret', async () => {
    const code = await codeFor(h, 'dave');
    secrets.push(code);
    const file = join(h.dir, 'headless', 'OAuthSettings.txt');
    const log = join(h.dir, 'headless.log');
    const db = await connect(h.cs({ InitiateOAuth: 'REFRESH', OAuthVerifier: code, OAuthSettingsLocation: file, Logfile: log, Verbosity: '5' }));
    try {
      assert.equal((await db.query('SELECT TOP 2 CustID FROM Customers')).rowCount, 2);
    } finally {
      await db.close();
    }
    const before = h.idp.grants['refresh_token'] ?? 0;
    const child = await runChild(h.cs({ InitiateOAuth: 'REFRESH', OAuthSettingsLocation: file }), [['SELECT TOP 3 CustID FROM Customers']]);
    assert.equal(child.error, undefined, JSON.stringify(child.error));
    assert.equal(child.results[0]!.rowCount, 3);
    assert.equal(h.idp.grants['refresh_token'] ?? 0, before, 'a fresh stored access token is used as is');
    const raw = readFileSync(file, 'utf8') + readFileSync(log, 'utf8');
    for (const s of secrets) assert.ok(!raw.includes(s), 'no code or secret in the settings file or the log');
    assert.ok(!/eyJ[\w-]{20,}/.test(raw), 'no JWT in the settings file or the log');
    assert.match(readFileSync(log, 'utf8'), /exec: GetOAuthAuthorizationURL|oauth: access token obtained/);
  });

  it('option 2: a settings file copied with its key file to another folder (machine) works there', async () => {
    const from = join(h.dir, 'headless', 'OAuthSettings.txt');
    const to = join(h.dir, 'other-machine', 'OAuthSettings.txt');
    mkdirSync(join(h.dir, 'other-machine'));
    copyFileSync(from, to);
    copyFileSync(`${from}.key`, `${to}.key`);
    const child = await runChild(h.cs({ InitiateOAuth: 'REFRESH', OAuthSettingsLocation: to }), [['SELECT TOP 1 CustID FROM Customers']]);
    assert.equal(child.results[0]?.rowCount, 1, JSON.stringify(child.error));
  });

  it('renews before expiry (clock moved forward), and a 401 triggers one refresh and one retry', async () => {
    const code = await codeFor(h, 'erin');
    const config = resolveConfig(h.cs({ InitiateOAuth: 'REFRESH', OAuthVerifier: code, OAuthSettingsLocation: join(h.dir, 'clock', 's.txt') }));
    let offset = 0;
    const auth = createAuth(config, { requestToken: () => Promise.reject(new Error('unused')), now: () => Date.now() + offset });
    const client = new EpicorClient(config, { auth: auth.provider });
    const url = entitySetUrl(config, 'Erp.BO.CustomerSvc', 'Customers', '$top=1');
    try {
      await client.getJson(url);
      const refreshes = () => h.idp.grants['refresh_token'] ?? 0;
      const r0 = refreshes();
      await client.getJson(url);
      assert.equal(refreshes(), r0, 'no renewal while the token is fresh');
      offset = 56 * 60_000; // 4 minutes before the 1 h token expires: inside the renewal margin
      await client.getJson(url);
      assert.equal(refreshes(), r0 + 1, 'renewed before expiry');
      await client.getJson(url);
      assert.equal(refreshes(), r0 + 1);
      // Epicor refuses the token it still considers valid (for example revoked server-side): the simulator answers 401.
      const retriesBefore = client.stats.retries;
      auth.azureAd!.adopt({ accessToken: 'eyJhbGciOiJSUzI1NiJ9.eyJ0aWQiOiJ4In0.invalid-signature', expiresAt: Date.now() + 3600_000 + offset });
      await client.getJson(url);
      assert.equal(refreshes(), r0 + 2, 'one refresh after the 401');
      assert.equal(client.stats.retries, retriesBefore + 1, 'one retry');
    } finally {
      await client.close();
      await auth.close();
    }
  });

  it('a revoked refresh token is EAUTH saying how to sign in again, without the token', async () => {
    const db = await connect(h.cs());
    let refreshToken: string;
    try {
      const url = String((await db.callProcedure('GetOAuthAuthorizationURL', {})).rows[0]!['URL']);
      const code = (await h.idp.signIn(url, 'frank')).searchParams.get('code')!;
      refreshToken = String((await db.callProcedure('GetOAuthAccessToken', { AuthMode: 'WEB', Verifier: code })).rows[0]!['OAuthRefreshToken']);
    } finally {
      await db.close();
    }
    await h.idp.revoke(refreshToken);
    const other = await connect(h.cs());
    try {
      await assert.rejects(other.callProcedure('RefreshOAuthAccessToken', { OAuthRefreshToken: refreshToken }), (err: unknown) => {
        assert.ok(err instanceof KineticError);
        assert.equal(err.code, 'EAUTH');
        assert.match(err.message, /revoked or expired, sign in again/);
        assert.ok(!errorText(err).includes(refreshToken));
        return true;
      });
    } finally {
      await other.close();
    }
  });

  it('three processes refreshing one settings file at once all succeed and leave one valid file', async () => {
    const code = await codeFor(h, 'gina');
    const file = join(h.dir, 'three', 'OAuthSettings.txt');
    const first = await runChild(h.cs({ InitiateOAuth: 'REFRESH', OAuthVerifier: code, OAuthSettingsLocation: file }), [['SELECT TOP 1 CustID FROM Customers']]);
    assert.equal(first.error, undefined, JSON.stringify(first.error));
    // An access token about to expire in the file: each process must renew, under the lock.
    const { openSettingsStore } = await import('../../src/auth/settings-store.ts');
    const store = openSettingsStore(file);
    const s = (await store.read())!;
    await store.write({ ...s, expiresAt: Date.now() + 1000 });
    const before = h.idp.grants['refresh_token'] ?? 0;
    const cs = h.cs({ InitiateOAuth: 'REFRESH', OAuthSettingsLocation: file });
    const answers = await Promise.all([1, 2, 3].map(() => runChild(cs, [['SELECT TOP 1 CustID FROM Customers']])));
    for (const a of answers) assert.equal(a.results[0]?.rowCount, 1, JSON.stringify(a.error));
    assert.equal((h.idp.grants['refresh_token'] ?? 0) - before, 1, 'one process refreshed, the others used its token');
    assert.ok((await openSettingsStore(file).read())?.accessToken);
  });
});
