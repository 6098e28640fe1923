import type { Rng } from './prng.ts';
import type { SeedContext } from './seed-context.ts';
import type { SeededCustomer } from './seed-customers.ts';
import type { SeededPart } from './seed-parts.ts';
import type { Stored } from './table-writer.ts';
import { dayText, SEED_DAYS } from './calendar.ts';
import { price } from './seed-parts.ts';
import { CHANNELS, ENTRY_PEOPLE } from './sample-data.ts';

/** Orders per customer on average, lines per order on average (weights of 1..12 lines, mean 4.01). */
export const ORDERS_PER_CUSTOMER = 10;
const LINE_WEIGHTS = [20, 18, 15, 12, 9, 7, 6, 4, 3, 3, 2, 1];
export const LINES_PER_ORDER = LINE_WEIGHTS.reduce((s, w, i) => s + w * (i + 1), 0) / 100;

const ORDER_COLUMNS = [
  'Company', 'OrderNum', 'CustNum', 'PONum', 'OrderDate', 'RequestDate', 'NeedByDate', 'OrderAmt', 'OpenOrder',
  'VoidOrder', 'OrderHeld', 'EntryPerson', 'TermsCode', 'ShipViaCode', 'CurrencyCode', 'TotalLines', 'OrderComment',
  'ChangeDate', 'SysRevID', 'SysRowID', 'OrderPriority_c', 'Channel_c',
];
const ORDER_DERIVED = {
  BTCustNum: 'CustNum', ShipToCustNum: 'CustNum', DocOrderAmt: 'OrderAmt', ChangedBy: 'EntryPerson', ExchangeRate: '1',
  Plant: "'MfgSys'", OrderStatus: "CASE WHEN VoidOrder = 1 THEN 'Voided' WHEN OpenOrder = 1 THEN 'Open' ELSE 'Closed' END",
};
const LINE_COLUMNS = [
  'Company', 'OrderNum', 'OrderLine', 'PartNum', 'LineDesc', 'IUM', 'OrderQty', 'UnitPrice', 'ExtPriceDtl',
  'RequestDate', 'NeedByDate', 'CustNum', 'OpenLine', 'ProdCode', 'TotalReleases', 'SysRevID', 'SysRowID',
];
const LINE_DERIVED = {
  LineType: "'PART'", SalesUM: 'IUM', SellingQuantity: 'OrderQty', PricingQty: 'OrderQty', DocUnitPrice: 'UnitPrice',
  ListPrice: 'UnitPrice', DocListPrice: 'UnitPrice', DocExtPriceDtl: 'ExtPriceDtl', DisplaySeq: 'OrderLine',
  LineStatus: "CASE WHEN OpenLine = 1 THEN 'OPEN' ELSE 'CLOSED' END", SellingFactor: '1',
};
const ORDER_COMMENTS = ['Ship complete; "rush" order.', 'Call Zoë before delivery & use dock 2.', "Customer's PO to follow <by fax>."];

/**
 * Orders per customer with a realistic skew: about 12% of customers never ordered, a few order very often
 * (a Pareto tail), the mean stays at ORDERS_PER_CUSTOMER.
 */
function orderCounts(rng: Rng, customers: number): Int32Array {
  const weights = Array.from({ length: customers }, () => (rng.chance(0.12) ? 0 : Math.min(80, (1 - rng.next()) ** (-1 / 1.4))));
  const total = weights.reduce((s, w) => s + w, 0) || 1;
  const scale = (ORDERS_PER_CUSTOMER * customers) / total;
  return Int32Array.from(weights, (w) => Math.floor(w * scale + rng.next()));
}

/** Customer index of each order, shuffled so that order numbers interleave customers. */
function orderSequence(rng: Rng, counts: Int32Array): Int32Array {
  const sequence = new Int32Array(counts.reduce((s, n) => s + n, 0));
  let at = 0;
  counts.forEach((n, i) => sequence.fill(i, at, (at += n)));
  for (let i = sequence.length - 1; i > 0; i--) {
    const j = rng.int(i + 1);
    const t = sequence[i] as number;
    sequence[i] = sequence[j] as number;
    sequence[j] = t;
  }
  return sequence;
}

