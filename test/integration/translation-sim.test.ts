import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { connect, KineticError } from '../../src/index.ts';
import type { Connection, Params, QueryResult } from '../../src/index.ts';
import { startSimulator } from '../../src/simulator/index.ts';
import type { Simulator } from '../../src/simulator/index.ts';
import { translationCases } from '../fixtures/translation-cases.ts';
import type { ExpectedRequest, TranslationCase } from '../fixtures/translation-cases.ts';
import { isoText, ReferenceDb, refCiKey } from './reference-db.ts';
import type { ReferenceColumn, ReferenceResult, ReferenceStatement } from './reference-db.ts';

/*
 * Every translation case (test/fixtures/translation-cases.ts) is also executed: the driver sends it to the
 * simulator over loopback, and the same statement is answered by SQLite over the simulator's raw rows of
 * the connection's company (reference-db.ts). The rows must agree, and the request the simulator received
 * must carry the case's $filter, $select, $orderby and BAQ parameters: the filter was pushed down, not
 * applied in the client. Error cases must fail with the same code against the real catalog, sending no
 * data request.
 */

const SERVICES = 'Erp.BO.CustomerSvc,Erp.BO.SalesOrderSvc,Erp.BO.PartSvc,BaqSvc';

/** Cases whose tables exist only in the fixture catalog (it has a few extras the simulator lacks). */
const SKIPPED: Readonly<Record<string, string>> = {
  'ambiguous set qualified with double quotes': 'Memos is a fixture-only table (the simulator serves no Memos)',
  'ambiguous set qualified in one bracket pair': 'Memos is a fixture-only table (the simulator serves no Memos)',
};

interface ReferenceOverride {
  /** The reference statement, when the case's own SQL cannot be rewritten mechanically. */
  readonly sql: string;
  readonly params?: Params;
  /** For a BAQ: its parameters (null when an optional one is absent); the BAQ's rows become the table. */
  readonly baq?: Readonly<Record<string, string | null>>;
}

/** Reference SQL for the cases the mechanical rewriting does not cover. */
const REFERENCE: Readonly<Record<string, ReferenceOverride>> = {
  // 'false' is a boolean literal for the driver; SQLite stores booleans as 0/1.
  'boolean literals': { sql: 'SELECT OrderNum FROM SalesOrders WHERE OpenOrder = 1 OR OpenOrder = 0' },
  // BAQ parameters are not columns: they select the BAQ's rows.
  'BAQ id with a hyphen, optional parameter absent': { sql: 'SELECT Customer_Name FROM [68138-HSCustomers]', baq: { state: null } },
  'BAQ parameter becomes a query-string pair': { sql: "SELECT * FROM zCustomer01 WHERE Customer_Name LIKE 'A%'", baq: { zipCode: '69002' } },
  'BAQ parameter bound from ?': { sql: 'SELECT Customer_CustID FROM zCustomer01', baq: { zipCode: '10001' } },
  'BAQ parameter on the right': { sql: 'SELECT Customer_CustID FROM zCustomer01', baq: { zipCode: '10001' } },
  'BAQ optional parameter given': { sql: 'SELECT COUNT(*) FROM [68138-HSCustomers] WHERE Customer_CreditLimit > 100', baq: { state: 'TX' } },
  // Extra cases.
  'extra: equality folds a non-ASCII capital': { sql: "SELECT CustID, State FROM Customers WHERE State = 'Auvergne-Rhône-Alpes'" },
  'extra: BAQ rows that match, v2': { sql: "SELECT Customer_CustID, Customer_Name, Customer_CreditHold FROM zCustomer01 WHERE Customer_Name LIKE 'a%' OR Customer_CreditHold = 1", baq: { zipCode: '49503' } },
  'extra: BAQ optional parameter, calculated column': { sql: 'SELECT Customer_CustID, Calculated_OpenOrderAmt FROM [68138-HSCustomers] ORDER BY Customer_CustID', baq: { state: 'CA' } },
  'extra: BAQ without parameters, window': { sql: "SELECT TOP 40 OrderHed_OrderNum, OrderHed_OrderDate, Calculated_LineCount FROM zOrdersByCustomer WHERE OrderHed_OrderAmt > 1000 ORDER BY OrderHed_OrderNum", baq: {} },
};

const CUST = 'Company,CustNum';
const ORDERS = 'Company,OrderNum';

