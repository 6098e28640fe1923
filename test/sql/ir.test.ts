import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { KineticError } from '../../src/errors.ts';
import type { Expr } from '../../src/sql/ir/expr.ts';
import type { QueryExpr, SelectStatement } from '../../src/sql/ir/select.ts';
import { parseSql } from '../../src/sql/parse.ts';

function query(sql: string): QueryExpr {
  const { statement } = parseSql(sql);
  assert.ok(statement.kind === 'select' || statement.kind === 'setOp', statement.kind);
  return statement;
}

function select(sql: string): SelectStatement {
  const q = query(sql);
  assert.equal(q.kind, 'select');
  return q as SelectStatement;
}

function item(sql: string, i = 0): Expr {
  const it = select(sql).items[i];
  assert.equal(it?.kind, 'expr');
  return (it as { expr: Expr }).expr;
}

const col = (name: string, qualifier?: string): Expr => (qualifier ? { kind: 'column', name, qualifier } : { kind: 'column', name });
const num = (value: number): Expr => ({ kind: 'number', value, text: String(value) });

describe('the query model covers the SQL users write', () => {
  it('joins of every kind, with ON conditions, nesting to the left; a comma list is a cross join', () => {
    const s = select('SELECT * FROM Customers c JOIN SalesOrders o ON o.CustNum = c.CustNum LEFT OUTER JOIN OrderDtls d ON d.OrderNum = o.OrderNum RIGHT JOIN Parts p ON p.PartNum = d.PartNum FULL JOIN ShipToes s ON s.CustNum = c.CustNum CROSS JOIN Parts q');
    const kinds: string[] = [];
    let from = s.from;
    while (from?.kind === 'join') {
      kinds.unshift(from.type);
      assert.ok(from.type === 'cross' ? from.on === undefined : from.on?.kind === 'compare');
      from = from.left;
    }
    assert.deepEqual(kinds, ['inner', 'left', 'right', 'full', 'cross']);
    assert.deepEqual(from, { kind: 'table', name: 'Customers', alias: 'c' });
    const comma = select('SELECT * FROM Customers c, SalesOrders o WHERE o.CustNum = c.CustNum');
    assert.equal(comma.from?.kind === 'join' && comma.from.type, 'cross');
  });

  it('GROUP BY, HAVING, DISTINCT and aggregates (COUNT(*), COUNT(DISTINCT), SUM, AVG, MIN, MAX)', () => {
    const s = select('SELECT DISTINCT State, COUNT(*), COUNT(DISTINCT City), SUM(CreditLimit), AVG(CreditLimit), MIN(Name), MAX(Name) FROM Customers GROUP BY State HAVING COUNT(*) > 1');
    assert.equal(s.distinct, true);
    assert.deepEqual(s.groupBy, [col('State')]);
    assert.deepEqual(s.having, { kind: 'compare', op: '>', left: { kind: 'aggregate', name: 'COUNT', arg: '*', distinct: false }, right: num(1) });
    const aggregates = s.items.slice(1).map((i) => (i.kind === 'expr' && i.expr.kind === 'aggregate' ? `${i.expr.name}${i.expr.distinct ? ' DISTINCT' : ''}` : '?'));
    assert.deepEqual(aggregates, ['COUNT', 'COUNT DISTINCT', 'SUM', 'AVG', 'MIN', 'MAX']);
  });

  it('UNION, UNION ALL, INTERSECT and EXCEPT, with INTERSECT binding tighter and ORDER BY on the whole', () => {
    const q = query('SELECT a FROM t UNION SELECT b FROM u INTERSECT SELECT c FROM v EXCEPT ALL SELECT d FROM w ORDER BY 1 DESC');
    const shape = (e: QueryExpr): string => (e.kind === 'select' ? String((e.from as { name: string }).name) : `(${shape(e.left)} ${e.op}${e.all ? ' all' : ''} ${shape(e.right)})`);
    assert.equal(shape(q), '((t union (u intersect v)) except all w)');
    assert.equal(q.kind === 'setOp' && q.orderBy.length, 1);
    const last = q.kind === 'setOp' ? q.right : q;
    assert.equal(last.kind === 'select' && last.orderBy.length, 0, 'the last SELECT gives its ORDER BY to the whole');
    assert.equal(shape(query('SELECT a FROM t UNION ALL SELECT b FROM u')), '(t union all u)');
  });

  it('subqueries in FROM, IN, EXISTS, as a scalar value and with ANY/ALL', () => {
    const s = select('SELECT (SELECT MAX(b) FROM u) AS m FROM (SELECT a FROM t) AS d WHERE a IN (SELECT b FROM u) AND NOT EXISTS (SELECT 1 FROM v) AND EXISTS (SELECT 1 FROM w) AND a > ALL (SELECT c FROM x) AND a = SOME (SELECT c FROM y)');
    assert.equal(s.from?.kind, 'derived');
    assert.equal(s.items[0]?.kind === 'expr' && s.items[0].expr.kind, 'subquery');
    const kinds: string[] = [];
    const walk = (e: Expr): void => {
      if (e.kind === 'and') { walk(e.left); walk(e.right); return; }
      kinds.push(e.kind === 'exists' ? `exists${e.negated ? ' not' : ''}` : e.kind === 'quantified' ? `${e.quantifier}` : e.kind);
    };
    walk(s.where as Expr);
    assert.deepEqual(kinds, ['inSubquery', 'exists not', 'exists', 'all', 'any']);
  });

  it('CASE (searched and simple), CAST, CONVERT with a style, arithmetic and string +, unary minus', () => {
    assert.deepEqual(item("SELECT CASE WHEN a > 1 THEN 'x' ELSE 'y' END FROM t"), {
      kind: 'case', whens: [{ when: { kind: 'compare', op: '>', left: col('a'), right: num(1) }, then: { kind: 'string', value: 'x' } }], else: { kind: 'string', value: 'y' },
    });
    assert.deepEqual(item('SELECT CASE a WHEN 1 THEN 2 END FROM t'), { kind: 'case', operand: col('a'), whens: [{ when: num(1), then: num(2) }] });
    assert.deepEqual(item('SELECT CAST(a AS decimal(10,2)) FROM t'), { kind: 'cast', expr: col('a'), type: { name: 'DECIMAL', length: 10, scale: 2 } });
    assert.deepEqual(item('SELECT CONVERT(varchar(10), d, 120) FROM t'), { kind: 'cast', expr: col('d'), type: { name: 'VARCHAR', length: 10 }, style: num(120) });
    assert.deepEqual(item('SELECT CONVERT(int, a) FROM t'), { kind: 'cast', expr: col('a'), type: { name: 'INT' } });
    assert.deepEqual(item("SELECT 'x' + Name FROM t"), { kind: 'arithmetic', op: '+', left: { kind: 'string', value: 'x' }, right: col('Name') });
    assert.deepEqual(item('SELECT a + b * 2 FROM t'), { kind: 'arithmetic', op: '+', left: col('a'), right: { kind: 'arithmetic', op: '*', left: col('b'), right: num(2) } });
    assert.deepEqual(item('SELECT -a FROM t'), { kind: 'negate', expr: col('a') });
    assert.deepEqual(item('SELECT -(-1) FROM t'), num(1));
  });

  it('window functions with PARTITION BY and ORDER BY; any function by name; date parts as keywords', () => {
    assert.deepEqual(item('SELECT ROW_NUMBER() OVER (PARTITION BY a ORDER BY b DESC) FROM t'), {
      kind: 'window', fn: { kind: 'call', name: 'ROW_NUMBER', args: [] }, partitionBy: [col('a')], orderBy: [{ kind: 'order', expr: col('b'), desc: true }],
    });
    assert.deepEqual(item('SELECT SUM(x) OVER (PARTITION BY a) FROM t'), {
      kind: 'window', fn: { kind: 'aggregate', name: 'SUM', arg: col('x'), distinct: false }, partitionBy: [col('a')], orderBy: [],
    });
    assert.deepEqual(item("SELECT CHARINDEX('a', Name) FROM t"), { kind: 'call', name: 'CHARINDEX', args: [{ kind: 'string', value: 'a' }, col('Name')] });
    assert.deepEqual(item('SELECT DATEADD(day, 1, d) FROM t'), { kind: 'call', name: 'DATEADD', args: [{ kind: 'datePart', part: 'day' }, num(1), col('d')] });
  });

  it('common table expressions, with column lists, converted before the SELECT that uses them', () => {
    const q = query('WITH c (x) AS (SELECT TOP (?) a FROM t), d AS (SELECT b FROM u) SELECT TOP (?) x FROM c');
    assert.deepEqual(q.with?.map((w) => [w.name, w.columns]), [['c', ['x']], ['d', undefined]]);
    const c = q.with?.[0]?.query;
    assert.deepEqual(c?.kind === 'select' && c.window, { kind: 'window', limit: { kind: 'param', by: 'position', index: 0 } });
    assert.deepEqual(q.kind === 'select' && q.window, { kind: 'window', limit: { kind: 'param', by: 'position', index: 1 } });
  });

  it('window frames: ROWS n PRECEDING and ROWS|RANGE BETWEEN … AND …', () => {
    const frame = (sql: string) => {
      const e = item(sql);
      return e.kind === 'window' ? e.frame : undefined;
    };
    assert.deepEqual(frame('SELECT SUM(x) OVER (ORDER BY a ROWS 2 PRECEDING) FROM t'), { unit: 'rows', start: { kind: 'offset', rows: 2, side: 'preceding' }, end: { kind: 'current' } });
    assert.deepEqual(frame('SELECT SUM(x) OVER (ORDER BY a ROWS BETWEEN UNBOUNDED PRECEDING AND 1 FOLLOWING) FROM t'), { unit: 'rows', start: { kind: 'unbounded', side: 'preceding' }, end: { kind: 'offset', rows: 1, side: 'following' } });
  });

  it('LIKE with ESCAPE, and a concatenated pattern the parser takes only in parentheses', () => {
    assert.deepEqual(select("SELECT a FROM t WHERE a LIKE 'x!%%' ESCAPE '!' AND b NOT LIKE 'y'").where, {
      kind: 'and',
      left: { kind: 'like', expr: col('a'), pattern: { kind: 'string', value: 'x!%%' }, negated: false, escape: '!' },
      right: { kind: 'like', expr: col('b'), pattern: { kind: 'string', value: 'y' }, negated: true },
    });
    assert.deepEqual(select("SELECT a FROM t WHERE a LIKE '%' + ? + '%'").where, {
      kind: 'like', expr: col('a'), negated: false,
      pattern: { kind: 'arithmetic', op: '+', left: { kind: 'arithmetic', op: '+', left: { kind: 'string', value: '%' }, right: { kind: 'param', by: 'position', index: 0 } }, right: { kind: 'string', value: '%' } },
    });
  });

  it('ORDER BY takes expressions as well as columns and positions', () => {
    assert.deepEqual(select('SELECT a FROM t ORDER BY a + 1 DESC, 1').orderBy, [
      { kind: 'order', expr: { kind: 'arithmetic', op: '+', left: col('a'), right: num(1) }, desc: true },
      { kind: 'order', expr: { kind: 'position', position: 1 }, desc: false },
    ]);
  });
});

