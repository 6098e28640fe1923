import { rm } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { AzureAdSession } from '../../auth/azure-ad-session.ts';
import { desktopSignIn } from '../../auth/desktop-flow.ts';
import { openSettingsStore, type SettingsStore } from '../../auth/settings-store.ts';
import { jwtClaims } from '../../auth/token-claims.ts';
import { resolveConfig } from '../../config/resolve.ts';
import type { Config } from '../../config/types.ts';
import { KineticPropertyError } from '../../errors.ts';
import { OAUTH_USAGE } from '../usage.ts';

/**
 * `kinetic-sql oauth login|url|exchange|status|rotate-key|logout`: the desktop and headless sign-in steps
 * from the command line. Returns the exit code.
 *
 * @example
 * ```sh
 * kinetic-sql oauth url -c "$CS"            # on a machine with a browser
 * kinetic-sql oauth exchange -c "$CS" --code 0.AX...   # on the headless machine
 * ```
 */
export async function runOAuthCommand(argv: string[], out: NodeJS.WritableStream = process.stdout): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      connection: { type: 'string', short: 'c' },
      code: { type: 'string' },
      state: { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  const command = positionals[0];
  if (values.help || command === undefined || !COMMANDS.includes(command)) {
    (values.help ? out : process.stderr).write(`${command && !values.help ? `Unknown oauth command "${command}".\n` : ''}${OAUTH_USAGE}\n`);
    return values.help ? 0 : 2;
  }
  const config = resolveConfig(values.connection);
  if (config.authScheme !== 'AzureADOpenID') {
    throw new KineticPropertyError('EPROPERTY', 'kinetic-sql oauth needs AuthScheme=AzureADOpenID (and OAuthClientId) in the connection string.', { name: 'AuthScheme' });
  }
  const store = openSettingsStore(config.oauthSettingsLocation ?? 'memory://cli', config.properties['OAuthSettingsKey']);
  const session = new AzureAdSession(config, store);
  const say = (line: string) => out.write(`${line}\n`);
  try {
    switch (command) {
      case 'url':
        say(await session.authUrl({ redirectUri: config.callbackURL, ...(values.state ? { state: values.state } : {}) }));
        return 0;
      case 'exchange': {
        if (!values.code) {
          process.stderr.write(`oauth exchange needs --code: the code parameter of the redirect.\n${OAUTH_USAGE}\n`);
          return 2;
        }
        const tokens = await session.redeemCode({ code: values.code, redirectUri: config.callbackURL });
        say(`Signed in as ${who(tokens.accessToken)}; tokens saved to ${store.location}. Connect with InitiateOAuth=REFRESH.`);
        return 0;
      }
      case 'login': {
        const tokens = await desktopSignIn(session, { callbackURL: config.callbackURL, print: (l) => process.stderr.write(`${l}\n`) });
        say(`Signed in as ${who(tokens.accessToken)}; tokens saved to ${store.location}.`);
        return 0;
      }
      case 'status':
        return status(store, config, say);
      case 'rotate-key':
        return rotateKey(store, config, say);
      default: // logout
        await store.clear();
        say(`Signed out: ${store.location} deleted.`);
        return 0;
    }
  } finally {
    await session.close();
  }
}

const COMMANDS = ['login', 'url', 'exchange', 'status', 'rotate-key', 'logout'];

async function status(store: SettingsStore, _config: Config, say: (l: string) => void): Promise<number> {
  const s = await store.read();
  if (!s?.accessToken) {
    say(`No tokens in ${store.location}: run kinetic-sql oauth login (or url, then exchange).`);
    return 1;
  }
  say(`Settings: ${store.location}`);
  say(`Signed in as: ${who(s.accessToken)}`);
  say(`Access token expires: ${s.expiresAt ? new Date(s.expiresAt).toISOString() : 'unknown'}`);
  say(`Refresh token stored: ${s.msalCache?.includes('"RefreshToken"') && !s.msalCache.includes('"RefreshToken":{}') ? 'yes' : 'no'}`);
  return 0;
}

async function rotateKey(store: SettingsStore, config: Config, say: (l: string) => void): Promise<number> {
  if (config.properties['OAuthSettingsKey'] || store.location.startsWith('memory://')) {
    say('rotate-key changes the key file of a settings file; with OAuthSettingsKey, sign out and sign in again with the new passphrase.');
    return 2;
  }
  await store.locked(async () => {
    const current = await store.read();
    await rm(`${store.location}.key`, { force: true });
    const fresh = openSettingsStore(store.location);
    if (current) await fresh.write(current);
  });
  say(`New key written to ${store.location}.key; copy it with the settings file to use them on another machine.`);
  return 0;
}

function who(accessToken: string): string {
  const c = jwtClaims(accessToken) ?? {};
  const name = c['preferred_username'] ?? c['upn'] ?? c['sub'];
  return typeof name === 'string' ? name : 'an unnamed account';
}
