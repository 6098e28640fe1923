/**
 * A real OpenID provider (the oidc-provider package) on HTTPS loopback in Azure AD's shape: mounted at
 * /{tenant}/v2.0, JWT access tokens for the Epicor API's audience (resource indicators), tid/oid claims,
 * its own small login and consent pages. Its public keys are also served over plain HTTP so that the
 * simulator (another "server") can check tokens without trusting the test CA.
 */
import { createServer as createHttpServer, type IncomingMessage, type Server as HttpServer, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer, type Server as HttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { createHash, X509Certificate } from 'node:crypto';
import { exportJWK, generateKeyPair, importSPKI } from 'jose';
import Provider from 'oidc-provider';
import { Agent, request } from 'undici';
import { makeCert, type TestCert } from './certs.ts';

export const TENANT = 'contoso-test';
export const TENANT_ID = '72f988bf-0000-4000-8000-000000000001';
export const AUDIENCE = 'api://epicor';
export const API_SCOPE = 'api://epicor/user_impersonation';
export const WEB_CLIENT = { id: 'web-app', secret: 'web-secret-d7f1c2a9b8e34f0c' };
export const CERT_CLIENT_ID = 'cert-app';
export const DESKTOP_CLIENT_ID = 'desktop-app';
export const WEB_CALLBACK = 'https://app.example.test/oauth/callback';

export interface IdpOptions {
  /** Access token lifetime in seconds (default 3600). */
  readonly accessTokenTtl?: number;
  /** Client certificates accepted for CERT_CLIENT_ID (private_key_jwt). */
  readonly clientCerts?: readonly TestCert[];
  /** More redirect URIs of the web app (WEB_CLIENT). */
  readonly webRedirects?: readonly string[];
  /** Redirect URIs of the desktop (public) client. */
  readonly desktopRedirects?: readonly string[];
}

export interface Idp {
  /** OAuthAuthority to give the driver (https://localhost:PORT). */
  readonly authority: string;
  readonly issuer: string;
  /** The HTTPS certificate (PEM): pass it as SSLServerCert. */
  readonly caPem: string;
  readonly tls: TestCert;
  /** For the simulator's azureAd option. */
  readonly simulatorAzureAd: { jwksUrl: string; issuer: string; audience: string };
  /** Token endpoint calls by grant type. */
  readonly grants: Record<string, number>;
  /** Signs in as `user` without a browser: follows the redirects, posts the login and consent forms; resolves the redirect URL. */
  signIn(authUrl: string, user: string): Promise<URL>;
  /** Revokes a refresh token (as the user or an admin would). */
  revoke(refreshToken: string, clientId?: string): Promise<void>;
  close(): Promise<void>;
}

/** The oid claim of a test user: a stable id per user name. */
export function oidOf(user: string): string {
  const h = createHash('sha256').update(user).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-8${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

export async function startIdp(options: IdpOptions = {}): Promise<Idp> {
  const tls = makeCert('localhost', ['localhost', '127.0.0.1']);
  const server: HttpsServer = createHttpsServer({ key: tls.keyPem, cert: tls.certPem });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  const authority = `https://localhost:${port}`;
  const mount = `/${TENANT}/v2.0`;
  const issuer = `${authority}${mount}`;

  const { privateKey } = await generateKeyPair('RS256', { extractable: true });
  const signing = { ...(await exportJWK(privateKey)), kid: 'idp-key-1', use: 'sig', alg: 'RS256' };
  const clientJwks = await Promise.all(
    (options.clientCerts ?? []).map(async (c, i) => ({ ...(await exportJWK(await importSPKI(spkiPem(c), 'PS256', { extractable: true }))), kid: `client-${i}` })),
  );

  const provider = new Provider(issuer, {
    clients: [
      { client_id: WEB_CLIENT.id, client_secret: WEB_CLIENT.secret, token_endpoint_auth_method: 'client_secret_post', redirect_uris: [WEB_CALLBACK, 'http://localhost:33333', ...(options.webRedirects ?? [])], grant_types: ['authorization_code', 'refresh_token'], response_types: ['code'] },
      { client_id: CERT_CLIENT_ID, token_endpoint_auth_method: 'private_key_jwt', jwks: { keys: clientJwks.map(({ kid, ...k }) => ({ ...k, kid })) }, redirect_uris: [WEB_CALLBACK], grant_types: ['authorization_code', 'refresh_token'], response_types: ['code'] },
      { client_id: DESKTOP_CLIENT_ID, application_type: 'native', token_endpoint_auth_method: 'none', redirect_uris: [...(options.desktopRedirects ?? ['http://localhost:33333'])], grant_types: ['authorization_code', 'refresh_token'], response_types: ['code'] },
    ],
    jwks: { keys: [signing] },
    cookies: { keys: ['test-cookie-key'] },
    scopes: ['openid', 'profile', 'offline_access', API_SCOPE],
    claims: { openid: ['sub'], profile: ['preferred_username', 'name', 'oid', 'tid'] },
    findAccount: (_ctx, id) => ({
      accountId: id,
      claims: () => ({ sub: oidOf(id), oid: oidOf(id), tid: TENANT_ID, preferred_username: `${id}@contoso.test`, name: id }),
    }),
    extraTokenClaims: (_ctx, token) => {
      const accountId = (token as { accountId?: string }).accountId;
      return accountId ? { oid: oidOf(accountId), tid: TENANT_ID, preferred_username: `${accountId}@contoso.test` } : undefined;
    },
    interactions: { url: (_ctx, interaction) => `${mount}/interaction/${interaction.uid}` },
    features: {
      devInteractions: { enabled: false },
      revocation: { enabled: true },
      resourceIndicators: {
        enabled: true,
        defaultResource: () => AUDIENCE,
        useGrantedResource: () => true,
        getResourceServerInfo: () => ({ scope: API_SCOPE, audience: AUDIENCE, accessTokenFormat: 'jwt', jwt: { sign: { alg: 'RS256' } }, accessTokenTTL: options.accessTokenTtl ?? 3600 }),
      },
    },
    ttl: { AccessToken: options.accessTokenTtl ?? 3600 },
  });
  provider.on('server_error', (_ctx, err) => process.stderr.write(`idp server_error: ${String(err)}\n`));
  const grants: Record<string, number> = {};
  provider.on('grant.success', (ctx) => {
    const type = String((ctx.oidc.params as { grant_type?: string } | undefined)?.grant_type ?? 'unknown');
    grants[type] = (grants[type] ?? 0) + 1;
  });
  const callback = provider.callback();

  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    void (async () => {
      const url = req.url ?? '/';
      if (!url.startsWith(mount)) return void res.writeHead(404).end();
      const rest = url.slice(mount.length) || '/';
      if (rest.startsWith('/interaction/')) return interaction(provider, req, res);
      // Azure AD gives refresh tokens without prompt=consent; OIDC (and oidc-provider) only with it.
      let rewritten = rest;
      if (rest.startsWith('/auth?')) {
        const u = new URL(rest, 'https://x');
        u.searchParams.set('prompt', 'consent');
        rewritten = `${u.pathname}${u.search}`;
      }
      req.url = rewritten;
      (req as { originalUrl?: string }).originalUrl = `${mount}${rewritten}`;
      callback(req, res);
    })().catch((err: unknown) => res.writeHead(500).end(String(err)));
  });

  const publicJwks = { keys: [{ kty: signing.kty, n: signing.n, e: signing.e, kid: signing.kid, alg: 'RS256', use: 'sig' }] };
  const jwksServer: HttpServer = createHttpServer((_req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(publicJwks)));
  await new Promise<void>((resolve) => jwksServer.listen(0, '127.0.0.1', resolve));
  const jwksUrl = `http://127.0.0.1:${(jwksServer.address() as AddressInfo).port}/keys`;

  const agent = new Agent({ connect: { ca: tls.certPem } });

  async function signIn(authUrl: string, user: string): Promise<URL> {
    const cookies = new Map<string, string>();
    let next = new URL(authUrl);
    for (let hop = 0; hop < 12; hop++) {
      if (next.origin !== authority) return next;
      const isInteraction = next.pathname.startsWith(`${mount}/interaction/`);
      const res = await request(next, {
        dispatcher: agent,
        method: isInteraction ? 'POST' : 'GET',
        headers: { cookie: [...cookies].map(([k, v]) => `${k}=${v}`).join('; '), ...(isInteraction ? { 'content-type': 'application/x-www-form-urlencoded' } : {}) },
        ...(isInteraction ? { body: new URLSearchParams({ login: user }).toString() } : {}),
      });
      const body = await res.body.text();
      const setCookie = res.headers['set-cookie'];
      for (const c of Array.isArray(setCookie) ? setCookie : setCookie ? [setCookie] : []) {
        const [pair] = c.split(';');
        const eq = pair!.indexOf('=');
        cookies.set(pair!.slice(0, eq), pair!.slice(eq + 1));
      }
      const location = res.headers['location'];
      if (typeof location !== 'string') throw new Error(`sign-in stopped at ${next.pathname} with ${res.statusCode}: ${body.slice(0, 300)}`);
      next = new URL(location, next);
    }
    throw new Error('sign-in: too many redirects');
  }

  async function revoke(refreshToken: string, clientId: string = WEB_CLIENT.id): Promise<void> {
    const res = await request(`${issuer}/token/revocation`, {
      dispatcher: agent,
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ token: refreshToken, token_type_hint: 'refresh_token', client_id: clientId, ...(clientId === WEB_CLIENT.id ? { client_secret: WEB_CLIENT.secret } : {}) }).toString(),
    });
    await res.body.dump();
    if (res.statusCode !== 200) throw new Error(`revocation answered ${res.statusCode}`);
  }

  return {
    authority,
    issuer,
    caPem: tls.certPem,
    tls,
    simulatorAzureAd: { jwksUrl, issuer, audience: AUDIENCE },
    grants,
    signIn,
    revoke,
    close: async () => {
      await agent.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await new Promise<void>((resolve) => jwksServer.close(() => resolve()));
    },
  };
}

