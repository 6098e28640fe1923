/**
 * The desktop flow (InitiateOAuth=GETANDREFRESH) end to end in a real headless browser (Debian's
 * chromium driven by playwright-core): connect() opens the URL through its openBrowser option, the
 * browser signs in and consents on the provider's pages, the redirect reaches the driver's loopback
 * listener, the code is exchanged with its PKCE verifier, and a query returns rows. A forged redirect
 * with the wrong state is refused; the next connection refreshes silently with no browser.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';
import { connect } from '../../src/index.ts';
import { AzureAdSession, refreshTokenOf } from '../../src/auth/azure-ad-session.ts';
import { desktopSignIn } from '../../src/auth/desktop-flow.ts';
import { openSettingsStore } from '../../src/auth/settings-store.ts';
import { resolveConfig } from '../../src/config/resolve.ts';
import { startHarness, type Harness } from '../auth/harness.ts';
import { DESKTOP_CLIENT_ID } from '../auth/identity-provider.ts';

const FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const port = (s.address() as AddressInfo).port;
      s.close(() => resolve(port));
    });
  });
}

describe('desktop sign-in in headless chromium', () => {
  let h: Harness;
  let browser: BrowserContext;
  let profile: string;
  let port: number;
  before(async () => {
    port = await freePort();
    h = await startHarness({ desktopRedirects: [`http://localhost:${port}`] });
    profile = mkdtempSync(join(tmpdir(), 'ksql-chromium-'));
    browser = await chromium.launchPersistentContext(profile, {
      executablePath: '/usr/bin/chromium',
      headless: true,
      // Trust exactly the provider's test certificate, in this browser only.
      args: [...FLAGS, `--ignore-certificate-errors-spki-list=${h.idp.tls.spki}`],
    });
  });
  after(async () => {
    await browser.close();
    await h.close();
    rmSync(profile, { recursive: true, force: true });
  });

  it('signs in through the browser, rejects a wrong state, then refreshes silently', async () => {
    const cs = h.cs({
      OAuthClientId: DESKTOP_CLIENT_ID,
      OAuthClientSecret: undefined,
      InitiateOAuth: 'GETANDREFRESH',
      CallbackURL: `http://localhost:${port}`,
      OAuthSettingsLocation: join(h.dir, 'desktop', 'OAuthSettings.txt'),
    });
    let forged = 0;
    let signedIn: Promise<string> | undefined;
    const db = await connect(cs, {
      signInTimeoutMs: 60_000,
      openBrowser: async (url) => {
        assert.match(url, /code_challenge_method=S256/);
        assert.match(url, /[?&]state=[\w-]{16,}/);
        const answer = await fetch(`http://127.0.0.1:${port}/?code=forged-code&state=not-the-state`);
        forged = answer.status;
        await answer.body?.cancel();
        signedIn = (async () => {
          const page = await browser.newPage();
          await page.goto(url);
          await page.fill('#login', 'hana');
          await page.click('#submit');
          await page.waitForSelector('#submit');
          await page.click('#submit');
          await page.waitForURL(`http://localhost:${port}/**`);
          const text = (await page.textContent('body')) ?? '';
          await page.close();
          return text;
        })();
        return true;
      },
    });
    try {
      assert.equal(forged, 400, 'a redirect with the wrong state is refused');
      assert.match(await signedIn!, /Signed in/);
      assert.equal(h.idp.grants['authorization_code'], 1, 'the forged code was never exchanged');
      assert.equal((await db.query('SELECT TOP 3 CustID FROM Customers')).rowCount, 3);
    } finally {
      await db.close();
    }
    const again = await connect(cs, { openBrowser: () => assert.fail('no browser the second time') });
    try {
      assert.equal((await again.query('SELECT TOP 1 CustID FROM Customers')).rowCount, 1);
    } finally {
      await again.close();
    }
  });
});

describe('GetOAuthAccessToken AuthMode=APP', () => {
  let h: Harness;
  let port: number;
  before(async () => {
    port = await freePort();
    h = await startHarness({ desktopRedirects: [`http://localhost:${port}`] });
  });
  after(async () => h.close());

  it('runs the desktop sign-in from the procedure (public client, PKCE, loopback listener) and the connection reads rows', async () => {
    const delivered: number[] = [];
    const cs = h.cs({ OAuthClientId: DESKTOP_CLIENT_ID, OAuthClientSecret: undefined, CallbackURL: `http://localhost:${port}` });
    const db = await connect(cs, {
      openBrowser: async (url) => {
        // The user's browser, without a browser: sign in, then follow the redirect to the listener.
        const redirect = await h.idp.signIn(url, 'olga');
        const answer = await fetch(redirect);
        delivered.push(answer.status);
        await answer.body?.cancel();
      },
    });
    try {
      const row = (await db.execute('EXEC GetOAuthAccessToken')).rows[0]!;
      assert.deepEqual(delivered, [200]);
      assert.match(String(row['OAuthAccessToken']), /^ey/);
      assert.equal((await db.query('SELECT TOP 2 CustID FROM Customers')).rowCount, 2);
    } finally {
      await db.close();
    }
  });

  it('with no browser, prints the URL and what to do, and still completes when someone opens it', async () => {
    const config = resolveConfig(h.cs({ OAuthClientId: DESKTOP_CLIENT_ID, OAuthClientSecret: undefined, CallbackURL: `http://localhost:${port}` }));
    const session = new AzureAdSession(config, openSettingsStore('memory://no-browser'));
    const printed: string[] = [];
    try {
      const tokens = await desktopSignIn(session, {
        callbackURL: config.callbackURL,
        openBrowser: () => false,
        timeoutMs: 30_000,
        print: (line) => {
          printed.push(line);
          const url = /^https:\S+$/m.exec(line)![0];
          void h.idp.signIn(url, 'pia').then(async (redirect) => (await fetch(redirect)).body?.cancel());
        },
      });
      assert.match(tokens.accessToken, /^ey/);
      assert.match(printed.join('\n'), /No browser could be opened\. Open this URL in a browser on this machine and sign in \(waiting 30 s\):\nhttps:\/\/localhost:\d+\/contoso-test\/v2\.0\/auth\?[\s\S]*kinetic-sql oauth url, then OAuthVerifier/);
    } finally {
      await session.close();
    }
  });

  it('GETANDREFRESH signs in again when the stored refresh token was revoked', async () => {
    const file = join(h.dir, 'revoked', 'OAuthSettings.txt');
    const cs = h.cs({ OAuthClientId: DESKTOP_CLIENT_ID, OAuthClientSecret: undefined, InitiateOAuth: 'GETANDREFRESH', CallbackURL: `http://localhost:${port}`, OAuthSettingsLocation: file });
    let opened = 0;
    const openBrowser = async (url: string) => {
      opened++;
      await (await fetch(await h.idp.signIn(url, 'quinn'))).body?.cancel();
    };
    await (await connect(cs, { openBrowser })).close();
    assert.equal(opened, 1);
    const store = openSettingsStore(file);
    const stored = (await store.read())!;
    await h.idp.revoke(refreshTokenOf(stored.msalCache, stored.homeAccountId)!, DESKTOP_CLIENT_ID);
    await store.write({ ...stored, expiresAt: Date.now() + 1000 }); // due for renewal
    const db = await connect(cs, { openBrowser });
    try {
      assert.equal(opened, 2, 'the refused refresh led to a new browser sign-in');
      assert.equal((await db.query('SELECT TOP 1 CustID FROM Customers')).rowCount, 1);
    } finally {
      await db.close();
    }
  });
});
