import type { EdmType, SimColumn } from '../model/types.ts';
import { element, XML_DECLARATION } from './xml.ts';

export type ApiVersion = 'v1' | 'v2';

/** Namespaces of the EDMX envelope: OData v3 (CSDL 3.0) on v1, OData v4 on v2. */
export const EDMX_NAMESPACES = {
  v1: {
    edmx: 'http://schemas.microsoft.com/ado/2007/06/edmx',
    metadata: 'http://schemas.microsoft.com/ado/2007/08/dataservices/metadata',
    edm: 'http://schemas.microsoft.com/ado/2009/11/edm',
    annotation: 'http://schemas.microsoft.com/ado/2009/02/edm/annotation',
  },
  v2: {
    edmx: 'http://docs.oasis-open.org/odata/ns/edmx',
    edm: 'http://docs.oasis-open.org/odata/ns/edm',
    core: 'https://oasis-tcs.github.io/odata-vocabularies/vocabularies/Org.OData.Core.V1.xml',
  },
} as const;

/** The type as declared in this version: OData v4 has no Edm.DateTime, so v2 declares DateTimeOffset. */
export function declaredType(type: EdmType, version: ApiVersion): EdmType {
  return version === 'v2' && type === 'Edm.DateTime' ? 'Edm.DateTimeOffset' : type;
}

/** A description as this version documents it: `<Documentation><Summary>` (v3) or Core.Description (v4). */
export function descriptionXml(description: string | undefined, version: ApiVersion): string[] {
  if (!description) return [];
  if (version === 'v1') return [element('Documentation', {}, [element('Summary', {}, [escapeText(description)])])];
  return [element('Annotation', { Term: 'Core.Description', String: description })];
}

function escapeText(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** `<Property>` of one column with its facets; `generated` marks a value the server computes or assigns. */
export function propertyXml(column: SimColumn, version: ApiVersion, generated?: 'Computed' | 'Identity'): string {
  const computed = generated !== undefined && version === 'v2' ? [element('Annotation', { Term: 'Core.Computed', Bool: 'true' })] : [];
  return element(
    'Property',
    {
      Name: column.name,
      Type: declaredType(column.type, version),
      Nullable: column.nullable ? undefined : 'false',
      MaxLength: column.maxLength,
      Precision: column.precision,
      Scale: column.scale,
      'annotation:StoreGeneratedPattern': version === 'v1' ? generated : undefined,
    },
    [...descriptionXml(column.description, version), ...computed],
  );
}

/** `<Key>` listing the key columns in key order. */
export function keyXml(keys: readonly string[]): string {
  return element('Key', {}, keys.map((name) => element('PropertyRef', { Name: name })));
}

/** The opening of the EDMX document up to the Schema element's children, and its closing. */
export function edmxEnvelope(namespace: string, version: ApiVersion, schemaChildren: readonly string[]): string {
  if (version === 'v1') {
    const ns = EDMX_NAMESPACES.v1;
    return (
      `${XML_DECLARATION}<edmx:Edmx Version="1.0" xmlns:edmx="${ns.edmx}">` +
      `<edmx:DataServices m:DataServiceVersion="3.0" m:MaxDataServiceVersion="3.0" xmlns:m="${ns.metadata}">` +
      element('Schema', { Namespace: namespace, xmlns: ns.edm, 'xmlns:annotation': ns.annotation }, schemaChildren) +
      '</edmx:DataServices></edmx:Edmx>'
    );
  }
  const ns = EDMX_NAMESPACES.v2;
  return (
    `${XML_DECLARATION}<edmx:Edmx Version="4.0" xmlns:edmx="${ns.edmx}">` +
    `<edmx:Reference Uri="${ns.core}"><edmx:Include Namespace="Org.OData.Core.V1" Alias="Core"/></edmx:Reference>` +
    '<edmx:DataServices>' +
    element('Schema', { Namespace: namespace, xmlns: ns.edm }, schemaChildren) +
    '</edmx:DataServices></edmx:Edmx>'
  );
}
