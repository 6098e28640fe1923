/**
 * What went wrong with the cache file, as far as the cache cares:
 * - `damaged`: not a SQLite database, truncated or corrupt: move it aside and rebuild;
 * - `busy`: another process holds the lock beyond the busy timeout: skip this read or write;
 * - `unwritable`: read-only file or folder, full disk, no permission: run without a cache;
 * - `other`: anything else: run without a cache.
 */
export type CacheFailureKind = 'damaged' | 'busy' | 'unwritable' | 'other';

const UNWRITABLE_FS_CODES = new Set(['EACCES', 'EPERM', 'EROFS', 'ENOSPC', 'EDQUOT', 'ENOTDIR', 'EISDIR']);

/**
 * Classifies an error thrown by better-sqlite3 (`SqliteError`, code `SQLITE_*`) or by node:fs.
 *
 * @example
 * ```ts
 * classifyCacheFailure(Object.assign(new Error('file is not a database'), { code: 'SQLITE_NOTADB' })); // 'damaged'
 * ```
 */
export function classifyCacheFailure(err: unknown): CacheFailureKind {
  const code = errorCode(err);
  if (code.startsWith('SQLITE_CORRUPT') || code === 'SQLITE_NOTADB') return 'damaged';
  if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) return 'busy';
  if (code.startsWith('SQLITE_READONLY') || code.startsWith('SQLITE_CANTOPEN')) return 'unwritable';
  if (code === 'SQLITE_PERM' || code === 'SQLITE_FULL' || code.startsWith('SQLITE_IOERR')) return 'unwritable';
  if (UNWRITABLE_FS_CODES.has(code)) return 'unwritable';
  return 'other';
}

/** `code: message` of an error, for one log line (SQLite and fs messages carry no secrets). */
export function describeCacheFailure(err: unknown): string {
  const code = errorCode(err);
  const message = err instanceof Error ? err.message : String(err);
  return code && !message.startsWith(code) ? `${code}: ${message}` : message;
}

function errorCode(err: unknown): string {
  if (typeof err === 'object' && err !== null && 'code' in err && typeof err.code === 'string') return err.code;
  return '';
}
