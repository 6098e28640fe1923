// EXEC names with brackets and dots: a method of a service (whose name holds dots) and an Epicor Function.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseSql } from '../../src/sql/parse.ts';

const procedure = (sql: string): unknown => {
  const s = parseSql(sql).statement;
  assert.equal(s.kind, 'exec');
  return s.kind === 'exec' ? { procedure: s.procedure, args: s.args.map((a) => a.name ?? '?') } : undefined;
};

test('bracketed and dotted method names read as Service.Method', () => {
  const want = { procedure: 'Erp.BO.CustomerSvc.GetByID', args: ['custNum'] };
  assert.deepEqual(procedure('EXEC [Erp.BO.CustomerSvc].[GetByID] @custNum = 5'), want);
  assert.deepEqual(procedure('EXECUTE Erp.BO.CustomerSvc.GetByID custNum = 5;'), want);
  assert.deepEqual(procedure('exec [Erp.BO.CustomerSvc.GetByID] @custNum=5'), want);
});

test('Epicor Functions read as efx.Library.Function', () => {
  const want = { procedure: 'efx.SimTools.AddNumbers', args: ['a', 'b'] };
  assert.deepEqual(procedure('EXEC efx.[SimTools].[AddNumbers] @a = 1, @b = 2'), want);
  assert.deepEqual(procedure('EXEC efx.SimTools.AddNumbers a = 1, b = 2'), want);
});
