import { test } from 'node:test';
import assert from 'node:assert/strict';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { resolveConfig } from '../../src/config/resolve.ts';
import { PROPERTIES } from '../../src/config/catalog.ts';

const BASE = 'URL=https://erp.example.com;ERPInstance=Live;Service=Erp.BO.CustomerSvc;User=manager;Password=pw';
const ENV = { HOME: '/home/ann' };

test('defaults from the catalog fill every unset property', () => {
  const c = resolveConfig(BASE, ENV);
  assert.equal(c.apiVersion, 'v1');
  assert.equal(c.authScheme, 'Basic');
  assert.equal(c.initiateOAuth, 'OFF');
  assert.equal(c.callbackURL, 'http://localhost:33333');
  assert.equal(c.oauthAuthority, 'https://login.microsoftonline.com');
  assert.equal(c.oauthJWTCertSubject, '*');
  assert.equal(c.timeout, 60);
  assert.equal(c.pagesize, 1000);
  assert.equal(c.maxRows, -1);
  assert.equal(c.readonly, false);
  assert.equal(c.verbosity, 1);
  assert.equal(c.cacheMetadata, true);
  assert.equal(c.metadataTTL, 86400);
  assert.equal(c.prefetchPages, 2);
  assert.equal(c.maxRetries, 4);
  assert.equal(c.decimalsAsStrings, false);
  assert.equal(c.sslRejectUnauthorized, true);
  assert.equal(c.company, undefined);
  assert.equal(c.apiKey, undefined);
  assert.equal(c.scope, undefined);
});

test('properties hold every catalog property as an effective string', () => {
  const c = resolveConfig(`${BASE};Readonly=YES;Pagesize=50`, ENV);
  assert.equal(c.properties['Readonly'], 'true');
  assert.equal(c.properties['Pagesize'], '50');
  assert.equal(c.properties['Timeout'], '60');
  assert.equal(c.properties['Password'], 'pw');
  assert.equal(c.properties['URL'], 'https://erp.example.com');
  assert.ok('Company' in c.properties);
  assert.equal(c.properties['Company'], undefined);
  assert.deepEqual(Object.keys(c.properties), PROPERTIES.map((p) => p.name));
});

test('the result is frozen, including services and properties', () => {
  const c = resolveConfig(BASE, ENV);
  assert.ok(Object.isFrozen(c));
  assert.ok(Object.isFrozen(c.services));
  assert.ok(Object.isFrozen(c.properties));
  assert.throws(() => {
    (c as { pagesize: number }).pagesize = 5;
  }, TypeError);
});

test('typed values: ints, bools in every spelling, enums in any case', () => {
  const c = resolveConfig(
    `${BASE};Timeout=0;MaxRows=250;Readonly=1;DecimalsAsStrings=Yes;CacheMetadata=no;ApiVersion=V1;authscheme=token;MaxLogFileSize=10 MB`,
    ENV,
  );
  assert.equal(c.timeout, 0);
  assert.equal(c.maxRows, 250);
  assert.equal(c.readonly, true);
  assert.equal(c.decimalsAsStrings, true);
  assert.equal(c.cacheMetadata, false);
  assert.equal(c.apiVersion, 'v1');
  assert.equal(c.authScheme, 'Token');
  assert.equal(c.maxLogFileSize, 10 * 1024 * 1024);
});

test('only an explicit false turns TLS checks off', () => {
  assert.equal(resolveConfig(`${BASE};SSLRejectUnauthorized=`, ENV).sslRejectUnauthorized, true);
  assert.equal(resolveConfig(`${BASE};SSLRejectUnauthorized=true`, ENV).sslRejectUnauthorized, true);
  assert.equal(resolveConfig(`${BASE};SSLRejectUnauthorized=false`, ENV).sslRejectUnauthorized, false);
});

test('precedence: options > connection string > KINETIC_SQL_CONNECTION > default', () => {
  const env = { ...ENV, KINETIC_SQL_CONNECTION: `${BASE};Timeout=11;Pagesize=22;MaxRows=33` };
  const fromEnv = resolveConfig(undefined, env);
  assert.deepEqual([fromEnv.timeout, fromEnv.pagesize, fromEnv.maxRows, fromEnv.maxRetries], [11, 22, 33, 4]);

  const fromString = resolveConfig('Pagesize=200;MaxRows=300', env);
  assert.deepEqual([fromString.timeout, fromString.pagesize, fromString.maxRows], [11, 200, 300]);
  assert.equal(fromString.user, 'manager', 'unset properties still come from the environment');

  const fromOptions = resolveConfig({ connectionString: 'Pagesize=200;MaxRows=300', maxrows: 9 }, env);
  assert.deepEqual([fromOptions.timeout, fromOptions.pagesize, fromOptions.maxRows], [11, 200, 9]);
});

test('an options object alone works, with keys in any case and typed values', () => {
  const c = resolveConfig({
    url: 'https://erp.example.com',
    ERPINSTANCE: 'Live',
    Service: 'Erp.BO.CustomerSvc',
    user: 'manager',
    password: 'pw',
    Pagesize: 75,
    Readonly: true,
    Company: undefined,
  }, ENV);
  assert.equal(c.pagesize, 75);
  assert.equal(c.readonly, true);
  assert.equal(c.company, undefined);
});

