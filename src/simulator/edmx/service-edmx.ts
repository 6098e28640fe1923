import { METHOD_SIGNATURES, type SimMethodSignature } from '../model/method-signatures.ts';
import type { SimEntitySet, SimNavigation, SimService } from '../model/types.ts';
import { type ApiVersion, edmxEnvelope, keyXml, propertyXml } from './edmx-version.ts';
import { element } from './xml.ts';

/**
 * The `$metadata` document of one service: OData v3 EDMX on v1 (Associations and AssociationSets for
 * navigation, Edm.DateTime) and OData v4 EDMX on v2 (collection NavigationProperty with
 * ReferentialConstraint, Edm.DateTimeOffset). The namespace is the service name, entity types are the
 * schema's row types (`Erp.BO.CustomerSvc.CustomerRow`).
 *
 * @example
 * ```ts
 * const service = buildModel().services[0]!;
 * const xml = serviceEdmx(service, 'v2'); // '<?xml ...><edmx:Edmx Version="4.0" ...'
 * ```
 */
export function serviceEdmx(service: SimService, version: ApiVersion): string {
  const ns = service.name;
  const sets = service.entitySets;
  const byName = new Map(sets.map((s) => [s.name, s]));
  const types = distinctByType(sets).map((set) => entityTypeXml(set, ns, byName, version));
  const container = containerName(ns);
  const methods = METHOD_SIGNATURES[ns] ?? [];
  const tableset = methods.length > 0 ? [tablesetXml(service, ns)] : [];
  if (version === 'v1') {
    const links = sets.flatMap((set) => set.navigation.map((nav) => ({ set, nav })));
    const associations = links.map(({ set, nav }) => associationXml(set, nav, ns, byName));
    const containerXml = element('EntityContainer', { Name: container, 'm:IsDefaultEntityContainer': 'true' }, [
      ...sets.map((s) => element('EntitySet', { Name: s.name, EntityType: `${ns}.${s.entityType}` })),
      ...links.map(({ set, nav }) => associationSetXml(set, nav, ns)),
      ...methods.map((m) => functionImportV3(m, ns)),
    ]);
    return edmxEnvelope(ns, version, [...types, ...tableset, ...associations, containerXml]);
  }
  const containerXml = element('EntityContainer', { Name: container }, [
    ...sets.map((s) =>
      element('EntitySet', { Name: s.name, EntityType: `${ns}.${s.entityType}` }, s.navigation.map((nav) =>
        element('NavigationPropertyBinding', { Path: nav.name, Target: nav.target })))),
    ...methods.map((m) => element(m.readOnly ? 'FunctionImport' : 'ActionImport', m.readOnly ? { Name: m.name, Function: `${ns}.${m.name}` } : { Name: m.name, Action: `${ns}.${m.name}` })),
  ]);
  return edmxEnvelope(ns, version, [...types, ...tableset, ...methods.map((m) => operationV4(m, ns)), containerXml]);
}

/** `Erp.BO.CustomerSvc` -> `CustomerTableset`: the dataset type of the service's methods. */
function tablesetName(service: string): string {
  return `${containerName(service).replace(/Svc$/, '')}Tableset`;
}

/** The dataset type: one collection property per entity set's row type (`Customer`, `ShipTo`, ...). */
function tablesetXml(service: SimService, ns: string): string {
  const rows = distinctByType(service.entitySets).map((s) =>
    element('Property', { Name: s.entityType.replace(/Row$/, ''), Type: `Collection(${ns}.${s.entityType})` }));
  return element('ComplexType', { Name: tablesetName(ns) }, rows);
}

function parameterType(type: string, ns: string): string {
  return type === 'tableset' ? `${ns}.${tablesetName(ns)}` : type;
}

function returnType(m: SimMethodSignature, ns: string): string | undefined {
  return m.returns === undefined ? undefined : `${ns}.${tablesetName(ns)}`;
}

// OData v3: a FunctionImport per method; IsSideEffecting="false" marks the read-only ones. Epicor takes POST for every method.
function functionImportV3(m: SimMethodSignature, ns: string): string {
  return element('FunctionImport', { Name: m.name, ReturnType: returnType(m, ns), IsSideEffecting: m.readOnly ? 'false' : 'true', 'm:HttpMethod': 'POST' },
    m.parameters.map((p) => element('Parameter', { Name: p.name, Type: parameterType(p.type, ns), Mode: 'In', Nullable: p.required ? 'false' : undefined })));
}

