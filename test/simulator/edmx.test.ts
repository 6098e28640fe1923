import { test } from 'node:test';
import assert from 'node:assert/strict';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { buildModel } from '../../src/simulator/model/index.ts';
import type { SimModel, SimService } from '../../src/simulator/model/index.ts';
import { baqEdmx, serviceEdmx } from '../../src/simulator/edmx/index.ts';

type Node = Record<string, unknown>;

const ARRAYS = new Set([
  'EntityType', 'Property', 'PropertyRef', 'NavigationProperty', 'ReferentialConstraint', 'Association', 'AssociationSet',
  'EntitySet', 'NavigationPropertyBinding', 'Parameter', 'End', 'FunctionImport', 'Function', 'Annotation',
]);
const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '',
  isArray: (name, _path, _leaf, isAttribute) => !isAttribute && ARRAYS.has(name),
});

function parse(xml: string): { edmx: Node; schema: Node } {
  assert.equal(XMLValidator.validate(xml), true, 'well-formed XML');
  const root = parser.parse(xml) as Node;
  const edmx = root['edmx:Edmx'] as Node;
  const schema = (edmx['edmx:DataServices'] as Node).Schema as Node;
  return { edmx, schema };
}

function list(node: Node, name: string): Node[] {
  return (node[name] as Node[] | undefined) ?? [];
}

function entityType(schema: Node, name: string): Node {
  const found = list(schema, 'EntityType').find((t) => t.Name === name);
  assert.ok(found, `EntityType ${name}`);
  return found;
}

function property(type: Node, name: string): Node {
  const found = list(type, 'Property').find((p) => p.Name === name);
  assert.ok(found, `Property ${name}`);
  return found;
}

const model: SimModel = buildModel();
const customerSvc = model.services.find((s) => s.name === 'Erp.BO.CustomerSvc') as SimService;
const salesOrderSvc = model.services.find((s) => s.name === 'Erp.BO.SalesOrderSvc') as SimService;

test('v1 metadata is OData v3 EDMX with every set, keys in order, typed properties and facets', () => {
  const { edmx, schema } = parse(serviceEdmx(customerSvc, 'v1'));
  assert.equal(edmx.Version, '1.0');
  assert.equal((edmx['edmx:DataServices'] as Node)['m:DataServiceVersion'], '3.0');
  assert.equal(schema.Namespace, 'Erp.BO.CustomerSvc');
  const container = schema.EntityContainer as Node;
  assert.deepEqual(list(container, 'EntitySet').map((s) => s.Name), customerSvc.entitySets.map((s) => s.name));
  assert.equal(list(container, 'EntitySet')[0]!.EntityType, 'Erp.BO.CustomerSvc.CustomerRow');
  const customer = entityType(schema, 'CustomerRow');
  assert.deepEqual(list(customer.Key as Node, 'PropertyRef').map((r) => r.Name), ['Company', 'CustNum']);
  assert.equal(list(customer, 'Property').length, customerSvc.entitySets[0]!.columns.length);
  assert.deepEqual(property(customer, 'Company'), { Name: 'Company', Type: 'Edm.String', Nullable: 'false', MaxLength: '8', Documentation: { Summary: 'Company Identifier.' } });
  assert.equal(property(customer, 'CustNum').Type, 'Edm.Int32');
  assert.equal(property(customer, 'EstDate').Type, 'Edm.DateTime');
  assert.equal(property(customer, 'SysRowID').Type, 'Edm.Guid');
  assert.equal(property(customer, 'SysRevID').Type, 'Edm.Int64');
  assert.equal(property(customer, 'CreditHold').Type, 'Edm.Boolean');
  assert.equal(property(customer, 'Name').Nullable, undefined, 'nullable is the default');
  const limit = property(customer, 'CreditLimit');
  assert.equal(limit.Type, 'Edm.Decimal');
  assert.ok(Number(limit.Precision) > 0 && Number(limit.Scale) >= 0);
  const entityGlc = entityType(schema, 'EntityGLCRow');
  assert.deepEqual(list(entityGlc.Key as Node, 'PropertyRef').map((r) => r.Name), customerSvc.entitySets.find((s) => s.name === 'EntityGLCs')!.keys);
});

