import { join } from 'node:path';

/** Folder (under the user's cache folder) and file name of the default metadata cache. */
export const CACHE_FOLDER_NAME = 'epicor-kinetic-sql';
export const CACHE_FILE_NAME = 'metadata.sqlite';

/**
 * The default `CacheLocation`: `<XDG_CACHE_HOME or HOME/.cache>/epicor-kinetic-sql/metadata.sqlite`.
 * A relative or empty `XDG_CACHE_HOME` is ignored, as the XDG base directory specification asks.
 *
 * @example
 * ```ts
 * defaultCacheLocation({ XDG_CACHE_HOME: '/var/cache/me' }, '/home/me');
 * // '/var/cache/me/epicor-kinetic-sql/metadata.sqlite'
 * defaultCacheLocation({}, '/home/me');
 * // '/home/me/.cache/epicor-kinetic-sql/metadata.sqlite'
 * ```
 */
export function defaultCacheLocation(env: Readonly<Record<string, string | undefined>>, homedir: string): string {
  const xdg = env['XDG_CACHE_HOME'];
  const base = xdg !== undefined && xdg.startsWith('/') ? xdg : join(homedir, '.cache');
  return join(base, CACHE_FOLDER_NAME, CACHE_FILE_NAME);
}