/**
 * Cases of our own, in the fixture's shape, on what the fixture's cases do not reach: case folding of
 * non-ASCII text, answers of many pages, columns the fixture catalog lacks (the null cases), the BAQs'
 * rows. Like the fixture's cases, each matches rows of the seeded data.
 */
const EXTRA_CASES: readonly (TranslationCase & { expect: ExpectedRequest })[] = [
  { name: 'extra: equality ignores ASCII case, keeps the accent', sql: "SELECT CustID, City FROM Customers WHERE City = 'münchen' OR City = 'MONTRéAL'", apiVersion: 'v2', expect: { entitySet: 'Customers', select: 'CustID,City', filter: "City eq 'münchen' or City eq 'MONTRéAL'", orderby: CUST } },
  { name: 'extra: equality folds a non-ASCII capital', sql: "SELECT CustID, State FROM Customers WHERE State = 'AUVERGNE-RHÔNE-ALPES'", apiVersion: 'v1', expect: { entitySet: 'Customers', select: 'CustID,State', filter: "State eq 'AUVERGNE-RHÔNE-ALPES'", orderby: CUST } },
  { name: 'extra: LIKE suffix v1', sql: "SELECT CustID, Name FROM Customers WHERE Name LIKE '%TOOLING'", apiVersion: 'v1', expect: { entitySet: 'Customers', select: 'CustID,Name', filter: "endswith(Name,'TOOLING')", orderby: CUST } },
  { name: 'extra: LIKE contains v1', sql: "SELECT CustID, Name FROM Customers WHERE Name LIKE '%brien%'", apiVersion: 'v1', expect: { entitySet: 'Customers', select: 'CustID,Name', filter: "substringof('brien',Name) eq true", orderby: CUST } },
  { name: 'extra: LIKE prefix with a non-ASCII letter', sql: "SELECT Name FROM Customers WHERE Name LIKE 'zoë%' OR Name LIKE 'ÆRØ%'", apiVersion: 'v2', expect: { entitySet: 'Customers', select: 'Name', filter: "startswith(Name,'zoë') or startswith(Name,'ÆRØ')", orderby: CUST } },
  { name: 'extra: UPPER over non-ASCII text', sql: "SELECT Name FROM Customers WHERE UPPER(Name) LIKE 'MÜLLER%'", apiVersion: 'v2', expect: { entitySet: 'Customers', select: 'Name', filter: "startswith(toupper(Name),'MÜLLER')", orderby: CUST } },
  { name: 'extra: IN and boolean', sql: "SELECT CustID, State, CreditHold FROM Customers WHERE State IN ('ca', 'tx') AND CreditHold = 1", apiVersion: 'v2', expect: { entitySet: 'Customers', select: 'CustID,State,CreditHold', filter: "(State eq 'ca' or State eq 'tx') and CreditHold eq true", orderby: CUST } },
  { name: 'extra: YEAR and MONTH with ties in ORDER BY', sql: 'SELECT OrderNum, OrderDate, OrderAmt FROM SalesOrders WHERE YEAR(OrderDate) = 2024 AND MONTH(OrderDate) = 3 ORDER BY OrderDate DESC', apiVersion: 'v1', expect: { entitySet: 'SalesOrders', select: 'OrderNum,OrderDate,OrderAmt', filter: 'year(OrderDate) eq 2024 and month(OrderDate) eq 3', orderby: `OrderDate desc,${ORDERS}` } },
  { name: 'extra: decimal range and boolean, many pages', sql: 'SELECT OrderNum, CustNum, OrderAmt, OpenOrder FROM SalesOrders WHERE OpenOrder = 0 AND OrderAmt >= 2500.5', apiVersion: 'v2', expect: { entitySet: 'SalesOrders', select: 'OrderNum,CustNum,OrderAmt,OpenOrder', filter: 'OpenOrder eq false and OrderAmt ge 2500.5', orderby: ORDERS } },
  { name: 'extra: decimal v1 ordered', sql: 'SELECT OrderNum, OrderAmt FROM SalesOrders WHERE OpenOrder = 1 AND OrderAmt > 5000 ORDER BY OrderAmt DESC', apiVersion: 'v1', expect: { entitySet: 'SalesOrders', select: 'OrderNum,OrderAmt', filter: 'OpenOrder eq true and OrderAmt gt 5000M', orderby: `OrderAmt desc,${ORDERS}` } },
  { name: 'extra: SUBSTRING and LEN', sql: "SELECT PartNum, PartDescription FROM Parts WHERE SUBSTRING(PartNum, 1, 3) = 'HW-' AND LEN(PartDescription) > 20", apiVersion: 'v2', expect: { entitySet: 'Parts', select: 'PartNum,PartDescription', filter: "substring(PartNum,0,3) eq 'HW-' and length(PartDescription) gt 20", orderby: 'Company,PartNum' } },
  { name: 'extra: dates from parameters', sql: 'SELECT CustID, EstDate FROM Customers WHERE EstDate BETWEEN ? AND ?', params: [new Date(Date.UTC(2024, 0, 1)), new Date(Date.UTC(2024, 11, 31))], apiVersion: 'v2', expect: { entitySet: 'Customers', select: 'CustID,EstDate', filter: 'EstDate ge 2024-01-01T00:00:00Z and EstDate le 2024-12-31T00:00:00Z', orderby: CUST } },
  { name: 'extra: date literals v1', sql: "SELECT CustID, EstDate FROM Customers WHERE EstDate > '2025-06-30' AND EstDate <= '2026-01-30T00:00:00'", apiVersion: 'v1', expect: { entitySet: 'Customers', select: 'CustID,EstDate', filter: "EstDate gt datetime'2025-06-30T00:00:00' and EstDate le datetime'2026-01-30T00:00:00'", orderby: CUST } },
  { name: 'extra: ORDER BY non-ASCII text with a window', sql: "SELECT TOP 25 City, Name FROM Customers WHERE Country <> 'USA' ORDER BY City DESC, Name", apiVersion: 'v2', expect: { entitySet: 'Customers', select: 'City,Name', filter: "Country ne 'USA' and Country ne null", orderby: `City desc,Name,${CUST}`, top: 25 } },
  { name: 'extra: ORDER BY non-ASCII text, every row', sql: 'SELECT Name, CustID FROM Customers ORDER BY Name, CustID', apiVersion: 'v1', expect: { entitySet: 'Customers', select: 'Name,CustID', orderby: `Name,CustID,${CUST}` } },
  { name: 'extra: OFFSET FETCH deep in a filtered set', sql: "SELECT OrderNum, OrderDate FROM SalesOrders WHERE OrderDate >= '2022-01-01' ORDER BY OrderNum OFFSET 130 ROWS FETCH NEXT 75 ROWS ONLY", apiVersion: 'v2', expect: { entitySet: 'SalesOrders', select: 'OrderNum,OrderDate', filter: 'OrderDate ge 2022-01-01T00:00:00Z', orderby: 'OrderNum,Company', top: 75, skip: 130 } },
  { name: 'extra: order lines by part', sql: "SELECT OrderNum, OrderLine, OrderQty FROM OrderDtls WHERE PartNum LIKE 'FG-%' AND OrderQty >= 10", apiVersion: 'v2', expect: { entitySet: 'OrderDtls', select: 'OrderNum,OrderLine,OrderQty', filter: "startswith(PartNum,'FG-') and OrderQty ge 10", orderby: 'Company,OrderNum,OrderLine' } },
  { name: 'extra: COUNT(*) with a filter v1', sql: "SELECT COUNT(*) AS n FROM SalesOrders WHERE OpenOrder = 1 AND YEAR(OrderDate) >= 2025", apiVersion: 'v1', expect: { entitySet: 'SalesOrders', filter: 'OpenOrder eq true and year(OrderDate) ge 2025', count: true } },
  { name: 'extra: GUID equality v1', sql: "SELECT CustID FROM Customers WHERE SysRowID = 'F498F626-9499-4C1F-A5A5-758D4AA874E7'", apiVersion: 'v1', expect: { entitySet: 'Customers', select: 'CustID', filter: "SysRowID eq guid'f498f626-9499-4c1f-a5a5-758d4aa874e7'", orderby: CUST } },
  { name: 'extra: GUID equality v2', sql: "SELECT CustID FROM Customers WHERE SysRowID = 'F498F626-9499-4C1F-A5A5-758D4AA874E7'", apiVersion: 'v2', expect: { entitySet: 'Customers', select: 'CustID', filter: 'SysRowID eq f498f626-9499-4c1f-a5a5-758d4aa874e7', orderby: CUST } },
  { name: 'extra: Int64 and a column against a column', sql: 'SELECT CustNum, SysRevID FROM Customers WHERE SysRevID > 709484700 AND CustNum < SysRevID', apiVersion: 'v2', expect: { entitySet: 'Customers', select: 'CustNum,SysRevID', filter: 'SysRevID gt 709484700 and CustNum lt SysRevID', orderby: CUST } },
  { name: 'extra: TRIM and LOWER', sql: "SELECT CustID FROM Customers WHERE TRIM(City) = 'Boston' OR LOWER(City) = 'new york'", apiVersion: 'v2', expect: { entitySet: 'Customers', select: 'CustID', filter: "trim(City) eq 'Boston' or tolower(City) eq 'new york'", orderby: CUST } },
  { name: 'extra: named parameters', sql: 'SELECT CustID, State FROM Customers WHERE State = @st AND CreditHold = @hold', params: { st: 'tx', hold: true }, apiVersion: 'v1', expect: { entitySet: 'Customers', select: 'CustID,State', filter: "State eq 'tx' and CreditHold eq true", orderby: CUST } },
  // Nulls, on columns the fixture catalog lacks (all nullable, with nulls in the seeded data).
  { name: 'extra nulls: NOT BETWEEN on an Int32', sql: 'SELECT OrderNum, OrderPriority_c FROM SalesOrders WHERE OrderPriority_c NOT BETWEEN 2 AND 4', apiVersion: 'v2', expect: { entitySet: 'SalesOrders', select: 'OrderNum,OrderPriority_c', filter: 'OrderPriority_c lt 2 or OrderPriority_c gt 4', orderby: ORDERS } },
  { name: 'extra nulls: NOT IN on an Int32', sql: 'SELECT OrderNum FROM SalesOrders WHERE OrderPriority_c NOT IN (1, 5)', apiVersion: 'v1', expect: { entitySet: 'SalesOrders', select: 'OrderNum', filter: 'OrderPriority_c ne 1 and OrderPriority_c ne 5 and OrderPriority_c ne null', orderby: ORDERS } },
  { name: 'extra nulls: NOT LIKE contains v1', sql: "SELECT OrderNum, PONum FROM SalesOrders WHERE PONum NOT LIKE '%1%'", apiVersion: 'v1', expect: { entitySet: 'SalesOrders', select: 'OrderNum,PONum', filter: "substringof('1',PONum) eq false and PONum ne null", orderby: ORDERS } },
  { name: 'extra nulls: NOT (a = x AND b >= date)', sql: "SELECT CustID FROM Customers WHERE NOT (CustomerTier_c = 'Gold' AND LoyaltySince_c >= '2022-01-01')", apiVersion: 'v2', expect: { entitySet: 'Customers', select: 'CustID', filter: "CustomerTier_c ne 'Gold' and CustomerTier_c ne null or LoyaltySince_c lt 2022-01-01T00:00:00Z", orderby: CUST } },
  { name: 'extra nulls: NOT over YEAR()', sql: 'SELECT CustID FROM Customers WHERE NOT (YEAR(LoyaltySince_c) = 2020)', apiVersion: 'v1', expect: { entitySet: 'Customers', select: 'CustID', filter: 'year(LoyaltySince_c) ne 2020 and LoyaltySince_c ne null', orderby: CUST } },
  { name: 'extra nulls: two nullable dates, both often null', sql: 'SELECT CustID FROM Customers WHERE NOT (LoyaltySince_c <> CreditHoldDate) OR LoyaltySince_c >= CreditHoldDate', apiVersion: 'v2', expect: { entitySet: 'Customers', select: 'CustID', filter: '(LoyaltySince_c eq CreditHoldDate or LoyaltySince_c ge CreditHoldDate) and LoyaltySince_c ne null', orderby: CUST } },
  { name: 'extra nulls: a non-nullable boolean needs no test for null', sql: 'SELECT CustID FROM Customers WHERE CreditHold <> 1 AND NOT (CreditHold = 1 AND CustomerTier_c = \'Gold\')', apiVersion: 'v1', expect: { entitySet: 'Customers', select: 'CustID', filter: "CreditHold ne true and (CreditHold ne true or CustomerTier_c ne 'Gold' and CustomerTier_c ne null)", orderby: CUST } },
  { name: 'extra: BAQ rows that match, v2', sql: "SELECT Customer_CustID, Customer_Name, Customer_CreditHold FROM zCustomer01 WHERE zipCode = '49503' AND (Customer_Name LIKE 'a%' OR Customer_CreditHold = 1)", apiVersion: 'v2', expect: { entitySet: 'zCustomer01', select: 'Customer_CustID,Customer_Name,Customer_CreditHold', filter: "startswith(Customer_Name,'a') or Customer_CreditHold eq true", orderby: 'RowIdent', baqParams: { zipCode: '49503' } } },
  { name: 'extra: BAQ optional parameter, calculated column', sql: "SELECT Customer_CustID, Calculated_OpenOrderAmt FROM [68138-HSCustomers] WHERE state = 'CA' ORDER BY Customer_CustID", apiVersion: 'v1', expect: { entitySet: '68138-HSCustomers', select: 'Customer_CustID,Calculated_OpenOrderAmt', orderby: 'Customer_CustID,RowIdent', baqParams: { state: 'CA' } } },
  { name: 'extra: BAQ without parameters, window', sql: 'SELECT TOP 40 OrderHed_OrderNum, OrderHed_OrderDate, Calculated_LineCount FROM zOrdersByCustomer WHERE OrderHed_OrderAmt > 1000 ORDER BY OrderHed_OrderNum', apiVersion: 'v2', expect: { entitySet: 'zOrdersByCustomer', select: 'OrderHed_OrderNum,OrderHed_OrderDate,Calculated_LineCount', filter: 'OrderHed_OrderAmt gt 1000', orderby: 'OrderHed_OrderNum,RowIdent', top: 40 } },
];

