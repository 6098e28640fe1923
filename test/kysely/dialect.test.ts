/**
 * The kysely dialect against the simulator: each kysely query returns the rows db.query returns for the
 * equivalent SQL written by hand, parameters are bound (never spliced into the text), stream() reads page
 * by page and a `break` stops the scan, and transactions are refused with a KineticError.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Kysely, sql } from 'kysely';
import { connect, KineticError, type Connection, type Params } from '../../src/index.ts';
import { KineticDialect } from '../../src/kysely/index.ts';
import { startSimulator, type Simulator } from '../../src/simulator/index.ts';

// A hand-written slice of what `kinetic-sql codegen` writes (test/cli/codegen.test.ts checks the real output).
interface DB {
  Customers: { CustNum: number; CustID: string | null; Name: string | null; State: string | null; Country: string | null; CreditLimit: number | null };
  SalesOrders: { OrderNum: number; CustNum: number; OrderAmt: number | null; OrderDate: Date | null; OpenOrder: boolean };
  OrderDtls: { OrderNum: number; OrderLine: number; PartNum: string | null };
  'PartSvc.EntityGLCs': { Company: string; RelatedToFile: string };
  zCustomer01: { Customer_CustID: string | null; Customer_Name: string | null; zipCode: string };
}

let sim: Simulator;
let db: Connection;
let k: Kysely<DB>;

before(async () => {
  sim = await startSimulator({ port: 0, seed: 1, customers: 200 });
  db = await connect(sim.connectionString({ Service: 'Erp.BO.CustomerSvc,Erp.BO.SalesOrderSvc,Erp.BO.PartSvc,BaqSvc', ApiVersion: 'v2', CacheMetadata: 'false' }));
  k = new Kysely<DB>({ dialect: new KineticDialect({ connection: db }) });
});

after(async () => {
  await k.destroy();
  await db.close();
  await sim.close();
});

/** The rows of a kysely query, and those of db.query for `sql` with `params`: they must be equal. */
async function same(query: { execute(): Promise<unknown[]> }, text: string, params?: Params): Promise<unknown[]> {
  const rows = await query.execute();
  const expected = (await db.query(text, params)).rows;
  assert.deepEqual(rows, expected);
  assert.ok(rows.length > 0, 'the query returns rows, so the comparison proves something');
  return rows;
}

