/**
 * `$select`: a comma list of property names, `*`, and on v1 `Nav/Property` for an expanded navigation
 * (OData v3 style; v2 uses `$expand=Nav($select=...)` instead). The parser validates the syntax.
 */
import { defaultParser } from '@odata/parser';
import { findColumn, type ColumnMap } from './columns.ts';
import { badRequest } from './odata-query-error.ts';
import type { ODataVersion } from './types.ts';

export interface Selection {
  /** Selected property names, in the entity's declared order; all when `$select` is absent or `*`. */
  readonly columns: readonly string[];
  /** v1 `Nav/Property` items, per navigation name (an empty list means the whole row, `Nav/*` or `Nav`). */
  readonly navigation: ReadonlyMap<string, readonly string[]>;
}

/**
 * @example
 * parseSelect('CustID,Name', columns, [], 'v2') // { columns: ['CustID', 'Name'] (declared order), navigation: Map {} }
 */
export function parseSelect(text: string | undefined, columns: ColumnMap, expanded: readonly string[], version: ODataVersion): Selection {
  const all = [...columns.keys()];
  if (text === undefined || text.trim() === '' || text.trim() === '*') return { columns: all, navigation: new Map() };
  validateSyntax(text);
  const picked = new Set<string>();
  const navigation = new Map<string, string[]>();
  for (const item of text.split(',').map((s) => s.trim())) {
    if (item === '*') all.forEach((c) => picked.add(c));
    else if (expanded.includes(item)) navigation.set(item, navigation.get(item) ?? []);
    else if (item.includes('/')) addNavigationItem(item, expanded, version, navigation);
    else picked.add(findColumn(columns, item, '$select').name);
  }
  return { columns: all.filter((c) => picked.has(c)), navigation };
}

function addNavigationItem(item: string, expanded: readonly string[], version: ODataVersion, navigation: Map<string, string[]>): void {
  const [nav = '', property = '', ...rest] = item.split('/');
  if (version === 'v2') throw badRequest(`$select item '${item}' is a path; on v2 write $expand=${nav}($select=${property}).`);
  if (!expanded.includes(nav)) throw badRequest(`$select item '${item}' needs '${nav}' in $expand.`);
  if (rest.length > 0) throw badRequest(`$select item '${item}' goes deeper than one navigation level.`);
  const list = navigation.get(nav) ?? [];
  if (property !== '*') list.push(property);
  navigation.set(nav, list);
}

/** The parser checks the syntax; `Nav/*` (valid OData v3) is checked here because the v4 parser rejects it. */
function validateSyntax(text: string): void {
  const items = text.split(',').map((s) => s.trim());
  const plain = items.filter((s) => !/^[A-Za-z_]\w*\/\*$/.test(s));
  try {
    if (plain.length > 0) defaultParser.query(`$select=${plain.join(',')}`);
  } catch {
    throw badRequest(`Invalid $select '${text}': expected a comma-separated list of property names.`);
  }
}
