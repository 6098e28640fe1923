import assert from 'node:assert/strict';
import { test } from 'node:test';
import { compile } from '../../src/plan/compile.ts';
import type { Params } from '../../src/plan/types.ts';
import { catalog } from '../fixtures/catalog.ts';
import { filterOf, firstUrl, options, PAGESIZE } from '../fixtures/compiled.ts';

// Hostile text: quotes, URL delimiters, OData option names, SQL comments, percent escapes and non-ASCII.
const HOSTILE = [
  "it's",
  "'; DROP TABLE Customers; --",
  "a' or 1 eq 1 or Name eq 'b",
  'x&$filter=Name ne null',
  "x'&$top=1&y='",
  '#fragment',
  '100% %27 %26',
  'a=b=c',
  '1+1 ',
  "'--",
  "''",
  'Zürich Ωμέγα 東京 🚀',
  'back\\slash/slash?query',
];

function sqlString(s: string): string {
  return `'${s.replace(/'/g, "''")}'`;
}

function odataString(s: string): string {
  return `'${s.replace(/'/g, "''")}'`;
}

function check(sql: string, params: Params | undefined, expected: Record<string, string>): void {
  for (const apiVersion of ['v1', 'v2'] as const) {
    assert.deepEqual(options(firstUrl(sql, params, apiVersion)), { ...expected, $top: String(PAGESIZE), $skip: '0' });
  }
}

for (const value of HOSTILE) {
  const lit = odataString(value);
  const base = { $select: 'Name', $orderby: 'Company,CustNum' };
  test(`hostile text ${JSON.stringify(value)} stays one string literal in every position`, () => {
    check(`SELECT Name FROM Customers WHERE Name = ${sqlString(value)}`, undefined, { ...base, $filter: `Name eq ${lit}` });
    check('SELECT Name FROM Customers WHERE Name = ?', [value], { ...base, $filter: `Name eq ${lit}` });
    check('SELECT Name FROM Customers WHERE Name = @n', { n: value }, { ...base, $filter: `Name eq ${lit}` });
    check(`SELECT Name FROM Customers WHERE ${sqlString(value)} <> Name`, undefined, { ...base, $filter: `Name ne ${lit} and Name ne null` });
    check('SELECT Name FROM Customers WHERE City IN (?, ?)', [value, value], { ...base, $filter: `City eq ${lit} or City eq ${lit}` });
    check('SELECT Name FROM Customers WHERE UPPER(Name) BETWEEN ? AND ?', [value, value], { ...base, $filter: `toupper(Name) ge ${lit} and toupper(Name) le ${lit}` });
    check(`SELECT Customer_Name FROM zCustomer01 WHERE zipCode = ${sqlString(value)} AND Customer_Zip = ?`, [value], {
      zipCode: value, $select: 'Customer_Name', $filter: `Customer_Zip eq ${lit}`, $orderby: 'RowIdent',
    });
    check('SELECT Customer_Name FROM zCustomer01 WHERE zipCode = @z', { z: value }, { zipCode: value, $select: 'Customer_Name', $orderby: 'RowIdent' });
    if (!/[%_[]/.test(value)) {
      check('SELECT Name FROM Customers WHERE Name LIKE ?', [`${value}%`], { ...base, $filter: `startswith(Name,${lit})` });
      check(`SELECT Name FROM Customers WHERE Name LIKE ${sqlString(`%${value}`)}`, undefined, { ...base, $filter: `endswith(Name,${lit})` });
    }
  });
}

test('hostile EXEC arguments come back as the exact values', () => {
  for (const value of HOSTILE) {
    const s = compile(`EXEC GetOAuthAuthorizationURL CallbackURL=${sqlString(value)}, @State=?, ${'Prompt'}=N${sqlString(value)}`, [value], catalog, { apiVersion: 'v2' });
    assert.deepEqual(s, { kind: 'exec', procedure: 'GetOAuthAuthorizationURL', args: [
      { name: 'CallbackURL', value }, { name: 'State', value }, { name: 'Prompt', value },
    ] });
  }
});

test('a ? or @name inside a string literal, a comment or a bracketed name is not a parameter', () => {
  assert.equal(filterOf("SELECT [Name] FROM Customers /* ? @x */ WHERE Name = '? @x' -- ?", undefined, 'v2'), "Name eq '? @x'");
});