function spkiPem(cert: TestCert): string {
  return new X509Certificate(cert.certPem).publicKey.export({ type: 'spki', format: 'pem' }).toString();
}

/** The login page (a form with the user name) and the consent page (one button), posted back here. */
async function interaction(provider: Provider, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const details = await provider.interactionDetails(req, res);
  if (req.method === 'GET') {
    const form =
      details.prompt.name === 'login'
        ? '<label>User <input name="login" id="login" autofocus></label> <button type="submit" id="submit">Sign in</button>'
        : '<p>epicor-kinetic-sql wants to read Epicor data as you.</p><button type="submit" id="submit">Accept</button>';
    res.writeHead(200, { 'content-type': 'text/html' }).end(`<!doctype html><title>${details.prompt.name}</title><form method="post">${form}</form>`);
    return;
  }
  const body = await new Promise<string>((resolve) => {
    let text = '';
    req.on('data', (c: Buffer) => (text += c.toString()));
    req.on('end', () => resolve(text));
  });
  if (details.prompt.name === 'login') {
    const login = new URLSearchParams(body).get('login') || 'alice';
    await provider.interactionFinished(req, res, { login: { accountId: login } }, { mergeWithLastSubmission: false });
    return;
  }
  const accountId = details.session!.accountId;
  const clientId = String(details.params['client_id']);
  const grant = (details.grantId ? await provider.Grant.find(details.grantId) : undefined) ?? new provider.Grant({ accountId, clientId });
  const missing = details.prompt.details as { missingOIDCScope?: string[]; missingOIDCClaims?: string[]; missingResourceScopes?: Record<string, string[]> };
  if (missing.missingOIDCScope) grant.addOIDCScope(missing.missingOIDCScope.join(' '));
  if (missing.missingOIDCClaims) grant.addOIDCClaims(missing.missingOIDCClaims);
  for (const [resource, scopes] of Object.entries(missing.missingResourceScopes ?? {})) grant.addResourceScope(resource, scopes.join(' '));
  const grantId = await grant.save();
  await provider.interactionFinished(req, res, { consent: { grantId } }, { mergeWithLastSubmission: true });
}

