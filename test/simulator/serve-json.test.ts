/*
 * Collection reads are written as JSON text straight from the fetched rows (odata/values.ts
 * rowsJsonEncoder, server/envelope.ts collectionJson). These tests hold that text to the original way:
 * JSON.stringify of the envelope object whose rows are objects of toJsonValue values.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { startSimulator, type Simulator } from '../../src/simulator/index.ts';
import { buildModel } from '../../src/simulator/model/index.ts';
import type { SimColumn, SimEntitySet } from '../../src/simulator/model/types.ts';
import { rowsJsonEncoder, toJsonValue } from '../../src/simulator/odata/values.ts';
import { collectionBody } from '../../src/simulator/server/envelope.ts';
import { call, v1, v2 } from './server-helpers.ts';

const SO = 'Erp.BO.SalesOrderSvc';
const model = buildModel();

function entitySet(name: string): SimEntitySet {
  const set = model.services.flatMap((s) => s.entitySets).find((s) => s.name === name);
  if (!set) throw new Error(`no entity set ${name}`);
  return set;
}

describe('collection JSON is exactly what JSON.stringify of the row objects gives', () => {
  let sim: Simulator;
  before(async () => {
    sim = await startSimulator({ customers: 300, seed: 11 });
  });
  after(() => sim.close());

  /** The reply text computed the original way: row objects of toJsonValue values, then JSON.stringify. */
  function expected(version: 'v1' | 'v2', serviceRoot: string, set: SimEntitySet, top: number, skip: number, withCount: boolean): string {
    const list = set.columns.map((c) => `"${c.name}"`).join(', ');
    const keys = set.keys.map((k) => `"${k}"`).join(', ');
    const where = `"Company" = '${sim.company}'`;
    const raw = sim.db.prepare(`SELECT ${list} FROM "${set.table}" WHERE ${where} ORDER BY ${keys} LIMIT ${top} OFFSET ${skip}`).all() as Record<string, unknown>[];
    const rows = raw.map((r) => Object.fromEntries(set.columns.map((c) => [c.name, toJsonValue(r[c.name], c, version)])));
    const count = withCount ? (sim.db.prepare(`SELECT count(*) AS n FROM "${set.table}" WHERE ${where}`).get() as { n: number }).n : undefined;
    return JSON.stringify(collectionBody(version, `${serviceRoot}/$metadata#${set.name}`, rows, count, undefined));
  }

  async function compare(service: string, setName: string, top: number, skip: number, withCount = false): Promise<void> {
    const set = entitySet(setName);
    for (const version of ['v1', 'v2'] as const) {
      const count = withCount ? (version === 'v1' ? '&$inlinecount=allpages' : '&$count=true') : '';
      const url = version === 'v1' ? v1(sim, `${service}/${setName}`) : v2(sim, `${service}/${setName}`);
      const reply = await call(sim, `${url}?$top=${top}&$skip=${skip}${count}`);
      assert.equal(reply.status, 200, reply.text.slice(0, 300));
      const root = version === 'v1' ? v1(sim, service) : v2(sim, service);
      assert.equal(reply.text, expected(version, root, set, top, skip, withCount), `${version} ${setName} $top=${top} $skip=${skip}`);
    }
  }

  it('full-width pages of order lines, orders, releases, customers and parts', async () => {
    await compare(SO, 'OrderDtls', 400, 0, true);
    await compare(SO, 'OrderDtls', 300, 2_000);
    await compare(SO, 'SalesOrders', 200, 17);
    await compare(SO, 'OrderRels', 300, 0);
    await compare('Erp.BO.CustomerSvc', 'Customers', 150, 3, true);
    await compare('Erp.BO.PartSvc', 'Parts', 100, 0);
  });

  it('awkward stored values: escapes, long doubles, zones, upper-case GUIDs, text in numeric columns, big integers', async () => {
    const insert = sim.db.prepare(
      'INSERT INTO OrderDtls (Company, OrderNum, OrderLine, LineDesc, UnitPrice, OrderQty, DocUnitPrice, ListPrice, RequestDate, NeedByDate, ' +
        'SysRowID, OpenLine, SysRevID, PartNum) VALUES (@company, 99999999, @line, @desc, @price, @qty, @doc, @list, @req, @need, @guid, @open, @rev, @part)',
    );
    const awkward = [
      { desc: 'quote " backslash \\ nul \u0000 tab \t newline \n sep \u2028 emoji 😀 accents Zoë', price: 0.1 + 0.2, qty: 1e21, doc: -2.5e-7, list: 'abc',
        req: '2024-03-01T10:20:30+02:00', need: '2024-03-01T10:20:30.125Z', guid: 'ABCDEF00-1234-4ABC-8DEF-0123456789AB', open: 'True', rev: 2 ** 60, part: null },
      { desc: '', price: 0, qty: -0.000001, doc: 5e-324, list: 1.7976931348623157e308, req: null, need: '2024-03-01', guid: null, open: 'false', rev: -1, part: 'x' },
      { desc: 'plain', price: 123456789.123, qty: 3, doc: 1 / 3, list: 2 ** 53 + 2, req: '2024-02-29T00:00:00', need: null, guid: 'not-a-guid', open: 7, rev: 0, part: '' },
    ];
    awkward.forEach((row, i) => insert.run({ company: sim.company, line: i + 1, ...row }));
    const set = entitySet('OrderDtls');
    const total = (sim.db.prepare(`SELECT count(*) AS n FROM OrderDtls WHERE Company = ?`).get(sim.company) as { n: number }).n;
    await compare(SO, 'OrderDtls', 10, total - 5, true);

    // A BLOB where text is expected cannot go through SQLite's json_array: the raw rows give the same text.
    sim.db.prepare('UPDATE OrderDtls SET LineDesc = ? WHERE Company = ? AND OrderNum = 99999999 AND OrderLine = 3').run(Buffer.from([0, 1, 254, 255]), sim.company);
    await compare(SO, 'OrderDtls', 10, total - 5);
    assert.equal(set.name, 'OrderDtls');
  });

  it('$select, $filter and $orderby pages match too', async () => {
    const set = entitySet('OrderDtls');
    const picked = ['OrderNum', 'OrderLine', 'PartNum', 'OrderQty', 'UnitPrice', 'NeedByDate', 'OpenLine', 'SysRowID'];
    for (const version of ['v1', 'v2'] as const) {
      const url = version === 'v1' ? v1(sim, `${SO}/OrderDtls`) : v2(sim, `${SO}/OrderDtls`);
      const reply = await call(sim, `${url}?$select=${picked.join(',')}&$filter=OrderQty gt 50&$orderby=UnitPrice desc&$top=250`);
      assert.equal(reply.status, 200);
      const columns = set.columns.filter((c) => picked.includes(c.name));
      const raw = sim.db
        .prepare(`SELECT * FROM OrderDtls WHERE Company = ? AND OrderQty > 50 ORDER BY UnitPrice DESC, OrderNum, OrderLine LIMIT 250`)
        .all(sim.company) as Record<string, unknown>[];
      const rows = raw.map((r) => Object.fromEntries(columns.map((c) => [c.name, toJsonValue(r[c.name], c, version)])));
      assert.deepEqual(JSON.parse(reply.text).value, rows);
      assert.equal(JSON.stringify(JSON.parse(reply.text).value), JSON.stringify(rows));
    }
  });
});

