import assert from 'node:assert/strict';
import { test } from 'node:test';
import { KineticError } from '../../src/errors.ts';
import { parseSql } from '../../src/sql/parse.ts';

function where(sql: string): unknown {
  const { statement } = parseSql(sql);
  assert.equal(statement.kind, 'select');
  return statement.kind === 'select' ? statement.where : undefined;
}

test("the parser's quirks are fixed in the IR: NOT (x), '' in strings, decimals as text", () => {
  assert.deepEqual(where("SELECT a FROM t WHERE NOT (b = 'it''s')"), {
    kind: 'not', expr: { kind: 'compare', op: '=', left: { kind: 'column', name: 'b' }, right: { kind: 'string', value: "it's" } },
  });
  assert.deepEqual(where('SELECT a FROM t WHERE b = 1.50'), {
    kind: 'compare', op: '=', left: { kind: 'column', name: 'b' }, right: { kind: 'number', value: 1.5, text: '1.50' },
  });
  assert.deepEqual(where('SELECT a FROM t WHERE b != -3'), {
    kind: 'compare', op: '<>', left: { kind: 'column', name: 'b' }, right: { kind: 'number', value: -3, text: '-3' },
  });
});

test('TOP, LIMIT (both spellings) and OFFSET/FETCH become one row window', () => {
  const window = (sql: string): unknown => {
    const { statement } = parseSql(sql);
    return statement.kind === 'select' ? statement.window : undefined;
  };
  assert.deepEqual(window('SELECT TOP 3 a FROM t'), { kind: 'window', limit: 3 });
  assert.deepEqual(window('SELECT a FROM t LIMIT 3 OFFSET 6'), { kind: 'window', limit: 3, offset: 6 });
  assert.deepEqual(window('SELECT a FROM t LIMIT 6, 3'), { kind: 'window', limit: 3, offset: 6 });
  assert.deepEqual(window('SELECT a FROM t ORDER BY a OFFSET 6 ROWS FETCH NEXT 3 ROWS ONLY'), { kind: 'window', limit: 3, offset: 6 });
  assert.deepEqual(window('SELECT a FROM t ORDER BY a OFFSET 6 ROWS'), { kind: 'window', offset: 6 });
  assert.equal(window('SELECT a FROM t'), undefined);
});

test('service-qualified names keep the service; aliases are kept', () => {
  for (const sql of ['SELECT a FROM [Erp.BO.SalesOrderSvc].[OrderDtls] d', 'SELECT a FROM "Erp.BO.SalesOrderSvc"."OrderDtls" AS d']) {
    const { statement } = parseSql(sql);
    assert.deepEqual(statement.kind === 'select' && statement.from, { kind: 'table', name: 'OrderDtls', service: 'Erp.BO.SalesOrderSvc', alias: 'd' });
  }
});

test('syntax errors carry the line and column of the text the user wrote', () => {
  assert.throws(() => parseSql('SELECT a\n  FROM t\n  WHERE b = ? AND AND c'), (e: unknown) => {
    assert.ok(e instanceof KineticError && e.code === 'ESQL_SYNTAX', String(e));
    assert.match(e.message, /line 3, column/);
    assert.equal(e.line, 3);
    return true;
  });
});

test('a parsed statement is cached by its text', () => {
  const sql = 'SELECT CustID FROM Customers WHERE CustNum = 7';
  assert.equal(parseSql(sql), parseSql(sql));
});
