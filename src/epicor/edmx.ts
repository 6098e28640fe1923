/**
 * `$metadata` (EDMX) and service documents -> catalog. See docs/epicor-api.md ("Metadata", "BAQs").
 */
import { KineticHttpError } from '../errors.ts';
import type { CatalogMethod, CatalogMethodParameter, CatalogParameter, CatalogTable, ServiceCatalog } from '../metadata/catalog.ts';
import { columnType, description, readColumns } from './edmx-columns.ts';
import { attr, children, readEdmx, resolveName, simpleName } from './edmx-model.ts';
import type { EdmxModel, XNode } from './edmx-model.ts';
import { readNavigation } from './edmx-navigation.ts';

function containerOf(model: EdmxModel, what: string): XNode {
  if (model.container === undefined) {
    throw new KineticHttpError('EPROTOCOL', `The $metadata of ${what} has no EntityContainer: check that the service exists and is an OData service`);
  }
  return model.container;
}

function entitySetTable(model: EdmxModel, set: XNode, service: string): CatalogTable | undefined {
  const name = attr(set, 'Name');
  const typeName = attr(set, 'EntityType');
  if (name === undefined || typeName === undefined) return undefined;
  const qualified = resolveName(model, typeName);
  const { columns, keys } = readColumns(model, qualified);
  const desc = description(model, model.entityTypes.get(qualified), qualified);
  return {
    name,
    service,
    kind: 'table',
    entityType: simpleName(qualified),
    columns,
    keys,
    navigation: readNavigation(model, set),
    parameters: [],
    ...(desc === undefined ? {} : { description: desc }),
  };
}

/**
 * Parses a service's `$metadata` (OData v3 EDMX of API v1, or v4 EDMX of API v2): every entity set becomes
 * a table named after the set, with its columns (EDM types; complex, collection and stream properties are
 * left out, enums become Edm.String), keys in key order and navigation. Malformed XML or no EntityContainer
 * is an `EPROTOCOL` error naming the service.
 *
 * @example
 * ```ts
 * const catalog = parseEdmx(await client.getText(metadataUrl(config, 'Erp.BO.CustomerSvc')), 'Erp.BO.CustomerSvc');
 * catalog.tables.find((t) => t.name === 'Customers')?.keys; // ['Company', 'CustNum']
 * ```
 */
export function parseEdmx(xml: string, service: string): ServiceCatalog {
  const what = `service ${service}`;
  const model = readEdmx(xml, what);
  const tables = children(containerOf(model, what), 'EntitySet')
    .map((set) => entitySetTable(model, set, service))
    .filter((t): t is CatalogTable => t !== undefined);
  const methods = readMethods(model, containerOf(model, what));
  return methods.length > 0 ? { service, tables, methods } : { service, tables };
}

/**
 * The custom methods a service's `$metadata` advertises. v1 (OData v3): FunctionImport elements with
 * Parameter children; read-only when `IsSideEffecting="false"` or `m:HttpMethod="GET"`. v2 (OData v4):
 * ActionImport -> Action (may write) and FunctionImport -> Function (read-only); a bound operation's
 * first parameter is its binding parameter, not an argument.
 */
function readMethods(model: EdmxModel, container: XNode): CatalogMethod[] {
  const out: CatalogMethod[] = [];
  const operation = (map: ReadonlyMap<string, readonly XNode[]>, name: string | undefined): XNode | undefined =>
    name === undefined ? undefined : map.get(resolveName(model, name))?.[0];
  for (const imp of children(container, 'FunctionImport')) {
    const name = attr(imp, 'Name');
    if (name === undefined) continue;
    const fn = operation(model.functions, attr(imp, 'Function'));
    if (fn !== undefined) {
      out.push(method(model, name, fn, true));
      continue;
    }
    const readOnly = attr(imp, 'IsSideEffecting') === 'false' || attr(imp, 'HttpMethod')?.toUpperCase() === 'GET';
    out.push(method(model, name, imp, readOnly));
  }
  for (const imp of children(container, 'ActionImport')) {
    const name = attr(imp, 'Name');
    const action = operation(model.actions, attr(imp, 'Action'));
    if (name !== undefined && action !== undefined) out.push(method(model, name, action, false));
  }
  return out;
}

