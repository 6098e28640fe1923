import Database from 'better-sqlite3';

/*
 * The reference side of the translation cases: an in-memory SQLite database holding the simulator's raw
 * rows of one company, and a tiny rewriting of our SQL Server-flavoured SELECT into SQLite's dialect.
 * It answers the same question as the driver + simulator by other means, so the two check each other.
 *
 * Collation: Epicor's SQL Server compares text case-insensitively and accent-sensitively. TEXT columns are
 * declared COLLATE NOCASE (SQLite folds ASCII case only), LIKE is replaced by a Unicode case-insensitive
 * version, and ORDER BY on a text column sorts by `ref_ci_key`: unaccented lower case first, then lower
 * case ('é' sorts between 'e' and 'f', and after 'e'). Equality on a non-ASCII letter that differs only in
 * case ('Ô' vs 'ô') is NOT folded here: cases that depend on it must say so.
 * Function results (UPPER(x), SUBSTRING(...)) compare BINARY in SQLite (no column collation).
 */

export type SqlValue = string | number | bigint | null | Buffer;

export interface ReferenceColumn {
  readonly name: string;
  /** SQLite storage: TEXT columns get COLLATE NOCASE. */
  readonly type: 'TEXT' | 'INTEGER' | 'REAL' | '';
}

export interface ReferenceResult {
  readonly columns: readonly string[];
  readonly rows: readonly (readonly unknown[])[];
}

/** A statement rewritten for the reference database, with what the comparison needs to know about it. */
export interface ReferenceStatement {
  /** SQLite text without the row window. */
  readonly sql: string;
  readonly params: readonly SqlValue[];
  readonly table: string;
  readonly limit?: number;
  readonly offset?: number;
  /** ORDER BY items: the column they name (null for an expression) and their place in the select list (-1 when absent). */
  readonly order: readonly { readonly column: string | null; readonly selectIndex: number }[];
}

/** Unaccented lower case, then lower case: equal exactly when the texts are equal ignoring case. */
export function refCiKey(value: string): string {
  const lower = value.toLowerCase().normalize('NFC');
  const base = lower.normalize('NFD').replace(/\p{M}/gu, '');
  return `${base}\u0001${lower}`;
}

function likeToRegExp(pattern: string, escape?: string): RegExp {
  let src = '';
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern[i] as string;
    if (escape !== undefined && ch === escape && i + 1 < pattern.length) {
      src += (pattern[++i] as string).replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
    } else if (ch === '%') src += '[\\s\\S]*';
    else if (ch === '_') src += '[\\s\\S]';
    else src += ch.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
  }
  return new RegExp(`^${src}$`, 'iu');
}

const codePoints = (s: string): string[] => [...s];

function datePart(index: 0 | 1 | 2) {
  return (x: unknown): number | null => {
    if (typeof x !== 'string') return null;
    const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(x);
    return m ? Number(m[index + 1]) : null;
  };
}

function registerFunctions(db: Database.Database): void {
  const deterministic = { deterministic: true };
  db.function('ref_ci_key', deterministic, (x: unknown) => (typeof x === 'string' ? refCiKey(x) : (x as SqlValue)));
  // SQL Server's UPPER/LOWER fold every letter; SQLite's built-ins fold ASCII only.
  db.function('upper', deterministic, (x: unknown) => (typeof x === 'string' ? x.toUpperCase() : (x as SqlValue)));
  db.function('lower', deterministic, (x: unknown) => (typeof x === 'string' ? x.toLowerCase() : (x as SqlValue)));
  // LEN ignores trailing spaces and counts characters.
  db.function('len', deterministic, (x: unknown) => (typeof x === 'string' ? codePoints(x.replace(/ +$/, '')).length : null));
  // SUBSTRING(s, start, length), 1-based; a start before 1 shortens the length as in SQL Server.
  db.function('substring', deterministic, (s: unknown, start: unknown, length: unknown) => {
    if (typeof s !== 'string' || typeof start !== 'number' || typeof length !== 'number') return null;
    const chars = codePoints(s);
    const from = Math.max(start, 1);
    const to = start + length; // exclusive, 1-based
    return to <= from ? '' : chars.slice(from - 1, to - 1).join('');
  });
  db.function('year', deterministic, datePart(0));
  db.function('month', deterministic, datePart(1));
  db.function('day', deterministic, datePart(2));
  // LIKE: case-insensitive over all of Unicode, accent-sensitive. SQLite calls like(pattern, value[, escape]).
  db.function('like', { deterministic: true, varargs: true }, (...args: unknown[]) => {
    const [pattern, value, escape] = args;
    if (typeof pattern !== 'string' || typeof value !== 'string') return null;
    return likeToRegExp(pattern, typeof escape === 'string' ? escape : undefined).test(value) ? 1 : 0;
  });
}

