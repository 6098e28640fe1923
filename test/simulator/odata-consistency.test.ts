// Consistency table: each OData request returns the same rows, in the same order, as a hand-written
// SQLite query over the same table. Hand-written queries use plain SQLite (NOCASE, LIKE, strftime), so
// they check the evaluator's translation rather than repeat it.
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { runQuery, type ODataVersion, type QueryOptions } from '../../src/simulator/odata/index.ts';
import { createDatabase, customers } from './odata-fixture.ts';

const db = createDatabase();
after(() => db.close());

interface Case {
  readonly options: QueryOptions;
  /** WHERE condition and the rest of the statement after it (ORDER BY, LIMIT), in SQLite. */
  readonly where: string;
  readonly rest: string;
  readonly version?: ODataVersion;
}

const CASES: readonly Case[] = [
  { options: { filter: 'CreditLimit gt 500', orderby: 'CreditLimit desc', top: '3' }, where: 'CreditLimit > 500', rest: 'ORDER BY CreditLimit DESC, CustNum LIMIT 3' },
  { options: { filter: 'Active eq true and Discount ge 0.1', orderby: 'Discount', skip: '1' }, where: 'Active = 1 AND Discount >= 0.1', rest: 'ORDER BY Discount, CustNum LIMIT -1 OFFSET 1' },
  { options: { filter: "City eq 'austin'" }, where: "City = 'austin' COLLATE NOCASE", rest: 'ORDER BY CustNum' },
  { options: { filter: "startswith(CustID,'ec')" }, where: "CustID LIKE 'ec%'", rest: 'ORDER BY CustNum' },
  { options: { filter: 'year(Since) ge 2022', orderby: 'Since desc' }, where: "CAST(strftime('%Y', Since) AS INTEGER) >= 2022", rest: 'ORDER BY Since DESC, CustNum' },
  { options: { filter: 'Since lt 2020-01-01T00:00:00Z or Since eq null', orderby: 'Since' }, where: "Since < '2020-01-01T00:00:00' OR Since IS NULL", rest: 'ORDER BY Since, CustNum' },
  { options: { filter: 'CreditLimit eq null' }, where: 'CreditLimit IS NULL', rest: 'ORDER BY CustNum' },
  // OData: null lt 1000 is false, so its negation selects the null CreditLimit (SQL would drop it).
  { options: { filter: 'not (CreditLimit lt 1000)' }, where: 'CreditLimit IS NULL OR NOT (CreditLimit < 1000)', rest: 'ORDER BY CustNum' },
  { options: { filter: "City ne 'AUSTIN' and CreditLimit ge 0" }, where: "(City IS NULL OR City <> 'austin' COLLATE NOCASE) AND CreditLimit >= 0", rest: 'ORDER BY CustNum' },
  { options: { filter: 'CustNum mod 3 eq 0 or CustNum gt 10', orderby: 'CustNum desc', top: '2', skip: '1' }, where: 'CustNum % 3 = 0 OR CustNum > 10', rest: 'ORDER BY CustNum DESC LIMIT 2 OFFSET 1' },
  { options: { filter: 'length(CustID) eq 4', orderby: 'CustID' }, where: 'length(CustID) = 4', rest: 'ORDER BY CustID COLLATE NOCASE, CustNum' },
  { options: { filter: "contains(Name,'CO')", orderby: 'Name' }, where: "Name LIKE '%co%'", rest: 'ORDER BY Name COLLATE NOCASE, CustNum' },
  { options: { filter: 'Discount mul 100 gt 10', orderby: 'Discount desc,CustNum', top: '4' }, where: 'Discount * 100 > 10', rest: 'ORDER BY Discount DESC, CustNum LIMIT 4' },
  { options: { orderby: 'City', top: '5', skip: '2' }, where: '1', rest: 'ORDER BY City COLLATE NOCASE, CustNum LIMIT 5 OFFSET 2' },
  { options: { filter: "tolower(CustID) eq 'eve'" }, where: "lower(CustID) = 'eve'", rest: 'ORDER BY CustNum' },
  { options: { filter: 'CreditLimit ge 100 and CreditLimit le 1200', orderby: 'CreditLimit' }, where: 'CreditLimit BETWEEN 100 AND 1200', rest: 'ORDER BY CreditLimit, CustNum' },
  { options: { filter: 'Active eq false and CustNum ne 5', orderby: 'Name desc' }, where: 'Active = 0 AND CustNum <> 5', rest: 'ORDER BY Name COLLATE NOCASE DESC, CustNum' },
  { options: { filter: "endswith(Name,'INC')" }, where: "Name LIKE '%inc'", rest: 'ORDER BY CustNum' },
  { options: { filter: "substring(CustID,0,3) eq 'ACM'" }, where: "substr(CustID, 1, 3) = 'ACM'", rest: 'ORDER BY CustNum' },
  { options: { filter: "indexof(CustID,'E') eq 0" }, where: "instr(CustID, 'E') = 1", rest: 'ORDER BY CustNum' },
  { options: { filter: "concat(CustID,City) eq 'EVELYON'" }, where: "CustID || City = 'EVELYON' COLLATE NOCASE", rest: 'ORDER BY CustNum' },
  { options: { filter: 'SysRevID gt 15', orderby: 'SysRevID desc', top: '3' }, where: 'SysRevID > 15', rest: 'ORDER BY SysRevID DESC LIMIT 3' },
  {
    version: 'v1',
    options: { filter: "Since ge datetime'2023-01-01T00:00:00' and CreditLimit lt 100M", orderby: 'Since desc' },
    where: "Since >= '2023-01-01T00:00:00' AND CreditLimit < 100",
    rest: 'ORDER BY Since DESC, CustNum',
  },
  { version: 'v1', options: { filter: "substringof('an', Name) or City eq 'BONN'", top: '10' }, where: "Name LIKE '%an%' OR City = 'bonn' COLLATE NOCASE", rest: 'ORDER BY CustNum LIMIT 10' },
];

describe('OData requests agree with hand-written SQLite', () => {
  for (const c of CASES) {
    const version = c.version ?? 'v2';
    it(`${version} ${JSON.stringify(c.options)}`, () => {
      const got = runQuery(db, customers(), { ...c.options, select: 'CustNum' }, { version }).rows.map((r) => r.CustNum);
      const sql = `SELECT CustNum FROM "Customers" WHERE Company = 'EPIC06' AND (${c.where}) ${c.rest}`;
      const want = (db.prepare(sql).all() as Array<{ CustNum: number }>).map((r) => r.CustNum);
      assert.deepEqual(got, want);
      assert.ok(want.length > 0, 'each case should match some rows');
    });
  }
});
