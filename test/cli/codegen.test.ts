/**
 * `kinetic-sql codegen` as a child process against the simulator: the file it writes holds an interface
 * per table and BAQ with every column of the catalog, typed as the driver returns values (checked by the
 * TypeScript checker, against a table written here from README's "Values", and against real rows), and a
 * program using it through `db.query<Row>` and `Kysely<DB>` type-checks while misuses do not.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ts from 'typescript';
import { connect, type Catalog, type CatalogTable } from '../../src/index.ts';
import { startSimulator, type Simulator } from '../../src/simulator/index.ts';
import { renderRowTypes } from '../../src/cli/row-types.ts';
import { programArgs, SOURCE_ROOT } from '../support/program.ts';

const SERVICES = 'Erp.BO.CustomerSvc,Erp.BO.SalesOrderSvc,Erp.BO.PartSvc,BaqSvc';

function cli(args: readonly string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, programArgs('src/cli/main.ts', args), { cwd: SOURCE_ROOT, env: { ...process.env, KINETIC_SQL_CONNECTION: undefined }, timeout: 60_000 }, (err, stdout, stderr) => {
      resolve({ code: err === null ? 0 : typeof err.code === 'number' ? err.code : -1, stdout, stderr });
    });
  });
}

/** README "Values": the TypeScript type of each EDM type, without and with DecimalsAsStrings. */
const EXPECTED: Readonly<Record<string, readonly [string, string]>> = {
  'Edm.String': ['string', 'string'],
  'Edm.Guid': ['string', 'string'],
  'Edm.Int32': ['number', 'number'],
  'Edm.Int64': ['number', 'string | number'],
  'Edm.Decimal': ['number', 'string'],
  'Edm.Boolean': ['boolean', 'boolean'],
  'Edm.DateTimeOffset': ['Date', 'Date'],
  'Edm.DateTime': ['Date', 'Date'],
};

/** The property types of every exported interface of `file`, as the TypeScript checker prints them. */
function interfaces(file: string): Map<string, Map<string, string>> {
  const program = ts.createProgram([file], { strict: true, noEmit: true, skipLibCheck: true, types: [], lib: ['lib.es2022.d.ts'] });
  const checker = program.getTypeChecker();
  const source = program.getSourceFile(file);
  assert.ok(source);
  const diagnostics = ts.getPreEmitDiagnostics(program, source).map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
  assert.deepEqual(diagnostics, [], 'the generated file compiles on its own');
  const result = new Map<string, Map<string, string>>();
  for (const statement of source.statements) {
    if (!ts.isInterfaceDeclaration(statement)) continue;
    const type = checker.getTypeAtLocation(statement.name);
    const props = new Map<string, string>();
    for (const p of type.getProperties()) props.set(p.name, checker.typeToString(checker.getTypeOfSymbolAtLocation(p, statement)));
    result.set(statement.name.text, props);
  }
  return result;
}

const ambiguous = (catalog: Catalog, t: CatalogTable): boolean =>
  catalog.services.flatMap((s) => s.tables).filter((o) => o.name.toLowerCase() === t.name.toLowerCase()).length > 1;
const short = (service: string): string => service.slice(service.lastIndexOf('.') + 1);
const rowTypeName = (catalog: Catalog, t: CatalogTable): string =>
  (ambiguous(catalog, t) ? `${short(t.service)}_${t.name}Row` : `${t.name}Row`).replace(/[^A-Za-z0-9_$]/g, '_').replace(/^(\d)/, '_$1');

let sim: Simulator;
let dir: string;
let catalog: Catalog;

before(async () => {
  sim = await startSimulator({ port: 0, seed: 1, customers: 60 });
  dir = mkdtempSync(join(tmpdir(), 'ksql-codegen-'));
  await using db = await connect(sim.connectionString({ Service: SERVICES, ApiVersion: 'v2', CacheMetadata: 'false' }));
  catalog = db.catalog;
});

