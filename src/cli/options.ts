import type { ParseArgsConfig } from 'node:util';
import { bindParams, type CliParams, type ParamText } from './params.ts';

/** The options `query` and `export` share: the connection, parameters, progress and error details. */
export const STATEMENT_OPTIONS = {
  connection: { type: 'string', short: 'c' },
  param: { type: 'string', short: 'p', multiple: true },
  'param-string': { type: 'string', multiple: true },
  quiet: { type: 'boolean', short: 'q', default: false },
  verbose: { type: 'boolean', short: 'v', default: false },
  help: { type: 'boolean', short: 'h', default: false },
} as const satisfies NonNullable<ParseArgsConfig['options']>;

interface OptionToken {
  readonly kind: string;
  readonly name?: string;
  readonly value?: string | undefined;
}

/** The `--param` and `--param-string` values in the order given (parseArgs tokens keep the order). */
export function paramsFromTokens(tokens: readonly OptionToken[] | undefined): CliParams | undefined {
  const texts: ParamText[] = [];
  for (const t of tokens ?? []) {
    if (t.kind === 'option' && (t.name === 'param' || t.name === 'param-string') && t.value !== undefined) {
      texts.push({ text: t.value, asString: t.name === 'param-string' });
    }
  }
  return bindParams(texts);
}
