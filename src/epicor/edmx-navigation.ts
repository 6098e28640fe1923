/**
 * Navigation properties -> catalog navigation (name, target entity set, many). v4 (API v2): the type is
 * `Collection(T)` for many and the target set comes from the set's NavigationPropertyBinding. v3 (API v1):
 * the Association end named by ToRole gives the multiplicity (`*` = many) and the AssociationSet gives the
 * target set. Either way, when no binding names the set, the one set of the target entity type is used; a
 * navigation whose target set cannot be found is left out.
 */
import type { CatalogNavigation } from '../metadata/catalog.ts';
import { attr, children, resolveName } from './edmx-model.ts';
import type { EdmxModel, XNode } from './edmx-model.ts';
import { typeChain } from './edmx-columns.ts';

const COLLECTION = /^Collection\((.+)\)$/;

/**
 * The navigation of one entity set.
 *
 * @example
 * ```ts
 * readNavigation(model, customersSetNode); // [{ name: 'ShipToes', target: 'ShipToes', many: true }]
 * ```
 */
export function readNavigation(model: EdmxModel, set: XNode): CatalogNavigation[] {
  const sets = children(model.container, 'EntitySet');
  const setName = attr(set, 'Name') ?? '';
  const bySetType = (type: string): string | undefined => {
    const wanted = resolveName(model, type);
    return attr(sets.find((s) => resolveName(model, attr(s, 'EntityType') ?? '') === wanted), 'Name');
  };
  const out: CatalogNavigation[] = [];
  for (const t of typeChain(model, attr(set, 'EntityType') ?? '')) {
    for (const nav of children(t.node, 'NavigationProperty')) {
      const name = attr(nav, 'Name');
      if (name === undefined) continue;
      const v4 = attr(nav, 'Type') !== undefined;
      const found = v4 ? v4Target(nav, set, bySetType) : v3Target(model, nav, setName, bySetType);
      if (found?.target === undefined) continue;
      const columns = v4 ? v4Columns(nav) : v3Columns(model, nav);
      out.push({ name, target: found.target, many: found.many, ...(columns.length > 0 ? { columns } : {}) });
    }
  }
  return out;
}

type SetOfType = (type: string) => string | undefined;
type LinkColumns = { column: string; targetColumn: string }[];

// v4: `<ReferentialConstraint Property="this type's column" ReferencedProperty="the target's column"/>`.
function v4Columns(nav: XNode): LinkColumns {
  return children(nav, 'ReferentialConstraint').flatMap((c) => {
    const column = attr(c, 'Property');
    const targetColumn = attr(c, 'ReferencedProperty');
    return column !== undefined && targetColumn !== undefined ? [{ column, targetColumn }] : [];
  });
}

// v3: the Association's ReferentialConstraint pairs Principal and Dependent PropertyRefs by position.
function v3Columns(model: EdmxModel, nav: XNode): LinkColumns {
  const association = model.associations.get(resolveName(model, attr(nav, 'Relationship') ?? ''));
  const constraint = children(association, 'ReferentialConstraint')[0];
  const principal = children(constraint, 'Principal')[0];
  const dependent = children(constraint, 'Dependent')[0];
  if (principal === undefined || dependent === undefined) return [];
  const refs = (n: XNode) => children(n, 'PropertyRef').map((r) => attr(r, 'Name') ?? '');
  const [mine, theirs] = attr(principal, 'Role') === attr(nav, 'FromRole') ? [refs(principal), refs(dependent)] : [refs(dependent), refs(principal)];
  return mine.flatMap((column, i) => (column !== '' && theirs[i] ? [{ column, targetColumn: theirs[i] as string }] : []));
}

function v4Target(nav: XNode, set: XNode, bySetType: SetOfType): { target: string | undefined; many: boolean } {
  const type = attr(nav, 'Type') ?? '';
  const m = COLLECTION.exec(type);
  const binding = children(set, 'NavigationPropertyBinding').find((b) => attr(b, 'Path') === attr(nav, 'Name'));
  // Target may be `Set`, `Container/Set` or `Namespace.Container/Set`.
  const bound = attr(binding, 'Target')?.split('/').pop();
  return { target: bound ?? bySetType(m?.[1] ?? type), many: m !== null };
}

function v3Target(model: EdmxModel, nav: XNode, setName: string, bySetType: SetOfType): { target: string | undefined; many: boolean } | undefined {
  const relationship = resolveName(model, attr(nav, 'Relationship') ?? '');
  const toRole = attr(nav, 'ToRole');
  const end = children(model.associations.get(relationship), 'End').find((e) => attr(e, 'Role') === toRole);
  if (end === undefined) return undefined;
  const assocSets = children(model.container, 'AssociationSet').filter(
    (a) => resolveName(model, attr(a, 'Association') ?? '') === relationship,
  );
  const fromThisSet =
    assocSets.find((a) => children(a, 'End').some((e) => attr(e, 'Role') === attr(nav, 'FromRole') && attr(e, 'EntitySet') === setName)) ??
    assocSets[0];
  const bound = attr(children(fromThisSet, 'End').find((e) => attr(e, 'Role') === toRole), 'EntitySet');
  return { target: bound ?? bySetType(attr(end, 'Type') ?? ''), many: attr(end, 'Multiplicity') === '*' };
}
