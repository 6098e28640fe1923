import { lstat, open, readFile, rm, utimes } from 'node:fs/promises';
import { KineticOAuthError } from '../errors.ts';

/** A lock older than this belongs to a process that died while holding it. */
const STALE_MS = 30_000;

/**
 * Runs `work` while holding `{path}.lock`, created exclusively (O_EXCL), so that only one process at a
 * time refreshes the tokens of one settings file. Others wait (polling) up to `waitMs`; a lock left by a
 * crashed process is taken over once it is older than 30 s (a live holder touches it every 10 s).
 *
 * @example
 * ```ts
 * await withFileLock('/home/ann/.config/epicor-kinetic-sql/OAuthSettings.txt', async () => refresh());
 * ```
 */
export async function withFileLock<T>(path: string, work: () => Promise<T>, waitMs = 60_000): Promise<T> {
  const lock = `${path}.lock`;
  const deadline = Date.now() + waitMs;
  for (let delay = 10; ; delay = Math.min(delay * 2, 200)) {
    try {
      const handle = await open(lock, 'wx', 0o600);
      await handle.writeFile(String(process.pid));
      await handle.close();
      break;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw lockError(lock, err);
      if (await isStale(lock)) {
        await rm(lock, { force: true });
        continue;
      }
      if (Date.now() > deadline) throw lockError(lock, err);
      await new Promise((resolve) => setTimeout(resolve, delay + Math.random() * delay));
    }
  }
  // A holder that is alive keeps its lock fresh, so that a slow refresh is never taken for a dead one.
  const heartbeat = setInterval(() => {
    const now = new Date();
    utimes(lock, now, now).catch(() => undefined);
  }, STALE_MS / 3);
  heartbeat.unref();
  try {
    return await work();
  } finally {
    clearInterval(heartbeat);
    await rm(lock, { force: true });
  }
}

// Only a lock of ours (a regular file holding a process id) is ever taken over: a file of the same name
// that is not a lock is left alone, and the wait for it ends in an error naming it.
async function isStale(lock: string): Promise<boolean> {
  try {
    const stat = await lstat(lock);
    if (!stat.isFile() || Date.now() - stat.mtimeMs <= STALE_MS) return false;
    return /^\d+$/.test((await readFile(lock, 'utf8')).trim());
  } catch {
    return false;
  }
}

function lockError(lock: string, cause: unknown): KineticOAuthError {
  return new KineticOAuthError('EOAUTH', `Could not lock the OAuth settings (${lock}): another process holds it, or the folder is not writable. Delete the .lock file if no other process is running.`, { cause });
}
