import type { StorageValue } from './storage-values.ts';

/** A SQL condition with its named parameters (`@name` in the text, `name` in `params`). */
export interface SqlCondition {
  readonly sql: string;
  readonly params: Readonly<Record<string, StorageValue>>;
}

/** Quotes an SQLite identifier. */
export function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

/** `"A" = @p0 AND "B" = @p1` for the given columns and values; `prefix` keeps parameter names apart. */
export function equalities(columns: readonly string[], values: readonly StorageValue[], prefix: string): SqlCondition {
  const params: Record<string, StorageValue> = {};
  const parts = columns.map((column, i) => {
    const name = `${prefix}${i}`;
    params[name] = values[i] ?? null;
    return `${quoteIdent(column)} = @${name}`;
  });
  return { sql: parts.join(' AND '), params };
}

/** Joins conditions with AND (an empty list is undefined: no WHERE). */
export function allOf(conditions: readonly (SqlCondition | undefined)[]): SqlCondition | undefined {
  const present = conditions.filter((c): c is SqlCondition => c !== undefined && c.sql !== '');
  if (present.length === 0) return undefined;
  return {
    sql: present.map((c) => `(${c.sql})`).join(' AND '),
    params: Object.assign({}, ...present.map((c) => c.params)) as Record<string, StorageValue>,
  };
}
