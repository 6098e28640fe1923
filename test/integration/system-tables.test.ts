// The system tables through the public API: each one queried with the full SQL (joins, filters, grouping)
// and checked against the connection's catalog and properties, with no request to the simulator.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { connect, KineticError, type Connection } from '../../src/index.ts';
import { PROPERTIES } from '../../src/config/catalog.ts';
import { PROCEDURES } from '../../procedures/registry.ts';
import { startSimulator, type Simulator } from '../../src/simulator/index.ts';

const SERVICES = 'Erp.BO.CustomerSvc,Erp.BO.SalesOrderSvc';
const SYSTEM_TABLES = ['sys_catalogs', 'sys_schemas', 'sys_tables', 'sys_tablecolumns', 'sys_procedures', 'sys_procedureparameters',
  'sys_keycolumns', 'sys_primarykeys', 'sys_foreignkeys', 'sys_connection_props', 'sys_sqlinfo', 'sys_identity', 'Services'];

let sim: Simulator;
let v2: Connection;
let v1: Connection;

before(async () => {
  sim = await startSimulator({ port: 0, seed: 3, customers: 60 });
  v2 = await connect(sim.connectionString({ Service: SERVICES, ApiVersion: 'v2', CacheMetadata: 'false' }));
  v1 = await connect(sim.connectionString({ Service: SERVICES, ApiVersion: 'v1', CacheMetadata: 'false' }));
});

after(async () => {
  await v2.close();
  await v1.close();
  await sim.close();
});

/** Runs `work` and asserts the simulator saw no request meanwhile. */
async function noRequests<T>(work: () => Promise<T>): Promise<T> {
  sim.resetStats();
  const value = await work();
  assert.deepEqual(sim.stats().byPath, {}, 'a system table makes no request');
  return value;
}

const userTables = (db: Connection) => db.catalog.services.flatMap((s) => s.tables);
// ORDER BY compares text as the server does: without regard to case.
const byText = (a: string, b: string) => (a.toLowerCase() < b.toLowerCase() ? -1 : a.toLowerCase() > b.toLowerCase() ? 1 : 0);

