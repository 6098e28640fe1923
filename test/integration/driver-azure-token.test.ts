/**
 * AuthScheme=AzureADOpenID with InitiateOAuth=OFF sends the given OAuthAccessToken as a bearer token;
 * the simulator checks it against the identity provider's keys (a JWKS server here). The flows that
 * obtain tokens are tested in oauth-*.test.ts against a real OpenID provider.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import { createServer as createTcpServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT } from 'jose';
import { connect, KineticError } from '../../src/index.ts';
import { startSimulator, type Simulator } from '../../src/simulator/index.ts';

describe('Azure AD access token as given', () => {
  let sim: Simulator;
  let jwks: Server;
  let sign: (audience: string) => Promise<string>;

  before(async () => {
    const pair = await generateKeyPair('RS256');
    const jwk = { ...(await exportJWK(pair.publicKey)), kid: 'k1', alg: 'RS256', use: 'sig' };
    jwks = createServer((_req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ keys: [jwk] })));
    await new Promise<void>((resolve) => jwks.listen(0, '127.0.0.1', resolve));
    const base = `http://127.0.0.1:${(jwks.address() as AddressInfo).port}`;
    const issuer = `${base}/tenant/v2.0`;
    sign = (audience) =>
      new SignJWT({ preferred_username: 'alice@contoso.test' })
        .setProtectedHeader({ alg: 'RS256', kid: 'k1' })
        .setIssuer(issuer)
        .setAudience(audience)
        .setIssuedAt()
        .setExpirationTime('10m')
        .sign(pair.privateKey);
    sim = await startSimulator({ port: 0, customers: 30, azureAd: { jwksUrl: `${base}/keys`, issuer, audience: 'api://epicor' } });
  });
  after(async () => {
    await sim.close();
    await new Promise<void>((resolve) => jwks.close(() => resolve()));
  });

  const cs = (props: Record<string, string | undefined>) =>
    sim.connectionString({ ApiVersion: 'v2', CacheMetadata: 'false', User: undefined, Password: undefined, AuthScheme: 'AzureADOpenID', ...props });

  it('reads rows with a valid token', async () => {
    const db = await connect(cs({ OAuthAccessToken: await sign('api://epicor') }));
    try {
      assert.equal((await db.query('SELECT TOP 2 CustID FROM Customers')).rowCount, 2);
      assert.equal(db.properties.OAuthAccessToken, '********');
    } finally {
      await db.close();
    }
  });

  it('a token for another audience is EAUTH without the token in the error', async () => {
    const token = await sign('api://other');
    await assert.rejects(connect(cs({ OAuthAccessToken: token })), (err: unknown) => {
      assert.ok(err instanceof KineticError);
      assert.equal(err.code, 'EAUTH');
      assert.ok(!JSON.stringify(err).includes(token) && !err.message.includes(token));
      return true;
    });
  });

  it('InitiateOAuth=GETANDREFRESH with nobody signing in ends with EOAUTH after the sign-in timeout', async () => {
    const shown: string[] = [];
    const port = await freePort();
    const options = { openBrowser: (url: string) => void shown.push(url), signInTimeoutMs: 300 };
    const props = { InitiateOAuth: 'GETANDREFRESH', OAuthClientId: 'app-id', CallbackURL: `http://localhost:${port}`, OAuthSettingsLocation: 'memory://nobody' };
    await assert.rejects(connect(cs(props), options), (err: unknown) => {
      assert.ok(err instanceof KineticError);
      assert.equal(err.code, 'EOAUTH');
      assert.match(err.message, /Nobody completed the sign-in/);
      return true;
    });
    assert.equal(shown.length, 1);
    assert.match(shown[0]!, /code_challenge=.*&code_challenge_method=S256|code_challenge_method=S256/);
  });
});

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createTcpServer().listen(0, '127.0.0.1', () => {
      const port = (s.address() as AddressInfo).port;
      s.close(() => resolve(port));
    });
  });
}
