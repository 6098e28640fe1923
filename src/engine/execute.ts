import type { Config } from '../config/types.ts';
import { assertNever } from '../errors.ts';
import { requestUrl } from '../epicor/routes.ts';
import type { PlanNode, QueryPlan, ResultColumn } from '../plan/types.ts';
import { scanPaging } from './key-paging.ts';
import { runLocal } from './local.ts';
import { COUNT_WINDOW, firstWindow, remoteCount, remoteScan, type ExecContext } from './remote.ts';

export type { ExecContext } from './remote.ts';

/** The dry run of a statement: what would be sent, without fetching any data. */
export interface Explain {
  /**
   * First request of each table the statement reads (the first page for paged scans); for a write, then
   * the writes it would send (`{Key}` placeholders stand for the keys found).
   */
  readonly requests: readonly { readonly method: 'GET' | 'POST' | 'PATCH' | 'DELETE'; readonly url: string }[];
  /** The statement run locally on SQLite, or null when everything is pushed down. */
  readonly local: string | null;
  /** A readable summary of the plan. */
  readonly text: string;
  /** The columns the statement returns (as `columns` of its result), known before any row is read. */
  readonly columns: readonly ResultColumn[];
}

/**
 * Runs a plan: the rows of its root, page by page, as positional rows in the order of `plan.columns`.
 * The one executor: the connection does not look at node kinds.
 *
 * @example
 * ```ts
 * for await (const page of executePlan(plan, { client, config })) console.log(page.length);
 * ```
 */
export function executePlan(plan: QueryPlan, ctx: ExecContext): AsyncGenerator<unknown[][]> {
  return run(plan.root, ctx);
}

function run(node: PlanNode, ctx: ExecContext): AsyncGenerator<unknown[][]> {
  switch (node.kind) {
    case 'remoteScan': return remoteScan(node, ctx);
    case 'remoteCount': return remoteCount(node, ctx);
    case 'local': return runLocal(node, ctx);
    default: return assertNever(node, 'plan node');
  }
}

/**
 * Walks a plan without running it: the first URL of each request, and the statement run locally on
 * SQLite (null when everything is pushed down).
 *
 * @example
 * ```ts
 * explainPlan(plan, config).requests[0].url; // …/Customers?$select=Name&$filter=State%20eq%20'MN'&$orderby=Company,CustNum&$top=1000&$skip=0
 * ```
 */
export function explainPlan(plan: QueryPlan, config: Config): Explain {
  const requests: { method: 'GET'; url: string }[] = [];
  const lines: string[] = [];
  const visit = (node: PlanNode, depth: number): void => {
    const pad = '  '.repeat(depth);
    switch (node.kind) {
      case 'remoteScan': {
        const paging = scanPaging(node, config);
        const url = requestUrl(config, paging.request, firstWindow(node, config));
        requests.push({ method: 'GET', url });
        const by = paging.mode === 'key' ? `the key (each page filtered after the last ${paging.orderby.map((o) => o.column).join(',')} read)` : `$top/$skip${node.orderedByKey ? ', ordered by key' : ''}`;
        lines.push(`${pad}Remote: rows of ${node.request.service}/${node.request.entitySet}`, `${pad}  GET ${url}`, `${pad}  paged by ${by}`);
        return;
      }
      case 'remoteCount': {
        const url = requestUrl(config, node.request, COUNT_WINDOW);
        requests.push({ method: 'GET', url });
        lines.push(`${pad}Remote: count of ${node.request.service}/${node.request.entitySet}`, `${pad}  GET ${url}`);
        return;
      }
      case 'local': {
        for (const input of node.inputs) {
          const by = input.semiJoin ? `, read by the ${input.semiJoin.fromColumn} values of ${input.semiJoin.from} (${input.semiJoin.column} eq … or …, in batches under MaxUrlLength)` : '';
          const split = input.scans.length > 1 ? ` (${input.scans.length} requests: a long IN list split under MaxUrlLength)` : '';
          if (input.system) {
            lines.push(`${pad}Input ${input.name}: the system table ${input.system.table}, from the connection's metadata and settings (no request)`);
            continue;
          }
          lines.push(`${pad}Input ${input.name}${by}${split}:`);
          for (const scan of input.scans) visit(scan, depth + 1);
        }
        local = node.sql;
        return;
      }
      default: assertNever(node, 'plan node');
    }
  };
  let local: string | null = null;
  visit(plan.root, 0);
  lines.push(local === null ? 'Local: none' : `Local (SQLite): ${local}`);
  return { requests, local, text: lines.join('\n'), columns: plan.columns };
}
