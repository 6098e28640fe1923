import type { Rng } from './prng.ts';
import type { SeedContext } from './seed-context.ts';
import type { Stored } from './table-writer.ts';
import { dayText, SEED_DAYS } from './calendar.ts';
import {
  NAME_CORES, NAME_SUFFIXES, PLACES, SALES_REPS, SHIP_VIAS, STREETS, TERMS, TERRITORIES, TIERS, type Place,
} from './sample-data.ts';

/** What later steps need to know about a seeded customer. */
export interface SeededCustomer {
  readonly company: string;
  readonly custNum: number;
  readonly custId: string;
  readonly name: string;
  readonly place: Place;
  readonly terms: string;
  readonly shipVia: string;
}

const CUSTOMER_COLUMNS = [
  'Company', 'CustNum', 'CustID', 'Name', 'Address1', 'Address2', 'City', 'State', 'Zip', 'Country', 'CountryNum',
  'PhoneNum', 'EMailAddress', 'CustURL', 'TerritoryID', 'SalesRepCode', 'CustomerType', 'CurrencyCode', 'TermsCode',
  'ShipViaCode', 'CreditHold', 'CreditHoldDate', 'CreditHoldSource', 'CreditLimit', 'EstDate', 'NoContact', 'Inactive',
  'Comment', 'ChangedBy', 'ChangeDate', 'SysRevID', 'SysRowID', 'CustomerTier_c', 'Region_c', 'LoyaltySince_c',
] as const;

const CUSTOMER_DERIVED = {
  LegalName: 'Name', BTName: 'Name', BTAddress1: 'Address1', BTCity: 'City', BTState: 'State', BTZip: 'Zip',
  BTCountry: 'Country', BTCountryNum: 'CountryNum', CreditIncludeOrders: '1', PrintAck: '1',
};

const COMMENTS = ['Prefers "next-day" delivery & invoices by e-mail.', "Call before shipping; dock closes at 3 o'clock.", 'Net terms reviewed <annually>.'];

function asciiLetters(text: string): string {
  return text.normalize('NFD').replace(/[^A-Za-z]/g, '').toUpperCase();
}

function customerName(rng: Rng): string {
  const core = rng.pick(NAME_CORES);
  const suffix = rng.pick(NAME_SUFFIXES);
  return suffix.startsWith("'") ? `${core}${suffix}` : `${core} ${suffix}`;
}

function makeCustomer(rng: Rng, company: string, custNum: number): SeededCustomer {
  const name = customerName(rng);
  const digits = String(custNum);
  const custId = (asciiLetters(name).slice(0, 10 - digits.length) || 'C') + digits;
  return { company, custNum, custId, name, place: rng.pick(PLACES), terms: rng.pick(TERMS), shipVia: rng.pick(SHIP_VIAS) };
}

function customerRow(ctx: SeedContext, c: SeededCustomer): Stored[] {
  const { rng } = ctx;
  const slug = asciiLetters(c.name).toLowerCase().slice(0, 20) || 'customer';
  const onHold = rng.chance(0.08);
  const estDay = rng.int(SEED_DAYS - 30);
  return [
    c.company, c.custNum, c.custId, c.name, `${rng.range(1, 9999)} ${rng.pick(STREETS)}`,
    rng.chance(0.3) ? `Suite ${rng.range(100, 990)}` : null, c.place.city, c.place.state, rng.pick(c.place.zips),
    c.place.country, c.place.countryNum, rng.chance(0.9) ? `${c.place.phone} ${rng.range(200, 989)}-${rng.range(1000, 9999)}` : null,
    rng.chance(0.8) ? `sales@${slug}.example.com` : null, rng.chance(0.6) ? `https://www.${slug}.example.com` : '',
    rng.pick(TERRITORIES), rng.pick(SALES_REPS), rng.chance(0.85) ? 'CUS' : rng.pick(['PRO', 'SUS']), c.place.currency,
    c.terms, c.shipVia, onHold ? 1 : 0, onHold ? dayText(estDay + rng.int(SEED_DAYS - estDay)) : null,
    onHold ? rng.pick(['CUSTOMER', 'MANUAL', 'AGING']) : '', rng.range(1, 250) * 1000, dayText(estDay),
    rng.chance(0.05) ? 1 : 0, rng.chance(0.03) ? 1 : 0, rng.chance(0.05) ? rng.pick(COMMENTS) : '', 'manager',
    dayText(estDay + rng.int(SEED_DAYS - estDay)), ctx.nextRevision(), rng.guid(),
    rng.chance(0.7) ? rng.pick(TIERS) : null, c.place.region, rng.chance(0.4) ? dayText(estDay + rng.int(365)) : null,
  ];
}

/** Seeds Customers, ShipToes and CustBillToes for one company; returns the customers in CustNum order. */
export function seedCustomers(ctx: SeedContext, company: string, count: number): SeededCustomer[] {
  const customers = Array.from({ length: count }, (_, i) => makeCustomer(ctx.rng, company, i + 1));
  const writer = ctx.writer('Customers', CUSTOMER_COLUMNS, CUSTOMER_DERIVED);
  for (const c of customers) writer.add(customerRow(ctx, c));
  ctx.finish(writer);
  seedShipTos(ctx, customers);
  seedBillTos(ctx, customers);
  return customers;
}

function seedShipTos(ctx: SeedContext, customers: readonly SeededCustomer[]): void {
  const { rng } = ctx;
  const writer = ctx.writer('ShipToes', [
    'Company', 'CustNum', 'ShipToNum', 'Name', 'Address1', 'City', 'State', 'ZIP', 'Country', 'CountryNum', 'PhoneNum',
    'SysRevID', 'SysRowID',
  ]);
  for (const c of customers) {
    const shipTos = rng.weighted([25, 40, 25, 10], 100);
    for (let k = 1; k <= shipTos; k++) {
      const place = k === 1 ? c.place : rng.pick(PLACES);
      writer.add([
        c.company, c.custNum, `ST0${k}`, `${c.name} - ${place.city}`.slice(0, 50), `${rng.range(1, 9999)} ${rng.pick(STREETS)}`,
        place.city, place.state, rng.pick(place.zips), place.country, place.countryNum,
        rng.chance(0.5) ? `${place.phone} ${rng.range(200, 989)}-${rng.range(1000, 9999)}` : null, ctx.nextRevision(), rng.guid(),
      ]);
    }
  }
  ctx.finish(writer);
}

function seedBillTos(ctx: SeedContext, customers: readonly SeededCustomer[]): void {
  const { rng } = ctx;
  const writer = ctx.writer('CustBillToes', [
    'Company', 'CustNum', 'BTCustNum', 'DefaultBillTo', 'InvoiceAddress', 'CustID', 'CustomerName', 'BTCustID',
    'BTCustomerName', 'SysRevID', 'SysRowID',
  ]);
  for (const c of customers) {
    if (!rng.chance(0.3)) continue;
    const payer = rng.pick(customers);
    writer.add([
      c.company, c.custNum, payer.custNum, 1, 1, c.custId, c.name, payer.custId, payer.name, ctx.nextRevision(), rng.guid(),
    ]);
  }
  ctx.finish(writer);
}
