import { appendFileSync, existsSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { Config } from '../config/types.ts';
import { redactSecrets, secretValues } from './secret-values.ts';

/**
 * Writes one line to the connection's log when `level` is at most `Verbosity` (default 1). Levels: 1
 * statements and cache events, 2 each HTTP request (URL without credentials, rows, time). Callers never
 * pass secrets, and every configured secret is removed from each line anyway (text that came from a
 * server or a library may repeat one).
 */
export type Logger = (message: string, level?: number) => void;

/**
 * The connection's log: lines appended to `Logfile` when it is set, nothing otherwise. When the file
 * passes `MaxLogFileSize` it is renamed with a time stamp and a new one started; `MaxLogFileCount` (when
 * positive) bounds how many renamed files are kept.
 *
 * @example
 * ```ts
 * const log = createLogger(config);
 * log('query: SELECT ...', 1);
 * ```
 */
export function createLogger(config: Pick<Config, 'logfile' | 'verbosity' | 'maxLogFileSize' | 'maxLogFileCount'> & Partial<Pick<Config, 'properties'>>): Logger {
  const file = config.logfile;
  if (!file) return () => undefined;
  const maxSize = config.maxLogFileSize ?? Infinity;
  const secrets = secretValues({ properties: config.properties ?? {} });
  let size = currentSize(file);
  return (message, level = 1) => {
    if (level > config.verbosity) return;
    const line = `${new Date().toISOString()} ${redactSecrets(message, secrets)}\n`;
    try {
      if (size > 0 && size + line.length > maxSize) {
        rollOver(file, config.maxLogFileCount ?? -1);
        size = 0;
      }
      appendFileSync(file, line, { mode: 0o600 });
      size += Buffer.byteLength(line);
    } catch {
      // A log that cannot be written must not break the query that wanted to log.
    }
  };
}

function currentSize(file: string): number {
  try {
    return statSync(file).size;
  } catch {
    return 0;
  }
}

function rollOver(file: string, keep: number): void {
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  let target = `${file}.${stamp}`;
  for (let n = 1; existsSync(target); n++) target = `${file}.${stamp}-${n}`;
  renameSync(file, target);
  if (keep <= 0) return;
  const prefix = `${basename(file)}.`;
  const rolled = readdirSync(dirname(file)).filter((n) => n.startsWith(prefix)).sort();
  for (const old of rolled.slice(0, Math.max(0, rolled.length - keep))) rmSync(join(dirname(file), old), { force: true });
}
