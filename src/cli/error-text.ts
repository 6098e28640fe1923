import { KineticError } from '../errors.ts';
import { caretLines } from './caret.ts';

// The driver's messages are written for API users; these point the CLI user to what the CLI offers.
const CLI_HINTS: readonly (readonly [RegExp, string])[] = [
  [/\(db\.catalog lists the tables\)/g, '(.tables in kinetic-sql shell lists them; --connection with Service=... adds a service)'],
  [/\(all of them: SELECT \* or db\.catalog\)/g, '(all of them: .describe TABLE in kinetic-sql shell, or SELECT *)'],
  [/pass the values as an array(, not an object)?/g, "pass one --param VALUE per ? in order (in kinetic-sql shell: .params 'CA' 5)"],
  [/pass the values as an object keyed by name/g, 'pass --param name=VALUE for each (in kinetic-sql shell: .params name=VALUE)'],
  [/(\d+ parameter value\(s\) were given)/g, '$1 (--param, or .params in the shell)'],
  [/pass a connection string or set/g, 'pass --connection "<string>" (kinetic-sql simulator prints one to try) or set'],
  [/\bdb\.catalog\b/g, '.tables and .describe in kinetic-sql shell'],
];

/** A driver message reworded for the command line: names `.tables`, `--param`, `--connection`, not API calls. */
export function cliMessage(message: string): string {
  return CLI_HINTS.reduce((text, [pattern, replacement]) => text.replace(pattern, replacement), message);
}

/** How much {@link errorText} shows. */
export interface ErrorTextOptions {
  /** The details too: HTTP status, URL, Epicor's fields, the causes. */
  readonly verbose: boolean;
  /** The statement: a syntax error then shows its line with a caret under the column (with `caret` or `verbose`). */
  readonly sql?: string;
  readonly caret?: boolean;
}

/**
 * An error as the CLI prints it: one line `CODE: message`, reworded for the CLI ({@link cliMessage});
 * with `verbose` the details follow on their own lines, and a syntax error shows the line of the
 * statement with a caret (psql's way) with `verbose` or `caret`.
 *
 * @example
 * ```ts
 * process.stderr.write(`kinetic-sql: ${errorText(err, { verbose: false })}\n`);
 * ```
 */
export function errorText(err: unknown, options: ErrorTextOptions): string {
  const code = (err as { code?: unknown } | null)?.code;
  const prefix = typeof code === 'string' && /^E[A-Z_]+$/.test(code) ? `${code}: ` : '';
  const message = cliMessage(err instanceof Error ? err.message : String(err)).replace(/\s*\n\s*/g, ' ');
  const lines = [prefix + message];
  if (options.sql !== undefined && (options.caret || options.verbose) && err instanceof KineticError && err.code === 'ESQL_SYNTAX' && err.line !== undefined && err.column !== undefined) {
    lines.push(...caretLines(options.sql, err.line, err.column));
  }
  if (options.verbose) lines.push(...details(err));
  return lines.join('\n');
}

function details(err: unknown): string[] {
  const out: string[] = [];
  if (err instanceof KineticError) {
    const fields: [string, unknown][] = [
      ['status', err.status],
      ['url', err.url],
      ['Epicor ErrorMessage', err.errorMessage],
      ['Epicor ErrorType', err.errorType],
      ['Epicor CorrelationId', err.correlationId],
      ['line', err.line],
      ['column', err.column],
    ];
    for (const [name, value] of fields) if (value !== undefined) out.push(`  ${name}: ${String(value)}`);
  } else if (err instanceof Error && err.stack) {
    out.push(...err.stack.split('\n').slice(1));
  }
  let cause = (err as { cause?: unknown } | null)?.cause;
  for (let depth = 0; cause !== undefined && depth < 5; depth++) {
    const c = cause as { code?: unknown; message?: unknown } | null;
    out.push(`  cause: ${typeof c?.code === 'string' ? `${c.code}: ` : ''}${typeof c?.message === 'string' ? c.message : String(cause)}`);
    cause = (cause as { cause?: unknown } | null)?.cause;
  }
  return out;
}