describe('system tables', () => {
  test('every system table answers SELECT *, and none makes a request', async () => {
    await noRequests(async () => {
      for (const name of SYSTEM_TABLES) {
        const { columns, rows } = await v2.query(`SELECT * FROM ${name}`);
        assert.ok(columns.length > 0, `${name} has columns`);
        if (name !== 'sys_identity') assert.ok(rows.length > 0, `${name} has rows`);
      }
      const plan = await v2.explain('SELECT t.TableName, COUNT(*) FROM sys_tables t JOIN sys_tablecolumns c ON c.TableName = t.TableName GROUP BY t.TableName');
      assert.deepEqual(plan.requests, []);
      assert.match(plan.text, /system table sys_tables/);
    });
  });

  test('sys_tables joined with sys_tablecolumns and grouped gives each table its catalog column count', async () => {
    const { rows } = await noRequests(() => v2.query(
      `SELECT t.SchemaName, t.TableName, COUNT(*) AS n, SUM(CASE WHEN c.IsKey = 1 THEN 1 ELSE 0 END) AS keys
         FROM sys_tables t JOIN sys_tablecolumns c ON c.SchemaName = t.SchemaName AND c.TableName = t.TableName
        WHERE t.TableType = 'TABLE'
        GROUP BY t.SchemaName, t.TableName ORDER BY t.SchemaName, t.TableName`));
    const expected = userTables(v2).filter((t) => t.kind === 'table')
      .map((t) => ({ SchemaName: t.service, TableName: t.name, n: t.columns.length, keys: t.keys.length }))
      .sort((a, b) => byText(a.SchemaName + '\0' + a.TableName, b.SchemaName + '\0' + b.TableName));
    assert.equal(rows.length, expected.length);
    assert.deepEqual(rows, expected);
  });

  test('sys_tables lists exactly the tables and views of the catalog', async () => {
    const { rows } = await v1.query('SELECT SchemaName, TableName, TableType, IsUpdateable FROM sys_tables');
    const expected = userTables(v1).map((t) => ({ SchemaName: t.service, TableName: t.name, TableType: t.kind === 'view' ? 'VIEW' : 'TABLE', IsUpdateable: t.kind === 'table' }));
    assert.deepEqual(rows, expected);
  });

  test('sys_tablecolumns describes each column as the catalog does (type, nullability, ordinal, key)', async () => {
    const customers = userTables(v2).find((t) => t.name === 'Customers')!;
    const { rows } = await v2.query("SELECT ColumnName, DataTypeName, IsNullable, Ordinal, IsKey, Length FROM sys_tablecolumns WHERE TableName = ? AND SchemaName = 'Erp.BO.CustomerSvc' ORDER BY Ordinal", ['customers']);
    assert.equal(rows.length, customers.columns.length);
    rows.forEach((r, i) => {
      const c = customers.columns[i]!;
      assert.equal(r['ColumnName'], c.name);
      assert.equal(r['Ordinal'], i + 1);
      assert.equal(r['IsNullable'], c.nullable);
      assert.equal(r['IsKey'], c.isKey);
      assert.equal(r['Length'], c.maxLength ?? null);
    });
    const byName = new Map(rows.map((r) => [r['ColumnName'], r['DataTypeName']]));
    assert.equal(byName.get('CustNum'), 'int');
    assert.equal(byName.get('Name'), 'string');
    assert.equal(byName.get('CreditLimit'), 'decimal');
  });

  test('sys_primarykeys lists each key in key order; sys_keycolumns marks the same columns IsKey', async () => {
    const { rows } = await v2.query("SELECT TableName, ColumnName, KeySeq FROM sys_primarykeys WHERE SchemaName = 'Erp.BO.SalesOrderSvc' ORDER BY TableName, KeySeq");
    const expected = userTables(v2).filter((t) => t.service === 'Erp.BO.SalesOrderSvc').sort((a, b) => byText(a.name, b.name))
      .flatMap((t) => t.keys.map((k, i) => ({ TableName: t.name, ColumnName: k, KeySeq: i + 1 })));
    assert.deepEqual(rows, expected);
    const { rows: mismatch } = await v2.query(
      `SELECT p.TableName, p.ColumnName FROM sys_primarykeys p
         LEFT JOIN sys_keycolumns k ON k.SchemaName = p.SchemaName AND k.TableName = p.TableName AND k.ColumnName = p.ColumnName AND k.IsKey = 1
        WHERE k.ColumnName IS NULL`);
    assert.deepEqual(mismatch, []);
  });

  test('sys_foreignkeys comes from the navigation of $metadata, on v1 (associations) and v2 (constraints)', async () => {
    for (const db of [v1, v2]) {
      const { rows } = await db.query(
        "SELECT ColumnName, ReferencedTableName, ReferencedColumnName FROM sys_foreignkeys WHERE TableName = 'ShipToes' AND SchemaName = 'Erp.BO.CustomerSvc' ORDER BY ColumnName");
      assert.deepEqual(rows, [
        { ColumnName: 'Company', ReferencedTableName: 'Customers', ReferencedColumnName: 'Company' },
        { ColumnName: 'CustNum', ReferencedTableName: 'Customers', ReferencedColumnName: 'CustNum' },
      ]);
      // One foreign key per navigation link: the navigation of every table, counted against the rows.
      const links = userTables(db).flatMap((t) => t.navigation.map((n) => ({ t, n })));
      assert.ok(links.length > 0);
      const { rows: perKey } = await db.query('SELECT ForeignKeyName, COUNT(*) AS n FROM sys_foreignkeys GROUP BY ForeignKeyName');
      assert.equal(perKey.length, links.length);
      // Every referencing and referenced column exists in sys_tablecolumns.
      const { rows: dangling } = await db.query(
        `SELECT f.TableName, f.ColumnName FROM sys_foreignkeys f
           LEFT JOIN sys_tablecolumns c ON c.TableName = f.TableName AND c.ColumnName = f.ColumnName
           LEFT JOIN sys_tablecolumns r ON r.TableName = f.ReferencedTableName AND r.ColumnName = f.ReferencedColumnName
          WHERE c.ColumnName IS NULL OR r.ColumnName IS NULL`);
      assert.deepEqual(dangling, []);
    }
  });

  test('sys_catalogs, sys_schemas and the Services view: one schema per configured service', async () => {
    const { rows: catalogs } = await v2.query('SELECT CatalogName FROM sys_catalogs');
    assert.deepEqual(catalogs, [{ CatalogName: 'EpicorKinetic' }]);
    const { rows: schemas } = await v2.query('SELECT SchemaName FROM sys_schemas ORDER BY SchemaName');
    assert.deepEqual(schemas.map((r) => r['SchemaName']), ['Erp.BO.CustomerSvc', 'Erp.BO.SalesOrderSvc']);
    const { rows: services } = await v2.query(
      `SELECT s.Name, s.Tables, s.Methods, COUNT(t.TableName) AS listed, MIN(s.Url) AS Url FROM Services s
         JOIN sys_tables t ON t.SchemaName = s.Name AND t.TableType = 'TABLE' GROUP BY s.Name, s.Tables, s.Methods ORDER BY s.Name`);
    assert.deepEqual(services.map((r) => r['Name']), ['Erp.BO.CustomerSvc', 'Erp.BO.SalesOrderSvc']);
    for (const r of services) {
      const service = v2.catalog.services.find((s) => s.service === r['Name'])!;
      assert.equal(r['Tables'], service.tables.length);
      assert.equal(r['listed'], service.tables.length);
      assert.equal(r['Methods'], service.methods?.length ?? 0);
      assert.match(String(r['Url']), new RegExp(`/api/v2/odata/${sim.company}/${String(r['Name']).replace(/\./g, '\\.')}/$`));
    }
  });

  test('sys_connection_props lists every property with its value, and masks Password and ApiKey', async () => {
    const { rows, columns } = await v2.query('SELECT * FROM sys_connection_props');
    assert.deepEqual(columns.map((c) => c.name), ['Name', 'ShortDescription', 'Type', 'Values', 'Default', 'Category', 'Required', 'Value']);
    assert.deepEqual(rows.map((r) => r['Name']), PROPERTIES.map((p) => p.name));
    const value = (name: string) => rows.find((r) => r['Name'] === name)?.['Value'];
    assert.equal(value('Password'), '********');
    assert.equal(value('ApiKey'), '********');
    assert.equal(value('User'), sim.user);
    assert.equal(value('ApiVersion'), 'v2');
    const text = JSON.stringify(rows);
    assert.ok(!text.includes(sim.password), 'the password never appears');
    assert.ok(!text.includes(sim.apiKey), 'the API key never appears');
    const { rows: enums } = await v2.query("SELECT Name, [Values], [Default] FROM sys_connection_props WHERE Type = 'enum' AND Name = 'ApiVersion'");
    assert.deepEqual(enums, [{ Name: 'ApiVersion', Values: 'v1,v2', Default: 'v1' }]);
    const { rows: required } = await v2.query('SELECT Name FROM sys_connection_props WHERE Required = 1 ORDER BY Name');
    assert.deepEqual(required.map((r) => r['Name']), PROPERTIES.filter((p) => p.required === true).map((p) => p.name).sort());
  });

  test('sys_sqlinfo reports the capability table of the API version', async () => {
    const info = async (db: Connection) => Object.fromEntries((await db.query('SELECT NAME, VALUE FROM sys_sqlinfo')).rows.map((r) => [r['NAME'], r['VALUE']]));
    const a = await info(v1);
    const b = await info(v2);
    assert.equal(a['PUSHDOWN_CONTAINS'], 'substringof');
    assert.equal(b['PUSHDOWN_CONTAINS'], 'contains');
    assert.equal(a['PUSHDOWN_COUNT'], 'inlinecount');
    assert.equal(b['API_VERSION'], 'v2');
    assert.ok(String(b['PUSHDOWN_FUNCTIONS']).split(',').includes('UPPER'));
    assert.ok(!String(b['PUSHDOWN_FUNCTIONS']).split(',').includes('LTRIM'), 'a function kept local is not listed as pushed down');
  });

  test('sys_identity is empty before any INSERT, with its columns', async () => {
    const { rows, columns } = await v2.query('SELECT * FROM sys_identity');
    assert.deepEqual(rows, []);
    assert.deepEqual(columns.map((c) => c.name), ['Id', 'TableName', 'ColumnName', 'Keys', 'Batch', 'Operation', 'Message']);
  });

  test('sys_procedures and sys_procedureparameters list the OAuth procedures and the advertised methods', async () => {
    const { rows } = await v2.query(
      `SELECT p.SchemaName, p.ProcedureName, COUNT(pp.ColumnName) AS params FROM sys_procedures p
         LEFT JOIN sys_procedureparameters pp ON pp.SchemaName = p.SchemaName AND pp.ProcedureName = p.ProcedureName AND pp.Direction = 1
        GROUP BY p.SchemaName, p.ProcedureName`);
    const names = rows.map((r) => `${r['SchemaName']}.${r['ProcedureName']}`);
    for (const p of ['sys.GetOAuthAuthorizationURL', 'sys.GetOAuthAccessToken', 'sys.RefreshOAuthAccessToken', 'Erp.BO.CustomerSvc.GetByID', 'Erp.BO.CustomerSvc.Update']) {
      assert.ok(names.includes(p), `${p} is listed`);
    }
    const methods = v2.catalog.services.flatMap((s) => (s.methods ?? []).map((m) => ({ s: s.service, m })));
    assert.ok(methods.length > 0);
    for (const { s, m } of methods) {
      assert.equal(rows.find((r) => r['SchemaName'] === s && r['ProcedureName'] === m.name)?.['params'], m.parameters.length, `${s}.${m.name}`);
    }
    const { rows: getById } = await v2.query("SELECT ColumnName, DataTypeName, IsRequired FROM sys_procedureparameters WHERE ProcedureName = 'GetByID' AND Direction = 1");
    assert.deepEqual(getById, [{ ColumnName: 'custNum', DataTypeName: 'int', IsRequired: true }]);
    const { rows: writing } = await v2.query("SELECT ProcedureName FROM sys_procedures WHERE IsReadOnly = 0 AND SchemaName = 'Erp.BO.CustomerSvc'");
    assert.deepEqual(writing, [{ ProcedureName: 'Update' }]);
  });

  test("sys_procedureparameters gives the driver's procedures their declared parameters (Direction 1) and result columns (Direction 4)", async () => {
    const { rows } = await v2.query(
      "SELECT ProcedureName, Direction, COUNT(*) AS n FROM sys_procedureparameters WHERE SchemaName = 'sys' GROUP BY ProcedureName, Direction ORDER BY ProcedureName, Direction");
    const expected = PROCEDURES.flatMap((p) => [
      ...(p.parameters.length > 0 ? [{ ProcedureName: p.name, Direction: 1, n: p.parameters.length }] : []),
      ...(p.columns.length > 0 ? [{ ProcedureName: p.name, Direction: 4, n: p.columns.length }] : []),
    ]).sort((a, b) => byText(a.ProcedureName, b.ProcedureName) || a.Direction - b.Direction);
    assert.deepEqual(rows, expected);
  });

  test('system tables in a CTE, a subquery, a UNION and a stream', async () => {
    await noRequests(async () => {
      const { rows } = await v2.query(
        `WITH keyed AS (SELECT TableName, COUNT(*) AS k FROM sys_primarykeys GROUP BY TableName)
         SELECT TableName FROM keyed WHERE k = (SELECT MAX(k) FROM keyed) AND TableName IN (SELECT TableName FROM sys_tables WHERE TableType = 'TABLE')
         ORDER BY TableName`);
      const most = Math.max(...userTables(v2).map((t) => t.keys.length));
      assert.deepEqual(rows.map((r) => r['TableName']), userTables(v2).filter((t) => t.keys.length === most).map((t) => t.name).sort(byText));
      const { rows: names } = await v2.query("SELECT Name FROM Services UNION SELECT SchemaName FROM sys_schemas");
      assert.deepEqual(names.map((r) => r['Name']).sort(), SERVICES.split(',').sort());
      let streamed = 0;
      for await (const row of v2.stream("SELECT ColumnName FROM sys_tablecolumns WHERE TableName = 'Customers'")) {
        assert.equal(typeof row['ColumnName'], 'string');
        streamed++;
      }
      assert.equal(streamed, userTables(v2).find((t) => t.name === 'Customers')!.columns.length);
    });
  });

  test('names: sys_tables unqualified or as [sys].[sys_tables]; a system table joins a remote table', async () => {
    const { rows: a } = await v2.query('SELECT COUNT(*) AS n FROM sys_tables');
    const { rows: b } = await v2.query('SELECT COUNT(*) AS n FROM [sys].[sys_tables]');
    assert.deepEqual(a, b);
    const { rows } = await v2.query(
      `SELECT TOP 2 c.CustNum, t.TableType FROM Customers c JOIN sys_tables t ON t.TableName = 'Customers' AND t.SchemaName = 'Erp.BO.CustomerSvc'
        WHERE c.CustNum <= 2 ORDER BY c.CustNum`);
    assert.deepEqual(rows, [{ CustNum: 1, TableType: 'TABLE' }, { CustNum: 2, TableType: 'TABLE' }]);
    await assert.rejects(v2.query('SELECT * FROM sys_tablez'), (err: unknown) => err instanceof KineticError && err.code === 'ENO_TABLE' && /sys_tables/.test(err.message));
  });
});

describe('table filters never hide the system tables', () => {
  test('with Tables=Customers, sys_tables lists Customers alone and every system table still answers', async () => {
    const db = await connect(sim.connectionString({ Service: 'Erp.BO.CustomerSvc', ApiVersion: 'v2', CacheMetadata: 'false', Tables: 'Customers' }));
    try {
      await noRequests(async () => {
        const { rows } = await db.query('SELECT SchemaName, TableName, TableType FROM sys_tables');
        assert.deepEqual(rows, [{ SchemaName: 'Erp.BO.CustomerSvc', TableName: 'Customers', TableType: 'TABLE' }]);
        for (const name of SYSTEM_TABLES) {
          const { rows: counted } = await db.query(`SELECT COUNT(*) AS n FROM ${name}`);
          if (!['sys_identity', 'sys_foreignkeys'].includes(name)) assert.ok(Number(counted[0]!['n']) > 0, `${name} still answers`);
        }
        const { rows: cols } = await db.query("SELECT COUNT(*) AS n FROM sys_tablecolumns WHERE TableName = 'ShipToes'");
        assert.deepEqual(cols, [{ n: 0 }], 'a filtered-out table has no columns listed');
      });
    } finally {
      await db.close();
    }
  });
});
