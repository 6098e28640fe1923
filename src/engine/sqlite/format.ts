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
 * Decimals are REAL here, and are rounded on their shortest decimal text, half away from zero, as .NET rounds
 * a decimal.
 */
import { MONTHS, WEEKDAYS, fromMs, parseDateText, toMs, type DateParts } from './date-values.ts';
import { SqlServerFunctionError, UNSUPPORTED } from './function-error.ts';
import { roundDecimal } from './math-functions.ts';
import { numberText, type SqlArg, type SqlResult } from './values.ts';

interface Culture {
  readonly decimal: string;
  readonly group: string;
  readonly months: readonly string[];
  readonly weekdays: readonly string[];
  readonly english: boolean;
  readonly currency: (n: number, decimals: number) => string;
}

const EN_US: Culture = {
  decimal: '.', group: ',', months: MONTHS, weekdays: WEEKDAYS, english: true,
  currency: (n, d) => {
    const s = formatCustom(Math.abs(n), `$#,##0${d > 0 ? '.' + '0'.repeat(d) : ''}`, EN_US);
    return n < 0 && s !== formatCustom(0, `$#,##0${d > 0 ? '.' + '0'.repeat(d) : ''}`, EN_US) ? `(${s})` : s;
  },
};

const CURRENCIES: Readonly<Record<string, string>> = {
  'en-gb': 'GBP', 'en-ca': 'CAD', 'en-au': 'AUD', 'en-nz': 'NZD', 'en-ie': 'EUR', 'en-in': 'INR', 'en-za': 'ZAR',
  'de-de': 'EUR', 'de-at': 'EUR', 'de-ch': 'CHF', 'fr-fr': 'EUR', 'fr-ca': 'CAD', 'fr-ch': 'CHF', 'es-es': 'EUR', 'es-mx': 'MXN',
  'it-it': 'EUR', 'nl-nl': 'EUR', 'pt-br': 'BRL', 'pt-pt': 'EUR', 'sv-se': 'SEK', 'da-dk': 'DKK', 'nb-no': 'NOK', 'fi-fi': 'EUR',
  'pl-pl': 'PLN', 'ja-jp': 'JPY', 'zh-cn': 'CNY',
};

const cultures = new Map<string, Culture>([['en-us', EN_US]]);

function culture(name: string | undefined): Culture {
  const key = (name ?? 'en-US').toLowerCase();
  const hit = cultures.get(key);
  if (hit !== undefined) return hit;
  let supported = false;
  try {
    supported = Intl.NumberFormat.supportedLocalesOf([name!]).length > 0;
  } catch {
    supported = false;
  }
  if (!supported) throw new SqlServerFunctionError(9818, `The culture parameter '${name}' provided in the function call is not supported.`);
  const parts = new Intl.NumberFormat(name, { useGrouping: true }).formatToParts(12345.6);
  const month = new Intl.DateTimeFormat(name, { month: 'long', timeZone: 'UTC' });
  const weekday = new Intl.DateTimeFormat(name, { weekday: 'long', timeZone: 'UTC' });
  const code = CURRENCIES[key];
  const c: Culture = {
    decimal: parts.find((p) => p.type === 'decimal')?.value ?? '.',
    group: parts.find((p) => p.type === 'group')?.value ?? ',',
    months: MONTHS.map((_, i) => month.format(Date.UTC(2024, i, 1))),
    weekdays: WEEKDAYS.map((_, i) => weekday.format(Date.UTC(2024, 8, 1 + i))),
    english: key.startsWith('en-'),
    currency: (n, d) => {
      if (code === undefined) throw new SqlServerFunctionError(UNSUPPORTED, `FORMAT 'C' for culture '${name}' is not supported by the local engine.`);
      return new Intl.NumberFormat(name, { style: 'currency', currency: code, minimumFractionDigits: d, maximumFractionDigits: d }).format(n);
    },
  };
  cultures.set(key, c);
  return c;
}

// ---- numbers ----

type NumToken = { kind: '0' | '#' | '.' | ',' | '%' | '‰' } | { kind: 'text'; text: string };