function method(model: EdmxModel, name: string, node: XNode, readOnly: boolean): CatalogMethod {
  const nodes = children(node, 'Parameter').slice(attr(node, 'IsBound') === 'true' ? 1 : 0);
  const parameters = nodes.flatMap((p): CatalogMethodParameter[] => {
    const pname = attr(p, 'Name');
    if (pname === undefined) return [];
    const typeName = attr(p, 'Type') ?? 'Edm.String';
    const type = typeName.startsWith('Edm.') ? columnType(model, typeName) : undefined;
    return [{ name: pname, typeName, required: attr(p, 'Nullable') === 'false', ...(type ? { type } : {}) }];
  });
  const returnType = attr(node, 'ReturnType') ?? attr(children(node, 'ReturnType')[0], 'Type');
  return { name, parameters, readOnly, ...(returnType ? { returnType } : {}) };
}

/**
 * Parses one BAQ's `$metadata` into a view: columns of its `QueryResult` type (via the `Data` entity set),
 * and its parameters from the `Data` FunctionImport (v1) or Function (v2); `Nullable="false"` marks a
 * mandatory parameter.
 *
 * @example
 * ```ts
 * const view = parseBaqEdmx(xml, '68138-HSCustomers');
 * view.parameters; // [{ name: 'zipCode', type: 'Edm.String', required: true }]
 * ```
 */
export function parseBaqEdmx(xml: string, baqId: string): CatalogTable {
  const what = `BAQ ${baqId}`;
  const model = readEdmx(xml, what);
  const container = containerOf(model, what);
  const sets = children(container, 'EntitySet');
  const set = sets.find((s) => attr(s, 'Name') === 'Data') ?? sets[0];
  const table = set === undefined ? undefined : entitySetTable(model, set, 'BaqSvc');
  if (table === undefined) {
    throw new KineticHttpError('EPROTOCOL', `The $metadata of ${what} has no result entity set: check the BAQ id and that the BAQ is shared`);
  }
  return { ...table, name: baqId, kind: 'view', navigation: [], parameters: baqParameters(model, container) };
}

/** v1: Parameter children of the `Data` FunctionImport; v2: those of the Function it names (or any `Data`). */
function baqParameterNodes(model: EdmxModel, container: XNode): readonly XNode[] {
  const imp = children(container, 'FunctionImport').find((f) => attr(f, 'Name') === 'Data');
  const own = children(imp, 'Parameter');
  if (own.length > 0) return own;
  const fn = attr(imp, 'Function');
  const candidates =
    fn !== undefined
      ? (model.functions.get(resolveName(model, fn)) ?? [])
      : [...model.functions.entries()].filter(([k]) => simpleName(k) === 'Data').flatMap(([, v]) => v);
  const f = candidates[0];
  // A bound function's first parameter is the binding parameter, not a BAQ parameter.
  return children(f, 'Parameter').slice(attr(f, 'IsBound') === 'true' ? 1 : 0);
}

function baqParameters(model: EdmxModel, container: XNode): CatalogParameter[] {
  const out: CatalogParameter[] = [];
  for (const p of baqParameterNodes(model, container)) {
    const name = attr(p, 'Name');
    if (name === undefined) continue;
    out.push({ name, type: columnType(model, attr(p, 'Type')) ?? 'Edm.String', required: attr(p, 'Nullable') === 'false' });
  }
  return out;
}

/**
 * Names listed by an OData service document (`{"value": [{"name": …, "url": …}]}`): the entity sets of a
 * service, the services of `/api/v1/`, or the BAQ ids of BaqSvc.
 *
 * @example
 * ```ts
 * parseServiceDocument({ value: [{ name: 'zCustomer01', url: 'zCustomer01' }] }); // ['zCustomer01']
 * ```
 */
export function parseServiceDocument(json: unknown): string[] {
  const value = (json as { value?: unknown } | null)?.value;
  if (!Array.isArray(value)) {
    throw new KineticHttpError('EPROTOCOL', 'The service document has no "value" list: check URL and ERPInstance point at an Epicor REST API');
  }
  return value
    .map((e) => {
      const o = (e ?? {}) as Record<string, unknown>;
      return typeof o['name'] === 'string' ? o['name'] : typeof o['url'] === 'string' ? o['url'] : undefined;
    })
    .filter((n): n is string => n !== undefined && n !== '');
}
