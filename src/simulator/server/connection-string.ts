/** Properties of a connection string; `undefined` in overrides removes a property. */
export type ConnectionProperties = Readonly<Record<string, string | number | boolean | undefined>>;

function quote(value: string): string {
  return /[;"]/.test(value) || value !== value.trim() ? `"${value.replace(/"/g, '""')}"` : value;
}

/**
 * Builds a `Name=Value;` connection string from base properties and overrides (names match without
 * case; an override keeps the base position). Values containing `;` are double-quoted.
 *
 * @example
 * ```ts
 * buildConnectionString({ URL: 'http://127.0.0.1:8080', User: 'manager' }, { ApiVersion: 'v2' });
 * // 'URL=http://127.0.0.1:8080;User=manager;ApiVersion=v2;'
 * ```
 */
export function buildConnectionString(base: ConnectionProperties, overrides: ConnectionProperties = {}): string {
  const merged = new Map<string, [string, string | number | boolean | undefined]>();
  for (const [name, value] of Object.entries(base)) merged.set(name.toLowerCase(), [name, value]);
  for (const [name, value] of Object.entries(overrides)) {
    const existing = merged.get(name.toLowerCase());
    merged.set(name.toLowerCase(), [existing ? existing[0] : name, value]);
  }
  let out = '';
  for (const [name, value] of merged.values()) if (value !== undefined) out += `${name}=${quote(String(value))};`;
  return out;
}
