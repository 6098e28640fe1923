/**
 * Throws when a switch over a union reaches a value no branch handled: a programming error (the server
 * answers 500). The simulator's own copy: it imports nothing from the driver.
 */
export function assertNever(value: never, what = 'value'): never {
  throw new Error(`Unhandled ${what}: ${JSON.stringify(value)}`);
}
