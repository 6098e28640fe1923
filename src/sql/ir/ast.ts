/**
 * node-sql-parser's AST, seen loosely: the package's own types do not match what its transactsql build
 * returns (NOT as a function, `seperator`, param nodes), so the converters check shapes themselves.
 */
export interface AstNode {
  readonly type?: string;
  readonly [key: string]: unknown;
}

export function isNode(value: unknown): value is AstNode {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function nodes(value: unknown): readonly AstNode[] {
  return Array.isArray(value) ? value.filter(isNode) : [];
}

/** A name that the parser gives as a string or as `{ expr: { value } }` / `{ value }` depending on context. */
export function nameOf(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (isNode(value)) {
    if (typeof value['value'] === 'string') return value['value'];
    if (isNode(value['expr'])) return nameOf(value['expr']);
  }
  return undefined;
}

/** Function names come as `{ name: [{ type: 'default', value: 'UPPER' }] }`. */
export function functionName(ast: AstNode): string {
  const name = ast['name'];
  if (typeof name === 'string') return name.toUpperCase();
  if (isNode(name)) return nodes(name['name']).map((p) => String(p['value'])).join('.').toUpperCase();
  return '';
}
