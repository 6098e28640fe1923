/**
 * A small real SQLite database for the OData evaluator tests: customers (every column type, names with
 * apostrophes, accents, case variants and nulls) and their orders, in two companies.
 */
import Database from 'better-sqlite3';
import type { SimColumn } from '../../src/simulator/model/types.ts';
import type { ExpandTarget, QuerySource } from '../../src/simulator/odata/index.ts';

export const CUSTOMER_COLUMNS: readonly SimColumn[] = [
  { name: 'Company', type: 'Edm.String', nullable: false },
  { name: 'CustNum', type: 'Edm.Int32', nullable: false },
  { name: 'CustID', type: 'Edm.String', nullable: false },
  { name: 'Name', type: 'Edm.String', nullable: true },
  { name: 'City', type: 'Edm.String', nullable: true },
  { name: 'CreditLimit', type: 'Edm.Decimal', nullable: true },
  { name: 'Discount', type: 'Edm.Double', nullable: false },
  { name: 'Active', type: 'Edm.Boolean', nullable: false },
  { name: 'Since', type: 'Edm.DateTime', nullable: true },
  { name: 'SysRowID', type: 'Edm.Guid', nullable: false },
  { name: 'SysRevID', type: 'Edm.Int64', nullable: false },
];

export const ORDER_COLUMNS: readonly SimColumn[] = [
  { name: 'Company', type: 'Edm.String', nullable: false },
  { name: 'OrderNum', type: 'Edm.Int32', nullable: false },
  { name: 'CustNum', type: 'Edm.Int32', nullable: false },
  { name: 'PartNum', type: 'Edm.String', nullable: false },
  { name: 'Qty', type: 'Edm.Decimal', nullable: false },
];

type Customer = [string, number, string, string | null, string | null, number | null, number, number, string | null, string, number | bigint];

export const GUID_1 = '0f8fad5b-d9cb-469f-a165-70867728950e';

const CUSTOMERS: Customer[] = [
  ['EPIC06', 1, 'ACME', 'Acme Inc', 'Austin', 1000, 0.1, 1, '2020-01-15T00:00:00', GUID_1, 10],
  ['EPIC06', 2, 'ACME2', 'acme inc', 'austin', 2500.5, 0, 1, '2021-06-30T13:45:10', '1a2b3c4d-0000-4000-8000-000000000002', 11],
  ['EPIC06', 3, 'OBRIEN', "O'Brien & Sons", 'Dublin', null, 0.25, 0, '2019-12-31T23:59:59', '1a2b3c4d-0000-4000-8000-000000000003', 12],
  ['EPIC06', 4, 'ECLAIR', 'Éclair Ltd', 'Paris', 500, 0, 1, '2022-02-28T08:00:00', '1a2b3c4d-0000-4000-8000-000000000004', 13],
  ['EPIC06', 5, 'ECLAIR2', 'éclair ltd', 'paris', 750, 0.05, 0, null, '1a2b3c4d-0000-4000-8000-000000000005', 14],
  ['EPIC06', 6, 'EVE', 'eve', 'Lyon', 0, 0, 1, '2023-03-01T00:00:00', '1a2b3c4d-0000-4000-8000-000000000006', 15],
  ['EPIC06', 7, 'ZETA', 'Zeta #1 100% & Co', null, 99.99, 0.5, 1, '2023-03-01T12:30:00', '1a2b3c4d-0000-4000-8000-000000000007', 16],
  ['EPIC06', 8, 'NONAME', null, 'Berlin', 10, 0, 0, '2024-03-01T00:00:00', '1a2b3c4d-0000-4000-8000-000000000008', 9007199254740993n],
  ['EPIC06', 9, 'BANANA', 'Banana Co', 'Bonn', 3000, 0.15, 1, '2018-07-04T10:00:00', '1a2b3c4d-0000-4000-8000-000000000009', 17],
  ['EPIC06', 10, 'APPLE', 'apple', 'Köln', 1200, 0.2, 1, '2024-03-01T00:00:01', '1a2b3c4d-0000-4000-8000-00000000000a', 18],
  ['EPIC06', 11, 'NIHON', '日本商事', 'Tokyo', 5000, 0, 1, '2017-05-05T05:05:05', '1a2b3c4d-0000-4000-8000-00000000000b', 19],
  ['EPIC06', 12, 'TRIM', '  Padded  ', 'Ulm', -5, 0, 0, '2025-01-31T00:00:00', '1a2b3c4d-0000-4000-8000-00000000000c', 20],
  ['OTHER', 1, 'HIDDEN', 'Acme Inc', 'Austin', 1000, 0.1, 1, '2020-01-15T00:00:00', '1a2b3c4d-0000-4000-8000-0000000000ff', 1],
];

const ORDERS: Array<[string, number, number, string, number]> = [
  ['EPIC06', 100, 1, 'BOLT', 5],
  ['EPIC06', 101, 1, 'nut', 10],
  ['EPIC06', 102, 1, 'Washer', 1],
  ['EPIC06', 103, 2, 'BOLT', 2],
  ['EPIC06', 104, 4, 'Gear', 7],
  ['OTHER', 100, 1, 'HIDDEN', 99],
];

export function createDatabase(): Database.Database {
  const db = new Database(':memory:');
  db.exec(`CREATE TABLE "Customers" (Company TEXT, CustNum INTEGER, CustID TEXT, Name TEXT, City TEXT, CreditLimit REAL,
    Discount REAL, Active INTEGER, Since TEXT, SysRowID TEXT, SysRevID INTEGER, PRIMARY KEY (Company, CustNum));
    CREATE TABLE "Orders" (Company TEXT, OrderNum INTEGER, CustNum INTEGER, PartNum TEXT, Qty REAL, PRIMARY KEY (Company, OrderNum));`);
  const insertCustomer = db.prepare('INSERT INTO "Customers" VALUES (?,?,?,?,?,?,?,?,?,?,?)');
  for (const c of CUSTOMERS) insertCustomer.run(...c);
  const insertOrder = db.prepare('INSERT INTO "Orders" VALUES (?,?,?,?,?)');
  for (const o of ORDERS) insertOrder.run(...o);
  return db;
}

export function customers(company = 'EPIC06'): QuerySource {
  return { from: '"Customers"', params: { company }, columns: CUSTOMER_COLUMNS, keys: ['Company', 'CustNum'], where: ['"Company" = @company'] };
}

export function orders(company = 'EPIC06'): QuerySource {
  return { from: '"Orders"', params: { company }, columns: ORDER_COLUMNS, keys: ['Company', 'OrderNum'], where: ['"Company" = @company'] };
}

/** Navigation of Customers: Orders (many); of Orders: Customer (one). */
export function navigation(company = 'EPIC06'): (name: string) => ExpandTarget | undefined {
  return (name) => {
    if (name === 'Orders') return { source: orders(company), fromColumns: ['Company', 'CustNum'], toColumns: ['Company', 'CustNum'], many: true };
    if (name === 'Customer') return { source: customers(company), fromColumns: ['Company', 'CustNum'], toColumns: ['Company', 'CustNum'], many: false };
    return undefined;
  };
}
