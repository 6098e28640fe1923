/*
 * Micro-benchmark of compile(): median microseconds per statement, first time (parse + plan; the text
 * is made unique so the parse cache misses) and cached (the same text again). Not a test: it prints.
 * Run: node --import tsx bench/translate.ts
 */
import { compile } from '../src/plan/compile.ts';
import type { Params } from '../src/plan/types.ts';
import { catalog } from '../test/fixtures/catalog.ts';

const STATEMENTS: ReadonlyArray<readonly [string, Params | undefined]> = [
  ['SELECT CustID, Name FROM Customers', undefined],
  ['SELECT * FROM Customers WHERE State = ?', ['CA']],
  ["SELECT TOP 100 CustID, Name, City FROM Customers WHERE Name LIKE 'A%' ORDER BY Name", undefined],
  ['SELECT OrderNum, OrderDate, OrderAmt FROM SalesOrders WHERE OrderDate >= ? AND OpenOrder = 1 ORDER BY OrderDate DESC', ['2024-01-01']],
  ['SELECT COUNT(*) FROM OrderDtls WHERE OrderNum = @order', { order: 5006 }],
  ["SELECT PartNum, PartDescription FROM Parts WHERE ClassID IN ('RAW', 'FG', 'SUB') AND InActive = 0", undefined],
  ['SELECT Name FROM Customers WHERE CustNum BETWEEN ? AND ? LIMIT 50 OFFSET 100', [10, 500]],
  ["SELECT Customer_CustID, Customer_Name FROM zCustomer01 WHERE zipCode = '90210'", undefined],
  ["SELECT c.CustID FROM [Erp.BO.CustomerSvc].[Customers] AS c WHERE UPPER(c.City) = 'RENO' AND c.CreditLimit > 1000.5", undefined],
  ['SELECT OrderLine, PartNum, OrderQty FROM OrderDtls WHERE OrderNum = ? AND UnitPrice > ? ORDER BY OrderLine', [5006, 2.5]],
];

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] as number;
}

function time(run: () => void): number {
  const start = process.hrtime.bigint();
  run();
  return Number(process.hrtime.bigint() - start) / 1000;
}

const ROUNDS = 200;
let unique = 0;
for (let i = 0; i < 300; i++) {
  for (const [sql, params] of STATEMENTS) {
    compile(`${sql} /* warm ${unique++} */`, params, catalog, { apiVersion: 'v2' });
    compile(sql, params, catalog, { apiVersion: 'v2' });
  }
}

const rows: string[] = [];
const allFirst: number[] = [];
const allCached: number[] = [];
for (const [sql, params] of STATEMENTS) {
  const first: number[] = [];
  const cached: number[] = [];
  for (let i = 0; i < ROUNDS; i++) {
    const text = `${sql} /* ${unique++} */`;
    first.push(time(() => compile(text, params, catalog, { apiVersion: 'v2' })));
  }
  // Cached: batches of 100 calls of one text, so the timer's own cost does not count.
  for (let i = 0; i < ROUNDS / 10; i++) {
    cached.push(time(() => { for (let j = 0; j < 100; j++) compile(sql, params, catalog, { apiVersion: 'v2' }); }) / 100);
  }
  allFirst.push(...first);
  allCached.push(...cached);
  rows.push(`${median(first).toFixed(1).padStart(8)} ${median(cached).toFixed(1).padStart(8)}  ${sql.slice(0, 80)}`);
}
console.log('   first   cached  statement (median µs, v2)');
for (const r of rows) console.log(r);
console.log(`${median(allFirst).toFixed(1).padStart(8)} ${median(allCached).toFixed(1).padStart(8)}  all statements (target: cached <= 20 µs)`);
