import assert from 'node:assert/strict';
import { test } from 'node:test';
import { serializeFilter } from '../../src/odata/filter.ts';
import type { FilterNode } from '../../src/odata/filter.ts';
import type { ODataRequest } from '../../src/odata/request.ts';
import { nullLiteral } from '../../src/odata/literals.ts';
import { queryString } from '../../src/odata/url.ts';

const base: ODataRequest = { service: 'Erp.BO.CustomerSvc', entitySet: 'Customers', baq: false };
const field = (name: string): FilterNode => ({ kind: 'field', name });
const lit = (text: string): FilterNode => ({ kind: 'literal', text });
const stateIsCA: FilterNode = { kind: 'compare', op: 'eq', left: field('State'), right: lit("'CA'") };

test('options come in a fixed order, values encoded, commas and colons readable', () => {
  const req: ODataRequest = {
    ...base, select: ['CustID', 'Name'],
    filter: { kind: 'and', left: { kind: 'compare', op: 'ge', left: field('EstDate'), right: lit('2024-03-01T00:00:00Z') }, right: { kind: 'compare', op: 'eq', left: field('Name'), right: lit("'A&B'") } },
    orderby: [{ column: 'Name', desc: true }, { column: 'CustNum', desc: false }], top: 10, skip: 20,
  };
  assert.equal(queryString(req),
    "$select=CustID,Name&$filter=EstDate%20ge%202024-03-01T00:00:00Z%20and%20Name%20eq%20'A%26B'&$orderby=Name%20desc,CustNum&$top=10&$skip=20");
});

test('a page window replaces the query window', () => {
  assert.equal(queryString({ ...base, top: 1000, skip: 5 }, { top: 100, skip: 205 }), '$top=100&$skip=205');
  assert.equal(queryString(base), '');
});

test('count requests: $count=true (v4) or $inlinecount=allpages (v3), both with $top=0', () => {
  const req: ODataRequest = { ...base, filter: stateIsCA, select: ['Name'], orderby: [{ column: 'Name', desc: false }] };
  assert.equal(queryString({ ...req, count: 'count' }), "$filter=State%20eq%20'CA'&$count=true&$top=0");
  assert.equal(queryString({ ...req, count: 'inlinecount' }), "$filter=State%20eq%20'CA'&$inlinecount=allpages&$top=0");
});

test('BAQ parameters come first as plain pairs', () => {
  const req: ODataRequest = { service: 'BaqSvc', entitySet: 'zCustomer01', baq: true, baqParams: { zipCode: '9 0&2=1#' }, filter: { kind: 'compare', op: 'eq', left: field('Customer_Name'), right: lit("'x'") } };
  assert.equal(queryString(req), "zipCode=9%200%262%3D1%23&$filter=Customer_Name%20eq%20'x'");
});

test('the filter emitter parenthesises OR under AND and every NOT operand', () => {
  const eq = (name: string, text: string): FilterNode => ({ kind: 'compare', op: 'eq', left: { kind: 'field', name }, right: { kind: 'literal', text } });
  const tree: FilterNode = { kind: 'and', left: { kind: 'or', left: eq('A', '1'), right: eq('B', '2') }, right: { kind: 'not', expr: { kind: 'and', left: eq('C', '3'), right: eq('D', '4') } } };
  assert.equal(serializeFilter(tree), '(A eq 1 or B eq 2) and not (C eq 3 and D eq 4)');
  assert.equal(serializeFilter({ kind: 'or', left: { kind: 'and', left: eq('A', '1'), right: eq('B', '2') }, right: eq('C', '3') }), 'A eq 1 and B eq 2 or C eq 3');
});

test('null is written by the literal encoder', () => {
  assert.equal(serializeFilter({ kind: 'compare', op: 'ne', left: field('State'), right: lit(nullLiteral()) }), 'State ne null');
});
