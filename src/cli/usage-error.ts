/**
 * A mistake in how a command was called (an unknown option, a bad value): the CLI prints it with the
 * command's usage and exits 2. Query errors (KineticError) exit 1.
 *
 * @example
 * ```ts
 * if (!sql) throw new UsageError('No SQL given.');
 * ```
 */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

/** Reads a non-negative (or, with `min`, larger) integer option; `fallback` when absent. */
export function integerOption(value: string | undefined, name: string, fallback: number | undefined, min = 0): number | undefined {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (value.trim() === '' || !Number.isInteger(n) || n < min) {
    throw new UsageError(`--${name} must be ${min === 0 ? 'a non-negative integer' : `an integer of at least ${min}`}, not "${value}".`);
  }
  return n;
}
