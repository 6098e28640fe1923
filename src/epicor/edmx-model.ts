/**
 * EDMX XML -> an indexed model of its schemas (OData v3 EDMX 1.0 of the v1 API and OData v4 EDMX of v2).
 * Names are indexed by namespace-qualified name; `resolveName` turns an alias (`Self.CustomerRow`) into
 * the namespace form (`Erp.BO.CustomerSvc.CustomerRow`) before a lookup. Element namespace prefixes (`edmx:`) are dropped.
 */
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { KineticHttpError } from '../errors.ts';

/** One parsed XML element: attributes under `@Name`, children by tag name. */
export type XNode = Readonly<Record<string, unknown>>;

export interface EdmxModel {
  readonly entityTypes: ReadonlyMap<string, XNode>;
  readonly enumTypes: ReadonlySet<string>;
  readonly associations: ReadonlyMap<string, XNode>;
  /** v4 Function elements by qualified name (several overloads possible). */
  readonly functions: ReadonlyMap<string, readonly XNode[]>;
  /** v4 Action elements by qualified name. */
  readonly actions: ReadonlyMap<string, readonly XNode[]>;
  /** External `<Annotations Target="…">` blocks, by target with the namespace resolved. */
  readonly annotations: ReadonlyMap<string, readonly XNode[]>;
  readonly container: XNode | undefined;
  /** Alias -> namespace. */
  readonly aliases: ReadonlyMap<string, string>;
}

const ARRAY_TAGS = new Set([
  'Schema', 'EntityType', 'ComplexType', 'EnumType', 'Property', 'PropertyRef', 'NavigationProperty',
  'Association', 'End', 'EntityContainer', 'EntitySet', 'AssociationSet', 'NavigationPropertyBinding',
  'FunctionImport', 'Function', 'Action', 'ActionImport', 'Parameter', 'Annotation', 'Annotations', 'Member',
  'Reference', 'Include',
]);

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  removeNSPrefix: true,
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
  isArray: (name: string, _path: unknown, _leaf: boolean, isAttribute: boolean) => !isAttribute && ARRAY_TAGS.has(name),
});

/** Child elements named `tag` (always an array). */
export function children(node: XNode | undefined, tag: string): readonly XNode[] {
  const v = node?.[tag];
  if (v === undefined || v === null) return [];
  return (Array.isArray(v) ? v : [v]).filter((x): x is XNode => typeof x === 'object' && x !== null);
}

/** The first child element named `tag`. */
export function child(node: XNode | undefined, tag: string): XNode | undefined {
  return children(node, tag)[0];
}

/** An attribute value, or undefined. */
export function attr(node: XNode | undefined, name: string): string | undefined {
  const v = node?.[`@${name}`];
  return typeof v === 'string' ? v : undefined;
}

/** The text content of an element that may be a plain string or an object with `#text`. */
export function text(v: unknown): string | undefined {
  if (typeof v === 'string') return v === '' ? undefined : v;
  if (typeof v === 'object' && v !== null) return text((v as Record<string, unknown>)['#text']);
  return undefined;
}

/** Last segment of a qualified name: `Erp.BO.CustomerSvc.CustomerRow` -> `CustomerRow`. */
export function simpleName(qualified: string): string {
  return qualified.slice(qualified.lastIndexOf('.') + 1);
}

/** Replaces an alias prefix by its namespace: `Self.CustomerRow` -> `Erp.BO.CustomerSvc.CustomerRow`. */
export function resolveName(model: Pick<EdmxModel, 'aliases'>, name: string): string {
  const dot = name.lastIndexOf('.');
  const ns = model.aliases.get(name.slice(0, dot));
  return ns === undefined ? name : `${ns}${name.slice(dot)}`;
}

/**
 * Parses and indexes an EDMX document; malformed XML or a document that is not EDMX is `EPROTOCOL`.
 *
 * @example
 * ```ts
 * const model = readEdmx(xml, 'service Erp.BO.CustomerSvc');
 * model.entityTypes.get('Erp.BO.CustomerSvc.CustomerRow');
 * ```
 */
export function readEdmx(xml: string, what: string): EdmxModel {
  const valid = XMLValidator.validate(xml);
  if (valid !== true) {
    const { line, msg } = valid.err;
    throw new KineticHttpError('EPROTOCOL', `The $metadata of ${what} is not valid XML (line ${line}: ${msg}): check URL and ERPInstance point at an Epicor REST API`);
  }
  const doc = parser.parse(xml) as XNode;
  const schemas = children(child(child(doc, 'Edmx'), 'DataServices'), 'Schema');
  if (schemas.length === 0) {
    throw new KineticHttpError('EPROTOCOL', `The $metadata of ${what} is not an EDMX document with a Schema: check URL and ERPInstance point at an Epicor REST API`);
  }
  return indexSchemas(schemas);
}

function indexSchemas(schemas: readonly XNode[]): EdmxModel {
  const aliases = new Map<string, string>();
  for (const s of schemas) {
    const ns = attr(s, 'Namespace');
    const alias = attr(s, 'Alias');
    if (ns !== undefined && alias !== undefined) aliases.set(alias, ns);
  }
  const entityTypes = new Map<string, XNode>();
  const enumTypes = new Set<string>();
  const associations = new Map<string, XNode>();
  const functions = new Map<string, XNode[]>();
  const actions = new Map<string, XNode[]>();
  const annotations = new Map<string, XNode[]>();
  const containers: XNode[] = [];
  for (const s of schemas) {
    const ns = attr(s, 'Namespace') ?? '';
    for (const t of children(s, 'EntityType')) entityTypes.set(`${ns}.${attr(t, 'Name')}`, t);
    for (const t of children(s, 'EnumType')) enumTypes.add(`${ns}.${attr(t, 'Name')}`);
    for (const a of children(s, 'Association')) associations.set(`${ns}.${attr(a, 'Name')}`, a);
    for (const f of children(s, 'Function')) push(functions, `${ns}.${attr(f, 'Name')}`, f);
    for (const a of children(s, 'Action')) push(actions, `${ns}.${attr(a, 'Name')}`, a);
    for (const a of children(s, 'Annotations')) {
      const target = attr(a, 'Target');
      if (target === undefined) continue;
      const [type = '', ...rest] = target.split('/');
      push(annotations, [resolveName({ aliases }, type), ...rest].join('/'), ...children(a, 'Annotation'));
    }
    containers.push(...children(s, 'EntityContainer'));
  }
  const container = containers.find((c) => attr(c, 'IsDefaultEntityContainer') === 'true') ?? containers[0];
  return { entityTypes, enumTypes, associations, functions, actions, annotations, container, aliases };
}

function push(map: Map<string, XNode[]>, key: string, ...values: XNode[]): void {
  const list = map.get(key);
  if (list === undefined) map.set(key, [...values]);
  else list.push(...values);
}