describe('kysely queries on the simulator', () => {
  it('select with where, orderBy and top binds the values as parameters', async () => {
    const q = k.selectFrom('Customers').select(['CustID', 'Name']).where('State', '=', 'MN').where('CreditLimit', '>', 1000).orderBy('CustID').top(5);
    const compiled = q.compile();
    assert.equal(compiled.sql, 'select top(5) "CustID", "Name" from "Customers" where "State" = ? and "CreditLimit" > ? order by "CustID"');
    assert.deepEqual(compiled.parameters, ['MN', 1000]);
    const rows = await same(q, 'SELECT TOP 5 CustID, Name FROM Customers WHERE State = ? AND CreditLimit > ? ORDER BY CustID', ['MN', 1000]);
    assert.equal(rows.length, 5);
  });

  it('limit, and limit with offset (written as OFFSET ... FETCH)', async () => {
    await same(k.selectFrom('Customers').select(['CustID']).orderBy('CustNum').limit(7), 'SELECT TOP 7 CustID FROM Customers ORDER BY CustNum');
    const paged = k.selectFrom('Customers').select(['CustID']).orderBy('CustNum').limit(4).offset(10);
    assert.match(paged.compile().sql, / offset \? rows fetch next \? rows only$/);
    const rows = await same(paged, 'SELECT CustID FROM Customers ORDER BY CustNum OFFSET 10 ROWS FETCH NEXT 4 ROWS ONLY');
    assert.equal(rows.length, 4);
  });

  it('a join with groupBy, aggregates and orderBy: a typed report', async () => {
    const q = k
      .selectFrom('Customers as c')
      .innerJoin('SalesOrders as o', 'o.CustNum', 'c.CustNum')
      .select((eb) => ['c.CustID', eb.fn.countAll<number>().as('Orders'), eb.fn.sum<number>('o.OrderAmt').as('Total')])
      .where('c.Country', '=', 'USA')
      .where('o.OpenOrder', '=', true)
      .groupBy('c.CustID')
      .orderBy('Total', 'desc')
      .orderBy('c.CustID');
    const rows = await same(
      q,
      'SELECT c.CustID, COUNT(*) AS Orders, SUM(o.OrderAmt) AS Total FROM Customers c JOIN SalesOrders o ON o.CustNum = c.CustNum WHERE c.Country = @country AND o.OpenOrder = @open GROUP BY c.CustID ORDER BY Total DESC, c.CustID',
      { country: 'USA', open: true },
    );
    const first = rows[0] as { Orders: number; Total: number };
    assert.equal(typeof first.Orders, 'number');
    assert.ok(first.Total >= (rows.at(-1) as { Total: number }).Total);
  });

  it('in lists, like, dates and a raw sql fragment', async () => {
    await same(
      k.selectFrom('Customers').select(['CustID', 'State']).where('State', 'in', ['MN', 'CA']).where('Name', 'like', 'B%').orderBy('CustID'),
      "SELECT CustID, State FROM Customers WHERE State IN ('MN', 'CA') AND Name LIKE 'B%' ORDER BY CustID",
    );
    const since = new Date('2025-01-01T00:00:00Z');
    const orders = await same(
      k.selectFrom('SalesOrders').select(['OrderNum', 'OrderDate']).where('OrderDate', '>=', since).orderBy('OrderNum').top(20),
      "SELECT TOP 20 OrderNum, OrderDate FROM SalesOrders WHERE OrderDate >= '2025-01-01T00:00:00Z' ORDER BY OrderNum",
    );
    assert.ok((orders[0] as { OrderDate: Date }).OrderDate instanceof Date);
    await same(
      k.selectFrom('Customers').select(['CustID', sql<number>`LEN(Name)`.as('NameLength')]).where(sql<boolean>`LEN(Name) > ${20}`).orderBy('CustID'),
      'SELECT CustID, LEN(Name) AS NameLength FROM Customers WHERE LEN(Name) > 20 ORDER BY CustID',
    );
  });

  it('a value with quotes stays a value', async () => {
    const name = "Beaumont's Café";
    const rows = await same(k.selectFrom('Customers').select(['CustID', 'Name']).where('Name', '=', name), 'SELECT CustID, Name FROM Customers WHERE Name = ?', [name]);
    assert.equal((rows[0] as { Name: string }).Name, name);
    assert.deepEqual(await k.selectFrom('Customers').select('CustID').where('Name', '=', "x' OR 1=1 --").execute(), []);
  });

  it('a BAQ with its parameter, and a table found in two services by its Service.Table name', async () => {
    await same(k.selectFrom('zCustomer01').select(['Customer_CustID', 'Customer_Name']).where('zipCode', '=', '55401'), "SELECT Customer_CustID, Customer_Name FROM zCustomer01 WHERE zipCode = '55401'");
    const q = k.selectFrom('PartSvc.EntityGLCs').select(['Company']).top(3);
    assert.match(q.compile().sql, /from "Erp\.BO\.PartSvc"\."EntityGLCs"/);
    const path = '/KineticSim/api/v2/odata/EPIC06/Erp.BO.PartSvc/EntityGLCs';
    const before = sim.stats().byPath[path]?.requests ?? 0;
    assert.deepEqual(await q.execute(), (await db.query('SELECT TOP 3 Company FROM [Erp.BO.PartSvc].[EntityGLCs]')).rows);
    // The simulator seeds no rows in this child table: the requests show which service was read.
    assert.equal((sim.stats().byPath[path]?.requests ?? 0) - before, 2);
    assert.equal(sim.stats().byPath['/KineticSim/api/v2/odata/EPIC06/Erp.BO.CustomerSvc/EntityGLCs']?.requests ?? 0, 0);
  });

  it('what report writers write: with (a CTE), having, distinct, left join, a subquery in, selectAll', async () => {
    const big = k
      .with('big', (w) => w.selectFrom('SalesOrders').select(['CustNum', 'OrderAmt']).where('OrderAmt', '>', 10000))
      .selectFrom('big')
      .select((eb) => ['big.CustNum', eb.fn.countAll<number>().as('n')])
      .groupBy('big.CustNum')
      .orderBy('big.CustNum');
    assert.match(big.compile().sql, /^with big as \(/);
    await same(big, 'WITH big AS (SELECT CustNum, OrderAmt FROM SalesOrders WHERE OrderAmt > 10000) SELECT CustNum, COUNT(*) AS n FROM big GROUP BY CustNum ORDER BY CustNum');
    await same(
      k.selectFrom('SalesOrders').select((eb) => ['CustNum', eb.fn.count<number>('OrderNum').as('n')]).groupBy('CustNum').having((eb) => eb.fn.count('OrderNum'), '>', 3).orderBy('n', 'desc').orderBy('CustNum'),
      'SELECT CustNum, COUNT(OrderNum) AS n FROM SalesOrders GROUP BY CustNum HAVING COUNT(OrderNum) > 3 ORDER BY n DESC, CustNum',
    );
    await same(k.selectFrom('Customers').select('State').distinct().orderBy('State'), 'SELECT DISTINCT State FROM Customers ORDER BY State');
    await same(
      k.selectFrom('Customers as c').leftJoin('SalesOrders as o', 'o.CustNum', 'c.CustNum').select(['c.CustID', 'o.OrderNum']).orderBy('c.CustID').orderBy('o.OrderNum').limit(30),
      'SELECT TOP 30 c.CustID, o.OrderNum FROM Customers c LEFT JOIN SalesOrders o ON o.CustNum = c.CustNum ORDER BY c.CustID, o.OrderNum',
    );
    await same(
      k.selectFrom('Customers').select('CustID').where('CustNum', 'in', k.selectFrom('SalesOrders').select('CustNum').where('OrderAmt', '>', 10000)).orderBy('CustID'),
      'SELECT CustID FROM Customers WHERE CustNum IN (SELECT CustNum FROM SalesOrders WHERE OrderAmt > 10000) ORDER BY CustID',
    );
    await same(
      k.selectFrom('SalesOrders').selectAll().where((eb) => eb.between('OrderDate', new Date('2020-01-01T00:00:00Z'), new Date('2020-12-31T00:00:00Z'))).orderBy('OrderNum', 'desc').limit(5),
      "SELECT TOP 5 * FROM SalesOrders WHERE OrderDate BETWEEN '2020-01-01T00:00:00Z' AND '2020-12-31T00:00:00Z' ORDER BY OrderNum DESC",
    );
  });

  it('stream() yields every row in chunks, and a break stops the scan', async () => {
    const all = (await db.query('SELECT OrderNum, OrderLine FROM OrderDtls ORDER BY OrderNum, OrderLine')).rows;
    assert.ok(all.length > 2000, `${all.length} order lines`);
    const streamed: unknown[] = [];
    for await (const row of k.selectFrom('OrderDtls').select(['OrderNum', 'OrderLine']).orderBy('OrderNum').orderBy('OrderLine').stream(250)) streamed.push(row);
    assert.deepEqual(streamed, all);

    const path = '/KineticSim/api/v2/odata/EPIC06/Erp.BO.SalesOrderSvc/OrderDtls';
    const before = sim.stats().byPath[path]?.requests ?? 0;
    let seen = 0;
    for await (const _ of k.selectFrom('OrderDtls').select(['OrderNum']).stream(50)) if (++seen === 120) break;
    const requests = (sim.stats().byPath[path]?.requests ?? 0) - before;
    assert.equal(seen, 120);
    const pages = Math.ceil(all.length / Number(db.properties['Pagesize'] ?? 1000));
    assert.ok(requests < pages, `a break after 120 rows made ${requests} requests, a full read ${pages}`);
  });

  it('transactions are refused with ESQL_UNSUPPORTED, and a bad query is the driver\'s own error', async () => {
    await assert.rejects(
      k.transaction().execute(async (trx) => trx.selectFrom('Customers').select('CustID').execute()),
      (err: unknown) => err instanceof KineticError && err.code === 'ESQL_UNSUPPORTED' && /Transactions are not supported/.test(err.message),
    );
    await assert.rejects(
      k.selectFrom('Customers').select(sql<string>`Nmae`.as('x')).execute(),
      (err: unknown) => err instanceof KineticError && err.code === 'ENO_COLUMN',
    );
  });

  it('the introspector lists the services as schemas and the catalog as tables', async () => {
    const tables = await k.introspection.getTables();
    const customers = tables.find((t) => t.name === 'Customers');
    assert.equal(customers?.schema, 'Erp.BO.CustomerSvc');
    assert.equal(customers?.columns.find((c) => c.name === 'CreditLimit')?.dataType, 'Edm.Decimal');
    assert.deepEqual(customers?.columns.filter((c) => c.isAutoIncrementing).map((c) => c.name), ['CustNum']);
    assert.equal(tables.find((t) => t.name === 'zCustomer01')?.isView, true);
    assert.deepEqual((await k.introspection.getSchemas()).map((s) => s.name), ['Erp.BO.CustomerSvc', 'Erp.BO.SalesOrderSvc', 'Erp.BO.PartSvc', 'BaqSvc']);
  });
});

describe('where the dialect gets its connection', () => {
  const cs = (): string => sim.connectionString({ Service: 'Erp.BO.CustomerSvc,Erp.BO.SalesOrderSvc', ApiVersion: 'v2', CacheMetadata: 'false' });
  const metadataRequests = (): number => Object.entries(sim.stats().byPath).filter(([p]) => p.endsWith('/$metadata')).reduce((n, [, s]) => n + s.requests, 0);
  const top3 = 'SELECT TOP 3 CustID FROM Customers ORDER BY CustID';

  it('connectionString: opened on the first query (not before), and the queries run on it', async () => {
    const before = metadataRequests();
    const owned = new Kysely<DB>({ dialect: new KineticDialect({ connectionString: cs(), connectOptions: {} }) });
    assert.equal(metadataRequests(), before, 'new Kysely() sends nothing');
    const rows = await owned.selectFrom('Customers').select('CustID').orderBy('CustID').top(3).execute();
    assert.deepEqual(rows, (await db.query(top3)).rows);
    assert.ok(metadataRequests() > before, 'the first query opened the connection (its $metadata)');
    await owned.destroy();
  });

  it('connectionString: a first query naming Service.Table is read from that service (compiled again once the services are known)', async () => {
    const owned = new Kysely<DB>({ dialect: new KineticDialect({ connectionString: sim.connectionString({ Service: 'Erp.BO.CustomerSvc,Erp.BO.PartSvc', ApiVersion: 'v2', CacheMetadata: 'false' }) }) });
    const path = '/KineticSim/api/v2/odata/EPIC06/Erp.BO.PartSvc/EntityGLCs';
    const before = sim.stats().byPath[path]?.requests ?? 0;
    assert.deepEqual(await owned.selectFrom('PartSvc.EntityGLCs').select(['Company']).top(3).execute(), []);
    assert.ok((sim.stats().byPath[path]?.requests ?? 0) > before, 'PartSvc was read');
    await owned.destroy();
  });

  it('a factory: called once however many queries start together, and destroy() closes what it returned', async () => {
    let calls = 0;
    let opened: Connection | undefined;
    const owned = new Kysely<DB>({
      dialect: new KineticDialect({ connection: async () => { calls++; return (opened = await connect(cs())); } }),
    });
    const [a, b] = await Promise.all([
      owned.selectFrom('Customers').select('CustID').orderBy('CustID').top(3).execute(),
      owned.selectFrom('SalesOrders').select('OrderNum').orderBy('OrderNum').top(2).execute(),
    ]);
    assert.equal(calls, 1);
    assert.deepEqual(a, (await db.query(top3)).rows);
    assert.equal(b.length, 2);
    await opened!.query('SELECT TOP 1 CustID FROM Customers');
    await owned.destroy();
    await assert.rejects(opened!.query('SELECT TOP 1 CustID FROM Customers'), (err: unknown) => err instanceof KineticError && err.code === 'ECLOSED');
  });

  it('the introspector before any query opens the owned connection through the driver, so destroy() closes it', async () => {
    let opened: Connection | undefined;
    const owned = new Kysely<DB>({ dialect: new KineticDialect({ connection: async () => (opened = await connect(cs())) }) });
    assert.ok((await owned.introspection.getTables()).some((t) => t.name === 'SalesOrders'));
    await owned.destroy();
    await assert.rejects(opened!.query('SELECT TOP 1 CustID FROM Customers'), (err: unknown) => err instanceof KineticError && err.code === 'ECLOSED');
  });

  it('an open connection given: destroy() leaves it open', async () => {
    const mine = await connect(cs());
    const shared = new Kysely<DB>({ dialect: new KineticDialect({ connection: mine }) });
    await shared.selectFrom('Customers').select('CustID').top(1).execute();
    await shared.destroy();
    assert.deepEqual((await mine.query(top3)).rows, (await db.query(top3)).rows);
    await mine.close();
  });

  it('a connection string that does not connect fails the query with the driver\'s error, and a later query tries again', async () => {
    const bad = new Kysely<DB>({ dialect: new KineticDialect({ connectionString: sim.connectionString({ Password: 'wrong', CacheMetadata: 'false' }) }) });
    for (let i = 0; i < 2; i++) {
      await assert.rejects(bad.selectFrom('Customers').select('CustID').execute(), (err: unknown) => err instanceof KineticError && err.code === 'EAUTH');
    }
    await bad.destroy();
  });
});

describe('writes through kysely', () => {
  it('insertInto answers the rows inserted and the new CustNum as insertId; updateTable and deleteFrom their counts', async () => {
    const id = `KY${Date.now() % 100000}`;
    const inserted = await k.insertInto('Customers').values({ CustID: id, Name: 'Kysely Inc', State: 'MN' } as never).executeTakeFirstOrThrow();
    assert.equal(inserted.numInsertedOrUpdatedRows, 1n);
    assert.equal(typeof inserted.insertId, 'bigint');
    const row = await k.selectFrom('Customers').select(['CustNum', 'CustID', 'Name', 'State']).where('CustID', '=', id).executeTakeFirstOrThrow();
    assert.deepEqual(row, { CustNum: Number(inserted.insertId), CustID: id, Name: 'Kysely Inc', State: 'MN' });

    const updated = await k.updateTable('Customers').set({ Name: 'Kysely LLC', CreditLimit: 2500 }).where('CustID', '=', id).executeTakeFirstOrThrow();
    assert.equal(updated.numUpdatedRows, 1n);
    assert.deepEqual(await k.selectFrom('Customers').select(['Name', 'CreditLimit']).where('CustID', '=', id).execute(), [{ Name: 'Kysely LLC', CreditLimit: 2500 }]);
    const none = await k.updateTable('Customers').set({ Name: 'x' }).where('CustID', '=', `${id}-none`).executeTakeFirstOrThrow();
    assert.equal(none.numUpdatedRows, 0n);

    const deleted = await k.deleteFrom('Customers').where('CustID', '=', id).executeTakeFirstOrThrow();
    assert.equal(deleted.numDeletedRows, 1n);
    assert.deepEqual(await k.selectFrom('Customers').select('CustID').where('CustID', '=', id).execute(), []);
  });
});
