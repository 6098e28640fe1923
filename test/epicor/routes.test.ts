import assert from 'node:assert/strict';
import { test } from 'node:test';
import { KineticError } from '../../src/errors.ts';
import { baqUrl, entitySetUrl, metadataUrl, methodUrl, serviceListUrl, serviceRoot, tokenUrl } from '../../src/epicor/routes.ts';
import { testConfig } from './support.ts';

const v1 = testConfig({ url: 'https://erp.example.com/', erpInstance: 'EpicorLive' });
const v2 = testConfig({ url: 'https://erp.example.com', erpInstance: 'EpicorLive', apiVersion: 'v2' });

test('v1 and v2 service roots, service list and token URL', () => {
  assert.equal(serviceRoot(v1, 'Erp.BO.CustomerSvc'), 'https://erp.example.com/EpicorLive/api/v1/Erp.BO.CustomerSvc/');
  assert.equal(serviceRoot(v2, 'Erp.BO.CustomerSvc'), 'https://erp.example.com/EpicorLive/api/v2/odata/EPIC06/Erp.BO.CustomerSvc/');
  assert.equal(serviceListUrl(v1), 'https://erp.example.com/EpicorLive/api/v1/');
  assert.equal(serviceListUrl(v2), 'https://erp.example.com/EpicorLive/api/v2/odata/EPIC06/');
  assert.equal(tokenUrl(v1), 'https://erp.example.com/EpicorLive/TokenResource.svc/');
  assert.equal(tokenUrl(v2), 'https://erp.example.com/EpicorLive/TokenResource.svc/');
});

test('entity sets, metadata and methods', () => {
  assert.equal(entitySetUrl(v1, 'Erp.BO.CustomerSvc', 'Customers', '$top=10&$skip=20'), 'https://erp.example.com/EpicorLive/api/v1/Erp.BO.CustomerSvc/Customers?$top=10&$skip=20');
  assert.equal(entitySetUrl(v2, 'Erp.BO.CustomerSvc', 'ShipToes'), 'https://erp.example.com/EpicorLive/api/v2/odata/EPIC06/Erp.BO.CustomerSvc/ShipToes');
  assert.equal(
    entitySetUrl(v1, 'Erp.BO.CustomerSvc', 'Customers', { $filter: "Name eq 'A&B #1'", $top: 5 }),
    "https://erp.example.com/EpicorLive/api/v1/Erp.BO.CustomerSvc/Customers?$filter=Name%20eq%20'A%26B%20%231'&$top=5",
  );
  assert.equal(metadataUrl(v1, 'Erp.BO.CustomerSvc'), 'https://erp.example.com/EpicorLive/api/v1/Erp.BO.CustomerSvc/$metadata');
  assert.equal(metadataUrl(v2, 'BaqSvc', '68138-HSCustomers'), 'https://erp.example.com/EpicorLive/api/v2/odata/EPIC06/BaqSvc/68138-HSCustomers/$metadata');
  assert.equal(methodUrl(v2, 'Erp.BO.CustomerSvc', 'GetByID'), 'https://erp.example.com/EpicorLive/api/v2/odata/EPIC06/Erp.BO.CustomerSvc/GetByID');
});

test('BAQ rows: v1 ends in a slash, v2 in /Data; parameters are plain pairs', () => {
  assert.equal(baqUrl(v1, '68138-HSCustomers', { zipCode: '90 210', $top: 100 }), 'https://erp.example.com/EpicorLive/api/v1/BaqSvc/68138-HSCustomers/?zipCode=90%20210&$top=100');
  assert.equal(baqUrl(v2, 'zCustomer01', '$top=1'), 'https://erp.example.com/EpicorLive/api/v2/odata/EPIC06/BaqSvc/zCustomer01/Data?$top=1');
  assert.equal(baqUrl(v2, 'zCustomer01'), 'https://erp.example.com/EpicorLive/api/v2/odata/EPIC06/BaqSvc/zCustomer01/Data');
});

test('odd characters in instance, company and ids are encoded as path segments', () => {
  const odd = testConfig({ url: 'https://h', erpInstance: 'Kinetic Test/2', company: 'A&B Co/#1', apiVersion: 'v2' });
  assert.equal(baqUrl(odd, 'x/../y?z'), 'https://h/Kinetic%20Test%2F2/api/v2/odata/A%26B%20Co%2F%231/BaqSvc/x%2F..%2Fy%3Fz/Data');
  assert.equal(tokenUrl(odd), 'https://h/Kinetic%20Test%2F2/TokenResource.svc/');
});

test('v2 without a Company is an EPROPERTY error naming Company', () => {
  const noCompany = testConfig({ apiVersion: 'v2', company: undefined });
  assert.throws(() => serviceRoot(noCompany, 'Erp.BO.CustomerSvc'), (err: unknown) => {
    assert.ok(err instanceof KineticError);
    assert.equal(err.code, 'EPROPERTY');
    assert.equal(err.subject, 'Company');
    return true;
  });
  // v1 does not need it in the URL
  assert.equal(serviceRoot(testConfig({ company: undefined, url: 'https://h' }), 'X'), 'https://h/EpicorTest/api/v1/X/');
});
