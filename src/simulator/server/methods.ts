import type { SimService } from '../model/types.ts';
import type { RequestContext } from './context.ts';
import { getByID, getNewCustomer, listCustomers, updateCustomers, type MethodArgs } from './customer-methods.ts';
import { jsonObjectBody } from './json-body.ts';
import type { SimResponse } from './response.ts';
import { SimHttpError } from './sim-http-error.ts';

type MethodImpl = (ctx: RequestContext, service: SimService, args: MethodArgs) => SimResponse;

interface MethodEntry {
  readonly run: MethodImpl;
  /** Read-only methods also accept GET with query-string parameters. */
  readonly get: boolean;
}

/** The custom methods the simulator implements, per service. */
const METHODS: Readonly<Record<string, Readonly<Record<string, MethodEntry>>>> = {
  'Erp.BO.CustomerSvc': {
    GetByID: { run: getByID, get: true },
    GetList: { run: (c, s, a) => listCustomers(c, s, a, false), get: true },
    GetRows: { run: (c, s, a) => listCustomers(c, s, a, true), get: true },
    GetNewCustomer: { run: getNewCustomer, get: false },
    Update: { run: updateCustomers, get: false },
  },
};

/** True when `name` is a custom method of the service (advertised or implemented). */
export function isMethod(service: SimService, name: string): boolean {
  return service.methods.includes(name) || METHODS[service.name]?.[name] !== undefined;
}

function methodArgs(ctx: RequestContext): MethodArgs {
  const entries: [string, unknown][] = [];
  if (ctx.method === 'GET') for (const p of ctx.query) entries.push([p.name.toLowerCase(), p.value]);
  else if (ctx.body.length > 0) for (const [k, v] of Object.entries(jsonObjectBody(ctx.body))) entries.push([k.toLowerCase(), v]);
  return new Map(entries);
}

/**
 * `POST /{Service}/{Method}` (and GET for GetByID, GetList, GetRows): answers `{returnObj, parameters}`.
 * Advertised methods the simulator lacks answer 501 with Epicor's body.
 */
export function callMethod(ctx: RequestContext, service: SimService, name: string): SimResponse {
  const entry = METHODS[service.name]?.[name];
  if (!entry) throw new SimHttpError(501, `${service.name}/${name} is not implemented in the simulator.`);
  if (ctx.method !== 'POST' && !(ctx.method === 'GET' && entry.get)) {
    throw new SimHttpError(405, `${name} accepts ${entry.get ? 'GET or POST' : 'POST'} only.`, { headers: { allow: entry.get ? 'GET, POST' : 'POST' } });
  }
  return entry.run(ctx, service, methodArgs(ctx));
}
