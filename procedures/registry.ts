import { KineticProcedureError } from '../src/errors.ts';
import type { Catalog } from '../src/metadata/catalog.ts';
import { efxName, runFunction } from './epicor-function.ts';
import { findMethod, methodProcedures, runMethod } from './epicor-method.ts';
import { getOAuthAccessToken } from './get-oauth-access-token.ts';
import { getOAuthAuthorizationURL } from './get-oauth-authorization-url.ts';
import { refreshOAuthAccessToken } from './refresh-oauth-access-token.ts';
import type { ParameterDefinition, ProcedureArgs, ProcedureContext, ProcedureDefinition, ProcedureResult } from './types.ts';

/** Every stored procedure, in the order sys_procedures lists them. */
export const PROCEDURES: readonly ProcedureDefinition[] = [getOAuthAuthorizationURL, getOAuthAccessToken, refreshOAuthAccessToken];

/**
 * A procedure by name, case-insensitively.
 *
 * @example
 * ```ts
 * findProcedure('getoauthaccesstoken')?.parameters.map((p) => p.name); // ['AuthMode', 'Verifier', ...]
 * ```
 */
export function findProcedure(name: string): ProcedureDefinition | undefined {
  const wanted = name.trim().toLowerCase();
  return PROCEDURES.find((p) => p.name.toLowerCase() === wanted);
}

/**
 * Binds call arguments to a procedure's parameters. Keys are parameter names (any case, with or without
 * `@`) or positions (`'0'`, `'1'`: positional EXEC arguments bind to the parameters in declared order).
 * An unknown or repeated parameter, a missing required one, a wrong type or a value outside the allowed
 * ones is EPROCEDURE naming it; values never appear in the message.
 *
 * @example
 * ```ts
 * bindArguments(getOAuthAccessToken, { '@authmode': 'web', Verifier: code }); // { AuthMode: 'WEB', Verifier: code, ... }
 * ```
 */
export function bindArguments(procedure: ProcedureDefinition, args: Readonly<Record<string, unknown>>): ProcedureArgs {
  const given = new Map<ParameterDefinition, unknown>();
  for (const [key, value] of Object.entries(args)) {
    const param = /^\d+$/.test(key) ? byPosition(procedure, Number(key)) : byName(procedure, key);
    if (given.has(param)) fail(procedure, param.name, `${param.name} is given twice`);
    given.set(param, value);
  }
  const out: Record<string, string | number | boolean | object | undefined> = {};
  for (const param of procedure.parameters) {
    const raw = given.get(param);
    const value = raw === null || raw === undefined ? param.default : raw;
    if (value === undefined) {
      if (param.required) fail(procedure, param.name, `missing required parameter ${param.name}: ${param.description}`);
      out[param.name] = undefined;
      continue;
    }
    out[param.name] = checked(procedure, param, value);
  }
  return Object.freeze(out);
}

/**
 * Looks up, binds and runs a procedure for a connection: one of {@link PROCEDURES}, else an Epicor
 * Function (`efx.Library.Function`), else a custom method of a configured service (`Service.Method`, as
 * EXEC reads `[Service].[Method]`; see docs/procedures.md).
 *
 * @example
 * ```ts
 * const { rows } = await runProcedure('GetOAuthAuthorizationURL', { CallbackURL: 'https://app/cb' }, context);
 * ```
 */
export async function runProcedure(name: string, args: Readonly<Record<string, unknown>>, context: ProcedureContext): Promise<ProcedureResult> {
  const procedure = findProcedure(name);
  if (!procedure) {
    const efx = efxName(name);
    if (efx) return runFunction(efx, args, context);
    const method = name.includes('.') && context.catalog ? findMethod(name, context.catalog()) : undefined;
    if (method) {
      const bound = bindArguments(method.definition, args);
      context.log(`exec: ${method.definition.name} ${Object.keys(bound).filter((k) => bound[k] !== undefined).join(', ')}`.trim(), 1);
      return runMethod(method, bound, context);
    }
    const hint = name.includes('.')
      ? ` A custom method is [Service].[Method] of a service in the Service property (${configuredServices(context)}); an Epicor Function is efx.[Library].[Function].`
      : ' Custom methods are [Service].[Method] (sys_procedures lists them).';
    throw new KineticProcedureError('EPROCEDURE', `Unknown procedure "${name}": the procedures are ${PROCEDURES.map((p) => p.name).join(', ')}.${hint}`, { name });
  }
  const bound = bindArguments(procedure, args);
  const shown = procedure.parameters.filter((p) => bound[p.name] !== undefined).map((p) => `${p.name}=${p.secret ? '********' : String(bound[p.name])}`);
  context.log(`exec: ${procedure.name} ${shown.join(', ')}`.trim(), 1);
  const rows = await procedure.run(bound, context);
  return { rows, columns: procedure.columns, rowsAffected: -1 };
}

/** A procedure as sys_procedures and sys_procedureparameters list it. */
export interface ProcedureListing {
  readonly schema: string;
  readonly name: string;
  readonly description: string;
  readonly readOnly: boolean;
  readonly parameters: readonly { readonly name: string; readonly dataType: string; readonly required: boolean; readonly description: string }[];
  readonly columns: readonly { readonly name: string; readonly dataType: string; readonly required: boolean; readonly description: string }[];
}

