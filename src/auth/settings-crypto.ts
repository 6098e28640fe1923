import { createCipheriv, createDecipheriv, randomBytes, scryptSync } from 'node:crypto';

/** First line of every settings file: the format, so that a damaged or foreign file is recognised. */
export const SETTINGS_MAGIC = 'epicor-kinetic-sql OAuth settings v1';
const MAGIC = SETTINGS_MAGIC;

/** Where the 256-bit key comes from: a passphrase (scrypt with a per-file salt) or raw key bytes. */
export type SettingsKey = { readonly passphrase: string } | { readonly raw: Buffer };

/**
 * Encrypts settings text with AES-256-GCM: a fresh 96-bit IV (and scrypt salt) per write, the GCM tag
 * authenticates the whole text, so any change to the file is detected on read.
 *
 * @example
 * ```ts
 * const text = encryptSettings('{"a":1}', { raw: randomBytes(32) });
 * decryptSettings(text, key); // '{"a":1}'
 * ```
 */
export function encryptSettings(plain: string, key: SettingsKey): string {
  const salt = randomBytes(16);
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', keyBytes(key, salt), iv);
  const data = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  const kind = 'passphrase' in key ? 'scrypt' : 'keyfile';
  return `${MAGIC}\n${[kind, salt, iv, cipher.getAuthTag(), data].map((p) => (typeof p === 'string' ? p : p.toString('base64'))).join('.')}\n`;
}

/**
 * Decrypts what {@link encryptSettings} wrote; throws a plain Error (never with the content) when the
 * text is damaged or the key is not the one it was written with.
 *
 * @example
 * ```ts
 * const json = decryptSettings(readFileSync(file, 'utf8'), key);
 * ```
 */
export function decryptSettings(text: string, key: SettingsKey): string {
  const [magic, body] = text.split('\n');
  if (magic !== MAGIC || body === undefined) throw new Error('not an OAuth settings file of this driver');
  const [kind, ...parts] = body.trim().split('.');
  const expected = 'passphrase' in key ? 'scrypt' : 'keyfile';
  if (kind !== expected) {
    throw new Error(kind === 'scrypt' ? 'the file was encrypted with an OAuthSettingsKey passphrase' : 'the file was encrypted with a key file, not a passphrase');
  }
  const [salt, iv, tag, data] = parts.map((p) => Buffer.from(p, 'base64'));
  if (!salt || !iv || !tag || !data || iv.length !== 12 || tag.length !== 16) throw new Error('the file is truncated or damaged');
  const decipher = createDecipheriv('aes-256-gcm', keyBytes(key, salt), iv);
  decipher.setAuthTag(tag);
  try {
    return Buffer.concat([decipher.update(data), decipher.final()]).toString('utf8');
  } catch {
    throw new Error('the file is damaged or was encrypted with another key');
  }
}

function keyBytes(key: SettingsKey, salt: Buffer): Buffer {
  if ('raw' in key) return key.raw;
  return scryptSync(key.passphrase, salt, 32);
}
