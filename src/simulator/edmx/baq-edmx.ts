import type { SimBaq } from '../model/types.ts';
import { type ApiVersion, declaredType, descriptionXml, edmxEnvelope, keyXml, propertyXml } from './edmx-version.ts';
import { element } from './xml.ts';

/** A valid namespace for a BAQ id (`68138-HSCustomers` -> `BaqSvc._68138_HSCustomers`). */
export function baqNamespace(id: string): string {
  const segment = id.replace(/[^A-Za-z0-9_]/g, '_');
  return `BaqSvc.${/^[A-Za-z_]/.test(segment) ? segment : `_${segment}`}`;
}

/**
 * The `$metadata` of one BAQ: entity type `QueryResult` keyed by RowIdent, entity set `Data`, and the
 * BAQ's parameters (`Nullable="false"` when mandatory) on the `Data` FunctionImport (v1) or Function (v2).
 * The description is on the entity type.
 *
 * @example
 * ```ts
 * const baq = buildModel().baqs.find((b) => b.id === 'zCustomer01')!;
 * baqEdmx(baq, 'v1'); // ... <Parameter Name="zipCode" Type="Edm.String" Nullable="false" .../> ...
 * ```
 */
export function baqEdmx(baq: SimBaq, version: ApiVersion): string {
  const ns = baqNamespace(baq.id);
  const resultType = `${ns}.QueryResult`;
  const parameters = baq.parameters.map((p) =>
    element('Parameter', {
      Name: p.name,
      Type: declaredType(p.type, version),
      Nullable: p.required ? 'false' : undefined,
      Mode: version === 'v1' ? 'In' : undefined,
    }),
  );
  const description = descriptionXml(baq.description, version);
  const entityType = element('EntityType', { Name: 'QueryResult' }, [
    ...(version === 'v1' ? description : []),
    keyXml(['RowIdent']),
    ...baq.columns.map((c) => propertyXml(c, version)),
    ...(version === 'v2' ? description : []),
  ]);
  const entitySet = element('EntitySet', { Name: 'Data', EntityType: resultType });
  if (version === 'v1') {
    const functionImport = element('FunctionImport', {
      Name: 'Data', EntitySet: 'Data', ReturnType: `Collection(${resultType})`, 'm:HttpMethod': 'GET',
    }, parameters);
    const container = element('EntityContainer', { Name: 'QueryContainer', 'm:IsDefaultEntityContainer': 'true' }, [entitySet, functionImport]);
    return edmxEnvelope(ns, version, [entityType, container]);
  }
  const fn = element('Function', { Name: 'Data', IsComposable: 'true' }, [
    ...parameters,
    element('ReturnType', { Type: `Collection(${resultType})` }),
  ]);
  const container = element('EntityContainer', { Name: 'QueryContainer' }, [
    entitySet,
    element('FunctionImport', { Name: 'Data', Function: `${ns}.Data`, EntitySet: 'Data' }),
  ]);
  return edmxEnvelope(ns, version, [entityType, fn, container]);
}
