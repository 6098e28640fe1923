import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { XMLParser } from 'fast-xml-parser';
import { EDM_TYPES } from '../../src/metadata/edm-types.ts';
import { SIM_EDM_TYPES, buildModel } from '../../src/simulator/model/index.ts';
import type { SimEntitySet, SimModel } from '../../src/simulator/model/index.ts';

interface RawSchema {
  entitySets: Record<string, { rowType: string; keys: string[] }>;
  customMethods: string[];
  rowTypes: Record<string, { name: string }[]>;
}

function schema(service: string): RawSchema {
  return JSON.parse(readFileSync(new URL(`../../src/simulator/schemas/${service}.json`, import.meta.url), 'utf8')) as RawSchema;
}

function set(model: SimModel, name: string): SimEntitySet {
  const found = model.services.flatMap((s) => s.entitySets).find((s) => s.name === name);
  assert.ok(found, `entity set ${name}`);
  return found;
}

const model = buildModel();

test('the model serves the three real services with every entity set, key and method of their schemas', () => {
  assert.deepEqual(model.services.map((s) => s.name), ['Erp.BO.CustomerSvc', 'Erp.BO.SalesOrderSvc', 'Erp.BO.PartSvc']);
  for (const service of model.services) {
    const raw = schema(service.name);
    assert.deepEqual(service.entitySets.map((s) => s.name), Object.keys(raw.entitySets));
    assert.deepEqual(service.methods, raw.customMethods);
    for (const entitySet of service.entitySets) {
      const rawSet = raw.entitySets[entitySet.name]!;
      assert.equal(entitySet.entityType, rawSet.rowType);
      assert.deepEqual(entitySet.keys, rawSet.keys);
      assert.equal(entitySet.table, entitySet.name);
      assert.equal(entitySet.service, service.name);
      const names = new Set(entitySet.columns.map((c) => c.name));
      for (const field of raw.rowTypes[rawSet.rowType]!) assert.ok(names.has(field.name), `${entitySet.name}.${field.name}`);
      for (const key of entitySet.keys) assert.ok(names.has(key), `${entitySet.name} has its key column ${key}`);
      assert.equal(names.size, entitySet.columns.length, `${entitySet.name} has no duplicate column`);
    }
  }
});

test('Customers keeps the full width of the real CustomerRow plus user fields', () => {
  const customers = set(model, 'Customers');
  assert.equal(schema('Erp.BO.CustomerSvc').rowTypes.CustomerRow!.length, 450);
  assert.ok(customers.columns.length >= 452, `${customers.columns.length} columns`);
  assert.equal(customers.columns.at(-1)?.name, 'RowMod');
  const userFields = (s: SimEntitySet): string[] => s.columns.filter((c) => c.name.endsWith('_c')).map((c) => c.name);
  assert.ok(userFields(customers).length >= 2);
  assert.ok(userFields(set(model, 'SalesOrders')).length >= 2);
  assert.equal(customers.columns.find((c) => c.name === 'CustomerTier_c')?.type, 'Edm.String');
  assert.equal(set(model, 'SalesOrders').columns.find((c) => c.name === 'OrderPriority_c')?.type, 'Edm.Int32');
});

test('columns other code relies on have their exact EDM types', () => {
  const expected: Record<string, Record<string, string>> = {
    Customers: {
      Company: 'String', CustNum: 'Int32', CustID: 'String', Name: 'String', City: 'String', State: 'String', Zip: 'String',
      Country: 'String', CreditHold: 'Boolean', EstDate: 'DateTime', SysRowID: 'Guid', SysRevID: 'Int64',
    },
    SalesOrders: { Company: 'String', OrderNum: 'Int32', CustNum: 'Int32', OrderDate: 'DateTime', OrderAmt: 'Decimal', OpenOrder: 'Boolean', PONum: 'String' },
    OrderDtls: { Company: 'String', OrderNum: 'Int32', OrderLine: 'Int32', PartNum: 'String', LineDesc: 'String', OrderQty: 'Decimal', UnitPrice: 'Decimal' },
    OrderRels: { Company: 'String', OrderNum: 'Int32', OrderLine: 'Int32', OrderRelNum: 'Int32' },
    Parts: { Company: 'String', PartNum: 'String', PartDescription: 'String', ClassID: 'String', UnitPrice: 'Decimal', InActive: 'Boolean' },
    PartPlants: { Company: 'String', PartNum: 'String', Plant: 'String' },
    ShipToes: { Company: 'String', CustNum: 'Int32', ShipToNum: 'String' },
    CustBillToes: { Company: 'String', CustNum: 'Int32', BTCustNum: 'Int32' },
  };
  for (const [setName, columns] of Object.entries(expected)) {
    const entitySet = set(model, setName);
    for (const [name, type] of Object.entries(columns)) {
      assert.equal(entitySet.columns.find((c) => c.name === name)?.type, `Edm.${type}`, `${setName}.${name}`);
    }
  }
  const customers = set(model, 'Customers');
  const facet = (name: string) => customers.columns.find((c) => c.name === name)!;
  assert.equal(facet('Company').maxLength, 8);
  assert.equal(facet('CustID').maxLength, 10);
  assert.equal(facet('Name').maxLength, 50);
  assert.equal(set(model, 'Parts').columns.find((c) => c.name === 'PartNum')?.maxLength, 50);
  const amount = set(model, 'SalesOrders').columns.find((c) => c.name === 'OrderAmt')!;
  assert.ok(amount.precision !== undefined && amount.scale !== undefined && amount.scale >= 2);
  for (const column of customers.columns) {
    if (column.type === 'Edm.String') assert.ok(column.maxLength! > 0, `${column.name} has a MaxLength`);
  }
});