/** Seeds SalesOrders and OrderDtls of one company; orders reference its customers, lines its parts. */
export function seedOrders(ctx: SeedContext, customers: readonly SeededCustomer[], parts: readonly SeededPart[]): void {
  const { rng } = ctx;
  const sequence = orderSequence(rng, orderCounts(rng, customers.length));
  const orders = ctx.writer('SalesOrders', ORDER_COLUMNS, ORDER_DERIVED);
  const lines = ctx.writer('OrderDtls', LINE_COLUMNS, LINE_DERIVED);
  const line: Stored[] = [];
  for (let k = 0; k < sequence.length; k++) {
    const customer = customers[sequence[k] as number] as SeededCustomer;
    const orderNum = 5001 + k;
    const day = Math.max(0, Math.min(SEED_DAYS - 1, Math.floor((k * SEED_DAYS) / sequence.length) + rng.range(-3, 3)));
    const voided = rng.chance(0.01);
    const open = !voided && rng.chance(day > SEED_DAYS - 450 ? 0.6 : 0.04);
    const lineCount = 1 + rng.weighted(LINE_WEIGHTS, 100);
    let amount = 0;
    for (let n = 1; n <= lineCount; n++) {
      const part = parts[Math.floor(parts.length * rng.next() ** 2)] as SeededPart;
      const qty = part.uom === 'KG' ? price(0.5 + rng.next() * 250, true) : rng.range(1, 120);
      const unitPrice = price(part.unitPrice * (0.85 + rng.next() * 0.3), rng.chance(0.3));
      const ext = Math.round(qty * unitPrice * 100) / 100;
      amount += ext;
      const due = day + rng.range(7, 90);
      line.length = 0;
      line.push(customer.company, orderNum, n, part.partNum, part.description, part.uom, qty, unitPrice, ext,
        dayText(due), dayText(due + rng.range(0, 10)), customer.custNum, open ? 1 : 0, part.prodCode,
        rng.chance(0.2) ? 2 : 1, ctx.nextRevision(), rng.guid());
      lines.add(line);
    }
    const due = day + rng.range(7, 60);
    orders.add([
      customer.company, orderNum, customer.custNum, poNumber(rng), dayText(day), dayText(due), dayText(due + rng.range(0, 14)),
      Math.round(amount * 100) / 100, open ? 1 : 0, voided ? 1 : 0, rng.chance(0.02) ? 1 : 0, rng.pick(ENTRY_PEOPLE),
      customer.terms, customer.shipVia, customer.place.currency, lineCount, rng.chance(0.04) ? rng.pick(ORDER_COMMENTS) : '',
      dayText(day + rng.int(30)), ctx.nextRevision(), rng.guid(), rng.chance(0.8) ? rng.range(1, 5) : null, rng.pick(CHANNELS),
    ]);
  }
  ctx.finish(orders);
  ctx.finish(lines);
}

function poNumber(rng: Rng): string | null {
  if (rng.chance(0.25)) return null;
  return rng.chance(0.05) ? `PO#${rng.range(1000, 9999)}/${rng.pick(['A', 'B', 'C'])}` : `PO-${rng.range(10000, 99999)}`;
}

/**
 * Seeds OrderRels from the lines inside SQLite (one or two releases per line, as the line's TotalReleases
 * says): a million lines would otherwise cost a million more round trips from JavaScript.
 */
export function seedReleases(ctx: SeedContext): void {
  ctx.db.function('seed_guid', () => ctx.rng.guid());
  const half = 'round(d.OrderQty / 2.0, 3)';
  const qty = `CASE WHEN d.TotalReleases = 1 THEN d.OrderQty WHEN r.n = 1 THEN ${half} ELSE round(d.OrderQty - ${half}, 3) END`;
  const later = (column: string): string => `CASE WHEN r.n = 1 THEN d.${column} ELSE date(d.${column}, '+14 days') || 'T00:00:00' END`;
  const info = ctx.db.prepare(
    'INSERT INTO OrderRels (Company, OrderNum, OrderLine, OrderRelNum, LineType, PartNum, IUM, SalesUM, OurReqQty, ' +
      'SellingReqQty, OurStockQty, SellingStockQty, ReqDate, NeedByDate, OpenRelease, OpenOrder, FirmRelease, Plant, ' +
      'WarehouseCode, ShipToCustNum, RelStatus, SysRevID, SysRowID) ' +
      `SELECT d.Company, d.OrderNum, d.OrderLine, r.n, 'PART', d.PartNum, d.IUM, d.SalesUM, ${qty}, ${qty}, ${qty}, ${qty}, ` +
      `${later('RequestDate')}, ${later('NeedByDate')}, d.OpenLine, d.OpenLine, 1, 'MfgSys', 'MAIN', d.CustNum, ` +
      "CASE WHEN d.OpenLine = 1 THEN 'OPEN' ELSE 'CLOSED' END, d.SysRevID + r.n, seed_guid() " +
      // Lines were inserted in key order, so a plain scan (CROSS JOIN keeps d outermost) yields releases in
      // key order too, without a sort.
      'FROM OrderDtls AS d CROSS JOIN (SELECT 1 AS n UNION ALL SELECT 2) AS r WHERE r.n <= d.TotalReleases',
  ).run();
  ctx.count('OrderRels', info.changes);
}
