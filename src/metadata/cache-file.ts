import { accessSync, chmodSync, closeSync, constants, existsSync, lstatSync, mkdirSync, openSync, readSync, renameSync, rmSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { CACHE_FILE_NAME } from './cache-location.ts';
import { CACHE_APPLICATION_ID } from './cache-schema.ts';

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
 * Whose the file at a cache path is, judged without changing it:
 * - `absent`: nothing there yet (we create it);
 * - `empty`: an empty regular file of this user (nothing to lose: it becomes the cache);
 * - `ours`: a SQLite file whose header carries our application id (we created it);
 * - `sqlite`: a SQLite file without our id: another application's, or a cache from before the id
 *   (the schema check decides, and never writes to a file that is not ours);
 * - `foreign`: anything else (a settings file, a symbolic link, a device such as /dev/null, another
 *   user's file, a SQLite file cut inside its header): never opened, chmodded, moved or replaced.
 */
export type CacheFileOwner =
  | { readonly kind: 'absent' | 'empty' | 'ours' | 'sqlite' }
  | { readonly kind: 'foreign'; readonly reason: string };

const SQLITE_MAGIC = Buffer.from('SQLite format 3\0', 'latin1');
/** The SQLite header is 100 bytes; `PRAGMA application_id` is the big-endian integer at offset 68. */
const HEADER_BYTES = 100;
const APPLICATION_ID_OFFSET = 68;

/**
 * Reads (never writes) who owns the file at `file`; see {@link CacheFileOwner}.
 *
 * @example
 * ```ts
 * inspectCacheFile('/home/me/.bashrc'); // { kind: 'foreign', reason: 'it is not a SQLite file' }
 * ```
 */
export function inspectCacheFile(file: string): CacheFileOwner {
  let stat;
  try {
    stat = lstatSync(file);
  } catch (err) {
    if (err instanceof Error && 'code' in err && err.code === 'ENOENT') return { kind: 'absent' };
    throw err;
  }
  if (stat.isSymbolicLink()) return { kind: 'foreign', reason: 'it is a symbolic link' };
  if (!stat.isFile()) return { kind: 'foreign', reason: 'it is not a regular file (a device, pipe or socket)' };
  const uid = process.getuid?.();
  if (uid !== undefined && stat.uid !== uid) return { kind: 'foreign', reason: 'it belongs to another user' };
  if (stat.size === 0) return { kind: 'empty' };
  const header = readHeader(file);
  if (!header.subarray(0, SQLITE_MAGIC.length).equals(SQLITE_MAGIC)) return { kind: 'foreign', reason: 'it is not a SQLite file' };
  if (header.length < HEADER_BYTES) return { kind: 'foreign', reason: 'it is a SQLite file cut inside its header, not recognisably a cache' };
  return header.readUInt32BE(APPLICATION_ID_OFFSET) === CACHE_APPLICATION_ID ? { kind: 'ours' } : { kind: 'sqlite' };
}

function readHeader(file: string): Buffer {
  const fd = openSync(file, constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0));
  try {
    const buffer = Buffer.alloc(HEADER_BYTES);
    const n = readSync(fd, buffer, 0, HEADER_BYTES, 0);
    return buffer.subarray(0, n);
  } finally {
    closeSync(fd);
  }
}

/**
 * Creates the folder (mode 0700) and an empty file (mode 0600) when missing, tightens the mode of an
 * existing file of ours that others can read (never of a file that is not provably ours), and throws
 * (EACCES) when the file or folder is not writable. SQLite gives its `-wal` and `-shm` files the mode of
 * the database file.
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
    const owner = inspectCacheFile(file).kind;
    if (owner === 'ours' || owner === 'empty') tightenMode(file);
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
  const stat = lstatSync(file);
  if (!stat.isFile() || (stat.mode & 0o077) === 0 || stat.uid !== process.getuid?.()) return;
  try {
    chmodSync(file, stat.mode & 0o700); // only remove bits: a read-only file stays read-only
  } catch {
    // Best effort: a file we cannot chmod is still usable.
  }
}

/**
 * Moves a damaged cache file of ours aside to `<file>.damaged` and removes its `-wal`, `-shm` and
 * `-journal` files. An older `<file>.damaged` is replaced only when it is ours too (so at most one of ours
 * is kept); one that is not ours is never overwritten (`.damaged-2`, `-3`... are used instead). Returns
 * the new path. Throws when the file is not provably ours: the caller then leaves it alone.
 *
 * @example
 * ```ts
 * quarantineCacheFile('/home/me/.cache/epicor-kinetic-sql/metadata.sqlite'); // '...metadata.sqlite.damaged'
 * ```
 */
export function quarantineCacheFile(file: string): string {
  const owner = inspectCacheFile(file);
  if (owner.kind !== 'ours') throw new Error(`not moved aside: ${owner.kind === 'foreign' ? owner.reason : 'it is not marked as a cache of this package'}`);
  for (let n = 1; n <= 10; n++) {
    const aside = n === 1 ? `${file}.damaged` : `${file}.damaged-${n}`;
    const there = inspectCacheFile(aside).kind;
    if (there !== 'absent' && there !== 'ours') continue;
    renameSync(file, aside);
    for (const suffix of ['-wal', '-shm', '-journal']) rmSync(file + suffix, { force: true });
    return aside;
  }
  throw new Error(`not moved aside: ${file}.damaged and the next nine names are taken by other files`);
}
