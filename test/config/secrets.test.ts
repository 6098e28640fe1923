import { test } from 'node:test';
import assert from 'node:assert/strict';
import { resolveConfig } from '../../src/config/resolve.ts';
import type { ConnectionOptions } from '../../src/config/resolve.ts';
import { PROPERTIES, maskSecrets } from '../../src/config/catalog.ts';
import { KineticPropertyError } from '../../src/errors.ts';

const MARK = 'Zebra7731';
const SECRETS = PROPERTIES.filter((p) => p.secret).map((p) => p.name);
const ALL_SECRETS = SECRETS.map((name) => `${name}=${MARK}-${name}`).join(';');

function messageOf(input: string | ConnectionOptions | undefined, env: Record<string, string> = {}): string {
  try {
    resolveConfig(input, env);
  } catch (err) {
    assert.ok(err instanceof KineticPropertyError);
    return `${err.message}\n${err.stack ?? ''}\n${JSON.stringify(err)}`;
  }
  assert.fail('expected an EPROPERTY error');
}

test('the catalog marks exactly the secret properties', () => {
  assert.deepEqual(new Set(SECRETS), new Set([
    'Password', 'ApiKey', 'OAuthClientSecret', 'OAuthAccessToken', 'OAuthRefreshToken',
    'OAuthJWTCertPassword', 'ProxyPassword', 'OAuthVerifier', 'OAuthSettingsKey',
  ]));
});

test('secret values never appear in validation errors, whatever else is wrong', () => {
  const broken = [
    `${ALL_SECRETS}`,
    `${ALL_SECRETS};ApiVersion=v2;AuthScheme=Kerberos;Timeout=x;URL=ftp://h`,
    `${ALL_SECRETS};Pasword=${MARK};ApiKee=${MARK};ProxyPasswd=${MARK}`,
    `URL=https://h;ERPInstance=I;Service=S;User=u;Password=${MARK};Pagesize=0`,
    `URL=https://h;ERPInstance=I;Service=S;AuthScheme=AzureADOpenID;InitiateOAuth=REFRESH;OAuthRefreshToken=${MARK}`,
  ];
  for (const text of broken) {
    assert.ok(!messageOf(text).includes(MARK), text);
    assert.ok(!messageOf(undefined, { KINETIC_SQL_CONNECTION: text }).includes(MARK), `env: ${text}`);
    assert.ok(!messageOf({ connectionString: text, Readonly: 'perhaps' }).includes(MARK), `options: ${text}`);
  }
});

test('secret values never appear in syntax errors', () => {
  const broken = [
    `User=u;Password=${MARK};${MARK};Service=S`,
    `User=u;Password="${MARK};Service=S`,
    `User=u;Password='${MARK}'${MARK};Service=S`,
    `User=u;=${MARK}`,
    `Password=${MARK};ApiKey="${MARK}`,
  ];
  for (const text of broken) {
    assert.ok(!messageOf(text).includes(MARK), text);
    assert.ok(!messageOf(undefined, { KINETIC_SQL_CONNECTION: text }).includes(MARK), `env: ${text}`);
  }
});

test('secret values given as options never appear in errors', () => {
  const options = Object.fromEntries(SECRETS.map((name) => [name, `${MARK}-${name}`]));
  assert.ok(!messageOf({ ...options, Pasword: MARK, Timeout: -5 }).includes(MARK));
  const wrongType = { Password: { value: MARK } } as unknown as ConnectionOptions;
  assert.ok(!messageOf(wrongType).includes(MARK));
});

test('a URL with credentials is rejected without repeating them', () => {
  assert.ok(!messageOf(`URL=https://u:${MARK}@h;ERPInstance=I;Service=S;User=u;Password=p`).includes(MARK));
});

test('maskSecrets masks every set secret and nothing else', () => {
  const config = resolveConfig(`URL=https://h;ERPInstance=I;Service=S;User=manager;${ALL_SECRETS}`, {});
  const masked = maskSecrets(config.properties);
  for (const name of SECRETS) assert.equal(masked[name], '********', name);
  assert.equal(masked['User'], 'manager');
  assert.equal(masked['URL'], 'https://h');
  assert.ok(!JSON.stringify(masked).includes(MARK));
  assert.equal(config.properties['Password'], `${MARK}-Password`, 'the config itself keeps the secret');
});

test('maskSecrets leaves unset secrets unset and matches names in any case', () => {
  assert.deepEqual(maskSecrets({ password: 'p', APIKEY: '', ProxyPassword: undefined, Other: 'x' }), {
    password: '********',
    APIKEY: '',
    ProxyPassword: undefined,
    Other: 'x',
  });
});

test('a secret split at an unquoted ";" is not echoed as an unknown property name', () => {
  let message = '';
  try {
    resolveConfig(`URL=https://h;ERPInstance=I;Service=S;User=manager;Password=Xy7;${MARK}Part2=zz`, {});
  } catch (err) {
    message = (err as Error).message;
  }
  assert.match(message, /unknown property after Password .*If the Password value contains ";", quote it/);
  assert.ok(!message.includes(MARK), message);
});

test('a password split by an unquoted ";" is never echoed, whatever property its pieces look like', () => {
  const base = 'URL=https://h;ERPInstance=I;Service=S;User=u';
  const tails = [
    `Timeout=Tail0fP4ss${MARK}`,
    `Readonly=${MARK}`,
    `ApiVersion=${MARK}`,
    `URL=${MARK}`,
    `Usr=${MARK}`,
    `${MARK}=x`,
    `Timeout=1;Pagesize=${MARK}`,
    `x=1;Verbosity=${MARK}`,
    `Timeout='${MARK}`,
    `Timeout='a'${MARK}`,
  ];
  for (const tail of tails) {
    const text = `${base};Password=Head;${tail}`;
    const message = messageOf(text);
    assert.ok(!message.includes(MARK), `${text}\n${message}`);
    assert.ok(!message.includes('Tail0fP4ss'), text);
    assert.match(message, /quote/, text);
    assert.ok(!messageOf(undefined, { KINETIC_SQL_CONNECTION: text }).includes(MARK), `env: ${text}`);
  }
});

test('an unknown name after a secret is not echoed, not even as a "did you mean"', () => {
  // The password is "ab;Usr=x": "Usr" is close to User, and used to come back as 'Unknown ... "Usr". Did you mean "User"?'
  const message = messageOf('URL=https://h;ERPInstance=I;Service=S;User=u;Password=ab;Usr=x');
  assert.ok(!message.includes('Usr'), message);
  assert.ok(!/did you mean/i.test(message), message);
  assert.match(message, /after Password/);
  assert.match(message, /Password="a;b=c"/);
});

test('values before a secret, or given as options, are still echoed to help the user', () => {
  assert.match(messageOf('URL=https://h;ERPInstance=I;Service=S;Timeout=abc;User=u;Password=p'), /got "abc"/);
  assert.match(messageOf({ connectionString: 'URL=https://h;ERPInstance=I;Service=S;User=u;Password=p;Timeout=1', Timeout: 'abc' }), /got "abc"/);
  assert.match(messageOf('URL=https://h;ERPInstance=I;Service=S;User=u;Password=p;Tmeout=5'), /after Password/);
  assert.match(messageOf('URL=https://h;ERPInstance=I;Service=S;Tmeout=5;User=u;Password=p'), /Did you mean "Timeout"/);
});
