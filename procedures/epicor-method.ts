import { methodUrl } from '../src/epicor/routes.ts';
import { KineticProcedureError, KineticSqlError } from '../src/errors.ts';
import type { Catalog, CatalogMethod, CatalogMethodParameter, ServiceCatalog } from '../src/metadata/catalog.ts';
import { edmType } from '../src/metadata/edm-types.ts';
import { methodResult } from './method-result.ts';
import type { ParameterType, ProcedureContext, ProcedureDefinition, ProcedureResult } from './types.ts';

/** A custom method found by its procedure name, with the definition its arguments are bound against. */
export interface FoundMethod {
  readonly service: ServiceCatalog;
  readonly method: CatalogMethod;
  readonly definition: ProcedureDefinition;
}

/** The binding type of a method parameter, from its EDM type; a structured value (tableset) is JSON. */
function parameterType(p: CatalogMethodParameter): ParameterType {
  if (p.type === undefined) return 'json';
  switch (edmType(p.type)?.family) {
    case 'integer': return 'int';
    case 'boolean': return 'bool';
    case 'decimal': case 'float': return 'decimal';
    case 'datetime': case 'date': return 'datetime';
    default: return 'string';
  }
}

/** `[Erp.BO.CustomerSvc].[GetByID]`: the name EXEC and sys_procedures use. */
export function methodProcedureName(service: string, method: string): string {
  return `[${service}].[${method}]`;
}

function definitionOf(service: ServiceCatalog, method: CatalogMethod): ProcedureDefinition {
  return {
    name: methodProcedureName(service.service, method.name),
    description: `Epicor method ${method.name} of ${service.service} (POST …/${service.service}/${method.name})${method.readOnly ? '' : '; it may write'}.`,
    readOnly: method.readOnly,
    parameters: method.parameters.map((p) => ({ name: p.name, type: parameterType(p), required: p.required, description: `${p.typeName}${p.type === undefined ? ' (JSON)' : ''}` })),
    columns: [],
    run: () => Promise.reject(new Error('a method runs through runMethod')),
  };
}

/**
 * Every custom method of the configured services, as procedure definitions (for sys_procedures).
 *
 * @example
 * ```ts
 * methodProcedures(db.catalog).map((m) => m.definition.name); // ['[Erp.BO.CustomerSvc].[GetByID]', ...]
 * ```
 */
export function methodProcedures(catalog: Catalog): FoundMethod[] {
  return catalog.services.flatMap((service) => (service.methods ?? []).map((method) => ({ service, method, definition: definitionOf(service, method) })));
}

/**
 * The method a dotted procedure name names: `Erp.BO.CustomerSvc.GetByID` (the form EXEC's
 * `[Erp.BO.CustomerSvc].[GetByID]` reads as). The last segment is the method, the rest the service
 * (service names hold dots, method names never do); both match case-insensitively. Undefined when the
 * service is not configured; EPROCEDURE when it is and has no such method.
 *
 * @example
 * ```ts
 * findMethod('Erp.BO.CustomerSvc.GetByID', catalog)?.method.parameters; // [{ name: 'custNum', ... }]
 * ```
 */
export function findMethod(name: string, catalog: Catalog): FoundMethod | undefined {
  const dot = name.lastIndexOf('.');
  if (dot <= 0) return undefined;
  const serviceName = name.slice(0, dot).trim().toLowerCase();
  const methodName = name.slice(dot + 1).trim().toLowerCase();
  const service = catalog.services.find((s) => s.service.toLowerCase() === serviceName);
  if (!service) return undefined;
  const method = (service.methods ?? []).find((m) => m.name.toLowerCase() === methodName);
  if (!method) {
    const known = (service.methods ?? []).map((m) => m.name);
    const list = known.length > 0 ? `its methods are ${known.join(', ')}` : 'its $metadata advertises no methods';
    throw new KineticProcedureError('EPROCEDURE', `${service.service} has no method "${name.slice(dot + 1)}": ${list}. Check the name, or run REFRESH METADATA if it was added since.`, { name: name.slice(dot + 1) });
  }
  return { service, method, definition: definitionOf(service, method) };
}

/**
 * Calls a custom method: the bound arguments become the JSON body (parameter names as `$metadata` spells
 * them), POSTed to `…/{Service}/{Method}`; the answer becomes rows (see methodResult). Under Readonly=true
 * a method `$metadata` does not mark read-only is refused with EREADONLY before any request.
 *
 * @example
 * ```ts
 * await runMethod(found, { custNum: 5 }, context); // rows of returnObj.Customer
 * ```
 */
export async function runMethod(found: FoundMethod, bound: Readonly<Record<string, unknown>>, context: ProcedureContext): Promise<ProcedureResult> {
  const { service, method } = found;
  if (context.config.readonly && !method.readOnly) {
    throw new KineticSqlError('EREADONLY', `${found.definition.name} may write (its $metadata does not mark it read-only), and the connection has Readonly=true: open a connection without Readonly to call it.`);
  }
  if (!context.post) throw new KineticProcedureError('EPROCEDURE', `${found.definition.name} needs a connection to Epicor: call it through connect().`, { name: found.definition.name });
  const body: Record<string, unknown> = {};
  for (const p of method.parameters) if (bound[p.name] !== undefined) body[p.name] = bound[p.name];
  const answer = await context.post(methodUrl(context.config, service.service, method.name), body);
  return methodResult(answer, service);
}
