import { homedir } from 'node:os';
import { isAbsolute, join, resolve } from 'node:path';

export type Env = Readonly<Record<string, string | undefined>>;

const APP_DIR = 'epicor-kinetic-sql';

/**
 * Default metadata cache file: `$XDG_CACHE_HOME/epicor-kinetic-sql/metadata.sqlite`, else under
 * `$HOME/.cache` (os.homedir() when HOME is unset). Reads only the `env` passed in.
 *
 * @example
 * ```ts
 * defaultCacheLocation({ HOME: '/home/ann' }); // '/home/ann/.cache/epicor-kinetic-sql/metadata.sqlite'
 * ```
 */
export function defaultCacheLocation(env: Env): string {
  return join(xdgDir(env, 'XDG_CACHE_HOME', '.cache'), APP_DIR, 'metadata.sqlite');
}

/**
 * Default OAuth settings file: `$XDG_CONFIG_HOME/epicor-kinetic-sql/OAuthSettings.txt`, else under
 * `$HOME/.config`.
 *
 * @example
 * ```ts
 * defaultOAuthSettingsLocation({ XDG_CONFIG_HOME: '/cfg' }); // '/cfg/epicor-kinetic-sql/OAuthSettings.txt'
 * ```
 */
export function defaultOAuthSettingsLocation(env: Env): string {
  return join(xdgDir(env, 'XDG_CONFIG_HOME', '.config'), APP_DIR, 'OAuthSettings.txt');
}

/**
 * Default history file of `kinetic-sql shell`: `$XDG_CONFIG_HOME/epicor-kinetic-sql/shell_history`, else
 * under `$HOME/.config` (beside the OAuth settings).
 *
 * @example
 * ```ts
 * defaultShellHistoryLocation({ HOME: '/home/ann' }); // '/home/ann/.config/epicor-kinetic-sql/shell_history'
 * ```
 */
export function defaultShellHistoryLocation(env: Env): string {
  return join(xdgDir(env, 'XDG_CONFIG_HOME', '.config'), APP_DIR, 'shell_history');
}

/**
 * A user-given path made absolute: `~` expands to the home folder, relative paths resolve against the
 * working directory, and `scheme://` locations (`memory://name`) are kept as written.
 *
 * @example
 * ```ts
 * expandPath('~/k/cache.db', { HOME: '/home/ann' }); // '/home/ann/k/cache.db'
 * ```
 */
export function expandPath(path: string, env: Env): string {
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(path)) return path;
  if (path === '~') return home(env);
  if (path.startsWith('~/') || path.startsWith('~\\')) return join(home(env), path.slice(2));
  return isAbsolute(path) ? path : resolve(path);
}

function xdgDir(env: Env, variable: string, fallback: string): string {
  const dir = env[variable];
  // The XDG spec says relative values are invalid and must be ignored.
  if (dir && isAbsolute(dir)) return dir;
  return join(home(env), fallback);
}

function home(env: Env): string {
  const h = env['HOME'];
  return h && h.trim() !== '' ? h : homedir();
}