test('key columns are non-nullable and most others nullable', () => {
  for (const entitySet of model.services.flatMap((s) => s.entitySets)) {
    for (const key of entitySet.keys) assert.equal(entitySet.columns.find((c) => c.name === key)?.nullable, false, `${entitySet.name}.${key}`);
  }
  const customers = set(model, 'Customers');
  assert.ok(customers.columns.filter((c) => c.nullable).length > customers.columns.length / 2);
});

test('navigation links parents to children by their key columns, named after the child set', () => {
  const links: [string, string, string[]][] = [
    ['Customers', 'ShipToes', ['Company', 'CustNum']],
    ['Customers', 'CustBillToes', ['Company', 'CustNum']],
    ['SalesOrders', 'OrderDtls', ['Company', 'OrderNum']],
    ['SalesOrders', 'OrderRels', ['Company', 'OrderNum']],
    ['OrderDtls', 'OrderRels', ['Company', 'OrderNum', 'OrderLine']],
    ['Parts', 'PartPlants', ['Company', 'PartNum']],
  ];
  for (const [parent, child, columns] of links) {
    const nav = set(model, parent).navigation.find((n) => n.name === child);
    assert.ok(nav, `${parent} -> ${child}`);
    assert.equal(nav.target, child);
    assert.equal(nav.many, true);
    assert.deepEqual(nav.fromColumns, columns);
    assert.deepEqual(nav.toColumns, columns);
  }
  for (const service of model.services) {
    const names = new Set(service.entitySets.map((s) => s.name));
    for (const entitySet of service.entitySets) {
      for (const nav of entitySet.navigation) {
        assert.ok(names.has(nav.target), `${entitySet.name}.${nav.name} stays in ${service.name}`);
        const target = service.entitySets.find((s) => s.name === nav.target)!;
        for (const column of nav.toColumns) assert.ok(target.columns.some((c) => c.name === column));
      }
    }
  }
  assert.equal(set(model, 'CustChilds').navigation.length, 0, 'a set repeating the parent key is not a parent');
});

test('system-assigned numbers and companies', () => {
  assert.equal(set(model, 'Customers').autoNumber, 'CustNum');
  assert.equal(set(model, 'SalesOrders').autoNumber, 'OrderNum');
  assert.equal(set(model, 'OrderDtls').autoNumber, undefined);
  assert.deepEqual(model.companies, ['EPIC06', 'EPIC07']);
});

test('each call builds a fresh, equal model', () => {
  const other = buildModel();
  assert.notEqual(other, model);
  assert.notEqual(other.services[0], model.services[0]);
  assert.deepEqual(other, model);
});

test('zCustomer01 has the display fields of the real BAQ export and its mandatory zipCode parameter', () => {
  const xml = readFileSync(new URL('../../src/simulator/schemas/zCustomer01_Param.DynamicQuery.xml', import.meta.url), 'utf8');
  const parsed = new XMLParser({ isArray: (name) => name === 'QueryFieldDesigner' }).parse(xml) as {
    BAQDesignerDataSet: { QueryFieldDesigner: { Alias: string; Seq: number }[] };
  };
  const aliases = parsed.BAQDesignerDataSet.QueryFieldDesigner.sort((a, b) => a.Seq - b.Seq).map((f) => f.Alias);
  const baq = model.baqs.find((b) => b.id === 'zCustomer01')!;
  assert.deepEqual(baq.columns.map((c) => c.name), [...aliases, 'RowIdent']);
  assert.deepEqual(baq.parameters, [{ name: 'zipCode', type: 'Edm.String', required: true }]);
  assert.equal(baq.columns.find((c) => c.name === 'Customer_CreditHold')?.type, 'Edm.Boolean');
  assert.equal(baq.columns.find((c) => c.name === 'Customer_CustNum')?.type, 'Edm.Int32');
});

test('the BAQs have string RowIdent keys, their parameters and SQL over @company', () => {
  assert.deepEqual(model.baqs.map((b) => b.id), ['zCustomer01', '68138-HSCustomers', 'zOrdersByCustomer']);
  for (const baq of model.baqs) {
    const rowIdent = baq.columns.find((c) => c.name === 'RowIdent');
    assert.equal(rowIdent?.type, 'Edm.String');
    assert.equal(rowIdent.nullable, false);
    assert.match(baq.sql, /@company/);
    for (const p of baq.parameters) assert.match(baq.sql, new RegExp(`@${p.name}\\b`));
  }
  const hs = model.baqs.find((b) => b.id === '68138-HSCustomers')!;
  assert.deepEqual(hs.parameters, [{ name: 'state', type: 'Edm.String', required: false }]);
  const orders = model.baqs.find((b) => b.id === 'zOrdersByCustomer')!;
  assert.deepEqual(orders.parameters, []);
  assert.deepEqual(orders.columns.map((c) => c.name), [
    'Customer_CustID', 'Customer_Name', 'OrderHed_OrderNum', 'OrderHed_OrderDate', 'OrderHed_OrderAmt', 'Calculated_LineCount', 'RowIdent',
  ]);
});

// The simulator keeps its own list of EDM type names (it imports nothing from the driver): the two lists
// must name the same types, so that every column it serves is one the driver reads.
test("the simulator's EDM types are the driver's", () => {
  assert.deepEqual([...SIM_EDM_TYPES].sort(), Object.keys(EDM_TYPES).sort());
  const served = new Set(model.services.flatMap((s) => s.entitySets).flatMap((e) => e.columns).map((c) => c.type));
  for (const type of served) assert.ok(Object.hasOwn(EDM_TYPES, type), type);
});
