/**
 * `kinetic-sql oauth` in separate processes, the headless option 1 from the command line: `url` on "a
 * machine with a browser", the sign-in there, `exchange --code` on the headless one, `status`,
 * `rotate-key`, a query with InitiateOAuth=REFRESH, `logout`. Nothing secret is printed.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { programArgs } from '../support/program.ts';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startHarness, type Harness } from '../auth/harness.ts';
import { runChild } from '../auth/child.ts';
import { WEB_CLIENT } from '../auth/identity-provider.ts';


function cli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, programArgs('src/cli/main.ts', args), { timeout: 60_000 }, (err, stdout, stderr) => {
      resolve({ code: err ? (typeof err.code === 'number' ? err.code : -1) : 0, stdout, stderr });
    });
  });
}

describe('kinetic-sql oauth', () => {
  let h: Harness;
  before(async () => {
    h = await startHarness();
  });
  after(async () => h.close());

  it('url, exchange, status, rotate-key, a REFRESH query, logout', async () => {
    const file = join(h.dir, 'cli', 'OAuthSettings.txt');
    const cs = h.cs({ OAuthSettingsLocation: file, CallbackURL: 'http://localhost:33333' });
    const url = await cli(['oauth', 'url', '-c', cs, '--state', 'cli-1']);
    assert.equal(url.code, 0, url.stderr);
    const redirect = await h.idp.signIn(url.stdout.trim(), 'jack');
    assert.equal(redirect.searchParams.get('state'), 'cli-1');
    const code = redirect.searchParams.get('code')!;

    const exchanged = await cli(['oauth', 'exchange', '-c', cs, '--code', code]);
    assert.equal(exchanged.code, 0, exchanged.stderr);
    assert.match(exchanged.stdout, /^Signed in as jack@contoso\.test; tokens saved to .*OAuthSettings\.txt/);

    const status = await cli(['oauth', 'status', '-c', cs]);
    assert.match(status.stdout, /Signed in as: jack@contoso\.test\nAccess token expires: \d{4}-.*\nRefresh token stored: yes/);
    const printed = exchanged.stdout + exchanged.stderr + status.stdout + status.stderr;
    assert.ok(!printed.includes(code) && !printed.includes(WEB_CLIENT.secret) && !/eyJ[\w-]{20,}/.test(printed), 'nothing secret printed');

    const keyBefore = readFileSync(`${file}.key`, 'utf8');
    assert.equal((await cli(['oauth', 'rotate-key', '-c', cs])).code, 0);
    assert.notEqual(readFileSync(`${file}.key`, 'utf8'), keyBefore);

    const query = await runChild(h.cs({ InitiateOAuth: 'REFRESH', OAuthSettingsLocation: file, CallbackURL: 'http://localhost:33333' }), [['SELECT TOP 2 CustID FROM Customers']]);
    assert.equal(query.results[0]?.rowCount, 2, JSON.stringify(query.error));

    assert.equal((await cli(['oauth', 'logout', '-c', cs])).code, 0);
    const after = await cli(['oauth', 'status', '-c', cs]);
    assert.equal(after.code, 1);
    assert.match(after.stdout, /No tokens in .*kinetic-sql oauth login/);
  });

  it('a wrong command prints the usage with exit code 2', async () => {
    const r = await cli(['oauth', 'frobnicate', '-c', h.cs()]);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /Unknown oauth command "frobnicate"[\s\S]*Usage: kinetic-sql oauth/);
  });
});