const isRequestCase = (c: TranslationCase): c is TranslationCase & { expect: ExpectedRequest } => !('error' in c.expect) && !('local' in c.expect);
const successCases = translationCases.filter(isRequestCase);
// Local-engine cases are compared with hand-written SQL elsewhere (the reporting corpus, local-engine.test.ts).
const errorCases = translationCases.filter((c) => 'error' in c.expect);

let sim: Simulator;
let v1: Connection;
let v2: Connection;
let ref: ReferenceDb;
/** Entity sets and BAQs the simulator serves, with their keys. */
const servedKeys = new Map<string, readonly string[]>();

before(async () => {
  sim = await startSimulator({ port: 0, seed: 1, customers: 300 });
  for (const service of sim.model.services) for (const set of service.entitySets) servedKeys.set(set.name, set.keys);
  for (const baq of sim.model.baqs) servedKeys.set(baq.id, ['RowIdent']);
  const common = { Service: SERVICES, CacheMetadata: 'false' };
  // Small pages, so that statements read several pages (Customers on v1, orders and lines on both),
  // ordered by the key or by ORDER BY + key, with prefetch on.
  v1 = await connect(sim.connectionString({ ...common, ApiVersion: 'v1', Pagesize: '100' }));
  v2 = await connect(sim.connectionString({ ...common, ApiVersion: 'v2', Pagesize: '500' }));
  const tables = new Set<string>();
  for (const c of [...successCases, ...EXTRA_CASES]) {
    const set = (c.expect as ExpectedRequest).entitySet;
    if (servedKeys.has(set) && !sim.model.baqs.some((b) => b.id === set)) tables.add(set);
  }
  ref = ReferenceDb.fromSimulator(sim.db, sim.company, [...tables]);
});

