import { accessSync, chmodSync, closeSync, constants, existsSync, mkdirSync, openSync, renameSync, rmSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { CACHE_FILE_NAME } from './cache-location.ts';

/**
 * The cache file a `CacheLocation` names: the path itself, or `metadata.sqlite` inside it when it is an
 * existing folder.
 *
 * @example
 * ```ts
 * resolveCacheFile('/tmp'); // '/tmp/metadata.sqlite'
 * ```
 */
export function resolveCacheFile(location: string): string {
  try {
    if (statSync(location).isDirectory()) return join(location, CACHE_FILE_NAME);
  } catch {
    // Does not exist yet: it names the file.
  }
  return location;
}

/**
 * Creates the folder (mode 0700) and an empty file (mode 0600) when missing, tightens the mode of an
 * existing file of ours that others can read, and throws (EACCES) when the file or folder is not writable.
 * SQLite gives its `-wal` and `-shm` files the mode of the database file.
 *
 * @example
 * ```ts
 * prepareCacheFile('/home/me/.cache/epicor-kinetic-sql/metadata.sqlite');
 * ```
 */
export function prepareCacheFile(file: string): void {
  const folder = dirname(file);
  makeFolder(folder);
  try {
    closeSync(openSync(file, constants.O_CREAT | constants.O_EXCL | constants.O_WRONLY, 0o600));
  } catch (err) {
    if (!(err instanceof Error && 'code' in err && err.code === 'EEXIST')) throw err;
    tightenMode(file);
  }
  accessSync(folder, constants.W_OK | constants.X_OK);
  accessSync(file, constants.R_OK | constants.W_OK);
}

/** Like `mkdirSync(folder, { recursive: true })`, which on Node 20 loops forever under `/proc`. */
function makeFolder(folder: string): void {
  if (existsSync(folder)) return;
  const parent = dirname(folder);
  if (parent !== folder) makeFolder(parent);
  try {
    mkdirSync(folder, { mode: 0o700 });
  } catch (err) {
    if (!(err instanceof Error && 'code' in err && err.code === 'EEXIST')) throw err;
  }
}

function tightenMode(file: string): void {
  const stat = statSync(file);
  if ((stat.mode & 0o077) === 0 || stat.uid !== process.getuid?.()) return;
  try {
    chmodSync(file, stat.mode & 0o700); // only remove bits: a read-only file stays read-only
  } catch {
    // Best effort: a file we cannot chmod is still usable.
  }
}

/**
 * Moves a damaged cache file aside to `<file>.damaged` (replacing an older one, so at most one is kept)
 * and removes its `-wal` and `-shm` files. Returns the new path of the damaged file.
 *
 * @example
 * ```ts
 * quarantineCacheFile('/home/me/.cache/epicor-kinetic-sql/metadata.sqlite'); // '...metadata.sqlite.damaged'
 * ```
 */
export function quarantineCacheFile(file: string): string {
  const aside = `${file}.damaged`;
  renameSync(file, aside);
  for (const suffix of ['-wal', '-shm', '-journal']) rmSync(file + suffix, { force: true });
  return aside;
}
