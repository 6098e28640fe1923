/**
 * Literal forms per protocol version. @odata/parser is an OData v4 parser: it rejects the v3 forms that
 * v1 clients send (`datetime'…'`, `datetimeoffset'…'`, `guid'…'`, `1.5M`). On v1 this pre-pass rewrites
 * them into the v4 forms the parser reads (bare ISO instants, bare GUIDs, bare numbers); it only touches
 * text outside string literals. Each version is strict about the other's forms, so the driver is checked:
 * v1 rejects bare v4 dates and GUIDs, v2 rejects the v3 prefixes and suffixes.
 */
import { hideControlChars } from './control-chars.ts';
import { badRequest } from './odata-query-error.ts';
import { splitQuoted, type Segment } from './quoted-segments.ts';
import type { ODataVersion } from './types.ts';

const OPERATOR_WORDS = new Set(['eq', 'ne', 'gt', 'ge', 'lt', 'le', 'and', 'or', 'not', 'add', 'sub', 'mul', 'div', 'mod', 'has', 'in']);
const V3_PREFIXES = new Set(['datetime', 'datetimeoffset', 'guid']);
const NUMBER_SUFFIX_SOURCE = String.raw`(?<![\w.-])(-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?)([mMdDfFlL])(?![\w-])`;
const NUMBER_SUFFIX = new RegExp(NUMBER_SUFFIX_SOURCE, 'g');
const HAS_NUMBER_SUFFIX = new RegExp(NUMBER_SUFFIX_SOURCE);
const BARE_DATE = /(?<![\w.-])\d{4}-\d{2}-\d{2}(?:T[\d:.]+(?:Z|[+-]\d{2}:\d{2})?)?/;
const BARE_GUID = /(?<![\w-])[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}(?![\w-])/;
const V3_DATETIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,7})?)?Z?$/;
const V3_DATETIMEOFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,7})?)?(?:Z|[+-]\d{2}:\d{2})$/;
const GUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;

/**
 * Returns filter text the v4 parser can read, or throws a 400 for a literal form the version rejects.
 *
 * @example
 * prepareFilterText("D ge datetime'2024-03-01T00:00:00' and P eq 1.5M", 'v1') // 'D ge 2024-03-01T00:00:00Z and P eq 1.5'
 */
export function prepareFilterText(text: string, version: ODataVersion): string {
  const segments = splitQuoted(text.trim()).map((s) => (s.quoted ? { quoted: true, text: hideControlChars(s.text) } : s));
  return version === 'v1' ? rewriteV1(segments) : checkV2(segments);
}

function rewriteV1(segments: Segment[]): string {
  const out: string[] = [];
  for (const seg of segments) {
    if (!seg.quoted) {
      rejectBareV4(seg.text);
      out.push(seg.text.replace(NUMBER_SUFFIX, '$1'));
      continue;
    }
    const prefix = takePrefix(out);
    out.push(prefix === undefined ? seg.text : v3Literal(prefix, seg.text));
  }
  return out.join('');
}

function checkV2(segments: Segment[]): string {
  segments.forEach((seg, i) => {
    if (seg.quoted) return;
    const suffix = HAS_NUMBER_SUFFIX.exec(seg.text);
    if (suffix) throw badRequest(`Numeric literal '${suffix[0]}' uses an OData v3 type suffix; on v2 (OData v4) write '${suffix[1]}'.`);
    const next = segments[i + 1];
    const prefix = /([A-Za-z]+)$/.exec(seg.text)?.[1]?.toLowerCase();
    if (next && prefix && V3_PREFIXES.has(prefix)) {
      throw badRequest(`Literal ${prefix}${next.text} is OData v3 syntax; on v2 (OData v4) write it bare, e.g. 2024-03-01T00:00:00Z or 0f8fad5b-d9cb-469f-a165-70867728950e.`);
    }
  });
  return segments.map((s) => s.text).join('');
}

/** Removes and returns an identifier written right before a quote (`datetime` in `datetime'…'`). */
function takePrefix(out: string[]): string | undefined {
  const last = out[out.length - 1];
  const m = last === undefined ? null : /([A-Za-z][A-Za-z0-9]*)$/.exec(last);
  if (!m || !m[1] || OPERATOR_WORDS.has(m[1].toLowerCase())) return undefined;
  out[out.length - 1] = last!.slice(0, last!.length - m[1].length);
  return m[1];
}

function v3Literal(prefix: string, quoted: string): string {
  const body = quoted.slice(1, -1);
  switch (prefix.toLowerCase()) {
    case 'datetime':
      if (!V3_DATETIME.test(body)) throw badRequest(`Bad datetime literal ${prefix}${quoted}: expected datetime'YYYY-MM-DDTHH:MM:SS'.`);
      return body.endsWith('Z') ? body : `${body}Z`;
    case 'datetimeoffset':
      if (!V3_DATETIMEOFFSET.test(body)) throw badRequest(`Bad datetimeoffset literal ${prefix}${quoted}: expected datetimeoffset'YYYY-MM-DDTHH:MM:SSZ' or an offset such as +02:00.`);
      return body;
    case 'guid':
      if (!GUID.test(body)) throw badRequest(`Bad guid literal ${prefix}${quoted}: expected guid'xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx'.`);
      return body;
    default:
      throw badRequest(`Literal form ${prefix}'…' is not supported; use a string, number, boolean, null, datetime'…', datetimeoffset'…' or guid'…' literal.`);
  }
}

function rejectBareV4(text: string): void {
  const date = BARE_DATE.exec(text);
  if (date) throw badRequest(`Bare date literal '${date[0]}' is OData v4 syntax; on v1 (OData v3) write datetime'YYYY-MM-DDTHH:MM:SS'.`);
  const guid = BARE_GUID.exec(text);
  if (guid) throw badRequest(`Bare GUID literal '${guid[0]}' is OData v4 syntax; on v1 (OData v3) write guid'${guid[0]}'.`);
}
