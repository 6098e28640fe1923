// $filter over a real SQLite table: operators, functions and literal forms on v1 and v2, and
// SQL Server-like case-insensitive comparisons.
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { runQuery, type ODataVersion } from '../../src/simulator/odata/index.ts';
import { createDatabase, customers } from './odata-fixture.ts';

const db = createDatabase();
after(() => db.close());

function ids(filter: string, version: ODataVersion = 'v2'): number[] {
  return runQuery(db, customers(), { filter, select: 'CustNum' }, { version }).rows.map((r) => r.CustNum as number);
}

describe('comparison and logical operators', () => {
  const cases: Array<[string, number[]]> = [
    ['CustNum eq 3', [3]],
    ['CustNum ne 3 and CustNum lt 6', [1, 2, 4, 5]],
    ['CustNum gt 10', [11, 12]],
    ['CustNum ge 10', [10, 11, 12]],
    ['CustNum lt 2', [1]],
    ['CustNum le 2', [1, 2]],
    ['CustNum eq 1 or CustNum eq 12', [1, 12]],
    ['not (CustNum gt 2)', [1, 2]],
    ['(CustNum eq 1 or CustNum eq 2) and Active eq true', [1, 2]],
    ['CustNum eq 1 or CustNum eq 2 and Active eq false', [1]],
    ['not (CustNum le 10) or CustNum eq 1', [1, 11, 12]],
    ['Active', [1, 2, 4, 6, 7, 9, 10, 11]],
    ['not Active', [3, 5, 8, 12]],
    ['Active eq false', [3, 5, 8, 12]],
  ];
  for (const [filter, expected] of cases) it(filter, () => assert.deepEqual(ids(filter), expected));

  it('applies arithmetic with the usual precedence and left to right', () => {
    assert.deepEqual(ids('CustNum mul 2 sub 1 eq 5'), [3]); // (3*2)-1, not 3*(2-1)
    assert.deepEqual(ids('CustNum sub 1 sub 1 eq 1'), [3]); // (3-1)-1, not 3-(1-1)
    assert.deepEqual(ids('CustNum add 1 eq 5'), [4]);
    assert.deepEqual(ids('CustNum div 2 eq 3'), [6, 7]); // integer division, as on SQL Server
    assert.deepEqual(ids('CustNum mod 5 eq 0'), [5, 10]);
    assert.deepEqual(ids('-CustNum add 13 eq 1'), [12]);
    assert.deepEqual(ids('CreditLimit mul 2 gt 9000'), [11]);
  });

  it('treats eq null as IS NULL and ne null as IS NOT NULL', () => {
    assert.deepEqual(ids('Name eq null'), [8]);
    assert.deepEqual(ids('null eq City'), [7]);
    assert.deepEqual(ids('CreditLimit ne null and CustNum le 4'), [1, 2, 4]);
  });

});

