/**
 * CONVERT's date styles, to text and back. Styles below 100 print a 2-digit year where the style has a
 * year (1 is 'mm/dd/yy', 101 'mm/dd/yyyy'); 0, 100, 9, 109, 13, 113, 20, 120, 21, 121, 126 and the time
 * styles are the same with or without 100.
 */
import { MONTHS, type DateParts } from './date-values.ts';

const p2 = (n: number): string => String(n).padStart(2, '0');
const p3 = (n: number): string => String(n).padStart(3, '0');
const mon = (p: DateParts): string => MONTHS[p.month - 1]!.slice(0, 3);
const h12 = (p: DateParts): number => (p.hour % 12 === 0 ? 12 : p.hour % 12);
const ampm = (p: DateParts): string => (p.hour < 12 ? 'AM' : 'PM');
const hms = (p: DateParts): string => `${p2(p.hour)}:${p2(p.minute)}:${p2(p.second)}`;

/** The date part of the styles with a short-year variant, given the year text. */
const DATE_STYLES: Readonly<Record<number, (p: DateParts, y: string) => string>> = {
  1: (p, y) => `${p2(p.month)}/${p2(p.day)}/${y}`,
  2: (p, y) => `${y}.${p2(p.month)}.${p2(p.day)}`,
  3: (p, y) => `${p2(p.day)}/${p2(p.month)}/${y}`,
  4: (p, y) => `${p2(p.day)}.${p2(p.month)}.${y}`,
  5: (p, y) => `${p2(p.day)}-${p2(p.month)}-${y}`,
  6: (p, y) => `${p2(p.day)} ${mon(p)} ${y}`,
  7: (p, y) => `${mon(p)} ${p2(p.day)}, ${y}`,
  10: (p, y) => `${p2(p.month)}-${p2(p.day)}-${y}`,
  11: (p, y) => `${y}/${p2(p.month)}/${p2(p.day)}`,
  12: (p, y) => `${y}${p2(p.month)}${p2(p.day)}`,
};

const monDdYyyy = (p: DateParts): string => `${mon(p)} ${String(p.day).padStart(2, ' ')} ${p.year}`;

const FULL_STYLES: Readonly<Record<number, (p: DateParts) => string>> = {
  0: (p) => `${monDdYyyy(p)} ${String(h12(p)).padStart(2, ' ')}:${p2(p.minute)}${ampm(p)}`,
  8: hms,
  9: (p) => `${monDdYyyy(p)} ${String(h12(p)).padStart(2, ' ')}:${p2(p.minute)}:${p2(p.second)}:${p3(p.ms)}${ampm(p)}`,
  13: (p) => `${p2(p.day)} ${mon(p)} ${p.year} ${hms(p)}:${p3(p.ms)}`,
  14: (p) => `${hms(p)}:${p3(p.ms)}`,
  20: (p) => `${p.year}-${p2(p.month)}-${p2(p.day)} ${hms(p)}`,
  21: (p) => `${p.year}-${p2(p.month)}-${p2(p.day)} ${hms(p)}.${p3(p.ms)}`,
  22: (p) => `${p2(p.month)}/${p2(p.day)}/${p2(p.year % 100)} ${String(h12(p)).padStart(2, ' ')}:${p2(p.minute)}:${p2(p.second)} ${ampm(p)}`,
  23: (p) => `${p.year}-${p2(p.month)}-${p2(p.day)}`,
  24: hms,
  25: (p) => `${p.year}-${p2(p.month)}-${p2(p.day)} ${hms(p)}.${p3(p.ms)}`,
  // 126 (ISO 8601) leaves out the milliseconds when they are 0.
  126: (p) => `${p.year}-${p2(p.month)}-${p2(p.day)}T${hms(p)}${p.ms === 0 ? '' : `.${p3(p.ms)}`}`,
  127: (p) => `${p.year}-${p2(p.month)}-${p2(p.day)}T${hms(p)}${p.ms === 0 ? '' : `.${p3(p.ms)}`}Z`,
};

const SAME_WITH_100 = new Set([0, 8, 9, 13, 14, 20, 21]);

/** The styles that print a date with its time, for a value typed `date` where only the date prints. */
const WITH_TIME = new Set([0, 9, 13, 20, 21, 22, 25, 100, 109, 113, 120, 121, 126, 127]);

/** Text of a date in CONVERT style `style`, or null for a style this table lacks. */
export function formatDateStyle(p: DateParts, style: number, dateOnly = false): string | null {
  if (dateOnly && WITH_TIME.has(style) && style !== 0 && style !== 100) return FULL_STYLES[23]!(p);
  const full = FULL_STYLES[style] ?? (SAME_WITH_100.has(style - 100) ? FULL_STYLES[style - 100] : undefined);
  if (full !== undefined) return full(p);
  if (DATE_STYLES[style] !== undefined) return DATE_STYLES[style](p, p2(p.year % 100));
  const long = DATE_STYLES[style - 100];
  return long === undefined ? null : long(p, String(p.year).padStart(4, '0'));
}

/** Styles whose text reads day first (dd/mm/yyyy), for CONVERT from text to a date. */
export const DAY_FIRST_STYLES = new Set([3, 4, 5, 6, 13, 103, 104, 105, 106, 113]);