// OData v4: a Function (read-only) or an Action (may write), unbound, imported by the container.
function operationV4(m: SimMethodSignature, ns: string): string {
  const params = m.parameters.map((p) => element('Parameter', { Name: p.name, Type: parameterType(p.type, ns), Nullable: p.required ? 'false' : undefined }));
  const ret = returnType(m, ns);
  return element(m.readOnly ? 'Function' : 'Action', { Name: m.name }, [...params, ...(ret ? [element('ReturnType', { Type: ret })] : [])]);
}

/** `Erp.BO.CustomerSvc` -> `CustomerSvc`. */
function containerName(service: string): string {
  return service.slice(service.lastIndexOf('.') + 1).replace(/[^A-Za-z0-9_]/g, '_');
}

/** One entity type per row type, even when two sets shared one. */
function distinctByType(sets: readonly SimEntitySet[]): SimEntitySet[] {
  const seen = new Map<string, SimEntitySet>();
  for (const set of sets) if (!seen.has(set.entityType)) seen.set(set.entityType, set);
  return [...seen.values()];
}

function entityTypeXml(set: SimEntitySet, ns: string, byName: ReadonlyMap<string, SimEntitySet>, version: ApiVersion): string {
  const navigation = set.navigation.map((nav) =>
    version === 'v1'
      ? element('NavigationProperty', { Name: nav.name, Relationship: `${ns}.${associationName(set, nav)}`, FromRole: set.name, ToRole: nav.target })
      : navigationV4(nav, ns, byName),
  );
  return element('EntityType', { Name: set.entityType }, [
    keyXml(set.keys),
    ...set.columns.map((c) => propertyXml(c, version, generatedBy(set, c.name))),
    ...navigation,
  ]);
}

// Epicor computes SysRevID (the row version) and SysRowID, and assigns the set's number (CustNum, OrderNum).
function generatedBy(set: SimEntitySet, column: string): 'Computed' | 'Identity' | undefined {
  if (column === set.autoNumber) return 'Identity';
  return column === 'SysRevID' || column === 'SysRowID' ? 'Computed' : undefined;
}

function targetType(nav: SimNavigation, ns: string, byName: ReadonlyMap<string, SimEntitySet>): string {
  const target = byName.get(nav.target);
  if (!target) throw new Error(`navigation ${nav.name} leads to unknown set ${nav.target}`);
  return `${ns}.${target.entityType}`;
}

function navigationV4(nav: SimNavigation, ns: string, byName: ReadonlyMap<string, SimEntitySet>): string {
  const type = targetType(nav, ns, byName);
  // Property names this type's column, ReferencedProperty the target's (the direction Epicor's parent ->
  // child links are read in).
  const constraints = nav.fromColumns.map((from, i) =>
    element('ReferentialConstraint', { Property: from, ReferencedProperty: nav.toColumns[i] }));
  return element('NavigationProperty', { Name: nav.name, Type: nav.many ? `Collection(${type})` : type }, constraints);
}

function associationName(set: SimEntitySet, nav: SimNavigation): string {
  return `${set.name}_${nav.name}`;
}

function associationXml(set: SimEntitySet, nav: SimNavigation, ns: string, byName: ReadonlyMap<string, SimEntitySet>): string {
  const refs = (columns: readonly string[]): string[] => columns.map((name) => element('PropertyRef', { Name: name }));
  return element('Association', { Name: associationName(set, nav) }, [
    element('End', { Type: `${ns}.${set.entityType}`, Role: set.name, Multiplicity: '1' }),
    element('End', { Type: targetType(nav, ns, byName), Role: nav.target, Multiplicity: nav.many ? '*' : '0..1' }),
    element('ReferentialConstraint', {}, [
      element('Principal', { Role: set.name }, refs(nav.fromColumns)),
      element('Dependent', { Role: nav.target }, refs(nav.toColumns)),
    ]),
  ]);
}

function associationSetXml(set: SimEntitySet, nav: SimNavigation, ns: string): string {
  return element('AssociationSet', { Name: associationName(set, nav), Association: `${ns}.${associationName(set, nav)}` }, [
    element('End', { Role: set.name, EntitySet: set.name }),
    element('End', { Role: nav.target, EntitySet: nav.target }),
  ]);
}
