import type { Catalog } from '../metadata/catalog.ts';
import type { ExecStatementIr } from '../sql/ir/exec.ts';
import { MAX_EXPRESSION_DEPTH } from '../sql/ir/convert-context.ts';
import { parseSql } from '../sql/parse.ts';
import { unsupported } from '../sql/unsupported.ts';
import { bindParams } from './params.ts';
import type { BoundParams } from './params.ts';
import { planQuery } from './plan-query.ts';
import { planWrite } from './plan-write.ts';
import { DEFAULT_BUDGET } from './url-budget.ts';
import type { CompileOptions, ExecStatement, Params, Statement } from './types.ts';

/**
 * Compiles one SQL statement against a catalog: a query becomes a plan tree (src/plan/types.ts), a write
 * (INSERT, UPDATE, DELETE) a write plan with its key-finding or source query planned the same way, an
 * EXEC becomes a procedure call with bound arguments, `REFRESH METADATA` passes through. Parsing is
 * cached by SQL text; binding and planning are pure and cheap. Errors are KineticError with codes
 * ESQL_SYNTAX (with line and column), ESQL_UNSUPPORTED, ENO_TABLE, ENO_COLUMN and EPARAM.
 *
 * @example
 * ```ts
 * const s = compile('SELECT CustID, Name FROM Customers WHERE State = ?', ['CA'], catalog, { apiVersion: 'v2' });
 * // s.kind === 'query'; s.plan.root.kind === 'remoteScan'; explainPlan(s.plan, config).requests[0].url:
 * // …/Customers?$select=CustID,Name&$filter=State%20eq%20'CA'&$orderby=Company,CustNum&$top=1000&$skip=0
 * ```
 */
export function compile(sql: string, params: Params | undefined, catalog: Catalog, options: CompileOptions): Statement {
  try {
    return compileStatement(sql, params, catalog, options);
  } catch (err) {
    // The parser and the IR conversion stop deep nesting first (MAX_EXPRESSION_DEPTH); should a pass of the
    // planner still run out of stack, the caller gets a typed error rather than a RangeError.
    if (err instanceof RangeError && /call stack/i.test(err.message)) {
      throw unsupported('A statement nested this deeply', `planning it ran out of stack; keep expressions under ${MAX_EXPRESSION_DEPTH} levels of nesting`, err);
    }
    throw err;
  }
}

function compileStatement(sql: string, params: Params | undefined, catalog: Catalog, options: CompileOptions): Statement {
  const parsed = parseSql(sql);
  const bound = bindParams(parsed.params, params);
  const s = parsed.statement;
  const budget = { maxUrlLength: options.maxUrlLength ?? DEFAULT_BUDGET.maxUrlLength, pagesize: options.pagesize ?? DEFAULT_BUDGET.pagesize };
  switch (s.kind) {
    case 'select': case 'setOp': return { kind: 'query', plan: planQuery(s, bound, catalog, options.apiVersion, budget) };
    case 'insert': case 'update': case 'delete': return { kind: 'write', plan: planWrite(s, bound, catalog, options.apiVersion, budget) };
    case 'exec': return execStatement(s, bound);
    case 'refreshMetadata': return s.service === undefined ? { kind: 'refreshMetadata' } : { kind: 'refreshMetadata', service: s.service };
  }
}

function execStatement(s: ExecStatementIr, bound: BoundParams): ExecStatement {
  const args = s.args.map((a) => {
    const value = a.value.kind === 'literal' ? a.value.value : bound.value(a.value);
    return a.name === undefined ? { value } : { name: a.name, value };
  });
  return { kind: 'exec', procedure: s.procedure, args };
}
