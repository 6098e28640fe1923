import { randomBytes } from 'node:crypto';
import { lstat, mkdir, open, readFile, rename, rm } from 'node:fs/promises';
import { dirname } from 'node:path';
import { KineticOAuthError, KineticPropertyError } from '../errors.ts';
import { withFileLock } from './file-lock.ts';
import { decryptSettings, encryptSettings, SETTINGS_MAGIC, type SettingsKey } from './settings-crypto.ts';

/** What persists between connections: tokens and msal's serialized token cache (which holds the refresh token). */
export interface OAuthSettings {
  readonly accessToken?: string;
  /** When accessToken expires, in milliseconds since the epoch. */
  readonly expiresAt?: number;
  /** msal-node's serialized token cache. */
  readonly msalCache?: string;
  /** msal's account id (`oid.tid` on Azure AD) of the signed-in user. */
  readonly homeAccountId?: string;
  /** The OAuthClientId the tokens were issued to. */
  readonly clientId?: string;
}

/**
 * Where a connection's OAuth settings live: an encrypted file, or `memory://name` (shared within the process).
 * `locked` serialises refreshers: across processes for a file, within the process for memory.
 */
export interface SettingsStore {
  /** The file path or `memory://name`, for messages. */
  readonly location: string;
  read(): Promise<OAuthSettings | undefined>;
  write(settings: OAuthSettings): Promise<void>;
  clear(): Promise<void>;
  locked<T>(work: () => Promise<T>): Promise<T>;
}

/**
 * Opens the store named by OAuthSettingsLocation. `passphrase` is OAuthSettingsKey; without it the key
 * is read from (or created in) `{file}.key`.
 *
 * @example
 * ```ts
 * const store = openSettingsStore('memory://web');
 * await store.write({ accessToken: 'eyJ...', expiresAt: Date.now() + 3600_000 });
 * ```
 */
export function openSettingsStore(location: string, passphrase?: string): SettingsStore {
  if (location.toLowerCase().startsWith('memory://')) return new MemoryStore(location);
  return new FileStore(location, passphrase);
}

const memory = new Map<string, OAuthSettings>();
const memoryLocks = new Map<string, Promise<unknown>>();

class MemoryStore implements SettingsStore {
  constructor(readonly location: string) {}
  read(): Promise<OAuthSettings | undefined> {
    return Promise.resolve(memory.get(this.location.toLowerCase()));
  }
  write(settings: OAuthSettings): Promise<void> {
    memory.set(this.location.toLowerCase(), Object.freeze({ ...settings }));
    return Promise.resolve();
  }
  clear(): Promise<void> {
    memory.delete(this.location.toLowerCase());
    return Promise.resolve();
  }
  locked<T>(work: () => Promise<T>): Promise<T> {
    const name = this.location.toLowerCase();
    const run = (memoryLocks.get(name) ?? Promise.resolve()).then(work, work);
    memoryLocks.set(name, run.catch(() => undefined));
    return run;
  }
}

class FileStore implements SettingsStore {
  readonly #passphrase: string | undefined;
  #key: SettingsKey | undefined;

  constructor(readonly location: string, passphrase: string | undefined) {
    this.#passphrase = passphrase;
  }

