/**
 * Example 6: the Azure AD web flow in a small web app, with the three OAuth procedures.
 *
 *   node --import tsx examples/06-oauth-web-flow.ts
 *
 * /login asks GetOAuthAuthorizationURL for the sign-in URL and redirects the browser there; /callback
 * checks `state` and exchanges the `code` with GetOAuthAccessToken on a new connection (another request,
 * possibly another process: nothing is kept between the two steps but the state); /customers reads
 * Epicor data with the user's token. With no Azure AD here, a local OpenID provider in Azure AD's shape
 * stands in for it (the one the tests use), and the example plays the user's browser itself.
 * Against Azure AD, use the connection string of docs/oauth.md instead (OAuthClientId, OAuthClientSecret,
 * AzureTenant, Scope, CallbackURL).
 */
import { randomBytes } from 'node:crypto';
import { writeFileSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect } from '../src/index.ts';
import { startSimulator } from '../src/simulator/index.ts';
import { API_SCOPE, startIdp, TENANT, WEB_CLIENT } from '../test/auth/identity-provider.ts';

const app = createServer();
await new Promise<void>((resolve) => app.listen(0, '127.0.0.1', resolve));
const appUrl = `http://127.0.0.1:${(app.address() as AddressInfo).port}`;
const callbackURL = `${appUrl}/callback`;

const idp = await startIdp({ webRedirects: [callbackURL] });
const sim = await startSimulator({ port: 0, seed: 1, customers: 300, azureAd: idp.simulatorAzureAd });
const dir = mkdtempSync(join(tmpdir(), 'ksql-example-'));
writeFileSync(join(dir, 'idp.pem'), idp.caPem);

/** The app's connection string: AzureADOpenID, the web app's id and secret, no token yet. */
const base = sim.connectionString({
  ApiVersion: 'v2', CacheMetadata: 'false', User: undefined, Password: undefined,
  AuthScheme: 'AzureADOpenID', OAuthClientId: WEB_CLIENT.id, OAuthClientSecret: WEB_CLIENT.secret,
  OAuthAuthority: idp.authority, AzureTenant: TENANT, Scope: API_SCOPE, CallbackURL: callbackURL,
  SSLServerCert: join(dir, 'idp.pem'),
});

const pendingStates = new Set<string>();
const sessions = new Map<string, { accessToken: string; refreshToken: string }>();

async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
  const url = new URL(req.url ?? '/', appUrl);
  if (url.pathname === '/login') {
    const state = randomBytes(12).toString('hex');
    pendingStates.add(state);
    await using db = await connect(base);
    const { rows } = await db.execute('EXEC GetOAuthAuthorizationURL AuthMode=?, State=?', ['WEB', state]);
    res.writeHead(302, { location: String(rows[0]!['URL']) }).end();
    return;
  }
  if (url.pathname === '/callback') {
    const state = url.searchParams.get('state') ?? '';
    if (!pendingStates.delete(state)) return void res.writeHead(400).end('unknown state');
    await using db = await connect(base);
    const { rows } = await db.callProcedure('GetOAuthAccessToken', { AuthMode: 'WEB', Verifier: url.searchParams.get('code') });
    const session = randomBytes(12).toString('hex');
    sessions.set(session, { accessToken: String(rows[0]!['OAuthAccessToken']), refreshToken: String(rows[0]!['OAuthRefreshToken']) });
    console.log(`Callback with the right state: code exchanged, the token expires in ${Math.round(Number(rows[0]!['ExpiresIn']) / 60)} minutes`);
    res.writeHead(302, { location: `/customers`, 'set-cookie': `session=${session}; HttpOnly` }).end();
    return;
  }
  if (url.pathname === '/customers') {
    const user = sessions.get(/session=(\w+)/.exec(req.headers.cookie ?? '')?.[1] ?? '');
    if (!user) return void res.writeHead(302, { location: '/login' }).end();
    await using db = await connect(`${base}OAuthAccessToken=${user.accessToken};`);
    const { rows } = await db.query('SELECT TOP 3 CustID, Name FROM Customers ORDER BY CustID');
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(rows));
    return;
  }
  res.writeHead(404).end();
}
app.on('request', (req, res) => void handle(req, res).catch((err: unknown) => res.writeHead(500).end(String(err))));

try {
  // The user's browser: /login redirects to the sign-in page, the user signs in, the provider redirects to /callback.
  const login = await fetch(`${appUrl}/login`, { redirect: 'manual' });
  const signInUrl = login.headers.get('location')!;
  console.log(`/login redirects to the sign-in page: ${new URL(signInUrl).origin}${new URL(signInUrl).pathname}`);
  const callback = await idp.signIn(signInUrl, 'alice');
  const back = await fetch(callback, { redirect: 'manual' });
  const cookie = back.headers.get('set-cookie')!.split(';')[0]!;
  const customers = (await (await fetch(`${appUrl}/customers`, { headers: { cookie } })).json()) as { CustID: string; Name: string }[];
  console.log(`Customers read with alice's token: ${customers.length}`);
  for (const c of customers) console.log(`  ${c.CustID}  ${c.Name}`);

  // Later, before the token runs out: renew it with the refresh token.
  const user = [...sessions.values()][0]!;
  await using db = await connect(base);
  const renewed = (await db.callProcedure('RefreshOAuthAccessToken', { OAuthRefreshToken: user.refreshToken })).rows[0]!;
  console.log(`RefreshOAuthAccessToken: ${renewed['OAuthAccessToken'] !== user.accessToken ? 'a new access token' : 'the same token'}`);
  const forged = await fetch(`${appUrl}/callback?code=x&state=forged`);
  console.log(`A callback with an unknown state: ${forged.status}`);
} finally {
  app.close();
  await sim.close();
  await idp.close();
  rmSync(dir, { recursive: true, force: true });
}
