import type { QueryPair } from './query-string.ts';
import { SimHttpError } from './sim-http-error.ts';

/** The OData system query options, as raw strings (what runQuery takes). */
export interface RawQueryOptions {
  select?: string;
  filter?: string;
  orderby?: string;
  top?: string;
  skip?: string;
  count?: string;
  inlinecount?: string;
  expand?: string;
}

const OPTION_NAMES: Readonly<Record<string, keyof RawQueryOptions>> = {
  $select: 'select',
  $filter: 'filter',
  $orderby: 'orderby',
  $top: 'top',
  $skip: 'skip',
  $count: 'count',
  $inlinecount: 'inlinecount',
  $expand: 'expand',
};

/**
 * Separates the `$` options (case-sensitive, each at most once; unknown ones are a 400; `$format` must ask
 * for JSON) from the other pairs (BAQ parameters, custom options).
 */
export function splitOptions(pairs: readonly QueryPair[]): { options: RawQueryOptions; others: QueryPair[] } {
  const options: RawQueryOptions = {};
  const others: QueryPair[] = [];
  for (const pair of pairs) {
    if (!pair.name.startsWith('$')) {
      others.push(pair);
      continue;
    }
    if (pair.name === '$format') {
      if (!/json/i.test(pair.value)) throw new SimHttpError(400, 'The simulator serves JSON only: use $format=json or leave $format out.');
      continue;
    }
    const key = OPTION_NAMES[pair.name];
    if (key === undefined) throw new SimHttpError(400, `Unknown query option ${pair.name.slice(0, 40)}.`);
    if (options[key] !== undefined) throw new SimHttpError(400, `The query option ${pair.name} is given more than once.`);
    options[key] = pair.value;
  }
  return { options, others };
}
