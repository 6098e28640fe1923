import { CAPABILITIES, type FunctionCapability, type UnsupportedFunction } from '../plan/capabilities.ts';
import { SQLSERVER_AGGREGATES, SQLSERVER_FUNCTIONS, type SqlServerFunctionSpec } from './sqlite/functions.ts';

const INTRO = `# SQL: what is sent to Epicor, what runs locally

<!-- Generated from src/plan/capabilities.ts and src/engine/sqlite/functions.ts by \`node --import tsx scripts/gen-sql-doc.ts\`. Do not edit by hand. -->

A SELECT is planned per table: what Epicor's OData can do is sent to Epicor in the table's request
(\`$select\`, \`$filter\`, \`$orderby\`, \`$top\`, \`$skip\`, \`$count\`); the rest runs in the client, on an
in-memory SQLite database holding the rows fetched, with SQL Server's functions and collation. A clause
is never dropped silently: it is sent, run locally, or refused with \`ESQL_UNSUPPORTED\` naming it.
\`db.explain(sql)\` (or \`kinetic-sql query --explain\`) shows the requests and the local statement of a
query without fetching data. How the local engine works and what still differs from SQL Server:
[local-engine.md](local-engine.md).

## Sent to Epicor

- The select list: only the referenced columns are requested (\`$select\`); aliases; \`*\`.
- \`WHERE\` conditions on one table, written with the operators and functions below, joined by \`AND\`,
  \`OR\`, \`NOT\`: comparisons, \`IN\`/\`NOT IN\` lists, \`BETWEEN\`, \`IS [NOT] NULL\`, and \`LIKE 'x%'\`,
  \`'%x'\`, \`'%x%'\` (\`startswith\`, \`endswith\`, and the version's contains form). Nullable columns get
  \`ne null\` guards so that NULL follows SQL's rules. A BAQ's parameters (\`WHERE zipCode = ?\`) become
  its query-string parameters.
- \`ORDER BY\`, \`TOP\`, \`LIMIT\`/\`OFFSET\`, \`OFFSET ... FETCH\`, when nothing that can drop or reorder rows
  stays local; \`SELECT COUNT(*) FROM t [WHERE ...]\` is a count request.
- For joins, each table's own conditions (and the other side's join keys, read first: a semi-join).

## Run locally

Joins of every kind (across services too), \`GROUP BY\`, \`HAVING\`, the aggregates (\`COUNT\`,
\`COUNT_BIG\`, \`SUM\`, \`AVG\`, \`MIN\`, \`MAX\`, \`STDEV\`, \`STDEVP\`, \`VAR\`, \`VARP\`, ${Object.keys(SQLSERVER_AGGREGATES).map((n) => `\`${n}\``).join(', ')}),
\`DISTINCT\`, \`UNION\`/\`INTERSECT\`/\`EXCEPT\`, subqueries, common table expressions, \`CASE\`,
\`CAST\`/\`CONVERT\`/\`TRY_CAST\`/\`TRY_CONVERT\`, arithmetic and string \`+\`, \`LIKE\` with \`_\`, \`[a-c]\` or
\`ESCAPE\`, window functions (\`ROW_NUMBER\`, \`RANK\`, \`DENSE_RANK\`, \`NTILE\`, \`LAG\`, \`LEAD\`,
\`FIRST_VALUE\`, \`LAST_VALUE\` and the aggregates with \`OVER\`), and every function of the table below
used where OData cannot take it (in the select list, in a join condition, or on an argument OData cannot
express). Text compares, groups and sorts as Epicor's SQL Server does (case-insensitive,
accent-sensitive, trailing spaces ignored in \`=\`).
`;

const cell = (text: string): string => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');

function arity(spec: SqlServerFunctionSpec): string {
  if (!Number.isFinite(spec.maxArgs)) return `${spec.minArgs} or more`;
  return spec.minArgs === spec.maxArgs ? String(spec.minArgs) : `${spec.minArgs} to ${spec.maxArgs}`;
}

function pushed(capability: FunctionCapability | UnsupportedFunction | undefined): string {
  if (capability === undefined) return 'no';
  if ('unsupported' in capability) return `no: ${capability.unsupported}`;
  const args = capability.args.map((a, i) => (i === capability.zeroBasedArg ? `${a} (less one: OData counts from 0)` : a)).join(', ');
  return `\`${capability.odata}\`(${args})`;
}

function operators(): string {
  return (['v1', 'v2'] as const)
    .map((v) => {
      const c = CAPABILITIES[v];
      const contains = c.contains === 'contains' ? '`contains(Name,\'x\')`' : "`substringof('x',Name) eq true`";
      return `| ${v} | ${c.operators.map((o) => `\`${o}\``).join(' ')} | ${contains} | \`$${c.count}\` |`;
    })
    .join('\n');
}

/**
 * The text of docs/sql.md: what is sent to Epicor and what runs locally, with the function table
 * generated from the capability table (CAPABILITIES) and the local engine's SQL Server functions.
 *
 * @example
 * ```ts
 * writeFileSync('docs/sql.md', renderSqlMarkdown());
 * ```
 */
export function renderSqlMarkdown(): string {
  const names = [...new Set([...Object.keys(SQLSERVER_FUNCTIONS), ...Object.keys(CAPABILITIES.v1.functions), ...Object.keys(CAPABILITIES.v2.functions)])].sort();
  const rows = names.map((name) => {
    const local = SQLSERVER_FUNCTIONS[name];
    const v1 = pushed(CAPABILITIES.v1.functions[name]);
    const v2 = pushed(CAPABILITIES.v2.functions[name]);
    const sent = v1 === v2 ? v1 : `v1: ${v1}; v2: ${v2}`;
    return `| \`${name}\` | ${cell(sent)} | ${local ? 'yes' : 'no'} | ${local ? arity(local) : ''} |`;
  });
  return [
    INTRO,
    '## Operators by API version',
    '',
    'ApiVersion v1 speaks OData v3, v2 OData v4.',
    '',
    '| ApiVersion | `$filter` operators | `LIKE \'%x%\'` | count |',
    '|---|---|---|---|',
    operators(),
    '',
    '## Functions',
    '',
    'A function is sent to Epicor inside `$filter` when the version can write it and its arguments are of',
    'the kind shown (a column, literal or parameter of that type); otherwise the condition runs locally.',
    'A function that is neither sent nor run locally is refused with `ESQL_UNSUPPORTED`.',
    '',
    '| Function | Sent to Epicor in `$filter` | Runs locally | Arguments |',
    '|---|---|---|---|',
    ...rows,
    '',
  ].join('\n');
}