after(async () => {
  await v1?.close();
  await v2?.close();
  ref?.close();
  await sim?.close();
});

// ---------------------------------------------------------------------------------------------------
// Values and rows

type Canonical = string | number | null;

/** A driver value as the reference stores it: dates as UTC text, booleans as 0/1, decimals as numbers. */
function canonicalDriverValue(value: unknown, type: string): Canonical {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) return isoText(value);
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (typeof value === 'number') return value;
  if (typeof value === 'string' && (type === 'Edm.Decimal' || type === 'Edm.Double')) return Number(value);
  if (typeof value === 'bigint') return Number(value);
  return String(value);
}

function canonicalReferenceValue(value: unknown): Canonical {
  if (value === null || value === undefined) return null;
  if (typeof value === 'bigint') return Number(value);
  if (typeof value === 'number' || typeof value === 'string') return value;
  return String(value);
}

interface Table {
  readonly columns: readonly string[];
  readonly rows: readonly (readonly Canonical[])[];
}

function driverTable(result: QueryResult): Table {
  const columns = result.columns.map((c) => c.name);
  const rows = result.rows.map((row) => result.columns.map((c) => canonicalDriverValue(row[c.name], c.type)));
  return { columns, rows };
}

/**
 * The reference rows in the driver's column order: by name when both sides name the same columns
 * (`SELECT *` over several hundred columns), else by position.
 */
