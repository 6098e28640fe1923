import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { PROPERTIES, PROPERTY_CATEGORIES, findProperty } from '../../src/config/catalog.ts';
import { readValue } from '../../src/config/read-value.ts';
import { renderPropertiesMarkdown } from '../../src/config/properties-doc.ts';

const ANCHOR = [
  'URL', 'ERPInstance', 'Service', 'User', 'Password', 'ApiKey', 'ApiVersion', 'Company', 'AuthScheme',
  'InitiateOAuth', 'OAuthClientId', 'OAuthClientSecret', 'CallbackURL', 'AzureTenant', 'OAuthJWTCert',
  'OAuthJWTCertType', 'OAuthJWTCertPassword', 'OAuthJWTCertSubject', 'OAuthAccessToken', 'OAuthRefreshToken',
  'OAuthExpiresIn', 'OAuthTokenTimestamp', 'OAuthSettingsLocation', 'OAuthVerifier', 'Scope', 'Timeout',
  'MaxRows', 'Pagesize', 'Readonly', 'Logfile', 'Verbosity', 'MaxLogFileSize', 'MaxLogFileCount',
  'SSLServerCert', 'ProxyServer', 'ProxyPort', 'ProxyUser', 'ProxyPassword', 'ProxyAuthScheme',
  'ProxyExceptions', 'CacheMetadata', 'CacheLocation', 'Tables', 'Views', 'UserDefinedViews', 'Other',
];
const OURS = ['Plant', 'License', 'OAuthAuthority', 'OAuthSettingsKey', 'MetadataTTL', 'PrefetchPages', 'MaxRetries', 'DecimalsAsStrings', 'SSLRejectUnauthorized', 'MaxLocalRows', 'MaxUrlLength', 'EfxStaging', 'PagingMode'];

test('the catalog holds every property of the commercial connector, with its spelling, plus ours', () => {
  assert.deepEqual(PROPERTIES.map((p) => p.name).sort(), [...ANCHOR, ...OURS].sort());
});

test('names are unique case-insensitively and found in any case', () => {
  assert.equal(new Set(PROPERTIES.map((p) => p.name.toLowerCase())).size, PROPERTIES.length);
  assert.equal(findProperty('erpinstance')?.name, 'ERPInstance');
  assert.equal(findProperty(' PASSWORD ')?.name, 'Password');
  assert.equal(findProperty('Pasword'), undefined);
});

test('every entry is complete: category, description, enum values, a default its own type accepts', () => {
  for (const p of PROPERTIES) {
    assert.ok(PROPERTY_CATEGORIES.includes(p.category), p.name);
    assert.ok(p.description.length > 10 && p.description.endsWith('.'), p.name);
    assert.equal(p.type === 'enum', (p.values?.length ?? 0) > 0, p.name);
    if (p.default !== undefined) assert.ok('value' in readValue(p, p.default), `default of ${p.name}`);
    if (p.secret) assert.equal(p.default, undefined, `secret ${p.name} has no default`);
  }
});

test('documented defaults match the connector', () => {
  const defaults = Object.fromEntries(PROPERTIES.map((p) => [p.name, p.default]));
  assert.deepEqual(
    [defaults['ApiVersion'], defaults['AuthScheme'], defaults['InitiateOAuth'], defaults['CallbackURL'],
      defaults['Timeout'], defaults['Pagesize'], defaults['MaxRows'], defaults['Readonly'], defaults['Verbosity'],
      defaults['CacheMetadata'], defaults['OAuthJWTCertSubject'], defaults['OAuthAuthority'], defaults['MetadataTTL'],
      defaults['PrefetchPages'], defaults['MaxRetries'], defaults['DecimalsAsStrings'], defaults['SSLRejectUnauthorized']],
    ['v1', 'Basic', 'OFF', 'http://localhost:33333', '60', '1000', '-1', 'false', '1', 'true', '*',
      'https://login.microsoftonline.com', '86400', '2', '4', 'false', 'true'],
  );
  assert.deepEqual(findProperty('AuthScheme')?.values, ['Basic', 'Token', 'AzureADOpenID']);
});

test('docs/properties.md is up to date with the catalog (regenerate: node --import tsx scripts/gen-properties.ts)', () => {
  const onDisk = readFileSync(new URL('../../docs/properties.md', import.meta.url), 'utf8');
  assert.equal(onDisk, renderPropertiesMarkdown());
});

test('docs/properties.md has a table per category and marks every secret', () => {
  const doc = renderPropertiesMarkdown();
  for (const category of PROPERTY_CATEGORIES) assert.ok(doc.includes(`\n## ${category}\n`), category);
  for (const p of PROPERTIES) {
    const marked = doc.includes(`| \`${p.name}\` **secret** |`);
    assert.equal(marked, p.secret, p.name);
  }
});
