/**
 * Shared by the reporting corpus's two test files: the simulator the corpus is written for, the values of
 * both sides brought to one form, and the comparison of a driver answer with the oracle's.
 */
import type Database from 'better-sqlite3';
import { CORPUS_COMPANY, type ReportingCase } from '../fixtures/reporting-corpus.ts';

export type Canonical = string | number | null;

/** ISO date-time text as the simulator stores it (no zone, UTC by convention), with optional fractions. */
const STORED_INSTANT = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2}:\d{2})(\.\d{1,3})?Z?$/;

/**
 * A driver value in the oracle's terms: a Date as ISO text (UTC), a boolean as 0/1, a bigint or a decimal
 * string as a number. Everything else as it came.
 */
export function canonicalDriverValue(value: unknown): Canonical {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (typeof value === 'bigint') return Number(value);
  if (typeof value === 'number') return value;
  return String(value);
}

/**
 * An oracle value: SQLite text in the simulator's date form becomes the ISO text a Date gives
 * (`2024-03-01T00:00:00` -> `2024-03-01T00:00:00.000Z`), so that oracles can return stored dates as is.
 */
export function canonicalOracleValue(value: unknown): Canonical {
  if (value === null || value === undefined) return null;
  if (typeof value === 'bigint') return Number(value);
  if (typeof value === 'number') return value;
  const text = String(value);
  const m = STORED_INSTANT.exec(text);
  if (m) return `${m[1]}T${m[2]}${(m[3] ?? '.000').padEnd(4, '0')}Z`;
  return text;
}

/** Numbers rounded to 10 significant digits: float sums computed in another order still key the same. */
const keyValue = (v: Canonical): Canonical => (typeof v === 'number' ? Number(v.toPrecision(10)) : v);
const rowKey = (row: readonly Canonical[]): string => JSON.stringify(row.map(keyValue));

function sameValue(a: Canonical, b: Canonical): boolean {
  if (typeof a === 'number' && typeof b === 'number') return Math.abs(a - b) <= 1e-6 * Math.max(1, Math.abs(a), Math.abs(b));
  return a === b;
}

function sameRow(a: readonly Canonical[], b: readonly Canonical[]): boolean {
  return a.length === b.length && a.every((v, i) => sameValue(v, b[i] as Canonical));
}

/**
 * Why the driver's rows differ from the oracle's, or undefined when they agree. Columns compare by
 * position; `ordered: false` compares multisets (both sides sorted by a key of the rounded values).
 */
export function differences(actual: readonly (readonly Canonical[])[], expected: readonly (readonly Canonical[])[], ordered: boolean): string | undefined {
  const sort = (rows: readonly (readonly Canonical[])[]) => (ordered ? [...rows] : [...rows].sort((x, y) => (rowKey(x) < rowKey(y) ? -1 : rowKey(x) > rowKey(y) ? 1 : 0)));
  const a = sort(actual);
  const e = sort(expected);
  if (a.length !== e.length) {
    const eKeys = new Set(e.map(rowKey));
    const aKeys = new Set(a.map(rowKey));
    const missing = e.filter((r) => !aKeys.has(rowKey(r))).slice(0, 3);
    const extra = a.filter((r) => !eKeys.has(rowKey(r))).slice(0, 3);
    return `driver ${a.length} rows, oracle ${e.length}; missing ${JSON.stringify(missing)}; extra ${JSON.stringify(extra)}`;
  }
  const at = a.findIndex((row, i) => !sameRow(row, e[i] as readonly Canonical[]));
  if (at < 0) return undefined;
  return `row ${at} (of ${a.length}${ordered ? ', ordered' : ', sorted'}): driver ${JSON.stringify(a[at])}, oracle ${JSON.stringify(e[at])}`;
}

/** The oracle's rows, canonical. */
export function oracleRows(db: Database.Database, c: ReportingCase): Canonical[][] {
  const rows = db.prepare(c.oracle).raw(true).all() as unknown[][];
  return rows.map((r) => r.map(canonicalOracleValue));
}

/** The API versions a case runs on. */
export const versionsOf = (c: ReportingCase): readonly ('v1' | 'v2')[] => (c.apiVersion ? [c.apiVersion] : ['v1', 'v2']);

/** The oracles are written for the simulator's default company. */
export function assertCorpusCompany(company: string): void {
  if (company !== CORPUS_COMPANY) throw new Error(`the corpus's oracles filter on ${CORPUS_COMPANY}; the simulator's company is ${company}`);
}