function referenceTable(result: ReferenceResult, driverColumns: readonly string[]): Table {
  const lower = result.columns.map((c) => c.toLowerCase());
  const wanted = driverColumns.map((c) => c.toLowerCase());
  const sameNames = new Set(lower).size === lower.length && lower.length === wanted.length && wanted.every((c) => lower.includes(c));
  const index = sameNames ? wanted.map((c) => lower.indexOf(c)) : result.columns.map((_c, i) => i);
  return {
    columns: index.map((i) => result.columns[i] as string),
    rows: result.rows.map((row) => index.map((i) => canonicalReferenceValue(row[i]))),
  };
}

const rowKey = (row: readonly Canonical[]): string => JSON.stringify(row);

function multiset(rows: readonly (readonly Canonical[])[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const r of rows) counts.set(rowKey(r), (counts.get(rowKey(r)) ?? 0) + 1);
  return counts;
}

function assertSameMultiset(actual: Table, expected: Table, label: string): void {
  const a = multiset(actual.rows);
  const e = multiset(expected.rows);
  const missing = [...e].filter(([k, n]) => (a.get(k) ?? 0) < n).map(([k]) => k);
  const extra = [...a].filter(([k, n]) => (e.get(k) ?? 0) < n).map(([k]) => k);
  assert.ok(missing.length === 0 && extra.length === 0,
    `${label}: driver ${actual.rows.length} rows, reference ${expected.rows.length}; ` +
      `missing from the driver's answer ${JSON.stringify(missing.slice(0, 5))}; not in the reference ${JSON.stringify(extra.slice(0, 5))}`);
}