const SQL_TYPE: Readonly<Record<ParameterDefinition['type'], string>> = { string: 'string', int: 'int', bool: 'bool', decimal: 'decimal', datetime: 'datetime', json: 'json' };

/**
 * Every procedure of a connection: the driver's own (schema `sys`), then the custom methods of its
 * services (schema: the service; name: the method). Epicor Functions are not listed: nothing in the API
 * enumerates them.
 *
 * @example
 * ```ts
 * listProcedures(db.catalog).map((p) => `${p.schema}.${p.name}`); // ['sys.GetOAuthAuthorizationURL', ..., 'Erp.BO.CustomerSvc.GetByID']
 * ```
 */
export function listProcedures(catalog: Catalog): ProcedureListing[] {
  const own = PROCEDURES.map((p) => ({
    schema: 'sys', name: p.name, description: p.description, readOnly: p.readOnly ?? true,
    parameters: p.parameters.map((x) => ({ name: x.name, dataType: SQL_TYPE[x.type], required: x.required, description: x.description })),
    columns: p.columns.map((c) => ({ name: c.name, dataType: /int/i.test(c.type) ? 'int' : 'string', required: false, description: `Result column ${c.name}.` })),
  }));
  const methods = methodProcedures(catalog).map(({ service, method, definition }) => ({
    schema: service.service, name: method.name, description: definition.description, readOnly: method.readOnly,
    parameters: definition.parameters.map((x) => ({ name: x.name, dataType: SQL_TYPE[x.type], required: x.required, description: x.description })),
    columns: [],
  }));
  return [...own, ...methods];
}

// For a message only: a connection still waiting for its OAuth token has no catalog yet.
function configuredServices(context: ProcedureContext): string {
  try {
    return context.catalog?.().services.map((s) => s.service).join(', ') ?? 'none';
  } catch {
    return context.config.services.join(', ');
  }
}

function byPosition(procedure: ProcedureDefinition, index: number): ParameterDefinition {
  const param = procedure.parameters[index];
  if (!param) fail(procedure, procedure.name, `takes ${procedure.parameters.length} parameter(s) (${names(procedure)}), got an argument at position ${index + 1}`);
  return param;
}

function byName(procedure: ProcedureDefinition, key: string): ParameterDefinition {
  const wanted = key.replace(/^@/, '').toLowerCase();
  const param = procedure.parameters.find((p) => p.name.toLowerCase() === wanted);
  if (!param) fail(procedure, key.replace(/^@/, ''), `has no parameter ${key.replace(/^@/, '')}: its parameters are ${names(procedure)}`);
  return param;
}

function checked(procedure: ProcedureDefinition, param: ParameterDefinition, value: unknown): string | number | boolean | object {
  if (param.type === 'string') {
    if (typeof value !== 'string') fail(procedure, param.name, `${param.name} must be a string ('...'), not a ${typeof value}`);
    if (param.values) {
      const match = param.values.find((v) => v.toLowerCase() === value.trim().toLowerCase());
      if (match === undefined) fail(procedure, param.name, `${param.name} must be one of ${param.values.join(', ')}`);
      return match;
    }
    return value;
  }
  if (param.type === 'int') {
    if (typeof value !== 'number' || !Number.isInteger(value)) fail(procedure, param.name, `${param.name} must be an integer`);
    return value;
  }
  if (param.type === 'decimal') {
    if (typeof value !== 'number' || !Number.isFinite(value)) fail(procedure, param.name, `${param.name} must be a number`);
    return value;
  }
  if (param.type === 'datetime') {
    if (value instanceof Date && !Number.isNaN(value.getTime())) return value.toISOString();
    if (typeof value !== 'string' || Number.isNaN(Date.parse(value))) fail(procedure, param.name, `${param.name} must be a date ('2025-01-31' or '2025-01-31T10:00:00Z')`);
    return value;
  }
  if (param.type === 'json') return jsonValue(procedure, param, value);
  if (typeof value !== 'boolean') fail(procedure, param.name, `${param.name} must be true or false`);
  return value;
}

/** A structured value: an object or array, or a string holding one as JSON (the only way EXEC can write it). */
function jsonValue(procedure: ProcedureDefinition, param: ParameterDefinition, value: unknown): object {
  let parsed = value;
  if (typeof value === 'string') {
    try {
      parsed = JSON.parse(value);
    } catch {
      fail(procedure, param.name, `${param.name} must be a JSON object or array ('{"Customer": []}'), and the text given is not JSON`);
    }
  }
  if (typeof parsed !== 'object' || parsed === null) fail(procedure, param.name, `${param.name} must be a JSON object or array ('{"Customer": []}')`);
  return parsed;
}

function names(procedure: ProcedureDefinition): string {
  return procedure.parameters.map((p) => p.name).join(', ');
}

function fail(procedure: ProcedureDefinition, name: string, what: string): never {
  throw new KineticProcedureError('EPROCEDURE', `${procedure.name}: ${what}.`, { name });
}