// Customer 3 has no CreditLimit, 5 no Since, 7 no City, 8 no Name.
describe("nulls follow OData's two-valued comparisons, not SQL's three-valued logic", () => {
  it('ne selects a null (null ne value is true), eq does not', () => {
    assert.deepEqual(ids("City ne 'Austin'"), [3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
    assert.deepEqual(ids("City eq 'Austin'"), [1, 2]);
    assert.deepEqual(ids("City ne 'Köln' and CustNum le 8"), [1, 2, 3, 4, 5, 6, 7, 8]);
    assert.deepEqual(ids('CreditLimit ne 1000'), [2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
    assert.deepEqual(ids("CustID ne 'EVE' and Name ne 'eve'", 'v1'), [1, 2, 3, 4, 5, 7, 8, 9, 10, 11, 12]);
  });

  it('gt, ge, lt and le are false for a null, so not (x gt 5) selects it', () => {
    assert.deepEqual(ids('CreditLimit le 5'), [6, 12]);
    assert.deepEqual(ids('not (CreditLimit gt 5)'), [3, 6, 12]);
    assert.deepEqual(ids('not (CreditLimit ge 0 and CreditLimit le 1000)', 'v1'), [2, 3, 9, 10, 11, 12]);
    assert.deepEqual(ids('not (Since lt 2030-01-01T00:00:00Z)'), [5]);
    assert.deepEqual(ids('Since le Since and CustNum le 6'), [1, 2, 3, 4, 6]);
  });

  it('not over eq selects the null', () => {
    assert.deepEqual(ids("not (City eq 'Austin') and CustNum le 7"), [3, 4, 5, 6, 7]);
    assert.deepEqual(ids("not (City eq 'Austin' and Active eq true) and CustNum le 7"), [3, 4, 5, 6, 7]);
  });

  it('a function of a null is null: compared it is false, and not over a boolean function selects nothing', () => {
    assert.deepEqual(ids("toupper(City) ne 'AUSTIN'"), [3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
    assert.deepEqual(ids('not (length(Name) gt 3)'), [6, 8]);
    assert.deepEqual(ids("not startswith(City,'A')"), [3, 4, 5, 6, 8, 9, 10, 11, 12]);
    assert.deepEqual(ids("not (substringof('us', City) eq true)", 'v1'), [3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
    assert.deepEqual(ids('not (year(Since) eq 2024)'), [1, 2, 3, 4, 5, 6, 7, 9, 11, 12]);
  });
});

describe('string comparisons ignore case like SQL Server (accents kept)', () => {
  it('eq matches other cases, accented capitals included', () => {
    assert.deepEqual(ids("Name eq 'ACME INC'"), [1, 2]);
    assert.deepEqual(ids("Name eq 'ÉCLAIR LTD'"), [4, 5]);
    assert.deepEqual(ids("Name eq 'eclair ltd'"), []);
    assert.deepEqual(ids("City ne 'PARIS' and CustNum le 5"), [1, 2, 3]);
  });

  it('lt and gt compare by the collation, accented letters after their base letter', () => {
    assert.deepEqual(ids("Name gt 'e' and Name lt 'f'"), [4, 5, 6]);
    assert.deepEqual(ids("Name lt 'B'"), [1, 2, 10, 12]);
  });

  it('startswith, endswith, contains, substringof, indexof ignore case', () => {
    assert.deepEqual(ids("startswith(Name,'ACME')"), [1, 2]);
    assert.deepEqual(ids("startswith(Name,'éc')"), [4, 5]);
    assert.deepEqual(ids("endswith(Name,'LTD')"), [4, 5]);
    assert.deepEqual(ids("contains(Name,'ME I')"), [1, 2]);
    assert.deepEqual(ids("contains(Name,'ÉCL')"), [4, 5]);
    assert.deepEqual(ids("substringof('ME I', Name)", 'v1'), [1, 2]);
    assert.deepEqual(ids("indexof(Name,'INC') eq 5"), [1, 2]);
    assert.deepEqual(ids("not startswith(Name,'a') and CustNum le 3"), [3]);
  });

  it('treats LIKE wildcards and quotes in patterns as text', () => {
    assert.deepEqual(ids("contains(Name,'100%')"), [7]);
    assert.deepEqual(ids("contains(Name,'%')"), [7]);
    assert.deepEqual(ids("contains(Name,'_')"), []);
    assert.deepEqual(ids("startswith(Name,'O''B')"), [3]);
  });
});

describe('string functions', () => {
  const cases: Array<[string, number[]]> = [
    ["tolower(Name) eq 'acme inc'", [1, 2]],
    ["toupper(City) eq 'AUSTIN'", [1, 2]],
    ["length(Name) eq 3", [6]],
    ["trim(Name) eq 'Padded'", [12]],
    ["substring(CustID, 1) eq 'CME'", [1]],
    ["substring(CustID, 0, 2) eq 'EC'", [4, 5]],
    ["concat(City, '!') eq 'Bonn!'", [9]],
    ["concat(concat(CustID, '-'), City) eq 'EVE-LYON'", [6]],
    ["length(trim(Name)) eq 6", [12]],
    ["Name eq '日本商事'", [11]],
  ];
  for (const [filter, expected] of cases) it(filter, () => assert.deepEqual(ids(filter), expected));
});

describe('date and number functions', () => {
  const cases: Array<[string, number[]]> = [
    ['year(Since) eq 2024', [8, 10]],
    ['month(Since) eq 3 and day(Since) eq 1', [6, 7, 8, 10]],
    ['hour(Since) eq 13 and minute(Since) eq 45 and second(Since) eq 10', [2]],
    ['round(CreditLimit) eq 100', [7]],
    ['floor(CreditLimit) eq 99', [7]],
    ['ceiling(CreditLimit) eq 2501', [2]],
    ['round(Discount mul 10) eq 3', [3]],
  ];
  for (const [filter, expected] of cases) it(filter, () => assert.deepEqual(ids(filter), expected));
});

describe('literals', () => {
  it('reads strings with doubled quotes and characters that mean something in URLs or SQL', () => {
    assert.deepEqual(ids("Name eq 'O''Brien & Sons'"), [3]);
    assert.deepEqual(ids("Name eq 'Zeta #1 100% & Co'"), [7]);
    for (const text of ["x' or 1=1 --", "$filter=CustNum eq 1", "a&b=c#d", "'; DROP TABLE Customers; --", '\u0000\u{1F600}']) {
      assert.deepEqual(ids(`Name eq '${text.replace(/'/g, "''")}'`), [], text);
    }
    assert.equal(runQuery(db, customers(), { top: '0', count: 'true' }, { version: 'v2' }).count, 12);
  });

  it('keeps control characters in string literals as data', () => {
    db.prepare('UPDATE "Customers" SET City = ? WHERE CustNum = 9').run('Bonn\nam Rhein');
    try {
      assert.deepEqual(ids("City eq 'BONN\nAM RHEIN'"), [9]);
      assert.deepEqual(ids("contains(City, '\n')"), [9]);
    } finally {
      db.prepare('UPDATE "Customers" SET City = ? WHERE CustNum = 9').run('Bonn');
    }
  });

  it('reads integers, decimals, doubles and 64-bit integers', () => {
    assert.deepEqual(ids('CreditLimit eq 2500.5'), [2]);
    assert.deepEqual(ids('CreditLimit lt -1'), [12]);
    assert.deepEqual(ids('Discount eq 0.25'), [3]);
    assert.deepEqual(ids('Discount eq 2.5e-1'), [3]);
    assert.deepEqual(ids('SysRevID eq 9007199254740993'), [8]);
    assert.deepEqual(ids('SysRevID gt 3000000000'), [8]);
  });

  it('v1 takes the OData v3 decimal suffixes', () => {
    assert.deepEqual(ids('CreditLimit eq 2500.5M', 'v1'), [2]);
    assert.deepEqual(ids('CreditLimit eq 2500.5m', 'v1'), [2]);
    assert.deepEqual(ids('Discount eq 0.25d', 'v1'), [3]);
    assert.deepEqual(ids('Discount eq 0.25f', 'v1'), [3]);
    assert.deepEqual(ids('SysRevID eq 10L', 'v1'), [1]);
    assert.deepEqual(ids("CreditLimit eq 2500.5M and Name eq '1.5M'", 'v1'), []);
  });

  it('v1 reads datetime, datetimeoffset and guid literals', () => {
    assert.deepEqual(ids("Since eq datetime'2024-03-01T00:00:00'", 'v1'), [8]);
    assert.deepEqual(ids("Since ge datetime'2024-03-01T00:00:00' and Since lt datetime'2024-03-02T00:00'", 'v1'), [8, 10]);
    assert.deepEqual(ids("Since eq datetimeoffset'2024-03-01T02:00:00+02:00'", 'v1'), [8]);
    assert.deepEqual(ids("SysRowID eq guid'0F8FAD5B-D9CB-469F-A165-70867728950E'", 'v1'), [1]);
    assert.deepEqual(ids("Name eq 'datetime''2024-03-01T00:00:00'''", 'v1'), []);
  });

  it('v2 reads bare dates, date-times with a zone and GUIDs', () => {
    assert.deepEqual(ids('Since eq 2024-03-01T00:00:00Z'), [8]);
    assert.deepEqual(ids('Since eq 2024-03-01'), [8]);
    assert.deepEqual(ids('Since gt 2024-03-01T00:00:00Z and Since lt 2024-03-01T00:00:01.5Z'), [10]);
    assert.deepEqual(ids('Since eq 2024-02-29T19:00:00-05:00'), [8]);
    assert.deepEqual(ids('Since lt 2019-01-01T00:00:00Z'), [9, 11]);
    assert.deepEqual(ids('SysRowID eq 0f8fad5b-d9cb-469f-a165-70867728950e'), [1]);
    assert.deepEqual(ids('SysRowID eq 0F8FAD5B-D9CB-469F-A165-70867728950E'), [1]);
  });

  it('compares bare booleans and null on both versions', () => {
    assert.deepEqual(ids('Active eq true and CreditLimit eq null', 'v1'), []);
    assert.deepEqual(ids('Active eq false and CreditLimit eq null', 'v1'), [3]);
  });
});

describe('company visibility', () => {
  it('never shows rows the source conditions exclude', () => {
    assert.deepEqual(ids("CustID eq 'HIDDEN' or Company eq 'OTHER'"), []);
    const other = runQuery(db, customers('OTHER'), { select: 'CustID' }, { version: 'v2' });
    assert.deepEqual(other.rows, [{ CustID: 'HIDDEN' }]);
  });
});