describe('parameters and markers', () => {
  it('TOP (?) and TOP (@n) are row counts bound to parameters, in every SELECT of the statement', () => {
    assert.deepEqual(select('SELECT TOP (?) a FROM t WHERE b = ?').window, { kind: 'window', limit: { kind: 'param', by: 'position', index: 0 } });
    assert.deepEqual(select('SELECT TOP (?) a FROM t WHERE b = ?').where, { kind: 'compare', op: '=', left: col('b'), right: { kind: 'param', by: 'position', index: 1 } });
    const nested = select('SELECT TOP (@n) a FROM (SELECT TOP 3 a FROM t) AS d WHERE a IN (SELECT TOP (@m) b FROM u)');
    assert.deepEqual(nested.window, { kind: 'window', limit: { kind: 'param', by: 'name', name: 'n' } });
    assert.deepEqual(nested.from?.kind === 'derived' && nested.from.query.kind === 'select' && nested.from.query.window, { kind: 'window', limit: 3 });
    const inner = nested.where?.kind === 'inSubquery' ? nested.where.query : undefined;
    assert.deepEqual(inner?.kind === 'select' && inner.window, { kind: 'window', limit: { kind: 'param', by: 'name', name: 'm' } });
  });

  it('a parameter named like an internal marker is a parameter, not a literal', () => {
    for (const name of ['__exact_number__5', 'x1', 'q1', 'n_zip', 'p1']) {
      assert.deepEqual(select(`SELECT a FROM t WHERE b = @${name}`).where, { kind: 'compare', op: '=', left: col('b'), right: { kind: 'param', by: 'name', name } });
    }
  });

  it('long numbers keep their exact text beside parameters', () => {
    assert.deepEqual(select('SELECT a FROM t WHERE b = @x1 AND c = 0.12345678901234567890').where, {
      kind: 'and',
      left: { kind: 'compare', op: '=', left: col('b'), right: { kind: 'param', by: 'name', name: 'x1' } },
      right: { kind: 'compare', op: '=', left: col('c'), right: { kind: 'number', value: 0.12345678901234568, text: '0.12345678901234567890' } },
    });
  });
});

describe('what the model does not know is refused by name', () => {
  const refused = (sql: string, name: RegExp) => assert.throws(() => parseSql(sql), (err: unknown) => {
    assert.ok(err instanceof KineticError, String(err));
    assert.equal(err.code, 'ESQL_UNSUPPORTED', err.message);
    assert.match(err.message, name);
    return true;
  });
  it('clauses and modifiers the converter does not handle', () => {
    refused('SELECT a FROM t WITH (NOLOCK)', /^A table hint/);
    refused('SELECT TOP 5 PERCENT a FROM t', /^TOP … PERCENT/);
    refused('SELECT a COLLATE Latin1_General_CS_AS FROM t', /^COLLATE/);
    refused('SELECT * FROM t CROSS APPLY u', /CROSS APPLY/);
  });
});
