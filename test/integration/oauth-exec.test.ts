/** EXEC through execute() on a plain (Basic) connection: unknown procedures and the OAuth procedures outside AzureADOpenID are EPROCEDURE. */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { connect, KineticError, type Connection } from '../../src/index.ts';
import { startSimulator, type Simulator } from '../../src/simulator/index.ts';

describe('EXEC on a Basic connection', () => {
  let sim: Simulator;
  let db: Connection;
  before(async () => {
    sim = await startSimulator({ port: 0, customers: 20 });
    db = await connect(sim.connectionString({ CacheMetadata: 'false' }));
  });
  after(async () => {
    await db.close();
    await sim.close();
  });

  const rejects = (sql: string, name: string, message: RegExp) =>
    assert.rejects(db.execute(sql), (err: unknown) => {
      assert.ok(err instanceof KineticError);
      assert.equal(err.code, 'EPROCEDURE');
      assert.equal(err.subject, name);
      assert.match(err.message, message);
      return true;
    });

  it('an unknown procedure names the ones there are', () =>
    rejects('EXEC NoSuchProc', 'NoSuchProc', /Unknown procedure "NoSuchProc": the procedures are GetOAuthAuthorizationURL, GetOAuthAccessToken, RefreshOAuthAccessToken/));

  it('an OAuth procedure needs an AzureADOpenID connection', () =>
    rejects("EXECUTE GetOAuthAuthorizationURL 'WEB', 'https://app/cb'", 'GetOAuthAuthorizationURL', /needs an AzureADOpenID connection/));

  it('argument errors come before the connection kind: a positional value too many', () =>
    rejects("EXEC RefreshOAuthAccessToken 'a', 'b'", 'RefreshOAuthAccessToken', /takes 1 parameter\(s\) \(OAuthRefreshToken\), got an argument at position 2/));
});
