/**
 * FORMAT of numbers: .NET's standard numeric formats (C, D, E, F, G, N, P, R, X with a precision) and custom
 * formats (`0`, `#`, `.`, `,` grouping or scaling, `%`, `‰`, literals, `;` sections). Decimals are REAL here
 * and are rounded on their shortest decimal text, half away from zero, as .NET rounds a decimal.
 */
import type { Culture } from './format-culture.ts';
import { SqlServerFunctionError, UNSUPPORTED } from './function-error.ts';
import { roundDecimal } from './math-functions.ts';
import { numberText } from './values.ts';

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

interface Section {
  /** Tokens before the point, commas removed. */
  readonly integer: readonly NumToken[];
  /** Tokens after the point. */
  readonly fraction: readonly NumToken[];
  readonly grouping: boolean;
  /** Product of %, ‰ and the scaling commas. */
  readonly scale: number;
}

function parseSection(section: string): Section {
  const tokens = tokenizeNumber(section);
  const point = tokens.findIndex((t) => t.kind === '.');
  const integer = point < 0 ? tokens : tokens.slice(0, point);
  const fraction = point < 0 ? [] : tokens.slice(point + 1).filter((t) => t.kind !== ',' && t.kind !== '.');
  // Commas right after the last integer placeholder divide by 1000 each ('#,##0,,' is millions); a comma
  // between placeholders turns grouping on.
  let lastDigit = integer.length - 1;
  while (lastDigit >= 0 && !isDigit(integer[lastDigit]!)) lastDigit--;
  let scale = 1;
  for (let k = lastDigit + 1; k < integer.length && integer[k]!.kind === ','; k++) scale /= 1000;
  for (const t of tokens) if (t.kind === '%') scale *= 100; else if (t.kind === '‰') scale *= 1000;
  return {
    integer: integer.filter((t) => t.kind !== ','),
    fraction,
    grouping: integer.slice(0, lastDigit + 1).some((t) => t.kind === ','),
    scale,
  };
}

const literal = (t: NumToken): string => (t.kind === 'text' ? t.text : t.kind === '%' || t.kind === '‰' ? t.kind : '');

/** The integer digits laid into the placeholders; with grouping, literals inside the digits are dropped. */
function integerText(digits: string, tokens: readonly NumToken[], grouping: boolean, c: Culture): string {
  const first = tokens.findIndex(isDigit);
  if (first < 0) return tokens.map(literal).join('');
  const placeholders = tokens.filter(isDigit);
  const leftmostZero = placeholders.findIndex((t) => t.kind === '0');
  const padded = digits.padStart(leftmostZero < 0 ? 0 : placeholders.length - leftmostZero, '0');
  if (grouping) {
    const last = tokens.length - 1 - [...tokens].reverse().findIndex(isDigit);
    return tokens.slice(0, first).map(literal).join('') + groupDigits(padded, c.group) + tokens.slice(last + 1).map(literal).join('');
  }
  // Right to left: each placeholder takes the next digit; the digits left over go at the leftmost one.
  let rest = padded;
  const parts: string[] = [];
  for (let i = tokens.length - 1; i >= 0; i--) {
    const t = tokens[i]!;
    if (!isDigit(t)) parts.unshift(literal(t));
    else if (i === first) parts.unshift(rest);
    else {
      parts.unshift(rest.slice(-1));
      rest = rest.slice(0, -1);
    }
  }
  return parts.join('');
}

/** The fraction digits: a `0` always prints, a `#` only up to the last significant digit or a later `0`. */
function fractionText(frac: string, tokens: readonly NumToken[]): { text: string; digits: boolean } {
  let lastZero = -1;
  tokens.forEach((t, i) => {
    if (t.kind === '0') lastZero = i;
  });
  const lastSignificant = frac.replace(/0+$/, '').length - 1;
  let text = '';
  let printed = false;
  let d = 0;
  tokens.forEach((t, i) => {
    if (!isDigit(t)) text += literal(t);
    else {
      if (t.kind === '0' || d <= lastSignificant || i < lastZero) {
        text += frac[d];
        printed = true;
      }
      d++;
    }
  });
  return { text, digits: printed };
}

/** One custom section applied to |x| (the sign is the caller's). */
function formatSection(x: number, sectionText: string, c: Culture): { text: string; zero: boolean } {
  const section = parseSection(sectionText);
  const decimals = section.fraction.filter(isDigit).length;
  const rounded = roundDecimal(x * section.scale, decimals, false);
  const [intPart = '0', fracPart = ''] = numberText(rounded).split('.');
  const int = integerText(intPart === '0' ? '' : intPart, section.integer, section.grouping, c);
  const frac = fractionText(fracPart.padEnd(decimals, '0'), section.fraction);
  return { text: int + (frac.digits ? c.decimal : '') + frac.text, zero: rounded === 0 };
}

export function formatCustom(x: number, format: string, c: Culture): string {
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

/** 'C': en-US as .NET Framework writes it, '($1,234.50)' when negative; other cultures through ICU. */
function currency(x: number, decimals: number, c: Culture): string {
  const pattern = `$#,##0${decimals > 0 ? '.' + '0'.repeat(decimals) : ''}`;
  if (c.us) {
    const s = formatCustom(Math.abs(x), pattern, c);
    return x < 0 && s !== formatCustom(0, pattern, c) ? `(${s})` : s;
  }
  if (c.currency === undefined) throw new SqlServerFunctionError(UNSUPPORTED, `FORMAT 'C' for culture '${c.name}' is not supported by the local engine.`);
  const rounded = roundDecimal(x, decimals, false);
  return new Intl.NumberFormat(c.name, { style: 'currency', currency: c.currency, minimumFractionDigits: decimals, maximumFractionDigits: decimals }).format(rounded);
}

function formatStandardNumber(x: number, isInteger: boolean, spec: string, digits: number | undefined, c: Culture): string | null {
  const zeros = (n: number) => (n > 0 ? '.' + '0'.repeat(n) : '');
  switch (spec.toUpperCase()) {
    case 'C': return currency(x, digits ?? 2, c);
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

/** FORMAT of a number: a standard format ('N2', 'C', 'P0'), else a custom one; null where .NET rejects it. */
export function formatNumber(x: number, isInteger: boolean, format: string, c: Culture): string | null {
  const std = /^([CcDdEeFfGgNnPpRrXx])(\d{1,2})?$/.exec(format);
  if (std !== null) return formatStandardNumber(x, isInteger, std[1]!, std[2] === undefined ? undefined : Number(std[2]), c);
  if (/^[A-Za-z]\d*$/.test(format)) return null;
  return formatCustom(x, format, c);
}
