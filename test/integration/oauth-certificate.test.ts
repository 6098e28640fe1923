/**
 * The confidential client with a certificate instead of a secret (private_key_jwt at a real OpenID
 * provider): PEM files and blobs (the key encrypted with OAuthJWTCertPassword), PFX files and base64
 * blobs with a password, OAuthJWTCertSubject choosing among several certificates; the thumbprint and x5c
 * msal-node signs with come from the chosen certificate.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createPrivateKey } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { connect, KineticError } from '../../src/index.ts';
import { loadClientCertificate } from '../../src/auth/certificate.ts';
import { makeCert, toPfx, type TestCert } from '../auth/certs.ts';
import { startHarness, type Harness } from '../auth/harness.ts';
import { CERT_CLIENT_ID } from '../auth/identity-provider.ts';

describe('client certificate credentials', () => {
  let h: Harness;
  let app: TestCert;
  let other: TestCert;
  const password = 'pfx-pass-4921';
  before(async () => {
    app = makeCert('epicor-sql-app');
    other = makeCert('some-other-app');
    h = await startHarness({ clientCerts: [app] });
  });
  after(async () => h.close());

  async function webFlow(props: Record<string, string | undefined>): Promise<number> {
    const cs = h.cs({ OAuthClientId: CERT_CLIENT_ID, OAuthClientSecret: undefined, ...props });
    const db = await connect(cs);
    try {
      const url = String((await db.callProcedure('GetOAuthAuthorizationURL', {})).rows[0]!['URL']);
      const code = (await h.idp.signIn(url, 'ivy')).searchParams.get('code')!;
      await db.callProcedure('GetOAuthAccessToken', { AuthMode: 'WEB', Verifier: code });
      return (await db.query('SELECT TOP 2 CustID FROM Customers')).rowCount;
    } finally {
      await db.close();
    }
  }

  it('PEM file with an encrypted key, and PEM text with two certificates chosen by subject', async () => {
    const encrypted = createPrivateKey(app.keyPem).export({ type: 'pkcs8', format: 'pem', cipher: 'aes-256-cbc', passphrase: password }).toString();
    const file = join(h.dir, 'app.pem');
    writeFileSync(file, `${app.certPem}${encrypted}`);
    assert.equal(await webFlow({ OAuthJWTCert: file, OAuthJWTCertType: 'PEMKEY_FILE', OAuthJWTCertPassword: password }), 2);
    const blob = `${other.certPem}${other.keyPem}${app.certPem}${app.keyPem}`;
    const chosen = loadClientCertificate({ oauthJWTCert: blob, oauthJWTCertType: 'PEMKEY_BLOB', oauthJWTCertSubject: 'CN=epicor-sql-app' });
    assert.equal(chosen.thumbprintSha256, app.thumbprintSha256);
    assert.equal(chosen.x5c.trim(), app.certPem.trim().replace(/\r\n/g, '\n'));
    assert.equal(loadClientCertificate({ oauthJWTCert: blob, oauthJWTCertType: 'PEMKEY_BLOB', oauthJWTCertSubject: '*' }).thumbprintSha256, other.thumbprintSha256);
  });

  it('PFX file and base64 PFX blob with a password', async () => {
    const pfx = toPfx(app, password);
    const file = join(h.dir, 'app.pfx');
    writeFileSync(file, pfx);
    assert.equal(await webFlow({ OAuthJWTCert: file, OAuthJWTCertType: 'PFXFILE', OAuthJWTCertPassword: password }), 2);
    assert.equal(loadClientCertificate({ oauthJWTCert: pfx.toString('base64'), oauthJWTCertType: 'PFXBLOB', oauthJWTCertPassword: password, oauthJWTCertSubject: 'epicor-sql-app' }).thumbprintSha256, app.thumbprintSha256);
  });

  it('a wrong PFX password, an unknown subject and a certificate the provider does not know fail clearly, without the password', async () => {
    const pfx = toPfx(app, password).toString('base64');
    for (const [settings, message] of [
      [{ oauthJWTCert: pfx, oauthJWTCertType: 'PFXBLOB', oauthJWTCertPassword: 'wrong', oauthJWTCertSubject: '*' }, /not a PKCS#12 \(PFX\) file, or OAuthJWTCertPassword is wrong/],
      [{ oauthJWTCert: pfx, oauthJWTCertType: 'PFXBLOB', oauthJWTCertPassword: password, oauthJWTCertSubject: 'CN=nobody' }, /No certificate in OAuthJWTCert has the subject "CN=nobody"/],
    ] as const) {
      assert.throws(() => loadClientCertificate(settings), (err: unknown) => {
        assert.ok(err instanceof KineticError);
        assert.equal(err.code, 'EPROPERTY');
        assert.match(err.message, message);
        assert.ok(!err.message.includes(password));
        return true;
      });
    }
    const file = join(h.dir, 'other.pem');
    writeFileSync(file, `${other.certPem}${other.keyPem}`);
    await assert.rejects(webFlow({ OAuthJWTCert: file, OAuthJWTCertType: 'PEMKEY_FILE' }), (err: unknown) => {
      assert.ok(err instanceof KineticError);
      assert.equal(err.code, 'EOAUTH');
      assert.match(err.message, /refused the app's credentials \(invalid_client\)/);
      return true;
    });
  });
});
