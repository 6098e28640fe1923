/**
 * INSERT, UPDATE and DELETE in the query model: what the parser gives is converted (tables with their
 * service and alias, column lists, VALUES rows with parameters, INSERT … SELECT, SET lists, WHERE), and
 * what the driver does not run is ESQL_UNSUPPORTED naming it.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { KineticError } from '../../src/errors.ts';
import { parseSql } from '../../src/sql/parse.ts';

test('INSERT … VALUES with several rows and both parameter styles', () => {
  assert.deepEqual(parseSql("INSERT INTO [Erp.BO.CustomerSvc].Customers (CustID, Name) VALUES ('A', ?), (?, NULL)"), {
    statement: {
      kind: 'insert',
      table: { kind: 'table', name: 'Customers', service: 'Erp.BO.CustomerSvc' },
      columns: ['CustID', 'Name'],
      source: { kind: 'values', rows: [
        [{ kind: 'string', value: 'A' }, { kind: 'param', by: 'position', index: 0 }],
        [{ kind: 'param', by: 'position', index: 1 }, { kind: 'null' }],
      ] },
    },
    params: { kind: 'positional', count: 2 },
  });
  const named = parseSql('INSERT Customers (CustID) VALUES (@id)');
  assert.deepEqual(named.params, { kind: 'named', names: ['id'] });
});

test('INSERT … SELECT carries the query', () => {
  const { statement } = parseSql("INSERT INTO Customers (CustID) SELECT CustID FROM Customers WHERE State = 'MN'");
  assert.equal(statement.kind, 'insert');
  assert.ok(statement.kind === 'insert' && statement.source.kind === 'query' && statement.source.query.kind === 'select');
});

test('UPDATE with a SET list computed from the row, and DELETE with an alias', () => {
  const { statement: update } = parseSql('UPDATE Customers SET CreditLimit = CreditLimit * 1.1, Name = @n WHERE CustNum = 5');
  assert.deepEqual(update, {
    kind: 'update',
    table: { kind: 'table', name: 'Customers' },
    set: [
      { column: 'CreditLimit', value: { kind: 'arithmetic', op: '*', left: { kind: 'column', name: 'CreditLimit' }, right: { kind: 'number', value: 1.1, text: '1.1' } } },
      { column: 'Name', value: { kind: 'param', by: 'name', name: 'n' } },
    ],
    where: { kind: 'compare', op: '=', left: { kind: 'column', name: 'CustNum' }, right: { kind: 'number', value: 5, text: '5' } },
  });
  const { statement: del } = parseSql('DELETE FROM Customers c WHERE c.CustNum = 1');
  assert.deepEqual(del, {
    kind: 'delete',
    table: { kind: 'table', name: 'Customers', alias: 'c' },
    where: { kind: 'compare', op: '=', left: { kind: 'column', name: 'CustNum', qualifier: 'c' }, right: { kind: 'number', value: 1, text: '1' } },
  });
  assert.deepEqual(parseSql('DELETE FROM Customers').statement, { kind: 'delete', table: { kind: 'table', name: 'Customers' } });
  // T-SQL's FROM is optional.
  assert.deepEqual(parseSql('DELETE Customers WHERE CustNum = 1').statement, parseSql('DELETE FROM Customers WHERE CustNum = 1').statement);
  assert.deepEqual(parseSql('DELETE "Erp.BO.CustomerSvc".[Customers]').statement, { kind: 'delete', table: { kind: 'table', name: 'Customers', service: 'Erp.BO.CustomerSvc' } });
  assert.deepEqual(parseSql('DELETE c FROM Customers c WHERE c.CustNum = 1').statement, del);
  const bad = (() => { try { parseSql('DELETE Customers WHERE CustNum = = 1'); } catch (e) { return e; } return undefined; })();
  assert.ok(bad instanceof KineticError && bad.code === 'ESQL_SYNTAX' && bad.column === 34, 'positions are still those of the text written');
});

test('what writes do not support is refused by name', () => {
  for (const [sql, named] of [
    ["UPDATE Customers SET Name = 'x' FROM Customers c", /UPDATE … FROM/],
    ['DELETE TOP (3) FROM Customers', /DELETE TOP/],
    ['DELETE FROM Customers, ShipToes', /several tables/],
    ["INSERT INTO Customers (CustID) VALUES (DEFAULT)", /DEFAULT/],
    ["UPDATE Customers WITH (NOLOCK) SET Name = 'x'", /table hint/],
    ['DELETE FROM Customers WITH (NOLOCK) WHERE CustNum = 1', /table hint/],
    ["UPDATE TOP (1) Customers SET Name = 'x' WHERE State = 'MN'", /^UPDATE TOP is not supported: choose the rows with WHERE/],
    ["INSERT INTO Customers (CustID, Name) VALUES ('A')", /^Row 1 of VALUES does not have one value per column/],
    ["INSERT INTO Customers (CustID) VALUES ('A'), ('B', 'x')", /^Row 2 of VALUES/],
  ] as const) {
    assert.throws(() => parseSql(sql), (e: unknown) => e instanceof KineticError && e.code === 'ESQL_UNSUPPORTED' && named.test(e.message), sql);
  }
});
