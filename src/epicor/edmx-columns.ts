/**
 * EntityType -> catalog columns and keys. Type mapping: the EDM primitive types of the catalog are kept;
 * enum types become Edm.String (their values arrive as names) and so does Edm.Duration; complex types,
 * collections, streams and geography types are skipped: they cannot be selected or filtered as columns.
 */
import type { CatalogColumn, EdmType } from '../metadata/catalog.ts';
import { isEdmType } from '../metadata/edm-types.ts';
import { attr, child, children, resolveName, text } from './edmx-model.ts';
import type { EdmxModel, XNode } from './edmx-model.ts';

/** The catalog type of an EDMX type name, or undefined when the property is not a usable column. */
export function columnType(model: EdmxModel, type: string | undefined): EdmType | undefined {
  if (type === undefined) return undefined;
  if (isEdmType(type)) return type;
  if (type === 'Edm.Duration') return 'Edm.String';
  if (model.enumTypes.has(resolveName(model, type))) return 'Edm.String';
  return undefined;
}

const num = (v: string | undefined): number | undefined => {
  if (v === undefined || !/^\d+$/.test(v)) return undefined; // `Max`, `variable`, `floating`
  return Number(v);
};

/**
 * A description from v3 `<Documentation><Summary>` (or LongDescription), or a v4 `Core.Description`
 * annotation inline or in an external `<Annotations Target>` block.
 */
export function description(model: EdmxModel, node: XNode | undefined, target: string): string | undefined {
  const doc = child(node, 'Documentation');
  const summary = text(doc?.['Summary']) ?? text(doc?.['LongDescription']);
  if (summary !== undefined) return summary;
  for (const a of [...children(node, 'Annotation'), ...(model.annotations.get(target) ?? [])]) {
    const term = attr(a, 'Term') ?? '';
    if (!/(^|\.)Core(\.V1)?\.Description$/.test(resolveName(model, term))) continue;
    const value = attr(a, 'String') ?? text(a['String']);
    if (value !== undefined) return value;
  }
  return undefined;
}

/**
 * True when the server computes the property: a v4 `Core.Computed` annotation (inline or in an
 * `<Annotations Target>` block; no `Bool` means true), or v3's `StoreGeneratedPattern` Computed or
 * Identity (the `annotation:` prefix is dropped by the parser).
 */
export function isComputed(model: EdmxModel, node: XNode, target: string): boolean {
  const pattern = attr(node, 'StoreGeneratedPattern');
  if (pattern === 'Computed' || pattern === 'Identity') return true;
  for (const a of [...children(node, 'Annotation'), ...(model.annotations.get(target) ?? [])]) {
    if (!/(^|\.)Core(\.V1)?\.Computed$/.test(resolveName(model, attr(a, 'Term') ?? ''))) continue;
    const value = attr(a, 'Bool') ?? text(a['Bool']);
    return value === undefined || value.trim().toLowerCase() === 'true';
  }
  return false;
}

/** The entity type and its BaseType chain (v4 inheritance), most derived first. */
export function typeChain(model: EdmxModel, typeName: string): readonly { readonly name: string; readonly node: XNode }[] {
  const chain: { name: string; node: XNode }[] = [];
  for (let name: string | undefined = resolveName(model, typeName); name !== undefined && chain.length < 16; ) {
    const node = model.entityTypes.get(name);
    if (node === undefined) break;
    chain.push({ name, node });
    const base = attr(node, 'BaseType');
    name = base === undefined ? undefined : resolveName(model, base);
  }
  return chain;
}

/**
 * Columns and key names (in key order) of an entity type, base type properties first.
 *
 * @example
 * ```ts
 * const { columns, keys } = readColumns(model, 'Erp.BO.CustomerSvc.CustomerRow');
 * ```
 */
export function readColumns(model: EdmxModel, typeName: string): { columns: CatalogColumn[]; keys: string[] } {
  const chain = typeChain(model, typeName);
  const keyHolder = chain.find((t) => child(t.node, 'Key') !== undefined);
  const keys = children(child(keyHolder?.node, 'Key'), 'PropertyRef')
    .map((r) => attr(r, 'Name'))
    .filter((n): n is string => n !== undefined);
  const columns: CatalogColumn[] = [];
  for (const t of [...chain].reverse()) {
    for (const p of children(t.node, 'Property')) {
      const name = attr(p, 'Name');
      const type = columnType(model, attr(p, 'Type'));
      if (name === undefined || type === undefined) continue;
      const col: CatalogColumn = {
        name,
        type,
        nullable: attr(p, 'Nullable') !== 'false',
        isKey: keys.includes(name),
        ...defined('maxLength', num(attr(p, 'MaxLength'))),
        ...defined('precision', num(attr(p, 'Precision'))),
        ...defined('scale', num(attr(p, 'Scale'))),
        ...defined('description', description(model, p, `${t.name}/${name}`)),
        ...(isComputed(model, p, `${t.name}/${name}`) ? { readOnly: true } : {}),
      };
      columns.push(col);
    }
  }
  return { columns, keys };
}

/** `{ key: value }` when value is defined, else `{}`: keeps undefined fields out of the serialised catalog. */
function defined<K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: V };
}
