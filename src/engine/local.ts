import Database from 'better-sqlite3';
import { KineticSqlError } from '../errors.ts';
import type { Config } from '../config/types.ts';
import { encodeLiteral } from '../odata/literals.ts';
import type { LocalInput, LocalNode, LocalOutputColumn, LocalValueType, RemoteScanNode, SemiJoin } from '../plan/types.ts';
import { quoteName } from '../plan/local/render-context.ts';
import { keyBatches } from '../plan/url-budget.ts';
import type { ExecContext } from './remote.ts';
import { remoteScan } from './remote.ts';
import { systemRows } from './system/system-rows.ts';
import { foldText } from './sqlite/collation.ts';
import { localInstant, registerEngineFunctions } from './sqlite/engine-functions.ts';
import { LOCAL_LIMIT, registerSqlServerFunctions, SqlServerFunctionError, UNSUPPORTED } from './sqlite/functions.ts';

const PAGE = 1000;

/**
 * Runs local work: fetches every input (in parallel, each paged as a remote scan) into a per-query
 * in-memory SQLite database, runs the statement there, and streams its rows as positional pages. The
 * database is closed when the rows end, on an error, or when the caller stops reading.
 */
export async function* runLocal(node: LocalNode, ctx: ExecContext): AsyncGenerator<unknown[][]> {
  try {
    yield* run(node, ctx);
  } catch (err) {
    throw localError(err);
  }
}

/** SQL Server functions raise SQL Server's errors; SQLite's own errors mean the local statement failed. */
function localError(err: unknown): unknown {
  if (err instanceof SqlServerFunctionError) {
    if (err.number === UNSUPPORTED) return new KineticSqlError('ESQL_UNSUPPORTED', `${err.message} (the local engine does not run this yet).`, { cause: err });
    if (err.number === LOCAL_LIMIT) return new KineticSqlError('ELIMIT', err.message, { cause: err });
    return new KineticSqlError('ESQL_RUNTIME', `${err.message} (SQL Server error ${err.number}, raised while the statement ran in the client).`, { cause: err });
  }
  if (err instanceof Database.SqliteError) return new KineticSqlError('ESQL_RUNTIME', `The local engine could not run the statement: ${err.message}.`, { cause: err });
  return err;
}

async function* run(node: LocalNode, ctx: ExecContext): AsyncGenerator<unknown[][]> {
  const db = new Database(':memory:');
  try {
    const started = new Date();
    registerSqlServerFunctions(db, { now: () => started, scopeIdentity: () => ctx.identities?.last()?.identity ?? null });
    registerEngineFunctions(db);
    const budget = { left: ctx.config.maxLocalRows };
    // Inputs without a semi-join load at once, in parallel; the others wait for them (their keys).
    const independent = node.inputs.filter((i) => !i.semiJoin).map((input) => load(db, input, ctx, budget, []));
    const settled = independent.map((p) => p.catch(() => undefined));
    await Promise.all([...independent, ...node.inputs.filter((i) => i.semiJoin).map((input) => load(db, input, ctx, budget, settled))]);
    const statement = db.prepare(node.sql).raw(true);
    const convert = outputConverter(node.columns, ctx.config.decimalsAsStrings);
    const cap = ctx.config.maxRows > 0 && !ctx.ignoreMaxRows ? ctx.config.maxRows : Infinity;
    let sent = 0;
    let page: unknown[][] = [];
    // `?3` is a numbered parameter: better-sqlite3 binds it from the key 3 of an object.
    const bound = node.values.length > 0 ? [Object.fromEntries(node.values.map((v, i) => [i + 1, v]))] : [];
    for (const row of statement.iterate(...bound) as Iterable<unknown[]>) {
      page.push(convert(row));
      if (++sent >= cap) break;
      if (page.length >= PAGE) {
        yield page;
        page = [];
      }
    }
    if (page.length > 0) yield page;
  } finally {
    db.close();
  }
}

async function load(db: Database.Database, input: LocalInput, ctx: ExecContext, budget: { left: number }, loaded: Promise<void>[]): Promise<void> {
  if (input.system) {
    loadSystem(db, input, input.system, ctx);
    return;
  }
  const template = input.scans[0] as RemoteScanNode;
  const names = template.columns.map((c) => quoteName(c.source));
  db.exec(`CREATE TABLE ${input.name} (${names.map((n, i) => `${n} ${affinity(input.types[i] ?? 'string')}`).join(', ')})`);
  const insert = db.prepare(`INSERT INTO ${input.name} VALUES (${names.map(() => '?').join(', ')})`);
  const insertPage = db.transaction((rows: readonly unknown[][]) => {
    for (const r of rows) insert.run(...r);
  });
  const toLocal = input.types.map(loadConverter);
  const map = (raw: Record<string, unknown>) => template.columns.map((c, i) => (toLocal[i] as Converter)(raw[c.source]));
  let scans = input.scans;
  if (input.semiJoin) {
    // The keys come from another input: wait until it is loaded.
    await Promise.all(loaded);
    scans = semiJoinScans(db, template, input.semiJoin, ctx.config);
  }
  for (const scan of scans) {
    for await (const page of remoteScan(scan, { ...ctx, ignoreMaxRows: true }, map)) {
      budget.left -= page.length;
      if (budget.left < 0) {
        throw new KineticSqlError('ELIMIT', `The query needs more than MaxLocalRows=${ctx.config.maxLocalRows} rows in the client (reading ${scan.request.entitySet}). Narrow it with conditions Epicor can apply, or raise MaxLocalRows.`);
      }
      insertPage(page);
    }
  }
}

