import { chmodSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { defaultShellHistoryLocation } from '../../config/default-paths.ts';

/** Lines kept between runs. */
export const HISTORY_SIZE = 1000;

/**
 * Lines never written to the history file: `.connect` (its connection string holds a password), lines
 * that set a password, key, secret, token or verifier, and lines starting with a space (as bash's
 * `ignorespace`: a way to keep one line out on purpose).
 */
export function isPrivate(line: string): boolean {
  return /^\s/.test(line) || /^\.connect\b/i.test(line) || /(password|apikey|api_key|secret|token|verifier)\w*\s*=/i.test(line);
}

/** The history file: KINETIC_SQL_HISTORY or --history (empty: none), else the default under the config folder. */
export function historyLocation(option: string | undefined, env: NodeJS.ProcessEnv): string | undefined {
  const chosen = option ?? env['KINETIC_SQL_HISTORY'];
  if (chosen !== undefined) return chosen === '' ? undefined : chosen;
  return defaultShellHistoryLocation(env);
}

/**
 * Reads the history file (one line per entry, oldest first) as readline wants it: newest first. A
 * missing or unreadable file is an empty history.
 *
 * @example
 * ```ts
 * const rl = createInterface({ input, output, history: loadHistory(file), historySize: HISTORY_SIZE });
 * ```
 */
export function loadHistory(file: string | undefined): string[] {
  if (!file) return [];
  try {
    return readFileSync(file, 'utf8').split('\n').filter((l) => l !== '' && !isPrivate(l)).slice(-HISTORY_SIZE).reverse();
  } catch {
    return [];
  }
}

/** Writes the history (newest first, as readline keeps it) through a temporary file, mode 0600. */
export function saveHistory(file: string | undefined, history: readonly string[]): void {
  if (!file) return;
  const lines = history.filter((l) => !isPrivate(l)).slice(0, HISTORY_SIZE).reverse();
  try {
    mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
    const temp = `${file}.${process.pid}.tmp`;
    writeFileSync(temp, lines.length > 0 ? lines.join('\n') + '\n' : '', { mode: 0o600 });
    chmodSync(temp, 0o600);
    renameSync(temp, file);
  } catch {
    // A history that cannot be saved (read-only home) must not stop the shell.
  }
}