function assertContained(actual: Table, expected: Table, label: string): void {
  const e = multiset(expected.rows);
  for (const [k, n] of multiset(actual.rows)) assert.ok((e.get(k) ?? 0) >= n, `${label}: row ${k} is not in the reference answer`);
}

/** The leading ORDER BY items that are in the select list: their values are determined, ties or not. */
function orderProjection(rows: readonly (readonly Canonical[])[], indexes: readonly number[]): string[] {
  return rows.map((r) => JSON.stringify(indexes.map((i) => {
    const v = r[i] ?? null;
    return typeof v === 'string' ? refCiKey(v) : v;
  })));
}

/**
 * Compares as SQL defines the answer: an exact sequence when ORDER BY is a total order (it covers the
 * key); otherwise the multiset of rows, plus the sequence of the ordered columns; when a row window
 * picks among tied or unordered rows, only the count, that sequence, and that every row is a real one.
 */
function compare(actual: Table, statement: ReferenceStatement, table: string, label: string): void {
  const hasWindow = statement.limit !== undefined || statement.offset !== undefined;
  const full = referenceTable(ref.run(statement, false), actual.columns);
  const windowed = hasWindow ? referenceTable(ref.run(statement, true), actual.columns) : full;
  assert.deepEqual(actual.columns.map((c) => c.toLowerCase()), windowed.columns.map((c) => c.toLowerCase()), `${label}: column names`);
  const keys = (servedKeys.get(table) ?? []).filter((k) => k !== 'Company').map((k) => k.toLowerCase());
  const ordered = statement.order.map((o) => o.column?.toLowerCase());
  const total = statement.order.length > 0 && keys.length > 0 && keys.every((k) => ordered.includes(k));
  if (total) {
    assert.deepEqual(actual.rows, windowed.rows, `${label}: rows in ORDER BY order`);
    return;
  }
  const prefix: number[] = [];
  for (const o of statement.order) {
    if (o.selectIndex < 0) break;
    prefix.push(o.selectIndex);
  }
  if (prefix.length > 0) {
    assert.deepEqual(orderProjection(actual.rows, prefix), orderProjection(windowed.rows, prefix), `${label}: ORDER BY sequence`);
  }
  if (!hasWindow) assertSameMultiset(actual, full, label);
  else {
    assert.equal(actual.rows.length, windowed.rows.length, `${label}: row count under the window`);
    assertContained(actual, full, label);
  }
}

// ---------------------------------------------------------------------------------------------------
// Requests

