/**
 * Runs every program in examples/ as a user would: the TypeScript file of the checkout with the command
 * its header documents (`node --import tsx examples/x.ts`, from the package root, no
 * KINETIC_SQL_CONNECTION, so each starts the bundled simulator), even when the tests themselves run
 * compiled (scripts/run-tests.mjs). Checks that each exits 0 and prints its key lines: the examples stay
 * true as the driver changes.
 */
import { execFile } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { SOURCE_ROOT as root } from './support/program.ts';

const examples = readdirSync(join(root, 'examples')).filter((f) => f.endsWith('.ts')).sort();

/** Lines each example must print (seed 1, 300 customers: the data is deterministic). */
const EXPECTED: Readonly<Record<string, readonly RegExp[]>> = {
  '01-query-parameters.ts': [
    /^Customers in MN \(not on credit hold\): 5 shown$/m,
    /^ {2}BEAUMONT43 {2}Beaumont's Café \(Minneapolis\)$/m,
    /^Largest credit limits in Canada:\n(?: {2}\S+ {2}.+ {2}\d+\n){3}/m,
    /^Columns: CustID:Edm\.String, Name:Edm\.String, CreditLimit:Edm\.Decimal$/m,
  ],
  '02-stream-early-break.ts': [/^OrderDtls holds \d+ order lines$/m, /^Stopped early after 1200 rows /m],
  '03-explain.ts': [
    /^OData: GET http:\/\/127\.0\.0\.1:\d+\/KineticSim\/api\/v2\/odata\/EPIC06\/Erp\.BO\.CustomerSvc\/Customers\?\$select=CustID,Name&\$filter=State eq 'MN' and startswith\(Name,'A'\)&\$orderby=Name,Company,CustNum&\$top=10&\$skip=0$/m,
    /\/SalesOrders\?\$select=OrderNum,OrderAmt&\$filter=OrderAmt gt 5000 and OrderDate ge 2025-01-01T00:00:00Z&/,
    /\/SalesOrders\?\$filter=OpenOrder eq true&\$count=true&\$top=0$/m,
    /^Requests sent while explaining: 0$/m,
  ],
  '04-services-and-baq.ts': [
    /^Customer BEAUMONT43: Beaumont's Café, zip 55401$/m,
    /^Largest orders of BEAUMONT43:\n {2}#\d+ {2}\d{4}-\d\d-\d\d {2}[\d.]+$/m,
    /^BAQ zCustomer01 with zipCode=55401: [1-9]\d* customers$/m,
    /^ {2}BEAUMONT43 {2}Beaumont's Café \(Minneapolis\)$/m,
  ],
  '05-errors.ts': [
    /^Misspelt column: ENO_COLUMN: .*Did you mean Name\?$/m,
    /^Unknown table: ENO_TABLE: /m,
    /^Syntax error: ESQL_SYNTAX at line 2, column \d+$/m,
    /^Missing BAQ parameter: EPARAM: .*zipCode/m,
    /^Mixed parameter styles: EPARAM: /m,
    /^Not supported: ESQL_UNSUPPORTED: INTERSECT ALL/m,
    /^Grouped wrongly: ESQL_SYNTAX: Column "City" is invalid in the select list/m,
    /^Unknown property: EPROPERTY: [\s\S]*"Colour"/m,
    /^Wrong password: EAUTH status 401, Epicor said "Invalid user name or password\." \([0-9a-f-]{36}\)$/m,
    /^One 503, then retried: ok$/m,
    /^Server error: EHTTP status 500, /m,
  ],
  '07-reporting.ts': [
    /^Requests: 2; local statement: yes$/m,
    /^Orders are read by the keys of the customers found$/m,
    /^Columns: CustID:Edm\.String, Name:Edm\.String, Orders:int, Total:decimal, Rnk:int$/m,
    /^ {2}#1 \S+ {2}.+: \d+ orders, \d+(\.\d+)?$/m,
    /^Long names:\n(?: {2}\S+ {2}\S+ {2}(large|small)\n){3}/m,
  ],
  '08-kysely-report.ts': [
    /^SQL: select top\(5\) "c"\."State", count\(\*\) as "Orders", .* from "Customers" as "c" inner join "SalesOrders" as "o" on .* where "c"\."Country" = \? group by "c"\."State" order by "Total" desc$/m,
    /^Top states by order total \(USA\):\n(?: {2}[A-Z]{2,3} +\d+ orders {2}\d+\.\d\d {2}last \d{4}-\d\d-\d\d\n){5}/m,
    /^Open orders streamed: [1-9]\d*, worth \d+\.\d\d$/m,
  ],
  '09-stream-to-csv.ts': [
    /^Wrote (\d+) order lines to \S+order-lines\.csv\n[\s\S]*^Records in the file: \1 and a header$/m,
    /^Header: OrderNum,OrderLine,PartNum,LineDesc,OrderQty,UnitPrice,RequestDate$/m,
    /^Line endings: CRLF$/m,
    /^First row: \d+,1,[^,]+,.*,\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/m,
    /^A quoted field \(comma or quote in the text\): yes$/m,
    /^Pages requested: \d+$/m,
  ],
  '10-discover-and-call.ts': [
    /^Widest tables:\n {2}Customers {2}\d+ columns$/m,
    /^Tables referencing Customers: [1-9]\d* \(/m,
    /^Properties: Password=\*{8}, User=manager$/m,
    /^Requests sent for the system tables: 0$/m,
    /^Methods: GetByID\(1\), GetList\(3\), GetNewCustomer\(1\), GetRows\(3\), Update\(1\)$/m,
    /^GetByID\(1\): \S+ .+$/m,
    /^efx SimTools\.AddNumbers\(2, 3\): sum 5, product 6$/m,
    /^Wrong parameter: EPROCEDURE: .*customer/m,
  ],
  '06-oauth-web-flow.ts': [
    /^\/login redirects to the sign-in page: https:\/\/localhost:\d+\/contoso-test\/v2\.0\/auth$/m,
    /^Callback with the right state: code exchanged, the token expires in 60 minutes$/m,
    /^Customers read with alice's token: 3\n {2}ADDISON200 {2}Addison A\/S$/m,
    /^RefreshOAuthAccessToken: a new access token$/m,
    /^A callback with an unknown state: 400$/m,
  ],
};

/** The command line a user types for `file`: `node --import tsx examples/<file>`. */
const command = (file: string): string[] => ['--import', 'tsx', join('examples', file)];

function run(file: string): Promise<{ code: number; stdout: string; stderr: string }> {
  const env = { ...process.env };
  delete env['KINETIC_SQL_CONNECTION'];
  return new Promise((resolve) => {
    // The timeout only guards against a hung example; it asserts nothing about speed.
    execFile(process.execPath, command(file), { cwd: root, env, timeout: 120_000 }, (err, stdout, stderr) => {
      const code = err ? (typeof err.code === 'number' ? err.code : -1) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}

test('every example has expected output listed here, and every listed example exists', () => {
  assert.ok(examples.length >= 5, `examples/ holds ${examples.length} programs`);
  assert.deepEqual(examples, Object.keys(EXPECTED).sort());
});

test('every example documents the command this test runs it with', () => {
  for (const file of examples) {
    const header = readFileSync(join(root, 'examples', file), 'utf8');
    assert.ok(header.includes(`node ${command(file).join(' ')}\n`), `${file} does not document: node ${command(file).join(' ')}`);
  }
});

describe('examples run against the bundled simulator', { concurrency: 2 }, () => {
  for (const file of examples) {
    test(file, async () => {
      const { code, stdout, stderr } = await run(file);
      const output = `--- stdout\n${stdout}--- stderr\n${stderr}`;
      assert.equal(code, 0, `exit code ${code}\n${output}`);
      for (const line of EXPECTED[file] ?? []) assert.match(stdout, line, output);
      if (file === '02-stream-early-break.ts') {
        // Breaking out of the loop stopped the scan: fewer requests than a full read takes.
        const m = /answered (\d+) requests for OrderDtls .*not (\d+) pages/.exec(stdout);
        assert.ok(m, output);
        assert.ok(Number(m[1]) < Number(m[2]), output);
      }
    });
  }
});
