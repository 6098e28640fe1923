import type { SimEntitySet, SimService } from '../model/types.ts';
import { runQuery } from '../odata/index.ts';
import type { ExpandTarget, QueryOptions, QueryResult, QuerySource } from '../odata/types.ts';
import type { RequestContext } from './context.ts';
import { quoteIdent, type SqlCondition } from './sql-where.ts';

/** The source of an entity set: its table, limited to the request's company, plus an extra condition. */
export function setSource(ctx: RequestContext, set: SimEntitySet, extra: SqlCondition | undefined): QuerySource {
  const hasCompany = set.columns.some((c) => c.name === 'Company');
  const where = [...(hasCompany ? ['"Company" = @company'] : []), ...(extra ? [extra.sql] : [])];
  return {
    from: quoteIdent(set.table),
    params: { ...(hasCompany ? { company: ctx.company } : {}), ...extra?.params },
    columns: set.columns,
    keys: set.keys,
    where,
  };
}

function expandResolver(ctx: RequestContext, service: SimService, set: SimEntitySet) {
  return (navName: string): ExpandTarget | undefined => {
    const nav = set.navigation.find((n) => n.name === navName);
    const target = nav && service.entitySets.find((s) => s.name === nav.target);
    if (!nav || !target) return undefined;
    return { source: setSource(ctx, target, undefined), fromColumns: nav.fromColumns, toColumns: nav.toColumns, many: nav.many };
  };
}

/**
 * Runs OData options over a source (sim-odata's runQuery) with the request's protocol version, the page
 * cap and, for an entity set, `$expand` over its navigation properties.
 */
export function runRows(
  ctx: RequestContext,
  service: SimService | undefined,
  source: QuerySource,
  options: QueryOptions,
  set: SimEntitySet | undefined,
  cap: number | undefined,
): QueryResult {
  const expand = service && set ? expandResolver(ctx, service, set) : undefined;
  return runQuery(ctx.state.db, source, options, { version: ctx.version, maxRows: cap, expand });
}
