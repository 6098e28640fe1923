import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { request } from 'undici';
import { readUntil } from '../support/cli.ts';
import { programArgs } from '../support/program.ts';

const MAIN = 'src/cli/main.ts';

function parseConnectionString(text: string): Record<string, string> {
  const props: Record<string, string> = {};
  for (const part of text.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0) props[part.slice(0, eq)] = part.slice(eq + 1);
  }
  return props;
}

describe('kinetic-sql simulator (CLI)', () => {
  it('prints the URL and connection strings, serves v1 and v2, takes IIS limits, and stops on SIGTERM', async () => {
    const args = ['--port', '0', '--customers', '40', '--max-query-string', '20'];
    const child = spawn(process.execPath, programArgs(MAIN, ['simulator', ...args]), { stdio: ['ignore', 'pipe', 'pipe'] });
    try {
      const out = await readUntil(child, /Press Ctrl\+C/);
      const url = /^URL: (\S+)/m.exec(out)?.[1];
      assert.match(url ?? '', /^http:\/\/127\.0\.0\.1:\d+$/);
      const v1 = parseConnectionString(/^v1: (.*)$/m.exec(out)?.[1] ?? '');
      const v2 = parseConnectionString(/^v2: (.*)$/m.exec(out)?.[1] ?? '');
      assert.equal(v1['URL'], url);
      assert.equal(v2['ApiVersion'], 'v2');
      // Every simulated service is named, so that SalesOrders, Parts and the BAQs work with the string as printed.
      assert.deepEqual(v2['Service']?.split(','), ['Erp.BO.CustomerSvc', 'Erp.BO.SalesOrderSvc', 'Erp.BO.PartSvc', 'BaqSvc']);
      assert.equal(v1['Service'], v2['Service']);
      const service = 'Erp.BO.CustomerSvc';
      const headers = {
        authorization: `Basic ${Buffer.from(`${v1['User']}:${v1['Password']}`).toString('base64')}`,
        'x-api-key': v2['ApiKey'] ?? '',
      };
      const r1 = await request(`${url}/${v1['ERPInstance']}/api/v1/${service}/Customers?$top=2`, { headers });
      assert.equal(r1.statusCode, 200);
      assert.equal(((await r1.body.json()) as { value: unknown[] }).value.length, 2);
      const r2 = await request(`${url}/${v2['ERPInstance']}/api/v2/odata/${v2['Company']}/${service}/Customers?$top=2`, { headers });
      assert.equal(r2.statusCode, 200);
      assert.equal(((await r2.body.json()) as { value: unknown[] }).value.length, 2);
      const long = await request(`${url}/${v1['ERPInstance']}/api/v1/${service}/Customers?$top=2&$skip=0&$select=CustNum`, { headers });
      assert.equal(long.statusCode, 404);
      assert.match(await long.body.text(), /404\.15/);
      child.kill('SIGTERM');
      const [code] = await once(child, 'exit');
      assert.equal(code, 0);
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
    }
  });

  it('answers an unknown subcommand with exit code 2 and prints help for --help', () => {
    const bad = spawnSync(process.execPath, programArgs(MAIN, ['frobnicate']), { encoding: 'utf8' });
    assert.equal(bad.status, 2);
    assert.match(bad.stderr, /unknown command "frobnicate"/);
    const help = spawnSync(process.execPath, programArgs(MAIN, ['--help']), { encoding: 'utf8' });
    assert.equal(help.status, 0);
    assert.match(help.stdout, /simulator/);
    const badOption = spawnSync(process.execPath, programArgs(MAIN, ['simulator', '--port', 'x']), { encoding: 'utf8' });
    assert.equal(badOption.status, 2);
  });
});
