import { test } from 'node:test';
import assert from 'node:assert/strict';
import { metadataCacheKey, metadataScope } from '../../src/metadata/cache-key.ts';
import { scopeParts } from './helpers.ts';

const base = { ...scopeParts, service: 'Erp.BO.CustomerSvc' };

test('keys differ by every part: URL, instance, version, company, identity, service', () => {
  const variants = [
    base,
    { ...base, url: 'https://other.example.com' },
    { ...base, erpInstance: 'Pilot' },
    { ...base, apiVersion: 'v1' },
    { ...base, company: 'EPIC07' },
    { ...base, company: undefined },
    { ...base, identity: 'bob' },
    { ...base, service: 'Erp.BO.PartSvc' },
    { ...base, service: 'BaqSvc' },
  ];
  const keys = new Set(variants.map((parts) => JSON.stringify(metadataCacheKey(parts))));
  assert.equal(keys.size, variants.length);
});

test('parts cannot be shifted into one another to collide', () => {
  const a = metadataScope({ ...scopeParts, company: 'EPIC0', identity: '6alice' });
  const b = metadataScope({ ...scopeParts, company: 'EPIC06', identity: 'alice' });
  assert.notEqual(a, b);
});

test('a key is stable and insensitive to trailing slashes, host case, URL user info and service case', () => {
  const key = metadataCacheKey(base);
  assert.deepEqual(metadataCacheKey({ ...base, url: 'https://ACME.example.com/' }), key);
  assert.deepEqual(metadataCacheKey({ ...base, url: 'https://someone:pw@acme.example.com' }), key);
  assert.equal(key.service, 'erp.bo.customersvc');
  assert.deepEqual(metadataCacheKey({ ...base, service: 'ERP.BO.CUSTOMERSVC' }), key);
  assert.match(key.scope, /^[0-9a-f]{64}$/);
});

test('the scope digest does not reveal the user, company or server', () => {
  const key = metadataCacheKey(base);
  for (const part of ['alice', 'EPIC06', 'acme', 'Live']) assert.ok(!JSON.stringify(key).includes(part), part);
});