function tokenizeNumber(section: string): NumToken[] {
  const out: NumToken[] = [];
  for (let i = 0; i < section.length; i++) {
    const c = section[i]!;
    if (c === '\\' && i + 1 < section.length) out.push({ kind: 'text', text: section[++i]! });
    else if (c === "'" || c === '"') {
      const end = section.indexOf(c, i + 1);
      out.push({ kind: 'text', text: section.slice(i + 1, end < 0 ? undefined : end) });
      i = end < 0 ? section.length : end;
    } else if (c === '0' || c === '#' || c === '.' || c === ',' || c === '%' || c === '‰') out.push({ kind: c });
    else if ((c === 'E' || c === 'e') && /^[+-]?0/.test(section.slice(i + 1))) {
      throw new SqlServerFunctionError(UNSUPPORTED, `FORMAT pattern '${section}' (exponent) is not supported by the local engine.`);
    } else out.push({ kind: 'text', text: c });
  }
  return out;
}

function splitSections(format: string): string[] {
  const out: string[] = [];
  let cur = '';
  let quote: string | null = null;
  for (let i = 0; i < format.length; i++) {
    const c = format[i]!;
    if (quote !== null) {
      if (c === quote) quote = null;
    } else if (c === "'" || c === '"') quote = c;
    else if (c === '\\') {
      cur += c + (format[++i] ?? '');
      continue;
    } else if (c === ';') {
      out.push(cur);
      cur = '';
      continue;
    }
    cur += c;
  }
  out.push(cur);
  return out;
}

const isDigit = (t: NumToken): boolean => t.kind === '0' || t.kind === '#';

function groupDigits(digits: string, sep: string): string {
  let out = '';
  for (let i = 0; i < digits.length; i++) {
    if (i > 0 && (digits.length - i) % 3 === 0) out += sep;
    out += digits[i];
  }
  return out;
}

/** One custom section applied to |x| (the sign is the caller's). */
function formatSection(x: number, section: string, c: Culture): { text: string; zero: boolean } {
  const tokens = tokenizeNumber(section);
  const point = tokens.findIndex((t) => t.kind === '.');
  let intTokens = point < 0 ? tokens : tokens.slice(0, point);
  const fracTokens = point < 0 ? [] : tokens.slice(point + 1).filter((t) => t.kind !== ',' && t.kind !== '.');
  let scale = 1;
  // Commas right after the last integer digit placeholder divide by 1000 each; any other comma groups.
  let lastDigit = intTokens.length - 1;
  while (lastDigit >= 0 && !isDigit(intTokens[lastDigit]!)) lastDigit--;
  let k = lastDigit + 1;
  while (k < intTokens.length && intTokens[k]!.kind === ',') {
    scale /= 1000;
    k++;
  }
  const grouping = intTokens.slice(0, lastDigit + 1).some((t) => t.kind === ',');
  intTokens = intTokens.filter((t) => t.kind !== ',');
  for (const t of tokens) if (t.kind === '%') scale *= 100; else if (t.kind === '‰') scale *= 1000;
  const decimals = fracTokens.filter(isDigit).length;
  const rounded = roundDecimal(x * scale, decimals, false);
  const [intPart = '0', fracPart = ''] = numberText(rounded).split('.');
  const digits = intPart === '0' ? '' : intPart;
  const frac = fracPart.padEnd(decimals, '0');
  const placeholders = intTokens.filter(isDigit);
  const leftmostZero = placeholders.findIndex((t) => t.kind === '0');
  const minDigits = leftmostZero < 0 ? 0 : placeholders.length - leftmostZero;
  const padded = digits.padStart(minDigits, '0');
  let intText: string;
  if (grouping) {
    const first = intTokens.findIndex(isDigit);
    const last = intTokens.length - 1 - [...intTokens].reverse().findIndex(isDigit);
    const lit = (ts: NumToken[]) => ts.map((t) => (t.kind === 'text' ? t.text : t.kind === '%' ? '%' : t.kind === '‰' ? '‰' : '')).join('');
    intText = first < 0 ? lit(intTokens) : lit(intTokens.slice(0, first)) + groupDigits(padded, c.group) + lit(intTokens.slice(last + 1));
  } else {
    // Right to left: each placeholder takes the next digit; digits left over go at the leftmost one.
    let rest = padded;
    const parts: string[] = [];
    const firstDigit = intTokens.findIndex(isDigit);
    for (let i = intTokens.length - 1; i >= 0; i--) {
      const t = intTokens[i]!;
      if (t.kind === 'text') parts.unshift(t.text);
      else if (t.kind === '%' || t.kind === '‰') parts.unshift(t.kind);
      else if (isDigit(t)) {
        const take = i === firstDigit ? rest : rest.slice(-1);
        rest = i === firstDigit ? '' : rest.slice(0, -1);
        parts.unshift(take);
      }
    }
    intText = parts.join('');
  }
  let fracText = '';
  let lastShown = -1;
  fracTokens.forEach((t, i) => {
    if (t.kind === '0') lastShown = i;
  });
  let d = 0;
  const digitAt: number[] = fracTokens.map((t) => (isDigit(t) ? d++ : -1));
  let lastNonZero = -1;
  for (let i = 0; i < frac.length; i++) if (frac[i] !== '0') lastNonZero = i;
  fracTokens.forEach((t, i) => {
    if (t.kind === 'text') fracText += t.text;
    else if (t.kind === '%' || t.kind === '‰') fracText += t.kind;
    else if (isDigit(t)) {
      const di = digitAt[i]!;
      if (t.kind === '0' || di <= lastNonZero || i < lastShown) fracText += frac[di];
    }
  });
  const hasFracDigits = /\d/.test(fracText);
  return { text: intText + (hasFracDigits ? c.decimal : '') + fracText, zero: rounded === 0 };
}

