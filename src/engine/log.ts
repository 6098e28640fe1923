import { appendFileSync } from 'node:fs';
import type { Config } from '../config/types.ts';

/** Writes one line to the connection's log. */
export type Logger = (message: string) => void;

/**
 * The connection's log: lines appended to `Logfile` when it is set, nothing otherwise. Callers never pass
 * secrets to it.
 */
export function createLogger(config: Config): Logger {
  const file = config.logfile;
  if (!file) return () => undefined;
  return (message) => {
    try {
      appendFileSync(file, `${new Date().toISOString()} ${message}\n`, { mode: 0o600 });
    } catch {
      // A log that cannot be written must not break the query that wanted to log.
    }
  };
}
