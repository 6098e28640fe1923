// Two rules of the system tables that the simulator cannot show: a user table named like a system table
// makes the unqualified name ambiguous (never silently shadowed), and sys_identity reads the identity log.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { KineticError } from '../../src/errors.ts';
import { IdentityLog } from '../../src/engine/identity-log.ts';
import { connectionPropRows, identityRows } from '../../src/engine/system/connection-rows.ts';
import { PROPERTIES } from '../../src/config/catalog.ts';
import { resolveConfig } from '../../src/config/resolve.ts';
import type { Catalog, CatalogTable } from '../../src/metadata/catalog.ts';
import { resolveTable } from '../../src/plan/resolve-table.ts';

const table = (name: string, service: string): CatalogTable => ({
  name, service, kind: 'table', entityType: `${name}Row`, keys: ['Id'], navigation: [], parameters: [],
  columns: [{ name: 'Id', type: 'Edm.Int32', nullable: false, isKey: true }],
});

test('a user table named sys_tables makes the name ambiguous; both qualified names resolve', () => {
  const catalog: Catalog = { services: [{ service: 'Ice.BO.OddSvc', tables: [table('sys_tables', 'Ice.BO.OddSvc'), table('Things', 'Ice.BO.OddSvc')] }] };
  assert.throws(() => resolveTable({ kind: 'table', name: 'sys_tables' }, catalog), (err: unknown) =>
    err instanceof KineticError && err.code === 'ENO_TABLE' && err.message.includes('[sys].[sys_tables]') && err.message.includes('[Ice.BO.OddSvc].[sys_tables]'));
  assert.equal(resolveTable({ kind: 'table', name: 'sys_tables', service: 'sys' }, catalog).service, 'sys');
  assert.equal(resolveTable({ kind: 'table', name: 'sys_tables', service: 'Ice.BO.OddSvc' }, catalog).service, 'Ice.BO.OddSvc');
  assert.equal(resolveTable({ kind: 'table', name: 'SYS_COLUMNS'.replace('COLUMNS', 'TABLECOLUMNS') }, catalog).service, 'sys');
});

test('sys_identity has one row per row of the last INSERT, keyed by its last key column', () => {
  const log = new IdentityLog();
  assert.deepEqual(identityRows(log), []);
  log.record([{ table: 'Customers', keys: { Company: 'EPIC06', CustNum: 501 } }, { table: 'Customers', keys: { Company: 'EPIC06', CustNum: 502 } }]);
  assert.deepEqual(identityRows(log), [
    { Id: '501', TableName: 'Customers', ColumnName: 'CustNum', Keys: '{"Company":"EPIC06","CustNum":501}', Batch: 1, Operation: 'INSERTED', Message: 'SUCCESS' },
    { Id: '502', TableName: 'Customers', ColumnName: 'CustNum', Keys: '{"Company":"EPIC06","CustNum":502}', Batch: 2, Operation: 'INSERTED', Message: 'SUCCESS' },
  ]);
});

test('sys_connection_props: ShortDescription is the first sentence, not cut at "e.g." or inside a URL', () => {
  const config = resolveConfig('URL=https://erp.example.com;ERPInstance=Live;User=u;Password=p;Service=Erp.BO.CustomerSvc;ApiVersion=v1;', {});
  const rows = connectionPropRows(config);
  const url = rows.find((r) => r['Name'] === 'URL')!;
  assert.equal(url['ShortDescription'], 'Base URL of the server hosting the Epicor instance, e.g. https://myaccount.epicorsaas.com.');
  for (const r of rows) {
    const full = PROPERTIES.find((p) => p.name === r['Name'])!.description;
    const short = String(r['ShortDescription']);
    assert.ok(full.startsWith(short), `${String(r['Name'])}: a prefix of the description`);
    assert.ok(short.length >= Math.min(full.length, 12), `${String(r['Name'])}: "${short}" is not a stub`);
  }
});