test('v1 navigation is declared with Associations, ReferentialConstraints and AssociationSets', () => {
  const { schema } = parse(serviceEdmx(salesOrderSvc, 'v1'));
  const order = entityType(schema, 'OrderHedRow');
  const nav = list(order, 'NavigationProperty').find((n) => n.Name === 'OrderDtls');
  assert.ok(nav);
  assert.equal(nav.FromRole, 'SalesOrders');
  assert.equal(nav.ToRole, 'OrderDtls');
  const association = list(schema, 'Association').find((a) => `Erp.BO.SalesOrderSvc.${a.Name as string}` === nav.Relationship);
  assert.ok(association, 'the association the navigation names');
  const ends = list(association, 'End');
  assert.deepEqual(ends.map((e) => [e.Type, e.Multiplicity]), [['Erp.BO.SalesOrderSvc.OrderHedRow', '1'], ['Erp.BO.SalesOrderSvc.OrderDtlRow', '*']]);
  const constraint = association.ReferentialConstraint as Node[];
  const principal = constraint[0]!.Principal as Node;
  const dependent = constraint[0]!.Dependent as Node;
  assert.deepEqual(list(principal, 'PropertyRef').map((r) => r.Name), ['Company', 'OrderNum']);
  assert.deepEqual(list(dependent, 'PropertyRef').map((r) => r.Name), ['Company', 'OrderNum']);
  const sets = list(schema.EntityContainer as Node, 'AssociationSet');
  const associationSet = sets.find((s) => s.Association === nav.Relationship);
  assert.ok(associationSet);
  assert.deepEqual(list(associationSet, 'End').map((e) => e.EntitySet), ['SalesOrders', 'OrderDtls']);
});

test('v2 metadata is OData v4 EDMX with DateTimeOffset and collection navigation with constraints', () => {
  const { edmx, schema } = parse(serviceEdmx(customerSvc, 'v2'));
  assert.equal(edmx.Version, '4.0');
  const customer = entityType(schema, 'CustomerRow');
  assert.deepEqual(list(customer.Key as Node, 'PropertyRef').map((r) => r.Name), ['Company', 'CustNum']);
  assert.equal(property(customer, 'EstDate').Type, 'Edm.DateTimeOffset');
  assert.equal(property(customer, 'CustNum').Nullable, 'false');
  assert.equal(property(customer, 'CustID').MaxLength, '10');
  const nav = list(customer, 'NavigationProperty').find((n) => n.Name === 'ShipToes');
  assert.ok(nav);
  assert.equal(nav.Type, 'Collection(Erp.BO.CustomerSvc.ShipToRow)');
  assert.deepEqual(list(nav, 'ReferentialConstraint').map((c) => [c.Property, c.ReferencedProperty]), [['Company', 'Company'], ['CustNum', 'CustNum']]);
  const customers = list(schema.EntityContainer as Node, 'EntitySet').find((s) => s.Name === 'Customers')!;
  assert.ok(list(customers, 'NavigationPropertyBinding').some((b) => b.Path === 'ShipToes' && b.Target === 'ShipToes'));
  assert.ok(!serviceEdmx(customerSvc, 'v2').includes('Edm.DateTime"'), 'no Edm.DateTime in OData v4');
});

