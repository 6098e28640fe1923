import { test } from 'node:test';
import assert from 'node:assert/strict';
import { resolveConfig } from '../../src/config/resolve.ts';
import type { ConnectionOptions } from '../../src/config/resolve.ts';
import { KineticPropertyError } from '../../src/errors.ts';

// The password goes last: values written after a secret are never echoed (they may be pieces of it).
const BASE = 'URL=https://erp.example.com;ERPInstance=Live;Service=Erp.BO.CustomerSvc;User=manager;Password=pw';
const withPasswordLast = (extra: string): string => `${BASE.replace(';Password=pw', '')};${extra};Password=pw`;

function rejected(input: string | ConnectionOptions | undefined, env: Record<string, string> = {}): string {
  try {
    resolveConfig(input, env);
  } catch (err) {
    assert.ok(err instanceof KineticPropertyError, String(err));
    assert.equal(err.code, 'EPROPERTY');
    return err.message;
  }
  assert.fail(`expected ${JSON.stringify(input)} to be rejected`);
}

test('misspelled names get "did you mean"', () => {
  assert.match(rejected(withPasswordLast(`Pasword=x`)), /Unknown connection property "Pasword"\. Did you mean "Password"\?/);
  assert.match(rejected(withPasswordLast(`ERPInstnace=x`)), /Unknown connection property "ERPInstnace"\. Did you mean "ERPInstance"\?/);
  assert.match(rejected(withPasswordLast(`ApiVerison=v2`)), /Unknown connection property "ApiVerison"\. Did you mean "ApiVersion"\?/);
  assert.match(rejected({ connectionString: BASE, pagesise: 5 }), /"pagesise"\. Did you mean "Pagesize"\?/);
});

test('a name far from every property points to the property list', () => {
  assert.match(rejected(`Frobnicate=1;${BASE}`), /Unknown connection property "Frobnicate"\. See docs\/properties\.md/);
});

test('an unknown name in KINETIC_SQL_CONNECTION says where it came from', () => {
  assert.match(rejected(undefined, { KINETIC_SQL_CONNECTION: withPasswordLast(`Pasword=x`) }), /"Pasword" in KINETIC_SQL_CONNECTION\. Did you mean "Password"\?/);
});

test('a syntax error in KINETIC_SQL_CONNECTION names the variable', () => {
  const message = rejected(undefined, { KINETIC_SQL_CONNECTION: 'URL="https://h' });
  assert.equal(
    message,
    'KINETIC_SQL_CONNECTION (environment variable): the value of URL opens a quote at character 5 that is never closed. ' +
      'Close the quote, and double any " inside the value.',
  );
});

test('a syntax error in the connection string is reported alone, with unknown names', () => {
  const message = rejected({ connectionString: 'User=u;Password', Pasword: 'x' });
  assert.match(message, /^2 problems/);
  assert.match(message, /"Pasword"/);
  assert.match(message, /Connection string: expected Name=Value at character 8/);
  assert.doesNotMatch(message, /Missing/);
});