  async read(): Promise<OAuthSettings | undefined> {
    if (!(await assertOurs(this.location))) return undefined;
    let text: string;
    try {
      text = await readFile(this.location, 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw new KineticOAuthError('EOAUTH', `Cannot read the OAuth settings file ${this.location}: check OAuthSettingsLocation and the file's permissions.`, { cause: err });
    }
    try {
      const parsed = JSON.parse(decryptSettings(text, await this.#keyFor(false))) as unknown;
      if (typeof parsed !== 'object' || parsed === null) throw new Error('not an object');
      return parsed as OAuthSettings;
    } catch (err) {
      throw new KineticOAuthError(
        'EOAUTH',
        `The OAuth settings file ${this.location} cannot be used (${(err as Error).message}): delete it and sign in again ` +
          '(kinetic-sql oauth login), or set OAuthSettingsKey (or copy the .key file) to the key it was written with.',
      );
    }
  }

  async write(settings: OAuthSettings): Promise<void> {
    await mkdir(dirname(this.location), { recursive: true, mode: 0o700 });
    await assertOurs(this.location);
    const text = encryptSettings(JSON.stringify(settings), await this.#keyFor(true));
    await writeAtomically(this.location, text);
  }

  async clear(): Promise<void> {
    if (await assertOurs(this.location)) await rm(this.location, { force: true });
  }

  locked<T>(work: () => Promise<T>): Promise<T> {
    return mkdir(dirname(this.location), { recursive: true, mode: 0o700 }).then(() => withFileLock(this.location, work));
  }

  async #keyFor(create: boolean): Promise<SettingsKey> {
    if (this.#passphrase !== undefined && this.#passphrase !== '') return { passphrase: this.#passphrase };
    this.#key ??= { raw: await keyFile(`${this.location}.key`, create) };
    return this.#key;
  }
}

/**
 * Resolves true when `path` holds a settings file of ours (its first line is ours) or an empty file of
 * this user, false when there is nothing there; throws EPROPERTY for anything else (a user's file, a
 * symbolic link, a device, another user's file), which is then never read as settings, replaced or deleted.
 */
async function assertOurs(path: string): Promise<boolean> {
  let stat;
  try {
    stat = await lstat(path);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw new KineticOAuthError('EOAUTH', `Cannot read the OAuth settings file ${path}: check OAuthSettingsLocation and the file's permissions.`, { cause: err });
  }
  const uid = process.getuid?.();
  let why: string | undefined;
  if (stat.isSymbolicLink()) why = 'is a symbolic link';
  else if (!stat.isFile()) why = 'is not a regular file';
  else if (uid !== undefined && stat.uid !== uid) why = 'belongs to another user';
  else if (stat.size === 0) return true;
  else {
    const handle = await open(path, 'r');
    try {
      const head = Buffer.alloc(SETTINGS_MAGIC.length + 1);
      const { bytesRead } = await handle.read(head, 0, head.length, 0);
      if (head.subarray(0, bytesRead).toString('utf8') === `${SETTINGS_MAGIC}\n`) return true;
      why = 'is not an OAuth settings file of epicor-kinetic-sql';
    } finally {
      await handle.close();
    }
  }
  throw new KineticPropertyError(
    'EPROPERTY',
    `OAuthSettingsLocation names ${path}, which ${why}: it is left untouched (never read as settings, replaced or deleted). ` +
      'Set OAuthSettingsLocation to a new file (or memory://name).',
    { name: 'OAuthSettingsLocation' },
  );
}

/** The random key of a settings file: read, or created exclusively (two processes may race to create it). */
async function keyFile(path: string, create: boolean): Promise<Buffer> {
  try {
    const key = Buffer.from((await readFile(path, 'utf8')).trim(), 'base64');
    if (key.length !== 32) throw new Error(`the key file ${path} does not hold a 256-bit key`);
    return key;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
    if (!create) throw new Error(`its key file ${path} is missing`);
  }
  const key = randomBytes(32);
  try {
    const handle = await open(path, 'wx', 0o600);
    await handle.writeFile(`${key.toString('base64')}\n`);
    await handle.close();
    return key;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') return keyFile(path, false);
    throw err;
  }
}

/** Write to a temporary file in the same folder (mode 0600), flush, then rename over the target. */
async function writeAtomically(path: string, text: string): Promise<void> {
  const temp = `${path}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  const handle = await open(temp, 'wx', 0o600);
  try {
    await handle.writeFile(text);
    await handle.sync();
  } finally {
    await handle.close();
  }
  try {
    await rename(temp, path);
  } catch (err) {
    await rm(temp, { force: true });
    throw err;
  }
}
