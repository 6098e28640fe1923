/**
 * FORMAT of dates: .NET's standard date formats (en-US patterns; s, u, o are invariant) and custom formats.
 */
import { toMs, type DateParts } from './date-values.ts';
import type { Culture } from './format-culture.ts';
import { SqlServerFunctionError, UNSUPPORTED } from './function-error.ts';

const EN_DATE_STANDARD: Readonly<Record<string, string>> = {
  d: 'M/d/yyyy', D: 'dddd, MMMM d, yyyy', t: 'h:mm tt', T: 'h:mm:ss tt', f: 'dddd, MMMM d, yyyy h:mm tt',
  F: 'dddd, MMMM d, yyyy h:mm:ss tt', g: 'M/d/yyyy h:mm tt', G: 'M/d/yyyy h:mm:ss tt', M: 'MMMM d', m: 'MMMM d',
  Y: 'MMMM yyyy', y: 'MMMM yyyy',
};
const INVARIANT_DATE_STANDARD: Readonly<Record<string, string>> = {
  s: "yyyy'-'MM'-'dd'T'HH':'mm':'ss", u: "yyyy'-'MM'-'dd HH':'mm':'ss'Z'", o: "yyyy'-'MM'-'dd'T'HH':'mm':'ss'.'fffffff", O: "yyyy'-'MM'-'dd'T'HH':'mm':'ss'.'fffffff",
};

function formatDateCustom(p: DateParts, format: string, c: Culture): string {
  const pad = (n: number, w: number) => String(n).padStart(w, '0');
  const fraction = pad(p.ms, 3) + '0000';
  const weekday = (toMs(p) / 86_400_000 + 1) % 7;
  let out = '';
  for (let i = 0; i < format.length; ) {
    const ch = format[i]!;
    if (ch === "'" || ch === '"') {
      const end = format.indexOf(ch, i + 1);
      out += format.slice(i + 1, end < 0 ? undefined : end);
      i = end < 0 ? format.length : end + 1;
      continue;
    }
    if (ch === '\\') {
      out += format[i + 1] ?? '';
      i += 2;
      continue;
    }
    if (ch === '%') {
      i++;
      continue;
    }
    let n = 1;
    while (format[i + n] === ch) n++;
    i += n;
    switch (ch) {
      case 'd': out += n === 1 ? p.day : n === 2 ? pad(p.day, 2) : n === 3 ? c.weekdays[Math.floor(weekday)]!.slice(0, 3) : c.weekdays[Math.floor(weekday)]!; break;
      case 'M': out += n === 1 ? p.month : n === 2 ? pad(p.month, 2) : n === 3 ? c.months[p.month - 1]!.slice(0, 3) : c.months[p.month - 1]!; break;
      case 'y': out += n === 1 ? p.year % 100 : n === 2 ? pad(p.year % 100, 2) : pad(p.year, n); break;
      case 'h': out += pad(p.hour % 12 === 0 ? 12 : p.hour % 12, Math.min(n, 2)); break;
      case 'H': out += pad(p.hour, Math.min(n, 2)); break;
      case 'm': out += pad(p.minute, Math.min(n, 2)); break;
      case 's': out += pad(p.second, Math.min(n, 2)); break;
      case 'f': out += fraction.slice(0, Math.min(n, 7)); break;
      case 'F': out += fraction.slice(0, Math.min(n, 7)).replace(/0+$/, ''); break;
      case 't': out += (p.hour < 12 ? 'AM' : 'PM').slice(0, n === 1 ? 1 : 2); break;
      case ':': out += ':'.repeat(n); break;
      case '/': out += '/'.repeat(n); break;
      case 'z': case 'K': case 'g':
        throw new SqlServerFunctionError(UNSUPPORTED, `FORMAT date specifier '${ch}' is not supported by the local engine.`);
      default: out += ch.repeat(n);
    }
  }
  return out;
}

/** FORMAT of a date: a standard format ('d', 'D', 's'...) or a custom one; null where .NET rejects it. */
export function formatDate(p: DateParts, format: string, c: Culture): string | null {
  if (format.length === 1) {
    const invariant = INVARIANT_DATE_STANDARD[format];
    if (invariant !== undefined) return formatDateCustom(p, invariant, c);
    const std = EN_DATE_STANDARD[format];
    if (std === undefined) return null;
    if (!c.english) throw new SqlServerFunctionError(UNSUPPORTED, `FORMAT '${format}' for a non-English culture is not supported by the local engine.`);
    return formatDateCustom(p, std, c);
  }
  return formatDateCustom(p, format, c);
}
