import assert from 'node:assert/strict';
import { test } from 'node:test';
import { defaultParser } from '@odata/parser';
import { KineticError } from '../../src/errors.ts';
import { queryString } from '../../src/odata/url.ts';
import type { ODataRequest } from '../../src/odata/request.ts';
import { compile } from '../../src/plan/compile.ts';
import { catalog } from '../fixtures/catalog.ts';
import { translationCases } from '../fixtures/translation-cases.ts';
import type { ExpectedError, ExpectedRequest, TranslationCase } from '../fixtures/translation-cases.ts';

function actual(req: ODataRequest, expect: ExpectedRequest): ExpectedRequest {
  return {
    entitySet: req.entitySet,
    ...(expect.service !== undefined ? { service: req.service } : {}),
    ...(req.select ? { select: req.select.join(',') } : {}),
    ...(req.filter !== undefined ? { filter: req.filter } : {}),
    ...(req.orderby ? { orderby: req.orderby.map((o) => (o.desc ? `${o.column} desc` : o.column)).join(',') } : {}),
    ...(req.top !== undefined ? { top: req.top } : {}),
    ...(req.skip !== undefined ? { skip: req.skip } : {}),
    ...(req.count ? { count: true } : {}),
    ...(req.baqParams ? { baqParams: req.baqParams } : {}),
  };
}

function runRequestCase(c: TranslationCase, expect: ExpectedRequest): void {
  const statement = compile(c.sql, c.params, catalog, { apiVersion: c.apiVersion });
  assert.equal(statement.kind, 'select');
  if (statement.kind !== 'select') return;
  const req = statement.plan.request;
  assert.deepEqual(actual(req, expect), expect);
  assert.equal(statement.plan.kind, expect.count ? 'count' : 'remote');
  // The query string decodes back to exactly the same options.
  const decoded = new URLSearchParams(queryString(req, c.apiVersion));
  assert.equal(decoded.get('$filter') ?? undefined, expect.filter);
  if (!expect.count) assert.equal(decoded.get('$select') ?? undefined, expect.select);
  for (const [name, value] of Object.entries(expect.baqParams ?? {})) assert.equal(decoded.get(name), value);
  // A third-party OData v4 parser (the one the simulator uses) accepts every v2 filter.
  if (c.apiVersion === 'v2' && expect.filter) assert.doesNotThrow(() => defaultParser.filter(expect.filter as string), expect.filter);
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
  const codes = new Set<string>(translationCases.map((c) => ('error' in c.expect ? c.expect.error : 'ok')));
  for (const code of ['ok', 'ESQL_SYNTAX', 'ESQL_UNSUPPORTED', 'ENO_TABLE', 'ENO_COLUMN', 'EPARAM']) assert.ok(codes.has(code), code);
  assert.ok(translationCases.some((c) => c.apiVersion === 'v1') && translationCases.some((c) => c.apiVersion === 'v2'));
  assert.ok(translationCases.length >= 60);
});

for (const c of translationCases) {
  test(`${c.apiVersion} ${c.name}`, () => {
    if ('error' in c.expect) runErrorCase(c, c.expect);
    else runRequestCase(c, c.expect);
  });
}
