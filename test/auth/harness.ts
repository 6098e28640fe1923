/** The identity provider, the simulator that trusts it, and connection strings for each flow. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startSimulator, type Simulator } from '../../src/simulator/index.ts';
import { API_SCOPE, startIdp, TENANT, WEB_CALLBACK, WEB_CLIENT, type Idp, type IdpOptions } from './identity-provider.ts';

export interface Harness {
  readonly idp: Idp;
  readonly sim: Simulator;
  /** A folder for settings files, logs and certificates; removed by close(). */
  readonly dir: string;
  /** Azure AD connection string for the web app (secret), with overrides (undefined removes a property). */
  cs(props?: Record<string, string | undefined>): string;
  close(): Promise<void>;
}

export async function startHarness(options: IdpOptions = {}): Promise<Harness> {
  const idp = await startIdp(options);
  const sim = await startSimulator({ port: 0, customers: 40, azureAd: idp.simulatorAzureAd });
  const dir = mkdtempSync(join(tmpdir(), 'ksql-oauth-'));
  const ca = join(dir, 'idp-ca.pem');
  writeFileSync(ca, idp.caPem);
  const cs = (props: Record<string, string | undefined> = {}) =>
    sim.connectionString({
      ApiVersion: 'v2',
      CacheMetadata: 'false',
      User: undefined,
      Password: undefined,
      AuthScheme: 'AzureADOpenID',
      OAuthClientId: WEB_CLIENT.id,
      OAuthClientSecret: WEB_CLIENT.secret,
      OAuthAuthority: idp.authority,
      AzureTenant: TENANT,
      Scope: API_SCOPE,
      CallbackURL: WEB_CALLBACK,
      SSLServerCert: ca,
      OAuthSettingsLocation: join(dir, 'OAuthSettings.txt'),
      ...props,
    });
  return {
    idp,
    sim,
    dir,
    cs,
    close: async () => {
      await sim.close();
      await idp.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Every place a secret could leak, as one string: messages, causes, own properties. */
export function errorText(err: unknown): string {
  const parts: string[] = [];
  for (let e: unknown = err, depth = 0; e && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    parts.push(String((e as Error).message), String((e as Error).stack), JSON.stringify(e));
  }
  return parts.join('\n');
}
