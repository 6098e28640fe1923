/**
 * FORMAT(value, format[, culture]) with .NET's format strings, as SQL Server runs them (on the .NET
 * Framework: en-US prints 'P' as '12.34 %' and a negative 'C' as '($1.50)').
 *
 * Numbers: the standard formats C, D, E, F, G, N, P, R, X with an optional precision ('N2', 'C0', 'P1',
 * 'D5', 'X4'), and custom formats of `0`, `#`, `.`, `,` (grouping, or scaling by 1000 before the point),
 * `%`, `‰`, quoted literals, `\` escapes and `;` sections ('#,##0.00', '0.0%', '#,##0.00;(#,##0.00);-',
 * '000-00-0000'). Not covered: exponent sections in custom formats ('0.00E+0').
 * Dates: the standard formats d D f F g G M Y s u o t T, and custom formats of d..dddd, M..MMMM, y..yyyyy,
 * h, hh, H, HH, m, mm, s, ss, f..fffffff, F..FFFFFFF, t, tt, ':' '/', quotes and `\` ('yyyy-MM-dd',
 * 'dd/MM/yyyy', 'MMM yyyy', 'dddd, MMMM d', 'HH:mm:ss.fff'). Not covered: z, zz, zzz, K, g.
 * Cultures: en-US (the default) fully; other cultures take their separators and month and day names from
 * ICU (Intl), their currency from a short table, and the en-US date patterns for the standard date formats
 * only when the culture is English. A format that is valid .NET but outside this list fails with
 * SqlServerFunctionError number UNSUPPORTED; a format .NET rejects gives NULL, as on SQL Server.
 */
import { fromMs, parseDateText, toMs } from './date-values.ts';
import { culture } from './format-culture.ts';
import { formatDate } from './format-date.ts';
import { formatNumber } from './format-number.ts';
import { SqlServerFunctionError } from './function-error.ts';
import type { SqlArg, SqlResult } from './values.ts';

const CANONICAL = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}$/;

/** FORMAT(value, format[, culture]): NULL for a NULL value or format. */
export function format([value, fmt, cultureName]: readonly SqlArg[]): SqlResult {
  if (value === null || fmt === null || value === undefined || fmt === undefined || cultureName === null) return null;
  const c = culture(cultureName === undefined ? undefined : String(cultureName));
  const f = String(fmt);
  if (typeof value === 'bigint') return formatNumber(Number(value), true, f, c);
  if (typeof value === 'number') return formatNumber(value, false, f, c);
  if (typeof value === 'string' && CANONICAL.test(value)) {
    const p = parseDateText(value);
    if (p !== null) return formatDate(fromMs(toMs(p)), f, c);
  }
  throw new SqlServerFunctionError(8116, 'Argument data type nvarchar is invalid for argument 1 of format function.');
}
