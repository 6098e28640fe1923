import assert from 'node:assert/strict';
import { test } from 'node:test';
import { defaultParser } from '@odata/parser';
import { KineticError } from '../../src/errors.ts';
import { compile } from '../../src/plan/compile.ts';
import { catalog } from '../fixtures/catalog.ts';
import { firstUrl, options, PAGESIZE } from '../fixtures/compiled.ts';
import { translationCases } from '../fixtures/translation-cases.ts';
import type { ExpectedError, ExpectedLocal, ExpectedRequest, TranslationCase } from '../fixtures/translation-cases.ts';
import { explainPlan } from '../../src/engine/execute.ts';
import { configFor, planOf } from '../fixtures/compiled.ts';

const OPTIONS = new Set(['$select', '$filter', '$orderby', '$top', '$skip', '$count', '$inlinecount']);

/** What the emitted URL asks for, in the shape of ExpectedRequest. */
function sent(url: URL, c: TranslationCase, expect: ExpectedRequest): ExpectedRequest {
  const segments = url.pathname.split('/').map(decodeURIComponent);
  const at = segments.indexOf(c.apiVersion === 'v1' ? 'v1' : 'odata') + (c.apiVersion === 'v1' ? 1 : 2);
  const service = segments[at] as string;
  const entitySet = segments[at + 1] as string;
  const o = options(url);
  const count = o['$count'] === 'true' || o['$inlinecount'] === 'allpages';
  if (count) assert.equal(o['$top'], '0');
  else {
    // The first page asks for the query's rows, up to a page.
    assert.equal(o['$top'], String(Math.min(expect.top ?? PAGESIZE, PAGESIZE)));
    assert.equal(o['$skip'], String(expect.skip ?? 0));
  }
  const baqParams = Object.fromEntries(Object.entries(o).filter(([k]) => !OPTIONS.has(k)));
  return {
    entitySet,
    ...(expect.service !== undefined ? { service } : {}),
    ...(o['$select'] !== undefined ? { select: o['$select'] } : {}),
    ...(o['$filter'] !== undefined ? { filter: o['$filter'] } : {}),
    ...(o['$orderby'] !== undefined ? { orderby: o['$orderby'] } : {}),
    ...(expect.top !== undefined ? { top: expect.top } : {}),
    ...(expect.skip !== undefined ? { skip: expect.skip } : {}),
    ...(count ? { count: true } : {}),
    ...(Object.keys(baqParams).length > 0 ? { baqParams } : {}),
  };
}

function runRequestCase(c: TranslationCase, expect: ExpectedRequest): void {
  const url = firstUrl(c.sql, c.params, c.apiVersion);
  assert.deepEqual(sent(url, c, expect), expect);
  // A third-party OData v4 parser (the one the simulator uses) accepts every v2 filter.
  if (c.apiVersion === 'v2' && expect.filter) assert.doesNotThrow(() => defaultParser.filter(expect.filter as string), expect.filter);
}

function runLocalCase(c: TranslationCase, expect: ExpectedLocal): void {
  const explain = explainPlan(planOf(c.sql, c.params, c.apiVersion), configFor(c.apiVersion));
  assert.ok(explain.local !== null, 'runs on the local engine');
  const sent = explain.requests.map((r) => decodeURIComponent(new URL(r.url).search.slice(1)).replace(/&\$top=\d+&\$skip=\d+$/, ''));
  assert.deepEqual(sent, expect.local);
}

function runErrorCase(c: TranslationCase, expect: ExpectedError): void {
  assert.throws(
    () => compile(c.sql, c.params, catalog, { apiVersion: c.apiVersion }),
    (err: unknown) => {
      assert.ok(err instanceof KineticError, `not a KineticError: ${String(err)}`);
      assert.equal(err.code, expect.error, err.message);
      if (expect.message) assert.ok(err.message.includes(expect.message), `"${err.message}" lacks "${expect.message}"`);
      if (expect.line !== undefined) assert.equal(err.line, expect.line, err.message);
      if (expect.column !== undefined) assert.equal(err.column, expect.column, err.message);
      return true;
    },
  );
}

test('there are cases for every error code and both API versions', () => {
  const codes = new Set<string>(translationCases.map((c) => ('error' in c.expect ? c.expect.error : 'local' in c.expect ? 'local' : 'ok')));
  for (const code of ['ok', 'local', 'ESQL_SYNTAX', 'ESQL_UNSUPPORTED', 'ENO_TABLE', 'ENO_COLUMN', 'EPARAM']) assert.ok(codes.has(code), code);
  assert.ok(translationCases.some((c) => c.apiVersion === 'v1') && translationCases.some((c) => c.apiVersion === 'v2'));
  assert.ok(translationCases.length >= 60);
});

for (const c of translationCases) {
  test(`${c.apiVersion} ${c.name}`, () => {
    if ('error' in c.expect) runErrorCase(c, c.expect);
    else if ('local' in c.expect) runLocalCase(c, c.expect);
    else runRequestCase(c, c.expect);
  });
}
