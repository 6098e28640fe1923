import assert from 'node:assert/strict';
import { describe, it, test } from 'node:test';
import { KineticError } from '../../src/errors.ts';
import { compile } from '../../src/plan/compile.ts';
import { catalog } from '../fixtures/catalog.ts';

test('a remote plan reports output columns with aliases, catalog types and source fields', () => {
  const s = compile('SELECT custid AS id, CreditLimit FROM Customers', undefined, catalog, { apiVersion: 'v2' });
  assert.ok(s.kind === 'select' && s.plan.kind === 'remote');
  assert.deepEqual(s.plan.columns, [
    { name: 'id', source: 'CustID', type: 'Edm.String', nullable: true, table: 'Customers' },
    { name: 'CreditLimit', source: 'CreditLimit', type: 'Edm.Decimal', nullable: true, table: 'Customers' },
  ]);
  assert.equal(s.plan.orderedByKey, true);
  assert.equal(s.plan.table.name, 'Customers');
});

test('SELECT * lists every catalog column as output; an explicit ORDER BY is not orderedByKey', () => {
  const s = compile('SELECT * FROM ShipToes ORDER BY Name', undefined, catalog, { apiVersion: 'v1' });
  assert.ok(s.kind === 'select' && s.plan.kind === 'remote');
  assert.deepEqual(s.plan.columns.map((c) => c.name), ['Company', 'CustNum', 'ShipToNum', 'Name', 'State']);
  assert.equal(s.plan.orderedByKey, false);
});

test('COUNT(*) is a count plan with one int column', () => {
  const s = compile('SELECT COUNT(*) AS total FROM Parts', undefined, catalog, { apiVersion: 'v2' });
  assert.ok(s.kind === 'select' && s.plan.kind === 'count');
  assert.deepEqual(s.plan.column, { name: 'total', type: 'int', nullable: false });
  assert.equal(s.plan.request.count, true);
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
  const a = compile(sql, [1], catalog, { apiVersion: 'v2' });
  const b = compile(sql, [2], catalog, { apiVersion: 'v2' });
  assert.equal(a.kind === 'select' && a.plan.request.filter, 'CustNum eq 1');
  assert.equal(b.kind === 'select' && b.plan.request.filter, 'CustNum eq 2');
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