/** A system table's rows, made from what the connection holds, into the local table. */
function loadSystem(db: Database.Database, input: LocalInput, system: NonNullable<LocalInput['system']>, ctx: ExecContext): void {
  const names = system.columns.map(quoteName);
  db.exec(`CREATE TABLE ${input.name} (${names.map((n, i) => `${n} ${affinity(input.types[i] ?? 'string')}`).join(', ')})`);
  const insert = db.prepare(`INSERT INTO ${input.name} VALUES (${names.map(() => '?').join(', ')})`);
  const toLocal = input.types.map(loadConverter);
  db.transaction(() => {
    for (const row of systemRows(system.table, ctx)) insert.run(...system.columns.map((c, i) => (toLocal[i] as Converter)(row[c])));
  })();
}

/**
 * The requests of a semi-join: the distinct keys of the source input, `column eq k1 or ...` in batches
 * that each keep the request under MaxUrlLength; the template alone when there are too many keys.
 */
function semiJoinScans(db: Database.Database, template: RemoteScanNode, join: SemiJoin, config: Config): RemoteScanNode[] {
  const column = quoteName(join.fromColumn);
  const distinct = db.prepare(`SELECT DISTINCT ${column} FROM ${join.from} WHERE ${column} IS NOT NULL`).pluck().all() as unknown[];
  // Keys equal under the collation ('abc', 'ABC ') match the same rows: one of them, or rows come twice.
  const seen = new Set<unknown>();
  const keys = distinct.filter((k) => {
    const key = typeof k === 'string' ? foldText(k) : k;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  if (keys.length === 0) return [];
  if (keys.length > join.maxKeys) return [template];
  const batches = keyBatches(template.request, join.column, keys.map((k) => encodeLiteral(k, join.type, config.apiVersion)), { maxUrlLength: config.maxUrlLength, pagesize: config.pagesize });
  return batches ? batches.map((request) => ({ ...template, request })) : [template];
}

type Converter = (value: unknown) => unknown;

function affinity(type: LocalValueType): string {
  switch (type) {
    case 'integer': case 'boolean': return 'INTEGER';
    case 'decimal': case 'float': return 'REAL';
    default: return 'TEXT';
  }
}

/** An OData value as the local database stores it. */
function loadConverter(type: LocalValueType): Converter {
  switch (type) {
    case 'boolean': return (v) => (v === null || v === undefined ? null : v === true || v === 1 || v === 'true' ? 1 : 0);
    case 'integer': case 'decimal': case 'float': return (v) => (v === null || v === undefined ? null : typeof v === 'number' ? v : Number(v));
    case 'datetime': case 'date': {
      const seen = new Map<string, string | null>();
      return (v) => {
        if (typeof v !== 'string') return v ?? null;
        let local = seen.get(v);
        if (local === undefined) {
          local = localInstant(v) ?? null;
          if (seen.size > 4096) seen.clear();
          seen.set(v, local);
        }
        return local;
      };
    }
    default: return (v) => (v === undefined ? null : typeof v === 'object' && v !== null ? JSON.stringify(v) : v);
  }
}

/** A local row as the driver returns it: dates as Date, booleans as booleans, decimals per DecimalsAsStrings. */
function outputConverter(columns: readonly LocalOutputColumn[], decimalsAsStrings: boolean): (row: unknown[]) => unknown[] {
  const converters = columns.map((c): Converter => {
    switch (c.value) {
      case 'datetime': case 'date': return (v) => (typeof v === 'string' ? new Date(`${v}Z`) : v);
      case 'boolean': return (v) => (v === null ? null : Boolean(v));
      case 'decimal': {
        // A decimal of known scale is exact on SQL Server: round the double SQLite computed back to it.
        const exact = c.scale === undefined || c.scale > 15 ? (v: unknown) => v : (v: unknown) => (typeof v === 'number' ? Number(v.toFixed(c.scale)) : v);
        return decimalsAsStrings ? (v) => { const x = exact(v); return typeof x === 'number' ? String(x) : x; } : exact;
      }
      default: return (v) => v;
    }
  });
  return (row) => {
    for (let i = 0; i < row.length; i++) {
      const v = row[i];
      if (v !== null) row[i] = (converters[i] as Converter)(v);
    }
    return row;
  };
}
