import { UsageError } from './usage-error.ts';

/** What a statement's parameters are bound from: `?` in order (an array) or `@name` (an object). */
export type CliParams = unknown[] | Record<string, unknown>;

const NAMED = /^@?([A-Za-z_][A-Za-z0-9_]*)=([\s\S]*)$/;

/**
 * The value a parameter text stands for, by one fixed rule (the same for `--param` and the shell's
 * `.params`): `'text'` in single quotes is that string (`''` inside is one quote), `null` is NULL,
 * `true`/`false` are booleans, a decimal number (`5`, `-1.25`, not `007` or `1e3`) is a number, and
 * anything else is the string as written. `asString` keeps the text as a string whatever it looks like.
 *
 * @example
 * ```ts
 * paramValue('5');      // 5
 * paramValue("'5'");    // '5'
 * paramValue('CA');     // 'CA'
 * paramValue('5', true) // '5'
 * ```
 */
export function paramValue(text: string, asString = false): unknown {
  if (asString) return text;
  if (text.length >= 2 && text.startsWith("'") && text.endsWith("'")) return text.slice(1, -1).replace(/''/g, "'");
  if (text === 'null' || text === 'NULL') return null;
  if (text === 'true' || text === 'false') return text === 'true';
  if (/^-?(0|[1-9]\d*)(\.\d+)?$/.test(text) && Number.isFinite(Number(text)) && Math.abs(Number(text)) <= Number.MAX_SAFE_INTEGER) return Number(text);
  return text;
}

/** One parameter as given: its text, and whether it must stay a string. */
export interface ParamText {
  readonly text: string;
  readonly asString: boolean;
}

/**
 * Builds the statement's parameters from `--param`/`--param-string` texts in order: `name=value`
 * (or `@name=value`) binds `@name`, anything else binds the next `?`. Mixing both forms is a usage error.
 * A `?` value that itself looks like `name=value` is written in quotes: `--param "'a=b'"`.
 *
 * @example
 * ```ts
 * bindParams([{ text: 'CA', asString: false }, { text: '5', asString: false }]);  // ['CA', 5]
 * bindParams([{ text: 'state=CA', asString: false }]);                         // { state: 'CA' }
 * ```
 */
export function bindParams(texts: readonly ParamText[]): CliParams | undefined {
  if (texts.length === 0) return undefined;
  const positional: unknown[] = [];
  const named: Record<string, unknown> = {};
  for (const { text, asString } of texts) {
    const m = NAMED.exec(text);
    if (m) named[m[1]!] = paramValue(m[2]!, asString);
    else positional.push(paramValue(text, asString));
  }
  const names = Object.keys(named);
  if (names.length > 0 && positional.length > 0) {
    throw new UsageError('Parameters are either all positional (for ?) or all name=value (for @name), not both.');
  }
  return names.length > 0 ? named : positional;
}

/**
 * Splits a line of parameter texts at spaces, keeping `'quoted text'` (with `''` for a quote) whole:
 * `'New York' 5` is two parameters. The quotes stay, so {@link paramValue} reads a quoted one as a string.
 *
 * @example
 * ```ts
 * splitParamLine("'New York' 5 city='St. Paul'"); // ["'New York'", '5', "city='St. Paul'"]
 * ```
 */
export function splitParamLine(line: string): string[] {
  const out: string[] = [];
  let current = '';
  let quoted = false;
  let started = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i]!;
    if (quoted) {
      current += ch;
      if (ch === "'") {
        if (line[i + 1] === "'") current += line[++i];
        else quoted = false;
      }
    } else if (/\s/.test(ch)) {
      if (started) out.push(current);
      current = '';
      started = false;
    } else {
      current += ch;
      started = true;
      if (ch === "'") quoted = true;
    }
  }
  if (quoted) throw new UsageError(`Unclosed quote in "${line}": write 'text' with '' for a quote inside.`);
  if (started) out.push(current);
  return out;
}

/** The parameters as a user would type them again, for `.params` and messages. */
export function showParams(params: CliParams | undefined): string {
  if (params === undefined) return '(none)';
  const show = (v: unknown) => (typeof v === 'string' ? `'${v.replace(/'/g, "''")}'` : v === null ? 'null' : String(v));
  if (Array.isArray(params)) return params.length === 0 ? '(none)' : params.map((v, i) => `?${i + 1} = ${show(v)}`).join(', ');
  return Object.entries(params).map(([k, v]) => `@${k} = ${show(v)}`).join(', ');
}