describe('rowsJsonEncoder', () => {
  const column = (name: string, type: SimColumn['type']): SimColumn => ({ name, type, nullable: true });
  const columns = [
    column('B', 'Edm.Boolean'), column('D', 'Edm.DateTime'), column('O', 'Edm.DateTimeOffset'), column('Day', 'Edm.Date'),
    column('G', 'Edm.Guid'), column('I', 'Edm.Int32'), column('L', 'Edm.Int64'), column('M', 'Edm.Decimal'), column('S', 'Edm.String'),
    column('Bin', 'Edm.Binary'), column('T', 'Edm.TimeOfDay'), column('quote"name', 'Edm.String'),
  ];
  const rows: unknown[][] = [
    [1, '2024-01-02T03:04:05', '2024-01-02T03:04:05+01:00', '2024-01-02T00:00:00', 'ABC', 5, 10n, 0.1 + 0.2, 'x"y', Buffer.from('hi'), '10:00:00', ''],
    [0, null, '2024-01-02T03:04:05Z', null, null, 0, null, Number.NaN, '', null, null, 'z'],
    ['TRUE', '2024-01-02T03:04:05', null, '2024-12-31', 'abc', '7', 0, '1.50', 12, 'text', 3, null],
    ['no', '2024-01-02T03:04:05', null, '2024-12-31', 'abc', Infinity, 0, 'abc', 1.5, 'text', 3, null],
  ];

  for (const version of ['v1', 'v2'] as const) {
    it(`writes what JSON.stringify writes of the toJsonValue objects (${version})`, () => {
      const encode = rowsJsonEncoder(columns, version)!;
      const objects = rows.map((row) => Object.fromEntries(columns.map((c, i) => [c.name, toJsonValue(row[i], c, version)])));
      // Twice: the second pass reuses the templates and the date texts of the first.
      assert.equal(encode(rows), JSON.stringify(objects));
      assert.equal(encode([...rows].reverse()), JSON.stringify([...objects].reverse()));
      assert.equal(encode([]), '[]');
    });
  }

  it('declines column names JSON.stringify would move or drop', () => {
    assert.equal(rowsJsonEncoder([column('A', 'Edm.String'), column('12', 'Edm.String')], 'v2'), undefined);
    assert.equal(rowsJsonEncoder([column('__proto__', 'Edm.String')], 'v2'), undefined);
    assert.equal(rowsJsonEncoder([], 'v2')!([[], []]), '[{},{}]');
  });
});
