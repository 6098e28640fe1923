import { efxUrl } from '../src/epicor/routes.ts';
import { KineticProcedureError, KineticSqlError } from '../src/errors.ts';
import type { ResultColumn } from '../src/plan/types.ts';
import type { ProcedureContext, ProcedureResult } from './types.ts';

/** An Epicor Function named by `efx.[Library].[Function]` (read as `efx.Library.Function`). */
export interface EfxName {
  readonly library: string;
  readonly fn: string;
}

/**
 * The library and function of an `efx.` procedure name; undefined for any other name. Library and
 * function names hold no dots, so `efx.Lib.Fn` and `efx.[Lib].[Fn]` are the same call.
 *
 * @example
 * ```ts
 * efxName('efx.SimTools.AddNumbers'); // { library: 'SimTools', fn: 'AddNumbers' }
 * ```
 */
export function efxName(name: string): EfxName | undefined {
  const parts = name.split('.').map((p) => p.trim());
  if (parts[0]?.toLowerCase() !== 'efx') return undefined;
  if (parts.length !== 3 || parts.some((p) => p === '')) {
    throw new KineticProcedureError('EPROCEDURE', `"${name}" is not an Epicor Function name: write efx.[Library].[Function].`, { name });
  }
  return { library: parts[1] as string, fn: parts[2] as string };
}

function typeOf(value: unknown): string {
  if (typeof value === 'boolean') return 'Edm.Boolean';
  if (typeof value === 'number') return Number.isInteger(value) ? 'Edm.Int32' : 'Edm.Decimal';
  if (typeof value === 'object' && value !== null) return 'json';
  return 'Edm.String';
}

/**
 * Calls an Epicor Function: POST `/api/v2/efx/{Company}/{Library}/{Function}` (the staging URL with
 * EfxStaging=true) with the named arguments as the JSON body, as given: a Function's parameters are not in
 * `$metadata`, so names and types are Epicor's to check (a bad one comes back as EHTTP with Epicor's
 * message). The JSON object answered (the output parameters) is one row. v1 has no Functions and
 * Readonly=true refuses them (nothing says whether a Function writes): both before any request.
 *
 * @example
 * ```ts
 * (await runFunction({ library: 'SimTools', fn: 'AddNumbers' }, { a: 2, b: 3 }, context)).rows; // [{ sum: 5 }]
 * ```
 */
export async function runFunction(target: EfxName, args: Readonly<Record<string, unknown>>, context: ProcedureContext): Promise<ProcedureResult> {
  const label = `efx.[${target.library}].[${target.fn}]`;
  if (context.config.apiVersion !== 'v2') {
    throw new KineticProcedureError('EPROCEDURE', `${label}: Epicor Functions exist on the v2 REST API only; connect with ApiVersion=v2 (with Company and ApiKey).`, { name: label });
  }
  if (context.config.readonly) {
    throw new KineticSqlError('EREADONLY', `${label}: the connection has Readonly=true, and an Epicor Function may write (nothing in Epicor's API says it does not); open a connection without Readonly to call it.`);
  }
  const body: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(args)) {
    if (/^\d+$/.test(key)) {
      throw new KineticProcedureError('EPROCEDURE', `${label} takes named arguments only (@name = value): a Function's parameters are not in $metadata, so a position names none.`, { name: label });
    }
    const name = key.replace(/^@/, '');
    if (Object.keys(body).some((k) => k.toLowerCase() === name.toLowerCase())) {
      throw new KineticProcedureError('EPROCEDURE', `${label}: ${name} is given twice.`, { name });
    }
    body[name] = value instanceof Date ? value.toISOString() : value;
  }
  if (!context.post) throw new KineticProcedureError('EPROCEDURE', `${label} needs a connection to Epicor: call it through connect().`, { name: label });
  context.log(`exec: ${label} ${Object.keys(body).join(', ')}`.trim(), 1);
  const answer = await context.post(efxUrl(context.config, target.library, target.fn, context.config.efxStaging === true), body);
  if (typeof answer !== 'object' || answer === null || Array.isArray(answer)) {
    return { rows: answer === null ? [] : [{ result: answer }], columns: answer === null ? [] : [{ name: 'result', type: typeOf(answer), nullable: true }], rowsAffected: -1 };
  }
  const row = answer as Record<string, unknown>;
  const columns: ResultColumn[] = Object.keys(row).map((name) => ({ name, type: typeOf(row[name]), nullable: true }));
  return { rows: [row], columns, rowsAffected: -1 };
}
