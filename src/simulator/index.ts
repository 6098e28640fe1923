/**
 * The Epicor Kinetic REST API simulator (`epicor-kinetic-sql/simulator`): v1 and v2 OData routes over a
 * seeded in-memory SQLite database, with Epicor's authentication, errors, BAQs, custom methods, page
 * cap, paging misbehaviour, latency, faults and request statistics. Loopback only by default.
 *
 * Behaviour worth knowing (decisions where Epicor's is unknown or varies):
 * - Responses are always JSON (or EDMX XML for `$metadata`), whatever `Accept` says; a real v1 server
 *   may answer Atom XML when `Accept: application/json` is missing.
 * - BAQ parameter names and BAQ ids match without case; `$` options, entity set and method names are
 *   case-sensitive; service names, the instance and company ids are not.
 * - `+` in a query string is a space (form encoding): encode a literal plus as `%2B`.
 * - Errors carry Epicor's body `{HttpStatus, ReasonPhrase, ErrorMessage, ErrorType, ErrorDetails,
 *   CorrelationId}`; an unexpected exception is a 500 and the server keeps serving.
 * - GetList/GetRows take `pageSize` (0 = all) and `absolutePage` (0 and 1 both mean the first page) and
 *   a tiny `whereClause`: `Column op literal` terms joined by AND. GetNewCustomer and Update answer
 *   `{parameters: {ds}}` (they return nothing, as in Epicor).
 */
import type Database from 'better-sqlite3';
import type { SimColumn, SimModel } from './model/types.ts';
import { buildModel } from './model/index.ts';
import { createDatabase } from './seed/index.ts';
import type { AzureAdOptions } from './auth/azure-ad.ts';
import { createAzureAdVerifier } from './auth/azure-ad.ts';
import type { SimUser } from './auth/auth-config.ts';
import { createEpicorTokens } from './auth/epicor-tokens.ts';
import { FaultPicker } from './faults/fault-picker.ts';
import type { FaultRule } from './faults/fault-rule.ts';
import { addColumn } from './server/add-column.ts';
import { buildConnectionString, type ConnectionProperties } from './server/connection-string.ts';
import type { ServerState } from './server/context.ts';
import { createSimServer } from './server/create-server.ts';
import { IIS_DEFAULTS } from './server/iis-limits.ts';
import type { PagingBehaviour } from './server/paging-behaviour.ts';
import { StatsRecorder, type SimStats } from './server/stats.ts';

export type { SimColumn, SimModel, SimUser, AzureAdOptions, FaultRule, SimStats, ConnectionProperties };
export type { FaultKind } from './faults/fault-rule.ts';
export type { PagingBehaviour } from './server/paging-behaviour.ts';
export type { PathStats, RejectionCounts } from './server/stats.ts';

/** The simulator's default user password: a fixed, documented, simulator-only credential (not a secret). */
export const SIM_PASSWORD = 'sim-password';
/** The simulator's default API key: fixed and simulator-only. */
export const SIM_API_KEY = 'sim-api-key';

export interface SimulatorOptions {
  /** Port to listen on; 0 (default) picks a free one. */
  readonly port?: number;
  /** Default 127.0.0.1. */
  readonly host?: string;
  /** Seed of the deterministic data (default 1). */
  readonly seed?: number;
  /** Customers in total, about 80% in the first company; orders and lines scale with it (default 500). */
  readonly customers?: number;
  /** Server page cap: at most this many rows per response, with a next link when more match. */
  readonly pageCap?: number;
  /** Ways collections break paging (next links back or elsewhere, ignored `$skip`, silent caps...); none by default. */
  readonly paging?: PagingBehaviour;
  /** Delay added to every response. */
  readonly latencyMs?: number;
  readonly faults?: readonly FaultRule[];
  /** ERPInstance path segment (default `KineticSim`). */
  readonly instance?: string;
  /** Accepted users (default one: `manager` / {@link SIM_PASSWORD}). The first is the one advertised. */
  readonly users?: readonly SimUser[];
  /** Accepted API keys (default one: {@link SIM_API_KEY}). */
  readonly apiKeys?: readonly string[];
  /** Lifetime of TokenResource tokens (default 1800); 0 or less issues already expired tokens. */
  readonly tokenLifetimeSeconds?: number;
  /** Accept Azure AD bearer JWTs checked against the provider's keys. */
  readonly azureAd?: AzureAdOptions;
  /** Require x-api-key on v1 too (default false: checked only when sent). */
  readonly requireApiKeyOnV1?: boolean;
  /**
   * IIS's `maxQueryString`: a longer query string (bytes after `?`, as sent) is a 404 with IIS's HTML
   * page (404.15), before authentication. Default 2048, IIS's default; 0 or Infinity for no limit.
   */
  readonly maxQueryString?: number;
  /** IIS's `maxUrl`: the same for the URL path, without the query string (404.14). Default 4096; 0 or Infinity for none. */
  readonly maxUrlLength?: number;
}