const quoteId = (name: string): string => `"${name.replace(/"/g, '""')}"`;

/** The reference database: one company's rows of the tables named, TEXT columns case-insensitive. */
export class ReferenceDb {
  readonly db: Database.Database;
  readonly #columns = new Map<string, readonly ReferenceColumn[]>();

  private constructor() {
    this.db = new Database(':memory:');
    registerFunctions(this.db);
  }

  /** Copies `tables` from the simulator's database, keeping only the rows whose `Company` is `company`. */
  static fromSimulator(source: Database.Database, company: string, tables: readonly string[]): ReferenceDb {
    const ref = new ReferenceDb();
    for (const table of tables) {
      const info = source.prepare(`PRAGMA table_info(${quoteId(table)})`).all() as { name: string; type: string }[];
      if (info.length === 0) throw new Error(`the simulator has no table ${table}`);
      const columns = info.map((c): ReferenceColumn => ({ name: c.name, type: storage(c.type) }));
      const rows = source.prepare(`SELECT * FROM ${quoteId(table)} WHERE "Company" = ?`).raw().all(company) as unknown[][];
      ref.load(table, columns, rows);
    }
    return ref;
  }

  /** (Re)creates `table` holding `rows` (arrays in `columns` order). */
  load(table: string, columns: readonly ReferenceColumn[], rows: readonly (readonly unknown[])[]): void {
    const defs = columns.map((c) => `${quoteId(c.name)} ${c.type}${c.type === 'TEXT' ? ' COLLATE NOCASE' : ''}`);
    this.db.exec(`DROP TABLE IF EXISTS ${quoteId(table)}; CREATE TABLE ${quoteId(table)} (${defs.join(', ')})`);
    const insert = this.db.prepare(`INSERT INTO ${quoteId(table)} VALUES (${columns.map(() => '?').join(', ')})`);
    this.db.transaction(() => {
      for (const row of rows) insert.run(...(row as SqlValue[]));
    })();
    this.#columns.set(table.toLowerCase(), columns);
  }

  columnsOf(table: string): readonly ReferenceColumn[] {
    const columns = this.#columns.get(table.toLowerCase());
    if (!columns) throw new Error(`the reference database has no table ${table}`);
    return columns;
  }

  /** Rewrites `sql` (SQL Server flavour, as the driver takes it) for this database. */
  rewrite(sql: string, params?: unknown): ReferenceStatement {
    return rewrite(sql, params, (table) => this.columnsOf(table));
  }

  /** Runs a rewritten statement, with its row window (`windowed`) or without it. */
  run(statement: ReferenceStatement, windowed: boolean): ReferenceResult {
    let text = statement.sql;
    if (windowed && (statement.limit !== undefined || statement.offset !== undefined)) {
      text += ` LIMIT ${statement.limit ?? -1}`;
      if (statement.offset !== undefined) text += ` OFFSET ${statement.offset}`;
    }
    const stmt = this.db.prepare(text).raw();
    const rows = stmt.all(...(statement.params as SqlValue[])) as unknown[][];
    return { columns: stmt.columns().map((c) => c.name), rows };
  }

  close(): void {
    this.db.close();
  }
}

function storage(declared: string): ReferenceColumn['type'] {
  const t = declared.toUpperCase();
  if (t.includes('INT')) return 'INTEGER';
  if (t.includes('REAL') || t.includes('FLOA') || t.includes('DOUB') || t.includes('NUM') || t.includes('DEC')) return 'REAL';
  if (t.includes('TEXT') || t.includes('CHAR') || t.includes('CLOB')) return 'TEXT';
  return '';
}

/** A parameter value as the reference binds it: dates as UTC text, booleans as 0/1. */
export function referenceValue(value: unknown): SqlValue {
  if (value instanceof Date) return isoText(value);
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (value === undefined) return null;
  return value as SqlValue;
}

/** `YYYY-MM-DDTHH:MM:SS` in UTC, with `.mmm` only when the milliseconds are not zero. */
export function isoText(date: Date): string {
  const iso = date.toISOString();
  return iso.endsWith('.000Z') ? iso.slice(0, 19) : iso.slice(0, 23);
}

const DATE_LITERAL = /^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?(?:Z|[+-]\d{2}:?\d{2})?$/;

