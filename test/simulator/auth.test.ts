import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import { request } from 'undici';
import { SignJWT, exportJWK, generateKeyPair } from 'jose';
import { startSimulator, type Simulator } from '../../src/simulator/index.ts';
import { call, isEpicorError, v1, v2 } from './server-helpers.ts';

async function token(sim: Simulator, headers: Record<string, string>): Promise<{ status: number; body: any }> {
  const res = await request(`${sim.url}/${sim.instance}/TokenResource.svc/`, { method: 'POST', headers: { accept: 'application/json', ...headers } });
  return { status: res.statusCode, body: await res.body.json() };
}

describe('simulator authentication', () => {
  let sim: Simulator;
  before(async () => {
    sim = await startSimulator({ customers: 50 });
  });
  after(() => sim.close());

  it('refuses a request without credentials with 401, Epicor body and WWW-Authenticate', async () => {
    const r = await call(sim, v1(sim, 'Erp.BO.CustomerSvc/Customers?$top=1'), { noAuth: true });
    assert.ok(isEpicorError(r, 401), r.text);
    assert.match(String(r.headers['www-authenticate']), /Basic/);
  });

  it('refuses a bad password without repeating it', async () => {
    const basic = Buffer.from(`${sim.user}:not-the-password`).toString('base64');
    const r = await call(sim, v1(sim, 'Erp.BO.CustomerSvc/Customers?$top=1'), { noAuth: true, headers: { authorization: `Basic ${basic}` } });
    assert.ok(isEpicorError(r, 401));
    assert.doesNotMatch(r.text, /not-the-password/);
  });

  it('requires the API key on v2 but not on v1, and refuses an unknown key on v1', async () => {
    const basic = `Basic ${Buffer.from(`${sim.user}:${sim.password}`).toString('base64')}`;
    const noKeyV2 = await call(sim, v2(sim, 'Erp.BO.CustomerSvc/Customers?$top=1'), { noAuth: true, headers: { authorization: basic } });
    assert.ok(isEpicorError(noKeyV2, 401));
    assert.match(noKeyV2.json.ErrorMessage, /API key/);
    const noKeyV1 = await call(sim, v1(sim, 'Erp.BO.CustomerSvc/Customers?$top=1'), { noAuth: true, headers: { authorization: basic } });
    assert.equal(noKeyV1.status, 200);
    const badKeyV1 = await call(sim, v1(sim, 'Erp.BO.CustomerSvc/Customers?$top=1'), { noAuth: true, headers: { authorization: basic, 'X-API-Key': 'nope' } });
    assert.ok(isEpicorError(badKeyV1, 401));
  });

  it('issues Epicor tokens (username/password or UserName/Password headers) that authenticate', async () => {
    const t = await token(sim, { username: sim.user, password: sim.password });
    assert.equal(t.status, 200);
    assert.equal(t.body.TokenType, 'Bearer');
    assert.equal(t.body.ExpiresIn, 1800);
    const claims = JSON.parse(Buffer.from(t.body.AccessToken.split('.')[1], 'base64url').toString());
    assert.equal(claims.iss, 'epicor');
    assert.equal(claims.aud, 'epicor');
    assert.equal(claims.username, sim.user);
    const t2 = await token(sim, { UserName: sim.user, Password: sim.password });
    assert.equal(t2.status, 200);
    const r = await call(sim, v2(sim, 'Erp.BO.CustomerSvc/Customers?$top=1'), { noAuth: true, headers: { authorization: `Bearer ${t.body.AccessToken}`, 'x-api-key': sim.apiKey } });
    assert.equal(r.status, 200);
    assert.equal(r.json.value.length, 1);
  });

  it('refuses a token request with a bad password', async () => {
    const t = await token(sim, { username: sim.user, password: 'wrong' });
    assert.equal(t.status, 401);
    assert.equal(t.body.HttpStatus, 401);
  });

  it('refuses a tampered token', async () => {
    const t = await token(sim, { username: sim.user, password: sim.password });
    const [h, p, s] = String(t.body.AccessToken).split('.');
    const forged = Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(p!, 'base64url').toString()), username: 'admin' })).toString('base64url');
    const r = await call(sim, v1(sim, 'Erp.BO.CustomerSvc/Customers?$top=1'), { noAuth: true, headers: { authorization: `Bearer ${h}.${forged}.${s}` } });
    assert.ok(isEpicorError(r, 401));
  });
});

describe('simulator token expiry', () => {
  it('refuses an expired token with 401', async () => {
    const sim = await startSimulator({ customers: 20, tokenLifetimeSeconds: 0 });
    try {
      const t = await token(sim, { username: sim.user, password: sim.password });
      assert.equal(t.status, 200);
      const r = await call(sim, v1(sim, 'Erp.BO.CustomerSvc/Customers?$top=1'), { noAuth: true, headers: { authorization: `Bearer ${t.body.AccessToken}` } });
      assert.ok(isEpicorError(r, 401));
      assert.match(r.json.ErrorMessage, /expired|invalid/);
    } finally {
      await sim.close();
    }
  });
});

describe('simulator with Azure AD', () => {
  let sim: Simulator;
  let jwks: Server;
  let privateKey: Awaited<ReturnType<typeof generateKeyPair>>['privateKey'];
  let issuer: string;
  before(async () => {
    const pair = await generateKeyPair('RS256');
    privateKey = pair.privateKey;
    const jwk = { ...(await exportJWK(pair.publicKey)), kid: 'k1', alg: 'RS256', use: 'sig' };
    jwks = createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ keys: [jwk] }));
    });
    await new Promise<void>((resolve) => jwks.listen(0, '127.0.0.1', resolve));
    const port = (jwks.address() as { port: number }).port;
    issuer = `http://127.0.0.1:${port}/tenant/v2.0`;
    sim = await startSimulator({ customers: 20, azureAd: { jwksUrl: `http://127.0.0.1:${port}/keys`, issuer, audience: 'api://epicor' } });
  });
  after(async () => {
    await sim.close();
    await new Promise<void>((resolve) => jwks.close(() => resolve()));
  });

  async function azureToken(audience: string): Promise<string> {
    return new SignJWT({ preferred_username: 'alice@contoso.test' })
      .setProtectedHeader({ alg: 'RS256', kid: 'k1' })
      .setIssuer(issuer)
      .setAudience(audience)
      .setIssuedAt()
      .setExpirationTime('10m')
      .sign(privateKey);
  }

  it('accepts an Azure AD JWT signed by the provider and refuses one for another audience', async () => {
    const good = await call(sim, v2(sim, 'Erp.BO.CustomerSvc/Customers?$top=1'), {
      noAuth: true,
      headers: { authorization: `Bearer ${await azureToken('api://epicor')}`, 'x-api-key': sim.apiKey },
    });
    assert.equal(good.status, 200, good.text);
    const bad = await call(sim, v2(sim, 'Erp.BO.CustomerSvc/Customers?$top=1'), {
      noAuth: true,
      headers: { authorization: `Bearer ${await azureToken('api://other')}`, 'x-api-key': sim.apiKey },
    });
    assert.ok(isEpicorError(bad, 401));
  });
});
