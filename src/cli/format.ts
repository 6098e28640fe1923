import { stringify } from 'csv-stringify/sync';
import type { Explain, Row } from '../index.ts';

export type OutputFormat = 'table' | 'csv' | 'json' | 'ndjson';
export const OUTPUT_FORMATS: readonly OutputFormat[] = ['table', 'csv', 'json', 'ndjson'];

/** A value as one CSV field or table cell: dates in ISO 8601 (UTC), objects as JSON, NULL as empty. */
export function text(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString();
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
}

const MAX_CELL = 48;

/** Renders rows as an aligned text table. Cells wider than 48 characters are shortened for display only. */
export function formatTable(columns: readonly string[], rows: readonly Row[]): string {
  const cell = (v: unknown) => {
    const t = v === null || v === undefined ? 'NULL' : text(v).replace(/\s+/g, ' ');
    return t.length > MAX_CELL ? t.slice(0, MAX_CELL - 1) + '…' : t;
  };
  const body = rows.map((r) => columns.map((c) => cell(r[c])));
  // A loop, not Math.max(...spread): a spread of 200,000 cells overflows the call stack.
  const widths = columns.map((c) => c.length);
  for (const cells of body) cells.forEach((cell, i) => (widths[i] = Math.max(widths[i]!, cell.length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i]!)).join(' | ').trimEnd();
  const rule = widths.map((w) => '-'.repeat(w)).join('-+-');
  return [line([...columns]), rule, ...body.map(line), `(${rows.length} row${rows.length === 1 ? '' : 's'})`].join('\n') + '\n';
}

/** Renders rows in one of the CLI's output formats. */
export function formatRows(format: OutputFormat, columns: readonly string[], rows: readonly Row[]): string {
  switch (format) {
    case 'table':
      return formatTable(columns, rows);
    case 'csv':
      return stringify(rows.map((r) => columns.map((c) => text(r[c]))), { header: true, columns: [...columns] });
    case 'json':
      return JSON.stringify(rows, null, 2) + '\n';
    case 'ndjson':
      return rows.map((r) => JSON.stringify(r)).join('\n') + (rows.length ? '\n' : '');
  }
}

/** The Explain object as the CLI prints it for --format json (and ndjson: one line). */
export function explainJson(plan: Explain, format: OutputFormat): string {
  const value = { requests: plan.requests, local: plan.local, columns: plan.columns, text: plan.text };
  return (format === 'ndjson' ? JSON.stringify(value) : JSON.stringify(value, null, 2)) + '\n';
}