test('descriptions with quotes, ampersands and angle brackets survive escaping', () => {
  const column = customerSvc.entitySets[0]!.columns.find((c) => c.name === 'CreditHold')!;
  assert.match(column.description!, /"/);
  const v1 = entityType(parse(serviceEdmx(customerSvc, 'v1')).schema, 'CustomerRow');
  assert.equal(((property(v1, 'CreditHold').Documentation as Node).Summary as string), column.description);
  const v2 = entityType(parse(serviceEdmx(customerSvc, 'v2')).schema, 'CustomerRow');
  const annotation = list(property(v2, 'CreditHold'), 'Annotation')[0]!;
  assert.deepEqual(annotation, { Term: 'Core.Description', String: column.description });
  const tricky = { ...customerSvc, entitySets: [{ ...customerSvc.entitySets[0]!, navigation: [], columns: [{ ...column, description: `a <b> & "c" 'd'` }] }] };
  const parsed = entityType(parse(serviceEdmx(tricky, 'v2')).schema, 'CustomerRow');
  assert.equal(list(list(parsed, 'Property')[0]!, 'Annotation')[0]!.String, `a <b> & "c" 'd'`);
});

test('BAQ metadata v1: QueryResult keyed by RowIdent, set Data, zipCode a mandatory FunctionImport parameter', () => {
  const baq = model.baqs.find((b) => b.id === 'zCustomer01')!;
  const { edmx, schema } = parse(baqEdmx(baq, 'v1'));
  assert.equal(edmx.Version, '1.0');
  const result = entityType(schema, 'QueryResult');
  assert.deepEqual(list(result.Key as Node, 'PropertyRef').map((r) => r.Name), ['RowIdent']);
  assert.deepEqual(list(result, 'Property').map((p) => p.Name), baq.columns.map((c) => c.name));
  assert.equal(property(result, 'Customer_CreditHoldDate').Type, 'Edm.DateTime');
  assert.equal((result.Documentation as Node).Summary, baq.description);
  const container = schema.EntityContainer as Node;
  const set = list(container, 'EntitySet')[0]!;
  assert.equal(set.Name, 'Data');
  assert.equal(set.EntityType, `${schema.Namespace as string}.QueryResult`);
  const fn = list(container, 'FunctionImport')[0]!;
  assert.equal(fn.Name, 'Data');
  assert.equal(fn.EntitySet, 'Data');
  assert.equal(fn.ReturnType, `Collection(${schema.Namespace as string}.QueryResult)`);
  assert.deepEqual(list(fn, 'Parameter').map((p) => [p.Name, p.Type, p.Nullable]), [['zipCode', 'Edm.String', 'false']]);
});

test('BAQ metadata v2: a Data Function with the parameters and a FunctionImport; optional parameters are nullable', () => {
  const baq = model.baqs.find((b) => b.id === '68138-HSCustomers')!;
  const xml = baqEdmx(baq, 'v2');
  const { edmx, schema } = parse(xml);
  assert.equal(edmx.Version, '4.0');
  const ns = schema.Namespace as string;
  assert.match(ns, /^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*$/, 'a valid namespace for a hyphenated, numeric id');
  const fn = list(schema, 'Function')[0]!;
  assert.equal(fn.Name, 'Data');
  assert.deepEqual(list(fn, 'Parameter').map((p) => [p.Name, p.Nullable]), [['state', undefined]]);
  assert.equal((fn.ReturnType as Node).Type, `Collection(${ns}.QueryResult)`);
  const fi = list(schema.EntityContainer as Node, 'FunctionImport')[0]!;
  assert.deepEqual([fi.Name, fi.Function, fi.EntitySet], ['Data', `${ns}.Data`, 'Data']);
  const result = entityType(schema, 'QueryResult');
  assert.equal(property(result, 'Customer_CreditHoldDate').Type, 'Edm.DateTimeOffset');
  assert.equal(list(result, 'Annotation')[0]!.String, baq.description);
  assert.match(baq.description, /"/);
  const zip = parse(baqEdmx(model.baqs.find((b) => b.id === 'zCustomer01')!, 'v2')).schema;
  assert.deepEqual(list(list(zip, 'Function')[0]!, 'Parameter').map((p) => [p.Name, p.Nullable]), [['zipCode', 'false']]);
});

test('every service and BAQ produces well-formed metadata in both versions', () => {
  for (const version of ['v1', 'v2'] as const) {
    for (const service of model.services) {
      const { schema } = parse(serviceEdmx(service, version));
      assert.equal(list(schema, 'EntityType').length, new Set(service.entitySets.map((s) => s.entityType)).size);
    }
    for (const baq of model.baqs) parse(baqEdmx(baq, version));
  }
});
