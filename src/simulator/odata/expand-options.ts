/**
 * `$expand` items and their nested options: `OrderDtls`, or on v2 `OrderDtls($select=PartNum;$top=2)`.
 * Split here with a quote- and parenthesis-aware splitter rather than by @odata/parser, whose 0.2
 * grammar fails on valid nested options such as `($filter=A eq 'x';$top=1)`; each nested option's value
 * then goes through the same parser-based code as the top-level option.
 */
import { badRequest, notImplemented } from './odata-query-error.ts';
import { splitTopLevel } from './quoted-segments.ts';
import type { ODataVersion, QueryOptions } from './types.ts';

export interface ExpandItem {
  readonly navigation: string;
  readonly options: QueryOptions;
}

const NESTED: Readonly<Record<string, keyof QueryOptions>> = {
  $select: 'select',
  $filter: 'filter',
  $orderby: 'orderby',
  $top: 'top',
  $skip: 'skip',
};
const NESTED_UNSUPPORTED = new Set(['$expand', '$count', '$levels', '$search', '$apply', '$compute']);

/**
 * @example
 * parseExpand("OrderDtls($select=PartNum;$top=2)", 'v2') // [{ navigation: 'OrderDtls', options: { select: 'PartNum', top: '2' } }]
 */
export function parseExpand(text: string | undefined, version: ODataVersion): ExpandItem[] {
  if (text === undefined || text.trim() === '') return [];
  const items = splitTopLevel(text, ',').map((item) => parseItem(item.trim(), version));
  const seen = new Set<string>();
  for (const item of items) {
    if (seen.has(item.navigation)) throw badRequest(`$expand lists '${item.navigation}' twice.`);
    seen.add(item.navigation);
  }
  return items;
}

function parseItem(item: string, version: ODataVersion): ExpandItem {
  const m = /^([A-Za-z_]\w*)(?:\((.*)\))?$/s.exec(item);
  if (!m) {
    if (item === '*' || item.includes('/')) throw notImplemented(`$expand=${item} is not supported: expand one navigation level by name.`);
    throw badRequest(`Invalid $expand item '${item}': expected a navigation property name.`);
  }
  const navigation = m[1] ?? '';
  if (m[2] === undefined) return { navigation, options: {} };
  if (version === 'v1') throw badRequest(`$expand=${item}: v1 (OData v3) takes no nested options; use $select=${navigation}/Property.`);
  return { navigation, options: nestedOptions(navigation, m[2]) };
}

function nestedOptions(navigation: string, text: string): QueryOptions {
  const options: Partial<Record<keyof QueryOptions, string>> = {};
  for (const part of splitTopLevel(text, ';')) {
    const eq = part.indexOf('=');
    const name = (eq < 0 ? part : part.slice(0, eq)).trim();
    const key = NESTED[name];
    if (NESTED_UNSUPPORTED.has(name)) throw notImplemented(`${name} inside $expand=${navigation}(...) is not supported.`);
    if (!key || eq < 0) throw badRequest(`Invalid option '${part.trim()}' inside $expand=${navigation}(...); use $select, $filter, $orderby, $top or $skip.`);
    options[key] = part.slice(eq + 1);
  }
  return options;
}