function formatCustom(x: number, format: string, c: Culture): string {
  const sections = splitSections(format);
  const positive = sections[0]!;
  const negative = sections[1];
  const zero = sections[2];
  if (x < 0 && negative !== undefined && negative !== '') {
    const r = formatSection(-x, negative, c);
    return r.zero && zero !== undefined ? formatSection(0, zero, c).text : r.text;
  }
  const r = formatSection(Math.abs(x), positive, c);
  if (r.zero && zero !== undefined) return formatSection(0, zero, c).text;
  return x < 0 && !r.zero ? `-${r.text}` : r.text;
}

function formatStandardNumber(x: number, isInteger: boolean, spec: string, digits: number | undefined, c: Culture): string | null {
  const zeros = (n: number) => (n > 0 ? '.' + '0'.repeat(n) : '');
  switch (spec.toUpperCase()) {
    case 'C': return c.currency(roundDecimal(x, digits ?? 2, false), digits ?? 2);
    case 'N': return formatCustom(x, `#,##0${zeros(digits ?? 2)}`, c);
    case 'F': return formatCustom(x, `0${zeros(digits ?? 2)}`, c);
    case 'P': {
      const body = formatCustom(Math.abs(x) * 100, `#,##0${zeros(digits ?? 2)}`, c);
      const negative = x < 0 && body !== formatCustom(0, `#,##0${zeros(digits ?? 2)}`, c);
      return `${negative ? '-' : ''}${body} %`;
    }
    case 'D': {
      if (!isInteger) return null;
      const s = String(Math.abs(x)).padStart(digits ?? 0, '0');
      return x < 0 ? `-${s}` : s;
    }
    case 'X': {
      if (!isInteger) return null;
      const n = x < 0 ? BigInt(x) & 0xffffffffn : BigInt(x);
      const s = n.toString(16).padStart(digits ?? 0, '0');
      return spec === 'x' ? s : s.toUpperCase();
    }
    case 'E': {
      const e = x.toExponential(digits ?? 6);
      const [m, exp] = e.split('e');
      const sign = exp!.startsWith('-') ? '-' : '+';
      return `${m!.replace('.', c.decimal)}${spec}${sign}${exp!.replace(/^[+-]/, '').padStart(3, '0')}`;
    }
    case 'G': case 'R':
      if (digits !== undefined && spec.toUpperCase() === 'G') return numberText(Number(x.toPrecision(digits))).replace('.', c.decimal);
      return numberText(x).replace('.', c.decimal);
    default: return undefined as never;
  }
}

function formatNumber(x: number, isInteger: boolean, format: string, c: Culture): string | null {
  const std = /^([CcDdEeFfGgNnPpRrXx])(\d{1,2})?$/.exec(format);
  if (std !== null) return formatStandardNumber(x, isInteger, std[1]!, std[2] === undefined ? undefined : Number(std[2]), c);
  if (/^[A-Za-z]\d*$/.test(format)) return null;
  return formatCustom(x, format, c);
}

// ---- dates ----

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

function formatDate(p: DateParts, format: string, c: Culture): string | null {
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