after(async () => {
  await sim.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('kinetic-sql codegen', () => {
  let generated: Map<string, Map<string, string>>;

  it('writes a row type for every table and BAQ with every column, typed as the driver returns values', async () => {
    const file = join(dir, 'db-types.ts');
    const run = await cli(['codegen', '--out', file, '--connection', sim.connectionString({ Service: SERVICES, ApiVersion: 'v2', CacheMetadata: 'false' })]);
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, /^Wrote .*db-types\.ts: \d+ interfaces and DB for Erp\.BO\.CustomerSvc, /m);
    generated = interfaces(file);
    const tables = catalog.services.flatMap((s) => s.tables);
    assert.ok(tables.length > 50);
    for (const t of tables) {
      const props = generated.get(rowTypeName(catalog, t));
      assert.ok(props, `${rowTypeName(catalog, t)} is generated for ${t.service} ${t.name}`);
      assert.equal(props.size, t.columns.length, `${t.name}: one property per column`);
      for (const c of t.columns) {
        const expected = EXPECTED[c.type]?.[0];
        assert.ok(expected, `the test knows ${c.type}`);
        assert.equal(props.get(c.name), c.nullable ? `${expected} | null` : expected, `${t.name}.${c.name} (${c.type}${c.nullable ? ', nullable' : ''})`);
      }
    }
    // The DB interface: plain names, Service.Table for names found in several services, BAQ parameters.
    const db = generated.get('DB');
    assert.ok(db);
    assert.equal(db.get('Customers'), 'CustomersRow');
    assert.equal(db.get('PartSvc.EntityGLCs'), 'PartSvc_EntityGLCsRow');
    assert.equal(db.get('CustomerSvc.EntityGLCs'), 'CustomerSvc_EntityGLCsRow');
    assert.equal(db.has('EntityGLCs'), false);
    assert.equal(db.get('zCustomer01'), 'zCustomer01Row & zCustomer01Params');
    assert.equal(db.get('68138-HSCustomers'), '_68138_HSCustomersRow & _68138_HSCustomersParams');
    assert.deepEqual([...(generated.get('zCustomer01Params') ?? [])], [['zipCode', 'string']]);
    assert.equal(generated.get('_68138_HSCustomersParams')?.get('state'), 'string | undefined');
    assert.equal(db.size, tables.length);
    assert.deepEqual(readdirSync(dir), ['db-types.ts'], 'no temporary file is left beside it');
  });

  it('types match the values real rows carry', async () => {
    await using db = await connect(sim.connectionString({ Service: SERVICES, ApiVersion: 'v2', CacheMetadata: 'false' }));
    const jsType = (v: unknown): string => (v === null ? 'null' : v instanceof Date ? 'Date' : typeof v);
    for (const table of ['Customers', 'SalesOrders', 'OrderDtls', 'Parts']) {
      const props = generated.get(`${table}Row`);
      assert.ok(props);
      const { rows } = await db.query(`SELECT TOP 30 * FROM ${table}`);
      assert.ok(rows.length > 0, table);
      for (const row of rows) {
        for (const [name, value] of Object.entries(row)) {
          const declared = props.get(name);
          assert.ok(declared, `${table}.${name} is declared`);
          assert.ok(declared.split(' | ').includes(jsType(value)), `${table}.${name} = ${String(value)} (${jsType(value)}) fits ${declared}`);
        }
      }
    }
  });

  it('with DecimalsAsStrings=true decimals are strings, and --tables keeps only the tables named (in a folder --out makes)', async () => {
    const file = join(dir, 'generated', 'types', 'exact.ts');
    const cs = sim.connectionString({ Service: SERVICES, ApiVersion: 'v2', CacheMetadata: 'false', DecimalsAsStrings: 'true' });
    const run = await cli(['codegen', '--out', file, '--tables', 'SalesOrders,PartSvc.EntityGLCs', '--connection', cs]);
    assert.equal(run.code, 0, run.stderr);
    const exact = interfaces(file);
    assert.deepEqual([...exact.keys()].sort(), ['DB', 'PartSvc_EntityGLCsRow', 'SalesOrdersRow']);
    const orders = catalog.services.flatMap((s) => s.tables).find((t) => t.name === 'SalesOrders');
    for (const c of orders?.columns ?? []) {
      const expected = EXPECTED[c.type]?.[1];
      assert.equal(exact.get('SalesOrdersRow')?.get(c.name), c.nullable ? `${expected} | null` : expected, c.name);
    }
    assert.equal(exact.get('SalesOrdersRow')?.get('OrderAmt'), 'string | null');
    rmSync(join(dir, 'generated'), { recursive: true });
  });

  it('an unknown table in --tables exits 1 with ENO_TABLE and writes nothing; a missing --out exits 2', async () => {
    const file = join(dir, 'none.ts');
    const cs = sim.connectionString({ Service: 'Erp.BO.CustomerSvc', ApiVersion: 'v2', CacheMetadata: 'false' });
    const bad = await cli(['codegen', '--out', file, '--tables', 'Customers,Custmers', '--connection', cs]);
    assert.equal(bad.code, 1);
    assert.match(bad.stderr, /ENO_TABLE: .*"Custmers"/);
    assert.equal(existsSync(file), false);
    const usage = await cli(['codegen', '--connection', cs]);
    assert.equal(usage.code, 2);
    assert.match(usage.stderr, /--out FILE is required/);
  });

  it('examples/types/epicor-db.ts is what codegen writes today (regenerate: see examples/08-kysely-report.ts)', async () => {
    await using db = await connect(sim.connectionString({ Service: 'Erp.BO.CustomerSvc,Erp.BO.SalesOrderSvc', ApiVersion: 'v2', CacheMetadata: 'false' }));
    const committed = readFileSync(join(SOURCE_ROOT, 'examples/types/epicor-db.ts'), 'utf8');
    assert.equal(committed, renderRowTypes(db.catalog, { decimalsAsStrings: false, tables: ['Customers', 'SalesOrders'] }));
  });

  it('a program typed with the output type-checks: db.query<Row>, Kysely<DB>; misuses are errors', () => {
    writeFileSync(join(dir, 'package.json'), JSON.stringify({ type: 'module' }));
    symlinkSync(join(SOURCE_ROOT, 'node_modules'), join(dir, 'node_modules'), 'dir');
    const index = join(SOURCE_ROOT, 'src/index.ts');
    const kysely = join(SOURCE_ROOT, 'src/kysely/index.ts');
    const program = join(dir, 'report.ts');
    writeFileSync(
      program,
      `import { Kysely } from 'kysely';
import { connect } from ${JSON.stringify(index)};
import { KineticDialect } from ${JSON.stringify(kysely)};
import type { CustomersRow, DB } from './db-types.ts';

export async function report(): Promise<void> {
  const db = await connect();
  const { rows } = await db.query<Pick<CustomersRow, 'CustID' | 'CreditLimit' | 'EstDate'>>('SELECT CustID, CreditLimit, EstDate FROM Customers');
  const id: string | null = rows[0]!.CustID;
  const limit: number | null = rows[0]!.CreditLimit;
  // @ts-expect-error a decimal is a number, not a string
  const wrong: string = rows[0]!.CreditLimit;
  // @ts-expect-error the column was not picked
  rows[0]!.Name;
  for await (const o of db.stream<{ OrderNum: number }>('SELECT OrderNum FROM SalesOrders')) o.OrderNum.toFixed();
  const k = new Kysely<DB>({ dialect: new KineticDialect({ connection: db }) });
  const r = await k.selectFrom('Customers as c').innerJoin('SalesOrders as o', 'o.CustNum', 'c.CustNum')
    .select(['c.CustID', 'o.OrderDate']).where('c.State', '=', 'MN').execute();
  const when: Date | null = r[0]!.OrderDate;
  const baq = await k.selectFrom('zCustomer01').select('Customer_Name').where('zipCode', '=', '55401').execute();
  baq[0]!.Customer_Name;
  // @ts-expect-error no such column
  k.selectFrom('Customers').select('Nmae');
  // @ts-expect-error a table found in two services has no plain name
  k.selectFrom('EntityGLCs').selectAll();
  k.selectFrom('PartSvc.EntityGLCs').selectAll();
  const owned = new Kysely<DB>({ dialect: new KineticDialect({ connectionString: 'URL=https://host;ERPInstance=Live;Service=Erp.BO.CustomerSvc', connectOptions: { signInTimeoutMs: 1000 } }) });
  const lazy = new Kysely<DB>({ dialect: new KineticDialect({ connection: () => connect() }) });
  // @ts-expect-error a connection, a factory or a connection string is required
  new KineticDialect({});
  const deleted: bigint = (await owned.deleteFrom('Customers').where('CustID', '=', 'X').executeTakeFirstOrThrow()).numDeletedRows;
  const updated: bigint = (await lazy.updateTable('Customers').set({ Name: 'Acme' }).where('CustNum', '=', 5).executeTakeFirstOrThrow()).numUpdatedRows;
  void [id, limit, wrong, when, deleted, updated];
}
`,
    );
    const options: ts.CompilerOptions = {
      strict: true, noEmit: true, skipLibCheck: true, target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.NodeNext,
      moduleResolution: ts.ModuleResolutionKind.NodeNext, allowImportingTsExtensions: true, types: ['node'], lib: ['lib.es2023.d.ts'],
    };
    const p = ts.createProgram([program], options);
    const errors = ts.getPreEmitDiagnostics(p, p.getSourceFile(program)).map((d) => `${d.start}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`);
    assert.deepEqual(errors, []);
  });
});
