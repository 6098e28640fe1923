import assert from 'node:assert/strict';
import { test } from 'node:test';
import { KineticError } from '../../src/errors.ts';
import { lex, MAX_SQL_LENGTH } from '../../src/sql/lexer.ts';

function text(sql: string): string {
  const lexed = lex(sql);
  assert.equal(lexed.kind, 'sql');
  return lexed.kind === 'sql' ? lexed.text : '';
}

test('? markers become :q1, :q2 outside strings, names and comments', () => {
  assert.equal(text("SELECT [a?] FROM t WHERE b = ? AND c = '?' AND d = ? -- ?"), "SELECT [a?] FROM t WHERE b = :q1 AND c = '?' AND d = :q2     ");
  const lexed = lex('SELECT a FROM t WHERE b = ? /* ? */ AND c = ?');
  assert.deepEqual(lexed.kind === 'sql' && lexed.params, { kind: 'positional', count: 2 });
});

test('@name parameters are recorded once each, case-insensitively, and become :n_name', () => {
  const lexed = lex('SELECT a FROM t WHERE b = @zip AND c = @Zip AND d = @other');
  assert.ok(lexed.kind === 'sql');
  assert.equal(lexed.text, 'SELECT a FROM t WHERE b = :n_zip AND c = :n_Zip AND d = :n_other');
  assert.deepEqual(lexed.params, { kind: 'named', names: ['zip', 'other'] });
});

test('"quoted" names become [bracketed]; doubled quotes inside names and strings are honoured', () => {
  assert.equal(text('SELECT "Name", "a""b" FROM "Erp.BO.CustomerSvc".Customers WHERE x = \'it\'\'s\''), 'SELECT [Name], [a"b] FROM [Erp.BO.CustomerSvc].Customers WHERE x = \'it\'\'s\'');
});

test('positions map back through rewrites that change the length', () => {
  const lexed = lex('SELECT a FROM t WHERE b = ? AND "c""d" = ? AND zz');
  assert.ok(lexed.kind === 'sql');
  const at = lexed.text.indexOf('zz');
  assert.equal(lexed.originalOffset(at), 'SELECT a FROM t WHERE b = ? AND "c""d" = ? AND zz'.indexOf('zz'));
});

test('mixing ? and @name is EPARAM', () => {
  assert.throws(() => lex('SELECT a FROM t WHERE b = ? AND c = @c'), (e: unknown) => e instanceof KineticError && e.code === 'EPARAM');
});

test('oversized input is refused before parsing', () => {
  assert.throws(() => lex(`SELECT a FROM t WHERE b = '${'x'.repeat(MAX_SQL_LENGTH)}'`), (e: unknown) => e instanceof KineticError && e.code === 'ESQL_UNSUPPORTED');
});

test('deep nesting is refused before parsing', () => {
  const sql = `SELECT a FROM t WHERE ${'('.repeat(300)}a = 1${')'.repeat(300)}`;
  assert.throws(() => lex(sql), (e: unknown) => e instanceof KineticError && e.code === 'ESQL_UNSUPPORTED' && /nested/.test(e.message));
});

test('unclosed comments, strings and names are ESQL_SYNTAX at their start, and string contents stay out of the message', () => {
  for (const [sql, column] of [['SELECT a /* b', 10], ["SELECT a FROM t WHERE p = 'secret-token", 27], ['SELECT [a FROM t', 8]] as const) {
    assert.throws(() => lex(sql), (e: unknown) => {
      assert.ok(e instanceof KineticError && e.code === 'ESQL_SYNTAX');
      assert.equal(e.line, 1);
      assert.equal(e.column, column);
      assert.ok(!e.message.includes('secret-token'), e.message);
      return true;
    });
  }
});

test('EXEC and EXECUTE with named, @named and positional arguments', () => {
  assert.deepEqual(lex("EXEC GetOAuthAccessToken AuthMode='WEB', Verifier='c''d'"), { kind: 'special', parsed: {
    statement: { kind: 'exec', procedure: 'GetOAuthAccessToken', args: [
      { name: 'AuthMode', value: { kind: 'literal', value: 'WEB' } }, { name: 'Verifier', value: { kind: 'literal', value: "c'd" } },
    ] }, params: { kind: 'none' } } });
  assert.deepEqual(lex('execute dbo.p @A = @a, @B = @b;'), { kind: 'special', parsed: {
    statement: { kind: 'exec', procedure: 'dbo.p', args: [
      { name: 'A', value: { kind: 'param', by: 'name', name: 'a' } }, { name: 'B', value: { kind: 'param', by: 'name', name: 'b' } },
    ] }, params: { kind: 'named', names: ['a', 'b'] } } });
  const marked = lex('EXEC p @A = ?, B = ?');
  assert.deepEqual(marked.kind === 'special' && marked.parsed.params, { kind: 'positional', count: 2 });
  const positional = lex("EXEC p 'a', N'b', -2.5, NULL");
  assert.deepEqual(positional.kind === 'special' && positional.parsed.statement, { kind: 'exec', procedure: 'p', args: [
    { value: { kind: 'literal', value: 'a' } }, { value: { kind: 'literal', value: 'b' } },
    { value: { kind: 'literal', value: -2.5 } }, { value: { kind: 'literal', value: null } },
  ] });
});

test('EXEC: a positional argument after a named one, or a missing comma, is ESQL_SYNTAX', () => {
  for (const sql of ["EXEC p A='x', 'y'", "EXEC p 'x' 'y'", 'EXEC', 'EXEC p A='] as const) {
    assert.throws(() => lex(sql), (e: unknown) => e instanceof KineticError && e.code === 'ESQL_SYNTAX', sql);
  }
});

test('REFRESH METADATA with and without a service', () => {
  for (const [sql, service] of [['REFRESH METADATA', undefined], ['refresh metadata;', undefined], ['REFRESH METADATA Erp.BO.CustomerSvc', 'Erp.BO.CustomerSvc'], ['REFRESH METADATA [BaqSvc]', 'BaqSvc'], ["REFRESH METADATA 'Erp.BO.PartSvc'", 'Erp.BO.PartSvc']] as const) {
    const lexed = lex(sql);
    assert.deepEqual(lexed.kind === 'special' && lexed.parsed.statement, service ? { kind: 'refreshMetadata', service } : { kind: 'refreshMetadata' }, sql);
  }
  assert.throws(() => lex('REFRESH METADATA a b'), (e: unknown) => e instanceof KineticError && e.code === 'ESQL_SYNTAX');
});
