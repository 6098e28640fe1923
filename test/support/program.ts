// How the tests start one of the project's TypeScript programs (the CLI, a cache worker) in a child
// process. `npm test` (scripts/run-tests.mjs) runs the tests compiled into .cache/test-build-XXXXXX/, a
// copy of the checkout's src/ and test/ as JavaScript: a child then runs the compiled copy of the same
// program, with no TypeScript loader to start. A test run straight from the sources
// (`node --import tsx --test test/x.test.ts`) starts its children through tsx.
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = fileURLToPath(import.meta.url);

/** True when the tests run as JavaScript compiled by scripts/run-tests.mjs. */
export const COMPILED = here.endsWith('.js');

/** The root of the code this process runs: the compiled copy, or the checkout itself. */
export const CODE_ROOT = resolve(dirname(here), '..', '..');

/** The checkout (package.json, README.md, the TypeScript sources): the compiled copy sits in its .cache/. */
export const SOURCE_ROOT = COMPILED ? resolve(CODE_ROOT, '..', '..') : CODE_ROOT;

/**
 * The arguments after `process.execPath` that run the program `file` (a path from the package root,
 * e.g. `src/cli/main.ts`) followed by `args`.
 *
 * @example
 * spawn(process.execPath, programArgs('src/cli/main.ts', ['--help']));
 */
export function programArgs(file: string, args: readonly string[] = []): string[] {
  if (!file.endsWith('.ts')) throw new Error(`programArgs: ${file} is not a TypeScript file`);
  return COMPILED ? [join(CODE_ROOT, file.slice(0, -3) + '.js'), ...args] : ['--import', 'tsx', join(SOURCE_ROOT, file), ...args];
}
