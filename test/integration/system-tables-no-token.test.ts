// An Azure AD connection that has no token yet has no catalog: the system tables that need none still
// answer (its properties, with the client secret masked; its own procedures), and those that describe the
// catalog fail with EAUTH saying how to get a token, as any data request does.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { connect, KineticError } from '../../src/index.ts';
import { startHarness, type Harness } from '../auth/harness.ts';

let h: Harness;
before(async () => {
  h = await startHarness();
});
after(async () => h.close());

test('before a token: sys_connection_props and sys_procedures answer, sys_tables is EAUTH, and nothing is requested', async () => {
  const db = await connect(h.cs());
  try {
    const { rows } = await db.query("SELECT Name, Value FROM sys_connection_props WHERE Name IN ('AuthScheme', 'OAuthClientSecret') ORDER BY Name");
    assert.deepEqual(rows, [{ Name: 'AuthScheme', Value: 'AzureADOpenID' }, { Name: 'OAuthClientSecret', Value: '********' }]);
    const { rows: procedures } = await db.query('SELECT ProcedureName FROM sys_procedures ORDER BY ProcedureName');
    assert.deepEqual(procedures.map((r) => r['ProcedureName']), ['GetOAuthAccessToken', 'GetOAuthAuthorizationURL', 'RefreshOAuthAccessToken']);
    await assert.rejects(db.query('SELECT TableName FROM sys_tables'), (err: unknown) => err instanceof KineticError && err.code === 'EAUTH' && /GetOAuthAuthorizationURL/.test(err.message));
    assert.equal(h.sim.stats().requests, 0);
  } finally {
    await db.close();
  }
});
