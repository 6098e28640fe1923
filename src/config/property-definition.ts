/** How a property's value is read and checked: see `readValue()` in src/config/read-value.ts. */
export type PropertyType = 'string' | 'int' | 'bool' | 'enum' | 'url' | 'path';

export type PropertyCategory =
  | 'Connection'
  | 'Authentication'
  | 'OAuth'
  | 'SSL'
  | 'Proxy'
  | 'Logging'
  | 'Schema'
  | 'Caching'
  | 'Miscellaneous';

/** The order categories appear in docs/properties.md and `sys_connection_props`. */
export const PROPERTY_CATEGORIES: readonly PropertyCategory[] = [
  'Connection',
  'Authentication',
  'OAuth',
  'SSL',
  'Proxy',
  'Logging',
  'Schema',
  'Caching',
  'Miscellaneous',
];

/** One connection property: the data behind parsing, validation, docs and `sys_connection_props`. */
export interface PropertyDefinition {
  /** Canonical spelling; names are matched case-insensitively. */
  readonly name: string;
  readonly type: PropertyType;
  /** The default as a string, or undefined when the property is unset by default (or computed). */
  readonly default: string | undefined;
  /** Allowed values of an enum, in their canonical spelling (matched case-insensitively). */
  readonly values?: readonly string[];
  /** Inclusive bounds of an int. */
  readonly min?: number;
  readonly max?: number;
  /** An int that also accepts a KB, MB or GB suffix (1024-based), e.g. `100MB`. */
  readonly byteSize?: boolean;
  readonly category: PropertyCategory;
  /** Secret values are masked wherever a property is shown and never appear in errors or logs. */
  readonly secret: boolean;
  /** `true`, `false`, or a short rule saying when it is required. */
  readonly required: boolean | string;
  readonly description: string;
}