interface DataRequest {
  readonly path: string;
  readonly options: ReadonlyMap<string, string>;
}

/** The data requests the simulator received since the last reset (not $metadata), options decoded. */
function dataRequests(): DataRequest[] {
  const out: DataRequest[] = [];
  for (const [path, stats] of Object.entries(sim.stats().byPath)) {
    if (path.includes('$metadata') || !path.includes('/api/')) continue;
    for (const query of stats.queries) {
      const options = new Map<string, string>();
      // Decoded text: split only where a new `name=` starts (a filter may hold '&' inside quotes).
      for (const part of query.split(/&(?=[$\w-]+=)/)) {
        if (part === '') continue;
        const eq = part.indexOf('=');
        options.set(eq < 0 ? part : part.slice(0, eq), eq < 0 ? '' : part.slice(eq + 1));
      }
      out.push({ path, options });
    }
  }
  return out;
}

/** A request without its row window: what identifies the statement that sent it. */
function signature(r: DataRequest): string {
  return JSON.stringify([r.path, ...[...r.options].filter(([k]) => k !== '$top' && k !== '$skip').sort()]);
}

/*
 * Prefetch: when a scan ends on a short page, the windows requested ahead are cancelled, but a request
 * already written may reach the simulator after query() has returned, i.e. during the next case. Such
 * late requests are recognised by their signature (path and options but the window) as belonging to the
 * previous case, and ignored.
 */
let previousSignatures = new Set<string>();

function currentRequests(): DataRequest[] {
  const all = dataRequests();
  return all.filter((r) => !previousSignatures.has(signature(r)));
}

function endCase(): void {
  previousSignatures = new Set(dataRequests().map(signature));
}

function matches(r: DataRequest, expect: ExpectedRequest): boolean {
  if (r.options.get('$filter') !== expect.filter) return false;
  if (!expect.count && (r.options.get('$select') !== expect.select || r.options.get('$orderby') !== expect.orderby)) return false;
  return Object.entries(expect.baqParams ?? {}).every(([name, value]) => r.options.get(name) === value);
}

function assertPushedDown(expect: ExpectedRequest, label: string): void {
  // A request identical to one of the previous case but for its window is this case's too when it matches.
  const requests = dataRequests().filter((r) => !previousSignatures.has(signature(r)) || matches(r, expect));
  assert.ok(requests.length > 0, `${label}: no data request reached the simulator`);
  for (const { options } of requests) {
    assert.equal(options.get('$filter'), expect.filter, `${label}: $filter sent`);
    if (!expect.count) {
      assert.equal(options.get('$select'), expect.select, `${label}: $select sent`);
      assert.equal(options.get('$orderby'), expect.orderby, `${label}: $orderby sent`);
    }
    for (const [name, value] of Object.entries(expect.baqParams ?? {})) assert.equal(options.get(name), value, `${label}: BAQ parameter ${name}`);
  }
}

// ---------------------------------------------------------------------------------------------------
// BAQs in the reference: the BAQ's own SQL over the simulator's tables, for the connection's company.

function sqliteType(type: string): ReferenceColumn['type'] {
  if (type === 'Edm.Boolean' || type.startsWith('Edm.Int') || type === 'Edm.Byte') return 'INTEGER';
  if (type === 'Edm.Decimal' || type === 'Edm.Double' || type === 'Edm.Single') return 'REAL';
  return 'TEXT';
}

type SimBaq = Simulator['model']['baqs'][number];

function loadBaq(baq: SimBaq, params: Readonly<Record<string, string | null>>): void {
  const bound: Record<string, unknown> = { company: sim.company };
  for (const p of baq.parameters) bound[p.name] = params[p.name] ?? null;
  const stmt = sim.db.prepare(baq.sql).raw();
  const rows = stmt.all(bound) as unknown[][];
  const columns = stmt.columns().map((c): ReferenceColumn => {
    const column = baq.columns.find((bc) => bc.name === c.name);
    assert.ok(column, `BAQ ${baq.id}: SQL column ${c.name} is not a BAQ column`);
    return { name: c.name, type: sqliteType(column.type) };
  });
  ref.load(baq.id, columns, rows);
}

// ---------------------------------------------------------------------------------------------------

function connectionFor(c: TranslationCase): Connection {
  return c.apiVersion === 'v1' ? v1 : v2;
}

