/**
 * The web flow through the three procedures against a real OpenID provider in Azure AD's shape: a
 * connection with no token opens, its first data request says how to get one; the authorization URL
 * comes from one connection, the code is exchanged on another, the token reads rows, and a refresh
 * token renews it on a third.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { connect, KineticError } from '../../src/index.ts';
import { startHarness, errorText, type Harness } from '../auth/harness.ts';
import { WEB_CALLBACK, WEB_CLIENT } from '../auth/identity-provider.ts';
import { readFileSync } from 'node:fs';
import { runChild } from '../auth/child.ts';
import { join } from 'node:path';
import { metadataRequestCount } from './fixtures/cache-support.ts';
import { PROXY_PASSWORD, startProxy, type Proxy } from './fixtures/proxy.ts';

describe('web flow: GetOAuthAuthorizationURL, GetOAuthAccessToken, RefreshOAuthAccessToken', () => {
  let h: Harness;
  before(async () => {
    h = await startHarness();
  });
  after(async () => h.close());

  it('connects without a token; the first data request is EAUTH saying how to obtain one', async () => {
    const db = await connect(h.cs());
    try {
      await assert.rejects(db.query('SELECT TOP 1 CustID FROM Customers'), (err: unknown) => {
        assert.ok(err instanceof KineticError);
        assert.equal(err.code, 'EAUTH');
        assert.match(err.message, /GetOAuthAuthorizationURL.*GetOAuthAccessToken/s);
        return true;
      });
      assert.equal(h.sim.stats().requests, 0, 'no request reached Epicor');
    } finally {
      await db.close();
    }
  });

  it('URL on one connection, code exchanged on another, rows read, refreshed on a third', async () => {
    const first = await connect(h.cs());
    const url = (await first.execute(`EXEC GetOAuthAuthorizationURL AuthMode='WEB', CallbackURL='${WEB_CALLBACK}', State='st-42'`)).rows[0]!['URL'] as string;
    await first.close();
    assert.match(url, /^https:\/\/localhost:\d+\/contoso-test\/v2\.0\/auth\?/);
    assert.match(url, /[?&]prompt=select_account(&|$)/);
    const redirect = await h.idp.signIn(url, 'alice');
    assert.equal(redirect.origin + redirect.pathname, WEB_CALLBACK);
    assert.equal(redirect.searchParams.get('state'), 'st-42');
    const code = redirect.searchParams.get('code')!;

    const second = await connect(h.cs());
    try {
      const r = await second.execute(`EXECUTE GetOAuthAccessToken @AuthMode='WEB', @Verifier=?`, [code]);
      assert.deepEqual(r.columns.map((c) => c.name), ['OAuthAccessToken', 'OAuthRefreshToken', 'ExpiresIn']);
      const row = r.rows[0]!;
      assert.match(String(row['OAuthAccessToken']), /^ey/);
      assert.ok(typeof row['OAuthRefreshToken'] === 'string' && row['OAuthRefreshToken'] !== '');
      assert.ok(Number(row['ExpiresIn']) > 3000);
      // The same connection now reads data with the new token.
      assert.equal((await second.query('SELECT TOP 3 CustID FROM Customers')).rowCount, 3);

      const third = await connect(h.cs({ OAuthAccessToken: String(row['OAuthAccessToken']) }));
      assert.equal((await third.query('SELECT TOP 2 CustID FROM Customers')).rowCount, 2);
      const renewed = (await third.callProcedure('RefreshOAuthAccessToken', { OAuthRefreshToken: row['OAuthRefreshToken'] })).rows[0]!;
      assert.notEqual(renewed['OAuthAccessToken'], row['OAuthAccessToken']);
      assert.equal((await third.query('SELECT TOP 1 CustID FROM Customers')).rowCount, 1);
      await third.close();
    } finally {
      await second.close();
    }
  });

  it('a used code is refused with EAUTH that shows neither the code nor the secret', async () => {
    const db = await connect(h.cs());
    try {
      const url = (await db.callProcedure('GetOAuthAuthorizationURL', {})).rows[0]!['URL'] as string;
      const code = (await h.idp.signIn(url, 'bob')).searchParams.get('code')!;
      await db.callProcedure('GetOAuthAccessToken', { AuthMode: 'WEB', Verifier: code });
      await assert.rejects(db.callProcedure('GetOAuthAccessToken', { AuthMode: 'WEB', Verifier: code }), (err: unknown) => {
        assert.ok(err instanceof KineticError);
        assert.equal(err.code, 'EAUTH');
        const text = errorText(err);
        assert.ok(!text.includes(code), 'the code is not in the error');
        assert.ok(!text.includes('web-secret'), 'the secret is not in the error');
        return true;
      });
    } finally {
      await db.close();
    }
  });
});

describe('web flow across two processes', () => {
  let h: Harness;
  before(async () => {
    h = await startHarness();
  });
  after(async () => h.close());

  it('one process makes the URL, another exchanges the code (no PKCE state shared) and reads rows', async () => {
    const first = await runChild(h.cs(), [[`EXEC GetOAuthAuthorizationURL CallbackURL='${WEB_CALLBACK}', State='p1'`]]);
    assert.equal(first.error, undefined, first.stderr);
    const url = String(first.results[0]!.rows[0]!['URL']);
    const code = (await h.idp.signIn(url, 'carol')).searchParams.get('code')!;
    const second = await runChild(h.cs(), [[`EXEC GetOAuthAccessToken AuthMode='WEB', Verifier=?`, [code]], ['SELECT TOP 4 CustID FROM Customers']]);
    assert.equal(second.error, undefined, `${JSON.stringify(second.error)} ${second.stderr}`);
    assert.match(String(second.results[0]!.rows[0]!['OAuthAccessToken']), /^ey/);
    assert.equal(second.results[1]!.rowCount, 4);
  });
});

describe('metadata cache of Azure AD connections', () => {
  let h: Harness;
  before(async () => {
    h = await startHarness();
  });
  after(async () => h.close());

  async function tokenOf(user: string): Promise<string> {
    const db = await connect(h.cs());
    try {
      const url = String((await db.callProcedure('GetOAuthAuthorizationURL', {})).rows[0]!['URL']);
      const code = (await h.idp.signIn(url, user)).searchParams.get('code')!;
      return String((await db.callProcedure('GetOAuthAccessToken', { AuthMode: 'WEB', Verifier: code })).rows[0]!['OAuthAccessToken']);
    } finally {
      await db.close();
    }
  }

  it('is keyed by the signed-in user (tid/oid), not by the app: two users of one app never share an entry', async () => {
    const cache = join(h.dir, 'metadata.sqlite');
    const opened = async (token: string) => {
      h.sim.resetStats();
      const db = await connect(h.cs({ OAuthAccessToken: token, CacheMetadata: 'true', CacheLocation: cache }));
      await db.close();
      return metadataRequestCount(h.sim);
    };
    const alice = await tokenOf('alice');
    const bob = await tokenOf('bob');
    assert.equal(await opened(alice), 1, 'alice, cold');
    assert.equal(await opened(alice), 0, 'alice, warm');
    assert.equal(await opened(bob), 1, 'bob does not get alice\'s entry');
    assert.equal(await opened(await tokenOf('alice')), 0, 'alice with a new token: same user, same entry');
  });
});

describe('any OpenID provider (OIDC mode) and secrets in logs', () => {
  let h: Harness;
  before(async () => {
    h = await startHarness();
  });
  after(async () => h.close());

  it('OAuthAuthority set to an issuer with no AzureTenant runs the same web flow in OIDC mode', async () => {
    const cs = h.cs({ OAuthAuthority: h.idp.issuer, AzureTenant: undefined });
    const db = await connect(cs);
    try {
      const url = String((await db.callProcedure('GetOAuthAuthorizationURL', {})).rows[0]!['URL']);
      assert.ok(url.startsWith(`${h.idp.issuer}/auth?`), url);
      assert.match(url, /[?&]prompt=consent(&|$)/, 'OIDC providers grant refresh tokens on consent');
      // In Azure AD mode msal would look for {authority}/v2.0/.well-known/openid-configuration, which
      // does not exist under an issuer: reaching the provider's /auth proves OIDC discovery was used.
      const code = (await h.idp.signIn(url, 'kim')).searchParams.get('code')!;
      await db.callProcedure('GetOAuthAccessToken', { AuthMode: 'WEB', Verifier: code });
      assert.equal((await db.query('SELECT TOP 1 CustID FROM Customers')).rowCount, 1);
    } finally {
      await db.close();
    }
  });

  it('at every Verbosity the log holds no token, code or secret, and neither do properties, explain or errors', async () => {
    for (const verbosity of ['1', '2', '3', '4', '5']) {
      const log = join(h.dir, `v${verbosity}.log`);
      const db = await connect(h.cs({ Logfile: log, Verbosity: verbosity }));
      const leaks: string[] = [WEB_CLIENT.secret];
      try {
        const url = String((await db.execute("EXEC GetOAuthAuthorizationURL State='log-test'")).rows[0]!['URL']);
        const code = (await h.idp.signIn(url, 'lee')).searchParams.get('code')!;
        leaks.push(code);
        const row = (await db.execute('EXEC GetOAuthAccessToken @AuthMode=?, @Verifier=?', ['WEB', code])).rows[0]!;
        leaks.push(String(row['OAuthAccessToken']), String(row['OAuthRefreshToken']));
        const renewed = (await db.callProcedure('RefreshOAuthAccessToken', { OAuthRefreshToken: row['OAuthRefreshToken'] })).rows[0]!;
        leaks.push(String(renewed['OAuthAccessToken']));
        await db.query('SELECT TOP 1 CustID FROM Customers');
        const plan = await db.explain('SELECT TOP 1 CustID FROM Customers');
        const failure = await db.callProcedure('GetOAuthAccessToken', { AuthMode: 'WEB', Verifier: code }).catch((err: unknown) => err);
        const shown = `${readFileSync(log, 'utf8')}\n${JSON.stringify(db.properties)}\n${plan.text}\n${JSON.stringify(plan.requests)}\n${errorText(failure)}`;
        for (const secret of leaks) assert.ok(!shown.includes(secret), `Verbosity ${verbosity}: a secret is shown`);
        assert.match(readFileSync(log, 'utf8'), /exec: GetOAuthAccessToken AuthMode=WEB, Verifier=\*{8}/);
      } finally {
        await db.close();
      }
    }
  });
});

describe("msal-node's HTTP goes through the driver's proxy settings", () => {
  let h: Harness;
  let proxy: Proxy;
  before(async () => {
    h = await startHarness();
    proxy = await startProxy();
  });
  after(async () => {
    await proxy.close();
    await h.close();
  });

  it('ProxyServer tunnels the identity provider and Epicor; ProxyExceptions sends the provider direct', async () => {
    const idpHost = new URL(h.idp.authority).host;
    const viaProxy = { ProxyServer: '127.0.0.1', ProxyPort: String(proxy.port), ProxyUser: 'proxyuser', ProxyPassword: PROXY_PASSWORD };
    for (const [extra, tunnelled] of [[{}, true], [{ ProxyExceptions: 'localhost' }, false]] as const) {
      proxy.tunnels.length = 0;
      const db = await connect(h.cs({ ...viaProxy, ...extra }));
      try {
        const url = String((await db.callProcedure('GetOAuthAuthorizationURL', {})).rows[0]!['URL']);
        const code = (await h.idp.signIn(url, 'max')).searchParams.get('code')!;
        await db.callProcedure('GetOAuthAccessToken', { AuthMode: 'WEB', Verifier: code });
        assert.equal((await db.query('SELECT TOP 1 CustID FROM Customers')).rowCount, 1);
      } finally {
        await db.close();
      }
      assert.equal(proxy.tunnels.includes(idpHost), tunnelled, `tunnels: ${proxy.tunnels.join(', ')}`);
      assert.ok(proxy.tunnels.some((t) => t.startsWith('127.0.0.1:')), 'Epicor requests use the proxy');
    }
  });
});