/** A date literal as stored text: '2024-03-01' -> '2024-03-01T00:00:00', offsets converted to UTC. */
function dateLiteral(text: string): string {
  if (!DATE_LITERAL.test(text)) return text;
  const hasZone = /(?:Z|[+-]\d{2}:?\d{2})$/.test(text) && text.length > 10;
  const withTime = text.length === 10 ? `${text}T00:00:00` : text.replace(' ', 'T');
  const date = new Date(hasZone ? withTime : `${withTime}Z`);
  return Number.isNaN(date.getTime()) ? text : isoText(date);
}

const STRING = '\u0000';
const PARAM = '\u0001';

/*
 * The rewriting works on the statement with string literals and parameter markers replaced by
 * placeholders, so keywords inside strings and `?` inside comments are never touched.
 */
function rewrite(sql: string, params: unknown, columnsOf: (table: string) => readonly ReferenceColumn[]): ReferenceStatement {
  const strings: string[] = [];
  let code = '';
  for (let i = 0; i < sql.length; ) {
    const ch = sql[i] as string;
    if (ch === "'") {
      let value = '';
      let j = i + 1;
      for (; j < sql.length; j++) {
        if (sql[j] === "'") {
          if (sql[j + 1] === "'") { value += "'"; j++; continue; }
          break;
        }
        value += sql[j];
      }
      strings.push(value);
      code += `${STRING}${strings.length - 1}${STRING}`;
      i = j + 1;
    } else if (ch === '"' || ch === '[') {
      const close = ch === '"' ? '"' : ']';
      const j = sql.indexOf(close, i + 1);
      code += sql.slice(i, j + 1);
      i = j + 1;
    } else if (sql.startsWith('--', i)) {
      const j = sql.indexOf('\n', i);
      code += ' ';
      i = j < 0 ? sql.length : j;
    } else if (sql.startsWith('/*', i)) {
      code += ' ';
      i = sql.indexOf('*/', i + 2) + 2;
    } else {
      code += ch;
      i++;
    }
  }

  // Parameters: `?` in order from an array, `@name` from an object (keys without case, with or without @).
  const values: SqlValue[] = [];
  let positional = 0;
  const named = new Map<string, unknown>();
  if (params && !Array.isArray(params)) for (const [k, v] of Object.entries(params)) named.set(k.replace(/^@/, '').toLowerCase(), v);
  code = code.replace(/\?|@([A-Za-z_]\w*)/g, (_m, name: string | undefined) => {
    const value = name === undefined ? (params as unknown[])[positional++] : named.get(name.toLowerCase());
    values.push(referenceValue(value));
    return `${PARAM}${values.length - 1}${PARAM}`;
  });
  const number = (token: string): number => {
    const m = new RegExp(`^${PARAM}(\\d+)${PARAM}$`).exec(token);
    const n = m ? values[Number(m[1])] : Number(token);
    if (m) values[Number(m[1])] = null; // consumed by the window, not bound
    return Number(n);
  };
  const windowToken = `(\\d+|${PARAM}\\d+${PARAM})`;

  // Row windows: TOP n, TOP (n), OFFSET m ROWS [FETCH NEXT n ROWS ONLY], LIMIT n [OFFSET m].
  let limit: number | undefined;
  let offset: number | undefined;
  code = code.replace(new RegExp(`\\bTOP\\s*(?:\\(\\s*${windowToken}\\s*\\)|${windowToken})`, 'i'), (_m, a?: string, b?: string) => {
    limit = number((a ?? b) as string);
    return '';
  });
  code = code.replace(
    new RegExp(`\\bOFFSET\\s+${windowToken}\\s+ROWS?(?:\\s+FETCH\\s+(?:NEXT|FIRST)\\s+${windowToken}\\s+ROWS?\\s+ONLY)?`, 'i'),
    (_m, m: string, n?: string) => {
      offset = number(m);
      if (n !== undefined) limit = number(n);
      return '';
    },
  );
  code = code.replace(new RegExp(`\\bLIMIT\\s+${windowToken}(?:\\s+OFFSET\\s+${windowToken})?`, 'i'), (_m, n: string, m?: string) => {
    limit = number(n);
    if (m !== undefined) offset = number(m);
    return '';
  });

  // Service qualifiers: [Erp.BO.X].[T], "Erp.BO.X".T, [Erp.BO.X.T] -> the table alone.
  code = code.replace(/(?:\[[^\]]*\]|"[^"]*")\s*\.\s*(\[[^\]]+\]|"[^"]+"|\w+)/g, (m, table: string) =>
    /^(?:\[|")(?:Erp|Ice|BaqSvc)\b/i.test(m) ? table : m);
  code = code.replace(/\[(?:Erp|Ice)\.[\w.]+\.(\w+)\]/g, '[$1]');
  // N'text' is text.
  code = code.replace(new RegExp(`\\bN(?=${STRING})`, 'g'), '');

  // The table (one per statement in these cases) and its columns.
  const from = /\bFROM\s+(\[[^\]]+\]|"[^"]+"|[\w-]+)/i.exec(code);
  if (!from) throw new Error(`no FROM in ${sql}`);
  const table = unquote(from[1] as string);
  const columns = columnsOf(table);
  const textColumns = new Set(columns.filter((c) => c.type === 'TEXT').map((c) => c.name.toLowerCase()));
  const isColumn = (name: string): boolean => columns.some((c) => c.name.toLowerCase() === name.toLowerCase());

  // The select list: expressions and aliases.
  const selectText = /^\s*SELECT\s+([\s\S]*?)\s+FROM\b/i.exec(code)?.[1] ?? '';
  const items = splitTopLevel(selectText).map((item) => {
    const m = /^([\s\S]*?\S)(?:\s+AS\s+|\s+)(\[[^\]]+\]|"[^"]+"|[A-Za-z_]\w*)$/i.exec(item.trim());
    const expr = (m?.[1] ?? item).trim();
    return { expr, column: columnName(expr), alias: m ? unquote(m[2] as string) : null };
  });
  const isStar = items.some((i) => /\*$/.test(i.expr) && !/\(/.test(i.expr));

  // ORDER BY: resolve positions and aliases; text columns sort by the collation key.
  const order: { column: string | null; selectIndex: number }[] = [];
  code = code.replace(/\bORDER\s+BY\s+([\s\S]*)$/i, (_m, list: string) => {
    const rewritten = splitTopLevel(list).map((raw) => {
      const m = /^([\s\S]*?)(?:\s+(ASC|DESC))?\s*$/i.exec(raw.trim()) as RegExpExecArray;
      const expr = (m[1] as string).trim();
      const dir = m[2] ? ` ${m[2]}` : '';
      let selectIndex = -1;
      let column: string | null = null;
      if (/^\d+$/.test(expr)) {
        selectIndex = Number(expr) - 1;
        column = items[selectIndex]?.column ?? null;
      } else {
        const byAlias = items.findIndex((i) => i.alias !== null && i.alias.toLowerCase() === unquote(expr).toLowerCase());
        if (byAlias >= 0) {
          selectIndex = byAlias;
          column = items[byAlias]?.column ?? null;
        } else {
          column = columnName(expr);
          selectIndex = isStar ? -1 : items.findIndex((i) => i.column !== null && column !== null && i.column.toLowerCase() === column.toLowerCase());
        }
      }
      if (column !== null && !isColumn(column)) column = null;
      order.push({ column, selectIndex });
      const target = column ?? expr;
      return column !== null && textColumns.has(column.toLowerCase()) ? `ref_ci_key(${quoteId(column)})${dir}` : `${target === column ? quoteId(target) : target}${dir}`;
    });
    return `ORDER BY ${rewritten.join(', ')}`;
  });

  // Restore strings (dates as stored text) and parameters (those the window did not consume).
  const bound: SqlValue[] = [];
  code = code.replace(new RegExp(`${PARAM}(\\d+)${PARAM}`, 'g'), (_m, k: string) => {
    bound.push(values[Number(k)] as SqlValue);
    return '?';
  });
  code = code.replace(new RegExp(`${STRING}(\\d+)${STRING}`, 'g'), (_m, k: string) =>
    `'${dateLiteral(strings[Number(k)] as string).replace(/'/g, "''")}'`);

  return {
    sql: code.trim(),
    params: bound,
    table,
    ...(limit !== undefined ? { limit } : {}),
    ...(offset !== undefined ? { offset } : {}),
    order,
  };
}

function unquote(name: string): string {
  const t = name.trim();
  if ((t.startsWith('[') && t.endsWith(']')) || (t.startsWith('"') && t.endsWith('"'))) return t.slice(1, -1);
  return t;
}

/** The column an expression names (`c.CustID`, `[Name]`), or null for anything else. */
function columnName(expr: string): string | null {
  const m = /^(?:(?:\[[^\]]+\]|"[^"]+"|\w+)\s*\.\s*)?(\[[^\]]+\]|"[^"]+"|[A-Za-z_]\w*)$/.exec(expr.trim());
  return m ? unquote(m[1] as string) : null;
}

function splitTopLevel(text: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let current = '';
  for (const ch of text) {
    if (ch === '(') depth++;
    if (ch === ')') depth--;
    if (ch === ',' && depth === 0) {
      out.push(current);
      current = '';
    } else current += ch;
  }
  if (current.trim() !== '') out.push(current);
  return out;
}