/** The value a COUNT(*) statement returned. */
function countOf(result: QueryResult): number {
  const first = result.rows[0];
  const value = first === undefined ? undefined : first[result.columns[0]?.name ?? ''];
  assert.ok(typeof value === 'number' || typeof value === 'bigint' || typeof value === 'string', `COUNT(*) returned ${JSON.stringify(first)}`);
  return Number(value);
}

async function runCase(c: TranslationCase & { expect: ExpectedRequest }): Promise<void> {
  const label = `${c.apiVersion} ${c.name}`;
  const override = REFERENCE[c.name];
  if (override?.baq) {
    const baq = sim.model.baqs.find((b) => b.id === c.expect.entitySet);
    assert.ok(baq, `no BAQ ${c.expect.entitySet}`);
    loadBaq(baq, override.baq);
  }
  const statement = ref.rewrite(override?.sql ?? c.sql, override ? override.params : c.params);
  sim.resetStats();
  try {
    const result = await connectionFor(c).query(c.sql, c.params);
    assertPushedDown(c.expect, label);
    // An empty answer agrees with the reference whatever the filter means: every case must match rows.
    const rows = c.expect.count ? countOf(result) : result.rows.length;
    if (c.matchesNoRows === undefined) assert.ok(rows > 0, `${label}: no row of the seeded data matches; change the case's literals so that some do`);
    else assert.equal(rows, 0, `${label}: marked as matching no row (${c.matchesNoRows})`);
    compare(driverTable(result), statement, c.expect.entitySet, label);
  } finally {
    endCase();
  }
}

describe('translation cases executed against the simulator, compared with SQLite', () => {
  test('the skipped cases are exactly the success cases on fixture-only tables', () => {
    const names = new Set(translationCases.map((c) => c.name));
    assert.equal(names.size, translationCases.length, 'case names are unique');
    for (const c of EXTRA_CASES) assert.ok(!names.has(c.name), `extra case ${c.name} repeats a fixture name`);
    const unserved = successCases.filter((c) => !servedKeys.has(c.expect.entitySet)).map((c) => c.name);
    assert.deepEqual(unserved.sort(), Object.keys(SKIPPED).sort());
    assert.ok(unserved.length <= 3, 'the fixture catalog stays close to the simulator');
    for (const name of Object.keys(REFERENCE)) {
      assert.ok([...successCases, ...EXTRA_CASES].some((c) => c.name === name), `reference override for unknown case ${name}`);
    }
  });

  test('at most two cases are marked as matching no row (each of the others must return rows)', () => {
    const matchNothing = [...successCases, ...EXTRA_CASES].filter((c) => c.matchesNoRows !== undefined).map((c) => c.name);
    assert.ok(matchNothing.length <= 2, `cases that match no row prove only their request text: ${matchNothing.join(', ')}`);
  });

  test('the columns of the null cases hold both nulls and values in the seeded data', () => {
    const columns: readonly (readonly [string, string])[] = [
      ['Customers', 'CustomerTier_c'], ['Customers', 'LoyaltySince_c'], ['Customers', 'CreditHoldDate'],
      ['SalesOrders', 'OrderPriority_c'], ['SalesOrders', 'PONum'],
    ];
    for (const [table, column] of columns) {
      const { nulls, values } = sim.db
        .prepare(`SELECT SUM("${column}" IS NULL) AS nulls, COUNT("${column}") AS "values" FROM "${table}" WHERE "Company" = ?`)
        .get(sim.company) as { nulls: number; values: number };
      assert.ok(nulls > 0 && values > 0, `${table}.${column}: ${nulls} nulls, ${values} values`);
    }
  });

  for (const c of [...successCases, ...EXTRA_CASES]) {
    if (SKIPPED[c.name] !== undefined) continue;
    test(`${c.apiVersion} ${c.name}`, () => runCase(c));
  }

  for (const c of errorCases) {
    const expected = (c.expect as { error: string }).error;
    test(`${c.apiVersion} ${c.name} fails with ${expected} against the simulator's catalog`, async () => {
      sim.resetStats();
      try {
        await assert.rejects(connectionFor(c).query(c.sql, c.params), (err: unknown) => {
          assert.ok(err instanceof KineticError, `not a KineticError: ${String(err)}`);
          assert.equal(err.code, expected, err.message);
          return true;
        });
        assert.deepEqual(currentRequests().map(signature), [], 'a rejected statement sends no data request');
      } finally {
        endCase();
      }
    });
  }
});
