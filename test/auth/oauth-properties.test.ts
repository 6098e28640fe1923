/** The OAuth properties: invalid combinations are EPROPERTY saying what to set; OFF with a client id and no token is allowed. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { resolveConfig } from '../../src/config/resolve.ts';
import { KineticError } from '../../src/errors.ts';
import { authorityOf, scopesOf } from '../../src/auth/azure-ad-app.ts';

const AZ = 'URL=https://h;ERPInstance=I;Service=S;AuthScheme=AzureADOpenID';

function problem(cs: string): string {
  try {
    resolveConfig(cs, {});
  } catch (err) {
    assert.ok(err instanceof KineticError);
    assert.equal(err.code, 'EPROPERTY');
    return err.message;
  }
  return assert.fail(`accepted: ${cs}`);
}

test('InitiateOAuth OFF with neither a token nor a client id is refused; with a client id it is accepted', () => {
  assert.match(problem(AZ), /needs OAuthAccessToken: set OAuthAccessToken, or set OAuthClientId/);
  assert.equal(resolveConfig(`${AZ};OAuthClientId=app`, {}).initiateOAuth, 'OFF');
});

test('a certificate type without a certificate, a certificate without its type, and a secret with a certificate are refused', () => {
  assert.match(problem(`${AZ};OAuthClientId=a;OAuthJWTCertType=PFXFILE`), /OAuthJWTCertType is set but OAuthJWTCert is not/);
  assert.match(problem(`${AZ};OAuthClientId=a;OAuthJWTCert=/x.pem`), /OAuthJWTCert needs OAuthJWTCertType/);
  const both = problem(`${AZ};OAuthClientId=a;OAuthClientSecret=s3cr3t-value;OAuthJWTCert=/x.pem;OAuthJWTCertType=PEMKEY_FILE`);
  assert.match(both, /OAuthClientSecret and OAuthJWTCert are both set/);
  assert.ok(!both.includes('s3cr3t-value'));
});

test('defaults: CallbackURL, OAuthAuthority, the Azure AD authority by tenant, the default scope', () => {
  const c = resolveConfig(`${AZ};OAuthClientId=app-1`, { HOME: '/home/ann' });
  assert.equal(c.callbackURL, 'http://localhost:33333');
  assert.equal(c.oauthSettingsLocation, '/home/ann/.config/epicor-kinetic-sql/OAuthSettings.txt');
  assert.deepEqual(authorityOf(c), { url: 'https://login.microsoftonline.com/organizations', host: 'login.microsoftonline.com', protocolMode: 'AAD' });
  assert.equal(authorityOf({ ...c, azureTenant: 'contoso.onmicrosoft.com' }).url, 'https://login.microsoftonline.com/contoso.onmicrosoft.com');
  assert.deepEqual(authorityOf({ oauthAuthority: 'https://id.epicor.example/realms/kinetic/' }), { url: 'https://id.epicor.example/realms/kinetic', host: 'id.epicor.example', protocolMode: 'OIDC' });
  assert.deepEqual(scopesOf(c), ['app-1/.default']);
  assert.deepEqual(scopesOf(resolveConfig(`${AZ};OAuthClientId=a;Scope=api://epicor/user_impersonation  extra`, {})), ['api://epicor/user_impersonation', 'extra']);
});
