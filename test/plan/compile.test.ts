import assert from 'node:assert/strict';
import { describe, it, test } from 'node:test';
import { KineticError } from '../../src/errors.ts';
import { compile } from '../../src/plan/compile.ts';
import { catalog } from '../fixtures/catalog.ts';
import { filterOf, firstUrl, options, PAGESIZE, planOf } from '../fixtures/compiled.ts';

test('a query reports output columns with aliases and catalog types, and asks for the columns it names', () => {
  const plan = planOf('SELECT custid AS id, CreditLimit FROM Customers', undefined, 'v2');
  assert.deepEqual(plan.columns, [
    { name: 'id', type: 'Edm.String', nullable: true, table: 'Customers' },
    { name: 'CreditLimit', type: 'Edm.Decimal', nullable: true, table: 'Customers' },
  ]);
  const url = firstUrl('SELECT custid AS id, CreditLimit FROM Customers', undefined, 'v2');
  assert.match(url.pathname, /\/Erp\.BO\.CustomerSvc\/Customers$/);
  assert.deepEqual(options(url), { $select: 'CustID,CreditLimit', $orderby: 'Company,CustNum', $top: String(PAGESIZE), $skip: '0' });
});

test('SELECT * lists every catalog column and sends no $select; an explicit ORDER BY comes before the key tie-breakers', () => {
  assert.deepEqual(planOf('SELECT * FROM ShipToes ORDER BY Name', undefined, 'v1').columns.map((c) => c.name), ['Company', 'CustNum', 'ShipToNum', 'Name', 'State']);
  assert.deepEqual(options(firstUrl('SELECT * FROM ShipToes ORDER BY Name', undefined, 'v1')), { $orderby: 'Name,Company,CustNum,ShipToNum', $top: String(PAGESIZE), $skip: '0' });
});

test('COUNT(*) is one count request and one int column', () => {
  assert.deepEqual(planOf('SELECT COUNT(*) AS total FROM Parts', undefined, 'v2').columns, [{ name: 'total', type: 'int', nullable: false }]);
  assert.deepEqual(options(firstUrl('SELECT COUNT(*) AS total FROM Parts', undefined, 'v2')), { $count: 'true', $top: '0' });
  assert.deepEqual(options(firstUrl('SELECT COUNT(*) FROM Parts', undefined, 'v1')), { $inlinecount: 'allpages', $top: '0' });
});

test('two output columns of one name get distinct names: the second is Name_2, compared without case', () => {
  assert.deepEqual(planOf('SELECT CustID, Name AS CustID, custid, Name AS CustID_2 FROM Customers', undefined, 'v2').columns.map((c) => c.name),
    ['CustID', 'CustID_3', 'CustID_4', 'CustID_2']);
  assert.deepEqual(planOf('SELECT *, Name FROM ShipToes', undefined, 'v2').columns.map((c) => c.name), ['Company', 'CustNum', 'ShipToNum', 'Name', 'State', 'Name_2']);
});

test('EXEC binds its parameters; REFRESH METADATA passes through', () => {
  assert.deepEqual(compile('EXEC RefreshOAuthAccessToken @OAuthRefreshToken = @t', { t: 'r-1' }, catalog, { apiVersion: 'v2' }), {
    kind: 'exec', procedure: 'RefreshOAuthAccessToken', args: [{ name: 'OAuthRefreshToken', value: 'r-1' }],
  });
  assert.deepEqual(compile("EXECUTE GetOAuthAuthorizationURL 'WEB', ?", ['https://app/cb'], catalog, { apiVersion: 'v1' }), {
    kind: 'exec', procedure: 'GetOAuthAuthorizationURL', args: [{ value: 'WEB' }, { value: 'https://app/cb' }],
  });
  assert.deepEqual(compile('REFRESH METADATA Erp.BO.PartSvc', undefined, catalog, { apiVersion: 'v2' }), { kind: 'refreshMetadata', service: 'Erp.BO.PartSvc' });
});

test('the same text with other parameter values compiles to other literals (the cache holds no values)', () => {
  const sql = 'SELECT Name FROM Customers WHERE CustNum = ?';
  assert.equal(filterOf(sql, [1], 'v2'), 'CustNum eq 1');
  assert.equal(filterOf(sql, [2], 'v2'), 'CustNum eq 2');
});

describe('names with no close match', () => {
  it('an unknown column lists some of the table\'s columns and where to see them all', () => {
    assert.throws(() => compile('SELECT Zzzzqqq FROM Customers', undefined, catalog, { apiVersion: 'v2' }), (err: unknown) => {
      assert.ok(err instanceof KineticError);
      assert.equal(err.code, 'ENO_COLUMN');
      assert.match(err.message, /Its columns include Company, CustNum, CustID, .*db\.catalog/);
      return true;
    });
  });
  it('an unknown table says to check the name or the Service property', () => {
    assert.throws(() => compile('SELECT * FROM Zzzzqqqqq', undefined, catalog, { apiVersion: 'v2' }), /add its service to the Service property/);
  });
});
