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
  assert.match(message, /unknown property right after Password: if the Password value contains ";", quote it/);
  assert.ok(!message.includes(MARK), message);
});