test('the default env is process.env and an explicit env replaces it', () => {
  const c = resolveConfig(undefined, { KINETIC_SQL_CONNECTION: BASE, HOME: '/h' });
  assert.equal(c.erpInstance, 'Live');
});

test('empty values count as unset', () => {
  const c = resolveConfig(`${BASE};Company=;Timeout=""`, ENV);
  assert.equal(c.company, undefined);
  assert.equal(c.timeout, 60);
});

test('URL: trailing slashes and a trailing /{ERPInstance} are stripped', () => {
  const at = (url: string, instance = 'Live'): string =>
    resolveConfig(`${BASE};URL=${url};ERPInstance=${instance}`, ENV).url;
  assert.equal(at('https://erp.example.com/'), 'https://erp.example.com');
  assert.equal(at('https://erp.example.com///'), 'https://erp.example.com');
  assert.equal(at('https://erp.example.com/Live'), 'https://erp.example.com');
  assert.equal(at('https://erp.example.com/live/'), 'https://erp.example.com');
  assert.equal(at('https://erp.example.com/Live', '/Live/'), 'https://erp.example.com');
  assert.equal(at('http://127.0.0.1:8080/prefix/Live'), 'http://127.0.0.1:8080/prefix');
  assert.equal(at('https://erp.example.com/LiveTest'), 'https://erp.example.com/LiveTest');
  assert.equal(resolveConfig(`${BASE};ERPInstance=/Live/`, ENV).erpInstance, 'Live');
});

test('Service: comma separated, trimmed, de-duplicated case-insensitively in order', () => {
  const c = resolveConfig(`${BASE};Service= Erp.BO.CustomerSvc , BaqSvc,erp.bo.customersvc,, Erp.BO.PartSvc `, ENV);
  assert.deepEqual(c.services, ['Erp.BO.CustomerSvc', 'BaqSvc', 'Erp.BO.PartSvc']);
  assert.equal(c.properties['Service'], 'Erp.BO.CustomerSvc,BaqSvc,Erp.BO.PartSvc');
});

test('v2 with Company and ApiKey resolves', () => {
  const c = resolveConfig(`${BASE};ApiVersion=v2;Company=EPIC06;ApiKey=k`, ENV);
  assert.equal(c.apiVersion, 'v2');
  assert.equal(c.company, 'EPIC06');
  assert.equal(c.apiKey, 'k');
});

test('default cache and OAuth settings paths follow XDG, then HOME, then the OS home', () => {
  const xdg = resolveConfig(BASE, { XDG_CACHE_HOME: '/xc', XDG_CONFIG_HOME: '/xg', HOME: '/h' });
  assert.equal(xdg.cacheLocation, join('/xc', 'epicor-kinetic-sql', 'metadata.sqlite'));
  assert.equal(xdg.oauthSettingsLocation, join('/xg', 'epicor-kinetic-sql', 'OAuthSettings.txt'));
  const home = resolveConfig(BASE, { HOME: '/h', XDG_CACHE_HOME: 'relative/ignored' });
  assert.equal(home.cacheLocation, join('/h', '.cache', 'epicor-kinetic-sql', 'metadata.sqlite'));
  assert.equal(home.oauthSettingsLocation, join('/h', '.config', 'epicor-kinetic-sql', 'OAuthSettings.txt'));
  const none = resolveConfig(BASE, {});
  assert.equal(none.cacheLocation, join(homedir(), '.cache', 'epicor-kinetic-sql', 'metadata.sqlite'));
});

test('given paths expand ~ and become absolute; memory:// is kept', () => {
  const c = resolveConfig(`${BASE};CacheLocation=~/k/meta.db;Logfile=logs/k.log;OAuthSettingsLocation=memory://app`, ENV);
  assert.equal(c.cacheLocation, join('/home/ann', 'k', 'meta.db'));
  assert.equal(c.logfile, resolve('logs/k.log'));
  assert.equal(c.oauthSettingsLocation, 'memory://app');
});

test('Scope defaults to {OAuthClientId}/.default; an explicit Scope wins', () => {
  const oauth = `${BASE};AuthScheme=AzureADOpenID;InitiateOAuth=GETANDREFRESH;OAuthClientId=abc`;
  assert.equal(resolveConfig(oauth, ENV).scope, 'abc/.default');
  assert.equal(resolveConfig(`${oauth};Scope=api://x/read`, ENV).scope, 'api://x/read');
});

test('AzureADOpenID with InitiateOAuth OFF and an access token resolves', () => {
  const c = resolveConfig('URL=https://h;ERPInstance=I;Service=S;AuthScheme=AzureADOpenID;OAuthAccessToken=tok', ENV);
  assert.equal(c.authScheme, 'AzureADOpenID');
  assert.equal(c.oauthAccessToken, 'tok');
  assert.equal(c.user, undefined);
});
