import type { RequestContext } from './context.ts';
import { jsonObjectBody } from './json-body.ts';
import { quoteIdent } from './sql-where.ts';
import { jsonResponse, type SimResponse } from './response.ts';
import { SimHttpError } from './sim-http-error.ts';

type EfxFunction = (ctx: RequestContext, input: Readonly<Record<string, unknown>>) => Record<string, unknown>;

/** An Epicor Function failing on its input: Epicor answers 400 with its error body. */
function badInput(message: string, field: string): SimHttpError {
  return new SimHttpError(400, message, { errorType: 'Ice.Common.BusinessObjectException', details: [{ Message: message, Type: 'Error', Field: field }] });
}

function numberArg(input: Readonly<Record<string, unknown>>, name: string): number {
  const v = input[name];
  if (typeof v !== 'number' || !Number.isFinite(v)) throw badInput(`The input parameter ${name} must be a number.`, name);
  return v;
}

/** SimTools.AddNumbers `{a, b}` -> `{sum, product}`: computes from its inputs; a non-number is a 400. */
const addNumbers: EfxFunction = (_ctx, input) => {
  const a = numberArg(input, 'a');
  const b = numberArg(input, 'b');
  return { sum: a + b, product: a * b };
};

/** SimTools.CustomerCount `{state?}` -> `{count, company}`: reads the customers of the URL's company. */
const customerCount: EfxFunction = (ctx, input) => {
  const state = input['state'];
  if (state !== undefined && state !== null && typeof state !== 'string') throw badInput('The input parameter state must be a string.', 'state');
  const set = ctx.state.model.services.flatMap((s) => s.entitySets).find((s) => s.name === 'Customers');
  if (!set) throw new SimHttpError(500, 'The simulator has no Customers table.');
  const where = typeof state === 'string' ? ' AND "State" = @state' : '';
  const row = ctx.state.db.prepare(`SELECT COUNT(*) AS n FROM ${quoteIdent(set.table)} WHERE "Company" = @company${where}`).get({ company: ctx.company, ...(typeof state === 'string' ? { state } : {}) }) as { n: number };
  return { count: row.n, company: ctx.company };
};

/** SimDraft.Echo `{...}` -> the same object: a library that is not published, served on the staging URL only. */
const echo: EfxFunction = (_ctx, input) => ({ ...input, staged: true });

interface Library {
  readonly functions: Readonly<Record<string, EfxFunction>>;
  /** Not published: only `/api/v2/efx/staging/...` serves it. */
  readonly stagingOnly: boolean;
}

/** The function libraries the simulator serves (names are case-sensitive, as Epicor's are assumed to be). */
const LIBRARIES: Readonly<Record<string, Library>> = {
  SimTools: { stagingOnly: false, functions: { AddNumbers: addNumbers, CustomerCount: customerCount } },
  SimDraft: { stagingOnly: true, functions: { Echo: echo } },
};

/**
 * `POST /api/v2/efx/[staging/]{Company}/{Library}/{Function}` with a JSON object of input parameters:
 * answers the output parameters as a JSON object. An unknown library or function is a 404 (a staging-only
 * library too, outside the staging URL); a bad input a 400 with Epicor's error body.
 */
export function callEfx(ctx: RequestContext, staging: boolean, library: string, fn: string): SimResponse {
  if (ctx.method !== 'POST') throw new SimHttpError(405, 'Epicor Functions accept POST only.', { headers: { allow: 'POST' } });
  const lib = LIBRARIES[library];
  if (!lib || (lib.stagingOnly && !staging)) throw new SimHttpError(404, `No published function library ${library.slice(0, 80)}${lib ? ' (it is in staging: call it through /api/v2/efx/staging/...)' : ''}.`);
  const run = lib.functions[fn];
  if (!run) throw new SimHttpError(404, `Library ${library} has no function ${fn.slice(0, 80)}.`);
  const input = ctx.body.length > 0 ? jsonObjectBody(ctx.body) : {};
  return jsonResponse(200, run(ctx, input));
}
