import type { EdmType } from '../metadata/edm-types.ts';
import { encodeLiteral } from './literals.ts';
import { encodeSegment } from './url.ts';
import type { ApiVersion } from './version.ts';

/** One key column's value, with the column's type (it decides the literal's form). */
export interface KeyValue {
  readonly value: unknown;
  readonly type: EdmType;
}

/**
 * The key predicate of one row, as Epicor addresses it on v1 and v2: the key values in key order, each
 * an OData literal (strings quoted with `''` escaping, numbers bare), URL-encoded for the path, between
 * parentheses.
 *
 * @example
 * ```ts
 * keyPredicate([{ value: 'EPIC06', type: 'Edm.String' }, { value: 45, type: 'Edm.Int32' }], 'v2'); // "('EPIC06',45)"
 * keyPredicate([{ value: "O'Neil & Co", type: 'Edm.String' }], 'v1'); // "('O''Neil%20%26%20Co')"
 * ```
 */
export function keyPredicate(keys: readonly KeyValue[], version: ApiVersion): string {
  return `(${keys.map((k) => encodeSegment(encodeLiteral(k.value, k.type, version))).join(',')})`;
}
