import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { KineticError } from '../../src/errors.ts';
import { parseBaqEdmx, parseEdmx, parseServiceDocument } from '../../src/epicor/edmx.ts';
import type { CatalogTable, ServiceCatalog } from '../../src/metadata/catalog.ts';

const fixture = (name: string): string => readFileSync(new URL(`../fixtures/edmx/${name}`, import.meta.url), 'utf8');

function table(catalog: ServiceCatalog, name: string): CatalogTable {
  const t = catalog.tables.find((x) => x.name === name);
  assert.ok(t, `table ${name}`);
  return t;
}

test('v1 (OData v3 EDMX): entity sets, column types, nullability, lengths, keys in order, descriptions', () => {
  const catalog = parseEdmx(fixture('customer-v1.xml'), 'Erp.BO.CustomerSvc');
  assert.equal(catalog.service, 'Erp.BO.CustomerSvc');
  assert.deepEqual(catalog.tables.map((t) => t.name), ['Customers', 'ShipToes', 'CustBillToes']);
  const customers = table(catalog, 'Customers');
  assert.equal(customers.kind, 'table');
  assert.equal(customers.entityType, 'CustomerRow');
  assert.deepEqual(customers.keys, ['Company', 'CustNum']);
  const col = (n: string) => customers.columns.find((c) => c.name === n);
  assert.deepEqual(col('Company'), { name: 'Company', type: 'Edm.String', nullable: false, isKey: true, maxLength: 8, description: 'Company Identifier.' });
  assert.deepEqual(col('CreditLimit'), { name: 'CreditLimit', type: 'Edm.Decimal', nullable: false, isKey: false, precision: 17, scale: 2 });
  assert.equal(col('Name')?.nullable, true);
  assert.equal(col('Comment')?.maxLength, undefined, 'MaxLength="Max" means no limit');
  assert.equal(col('EstDate')?.type, 'Edm.DateTime');
  assert.equal(col('SysRowID')?.type, 'Edm.Guid');
  assert.equal(col('SysRevID')?.type, 'Edm.Int64');
  assert.equal(col('Address'), undefined, 'complex types are left out');
  assert.equal(col('Picture'), undefined, 'streams are left out');
  assert.ok(col('Character01_c'));
  assert.deepEqual(table(catalog, 'ShipToes').keys, ['Company', 'CustNum', 'ShipToNum']);
});

test('v1 navigation: Associations give multiplicity, AssociationSets (or the entity type) give the target set', () => {
  const catalog = parseEdmx(fixture('customer-v1.xml'), 'Erp.BO.CustomerSvc');
  assert.deepEqual(table(catalog, 'Customers').navigation, [
    { name: 'ShipToes', target: 'ShipToes', many: true },
    { name: 'CustBillToes', target: 'CustBillToes', many: true },
  ]);
  assert.deepEqual(table(catalog, 'ShipToes').navigation, [{ name: 'Customer', target: 'Customers', many: false }]);
});

test('v2 (OData v4 EDMX): Collection navigation, bindings, enums as strings, Core.Description annotations', () => {
  const catalog = parseEdmx(fixture('customer-v2.xml'), 'Erp.BO.CustomerSvc');
  assert.deepEqual(catalog.tables.map((t) => t.name), ['Customers', 'ShipToes']);
  const customers = table(catalog, 'Customers');
  assert.equal(customers.description, 'Customer master.');
  const col = (n: string) => customers.columns.find((c) => c.name === n);
  assert.equal(col('Company')?.description, 'Company Identifier.');
  assert.equal(col('CustNum')?.description, 'Internal customer number.');
  assert.equal(col('Name')?.description, 'Customer name.', 'external Annotations block');
  assert.equal(col('EstDate')?.type, 'Edm.DateTimeOffset');
  assert.equal(col('CreditStatus')?.type, 'Edm.String');
  assert.equal(col('Tags'), undefined, 'collections are left out');
  assert.deepEqual(customers.navigation, [
    { name: 'ShipToes', target: 'ShipToes', many: true },
    { name: 'Primary', target: 'ShipToes', many: false },
  ]);
  assert.deepEqual(table(catalog, 'ShipToes').navigation, [{ name: 'Customer', target: 'Customers', many: false }]);
});

for (const version of ['v1', 'v2']) {
  test(`BAQ $metadata ${version}: a view named by its hyphenated id, with a mandatory parameter`, () => {
    const view = parseBaqEdmx(fixture(`baq-${version}.xml`), '68138-HSCustomers');
    assert.equal(view.name, '68138-HSCustomers');
    assert.equal(view.service, 'BaqSvc');
    assert.equal(view.kind, 'view');
    assert.equal(view.entityType, 'QueryResult');
    assert.deepEqual(view.keys, ['RowIdent']);
    assert.deepEqual(view.columns.map((c) => c.name), ['Customer_CustID', 'Customer_Name', 'Customer_Zip', 'Calculated_OpenOrders', 'RowIdent']);
    assert.deepEqual(view.parameters, [
      { name: 'zipCode', type: 'Edm.String', required: true },
      { name: 'minOrders', type: 'Edm.Int32', required: false },
    ]);
    assert.equal(view.description, 'Customers by zip code (HS)');
  });
}

test('the catalog is plain JSON data (it is cached as JSON)', () => {
  const catalog = parseEdmx(fixture('customer-v2.xml'), 'Erp.BO.CustomerSvc');
  assert.deepEqual(JSON.parse(JSON.stringify(catalog)), catalog);
});

test('malformed XML, non-EDMX and a missing EntityContainer are EPROTOCOL errors naming the service', () => {
  const cases = [
    '<edmx:Edmx><edmx:DataServices><Schema>',
    '<html><body>Login</body></html>',
    fixture('customer-v2.xml').replace(/<EntityContainer[\s\S]*<\/EntityContainer>/, ''),
  ];
  for (const xml of cases) {
    assert.throws(() => parseEdmx(xml, 'Erp.BO.PartSvc'), (err: unknown) => {
      assert.ok(err instanceof KineticError);
      assert.equal(err.code, 'EPROTOCOL');
      assert.match(err.message, /Erp\.BO\.PartSvc/);
      return true;
    });
  }
  assert.throws(() => parseBaqEdmx('not xml <', 'zCustomer01'), /BAQ zCustomer01/);
});

test('parseServiceDocument lists value[].name', () => {
  const doc = { '@odata.context': 'x/$metadata', value: [{ name: 'zCustomer01', url: 'zCustomer01' }, { name: '68138-HSCustomers', url: '68138-HSCustomers', kind: 'EntitySet' }] };
  assert.deepEqual(parseServiceDocument(doc), ['zCustomer01', '68138-HSCustomers']);
  assert.deepEqual(parseServiceDocument({ value: [] }), []);
  assert.throws(() => parseServiceDocument({ d: [] }), { code: 'EPROTOCOL' });
});
