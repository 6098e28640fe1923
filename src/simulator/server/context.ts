import type { IncomingHttpHeaders } from 'node:http';
import type Database from 'better-sqlite3';
import type { SimModel } from '../model/types.ts';
import type { AuthConfig } from '../auth/auth-config.ts';
import type { FaultPicker } from '../faults/fault-picker.ts';
import type { IisLimits } from './iis-limits.ts';
import type { PagingBehaviour } from './paging-behaviour.ts';
import type { StatsRecorder } from './stats.ts';
import type { QueryPair } from './query-string.ts';

export type ApiVersion = 'v1' | 'v2';

/** The simulator's state shared by all requests (the model changes with `sim.addColumn`). */
export interface ServerState {
  model: SimModel;
  readonly db: Database.Database;
  readonly instance: string;
  readonly pageCap: number | undefined;
  /** How collections break paging, for tests of the driver's guards (changes with `sim.setPaging`). */
  paging: PagingBehaviour;
  readonly latencyMs: number;
  /** IIS's request limits, checked before anything else. */
  readonly iisLimits: IisLimits;
  readonly auth: AuthConfig;
  readonly stats: StatsRecorder;
  readonly faults: FaultPicker;
}

/** One authenticated API request, with its company resolved. */
export interface RequestContext {
  readonly state: ServerState;
  readonly version: ApiVersion;
  readonly company: string;
  readonly user: string;
  readonly method: string;
  readonly headers: IncomingHttpHeaders;
  /** `http://host:port` as the client addressed the server. */
  readonly origin: string;
  readonly pathname: string;
  /** The raw query string (without `?`), for next links. */
  readonly search: string;
  /** The query pairs, without v1's `Company` pair. */
  readonly query: readonly QueryPair[];
  readonly body: Buffer;
  /** `<origin>/<instance>/api/v1` or `<origin>/<instance>/api/v2/odata/<Company>`. */
  readonly apiRoot: string;
}