test('missing URL, ERPInstance and Service each say what to set', () => {
  assert.match(rejected('ERPInstance=Live;Service=S;User=u;Password=p'), /^Missing connection property URL: set URL to .*URL=https:\/\//);
  assert.match(rejected('URL=https://h;Service=S;User=u;Password=p'), /^Missing connection property ERPInstance: set ERPInstance/);
  assert.match(rejected('URL=https://h;ERPInstance=I;User=u;Password=p'), /^Missing connection property Service: set Service/);
  assert.match(rejected('URL=https://h;ERPInstance=I;Service= , ;User=u;Password=p'), /^Missing connection property Service/);
});

test('nothing given at all suggests a connection string or KINETIC_SQL_CONNECTION', () => {
  const message = rejected(undefined);
  assert.match(message, /Missing connection property URL/);
  assert.match(message, /set the KINETIC_SQL_CONNECTION environment variable/);
});

test('all problems are collected into one error', () => {
  const message = rejected('Pasword=x;Timeout=soon;ApiVersion=v2;AuthScheme=Basic');
  assert.match(message, /^8 problems with the connection properties:/);
  for (const part of ['"Pasword"', 'Timeout must be', 'property URL', 'property ERPInstance', 'property Service', 'needs Company', 'needs ApiKey']) {
    assert.ok(message.includes(part), `missing ${part} in\n${message}`);
  }
  assert.match(message, /AuthScheme Basic needs User and Password/);
});

test('v2 needs Company and ApiKey', () => {
  assert.match(rejected(withPasswordLast(`ApiVersion=v2;ApiKey=k`)), /^ApiVersion v2 needs Company: set Company .*Company=EPIC06/);
  assert.match(rejected(withPasswordLast(`ApiVersion=v2;Company=EPIC06`)), /^ApiVersion v2 needs ApiKey: set ApiKey/);
});

test('bad enum values list the allowed values', () => {
  assert.equal(rejected(withPasswordLast(`AuthScheme=Kerberos`)), 'AuthScheme must be one of Basic, Token, AzureADOpenID (got "Kerberos").');
  assert.match(rejected(withPasswordLast(`ApiVersion=v3`)), /^ApiVersion must be one of v1, v2 \(got "v3"\)/);
  assert.match(rejected(withPasswordLast(`InitiateOAuth=ALWAYS`)), /^InitiateOAuth must be one of OFF, GETANDREFRESH, REFRESH/);
  assert.match(rejected(withPasswordLast(`OAuthJWTCertType=JKSFILE`)), /^OAuthJWTCertType must be one of PEMKEY_FILE, PEMKEY_BLOB, PFXFILE, PFXBLOB/);
});

test('bad ints and bools say what is accepted', () => {
  assert.match(rejected(withPasswordLast(`Timeout=abc`)), /^Timeout must be a whole number \(got "abc"\)\. Set Timeout=60\./);
  assert.match(rejected(withPasswordLast(`Pagesize=1.5`)), /^Pagesize must be a whole number/);
  assert.match(rejected(withPasswordLast(`MaxLogFileSize=lots`)), /^MaxLogFileSize must be a whole number of bytes \(a KB, MB or GB suffix is allowed\)/);
  assert.match(rejected(withPasswordLast(`Readonly=maybe`)), /^Readonly must be true or false \(got "maybe"\); yes\/no and 1\/0 also work\./);
  assert.match(rejected({ connectionString: BASE, CacheMetadata: 2 }), /^CacheMetadata must be true or false/);
});

test('ranges: Pagesize 1..1,000,000, Timeout 0..2,147,483, Verbosity 1..5, ProxyPort 1..65535', () => {
  assert.match(rejected(withPasswordLast(`Pagesize=0`)), /^Pagesize must be between 1 and 1000000 \(got "0"\)/);
  assert.match(rejected(withPasswordLast(`Pagesize=1000001`)), /^Pagesize must be between 1 and 1000000/);
  assert.equal(resolveConfig(withPasswordLast(`Pagesize=1`), {}).pagesize, 1);
  assert.equal(resolveConfig(withPasswordLast(`Pagesize=1000000`), {}).pagesize, 1_000_000);
  assert.match(rejected(withPasswordLast(`Timeout=-1`)), /^Timeout must be between 0 and 2147483/);
  assert.match(rejected(withPasswordLast(`Timeout=2147484`)), /^Timeout must be between 0 and 2147483/);
  assert.match(rejected(withPasswordLast(`Verbosity=6`)), /^Verbosity must be between 1 and 5/);
  assert.match(rejected(withPasswordLast(`ProxyPort=70000`)), /^ProxyPort must be between 1 and 65535/);
  assert.match(rejected(withPasswordLast(`PrefetchPages=-2`)), /^PrefetchPages must be 0 or more/);
});

test('URL must be an absolute http(s) address, without credentials or query', () => {
  for (const url of ['ftp://erp.example.com', 'erp.example.com', 'https://', 'not a url']) {
    const message = rejected(withPasswordLast(`URL=${url}`));
    assert.match(message, /^URL must be an absolute http:\/\/ or https:\/\/ address/, url);
    assert.doesNotMatch(message, /Missing connection property URL/, 'a bad URL is not also reported as missing');
  }
  const withUser = rejected(withPasswordLast(`URL=https://bob:Zebra77@erp.example.com`));
  assert.match(withUser, /^URL must not contain a user name or password/);
  assert.doesNotMatch(withUser, /Zebra77|bob/);
  assert.match(rejected(withPasswordLast(`URL=https://erp.example.com/?x=1`)), /^URL must not contain a query string/);
  assert.match(rejected(withPasswordLast(`CallbackURL=localhost:33333`)), /^CallbackURL must be an absolute http/);
});

test('Basic and Token need User and Password', () => {
  const noCreds = 'URL=https://h;ERPInstance=I;Service=S';
  assert.match(rejected(noCreds), /^AuthScheme Basic needs User and Password: set User and Password/);
  assert.match(rejected(`${noCreds};User=u`), /^AuthScheme Basic needs Password/);
  assert.match(rejected(`${noCreds};Password=p;AuthScheme=Token`), /^AuthScheme Token needs User:/);
});

test('AzureADOpenID needs an access token with InitiateOAuth OFF, a client id otherwise', () => {
  const az = 'URL=https://h;ERPInstance=I;Service=S;AuthScheme=AzureADOpenID';
  assert.match(rejected(az), /^AuthScheme AzureADOpenID with InitiateOAuth OFF needs OAuthAccessToken: set OAuthAccessToken/);
  assert.match(rejected(`${az};InitiateOAuth=GETANDREFRESH`), /^AuthScheme AzureADOpenID with InitiateOAuth GETANDREFRESH needs OAuthClientId: set OAuthClientId/);
  assert.match(rejected(`${az};InitiateOAuth=refresh`), /InitiateOAuth REFRESH needs OAuthClientId/);
  assert.equal(resolveConfig(`${az};InitiateOAuth=REFRESH;OAuthClientId=c`, {}).initiateOAuth, 'REFRESH');
});

test('an option that is not a string, number or boolean is rejected by name', () => {
  const options = { connectionString: BASE, Timeout: { value: 5 } } as unknown as ConnectionOptions;
  assert.match(rejected(options), /^Connection option "Timeout" must be a string, number or boolean\./);
});

test('a connectionString option that is not a string is rejected', () => {
  const options = { connectionString: 42 } as unknown as ConnectionOptions;
  assert.match(rejected(options), /Connection option "connectionString" must be a string/);
});

test('properties not implemented yet are refused by name instead of being silently ignored', () => {
  for (const name of ['UserDefinedViews', 'Other']) {
    assert.match(rejected(withPasswordLast(`${name}=x`)), new RegExp(`${name} is not supported yet by epicor-kinetic-sql: remove it`));
  }
});