export interface Simulator extends AsyncDisposable {
  /** `http://127.0.0.1:<port>` (no instance in it). */
  readonly url: string;
  readonly instance: string;
  /** The default company (the first of the model). */
  readonly company: string;
  readonly user: string;
  readonly password: string;
  readonly apiKey: string;
  /** The database behind the simulator: read it to compare with answers, do not write to it. */
  readonly db: Database.Database;
  /** The current model (changes with {@link Simulator.addColumn}). */
  readonly model: SimModel;
  /** A ready `Name=Value;` connection string for v1 CustomerSvc, with overrides applied. */
  connectionString(overrides?: ConnectionProperties): string;
  /** Requests and bytes served, per path, with the decoded query strings. */
  stats(): SimStats;
  resetStats(): void;
  /** Replaces the fault rules (and resets their counters). */
  setFaults(rules: readonly FaultRule[]): void;
  /** Replaces how collections break paging (`{}` for honest paging). */
  setPaging(behaviour: PagingBehaviour): void;
  /** Adds a column to an entity set (the table and `$metadata`), to test metadata refresh. */
  addColumn(service: string, set: string, column: SimColumn): void;
  close(): Promise<void>;
}

/**
 * Starts the simulator on loopback and resolves once it listens.
 *
 * @example
 * ```ts
 * import { startSimulator } from 'epicor-kinetic-sql/simulator';
 * const sim = await startSimulator({ port: 0, seed: 1, customers: 500 });
 * const cs = sim.connectionString({ Service: 'Erp.BO.CustomerSvc', ApiVersion: 'v2' });
 * console.log(sim.url, sim.stats().requests);
 * await sim.close();
 * ```
 */
export async function startSimulator(options: SimulatorOptions = {}): Promise<Simulator> {
  const model = buildModel();
  const { db } = createDatabase(model, { seed: options.seed ?? 1, customers: options.customers ?? 500 });
  const users = options.users ?? [{ user: 'manager', password: SIM_PASSWORD }];
  const apiKeys = options.apiKeys ?? [SIM_API_KEY];
  const faults = new FaultPicker();
  faults.setRules(options.faults ?? []);
  const state: ServerState = {
    model,
    db,
    instance: options.instance ?? 'KineticSim',
    pageCap: options.pageCap,
    paging: options.paging ?? {},
    latencyMs: options.latencyMs ?? 0,
    iisLimits: {
      maxQueryString: limit(options.maxQueryString, 'maxQueryString', IIS_DEFAULTS.maxQueryString),
      maxUrlLength: limit(options.maxUrlLength, 'maxUrlLength', IIS_DEFAULTS.maxUrlLength),
    },
    auth: {
      users,
      apiKeys,
      requireApiKeyOnV1: options.requireApiKeyOnV1 ?? false,
      tokens: createEpicorTokens(options.tokenLifetimeSeconds ?? 1800),
      ...(options.azureAd ? { azureAd: createAzureAdVerifier(options.azureAd) } : {}),
    },
    stats: new StatsRecorder(),
    faults,
  };
  const sim = createSimServer(state);
  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    sim.server.once('error', reject);
    sim.server.listen(options.port ?? 0, host, () => resolve());
  });
  const address = sim.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
  return facade(state, sim.close, url, users[0] ?? { user: '', password: '' }, apiKeys[0] ?? '');
}

/** A length limit: the default when not given, Infinity for 0 or Infinity. */
function limit(value: number | undefined, name: string, fallback: number): number {
  if (value === undefined) return fallback;
  if (value === 0 || value === Infinity) return Infinity;
  if (!Number.isInteger(value) || value < 0) throw new RangeError(`${name} must be a non-negative integer (0 or Infinity for no limit), not ${value}.`);
  return value;
}

function facade(state: ServerState, close: () => Promise<void>, url: string, user: SimUser, apiKey: string): Simulator {
  let closed: Promise<void> | undefined;
  const company = state.model.companies[0] ?? '';
  const shut = (): Promise<void> => (closed ??= close().then(() => {
    state.db.close();
  }));
  return {
    url,
    instance: state.instance,
    company,
    user: user.user,
    password: user.password,
    apiKey,
    db: state.db,
    get model() {
      return state.model;
    },
    connectionString: (overrides = {}) =>
      buildConnectionString(
        { URL: url, ERPInstance: state.instance, Company: company, User: user.user, Password: user.password, ApiKey: apiKey, ApiVersion: 'v1', Service: 'Erp.BO.CustomerSvc' },
        overrides,
      ),
    stats: () => state.stats.snapshot(),
    resetStats: () => state.stats.reset(),
    setFaults: (rules) => state.faults.setRules(rules),
    setPaging: (behaviour) => {
      state.paging = behaviour;
    },
    addColumn: (service, set, column) => {
      state.model = addColumn(state.db, state.model, service, set, column);
    },
    close: shut,
    [Symbol.asyncDispose]: shut,
  };
}
