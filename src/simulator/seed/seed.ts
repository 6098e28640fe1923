import Database from 'better-sqlite3';
import type { SimEntitySet, SimModel } from '../model/types.ts';
import { createIndexes, createTables } from './tables.ts';
import { SeedContext } from './seed-context.ts';
import { seedCustomers } from './seed-customers.ts';
import { seedParts } from './seed-parts.ts';
import { LINES_PER_ORDER, ORDERS_PER_CUSTOMER, seedOrders, seedReleases } from './seed-orders.ts';

/** Rows per table after seeding (every table of the model, most of them 0), and the seeding time. */
export type SeedStats = { readonly [table: string]: number } & { readonly ms: number };

export interface SeedOptions {
  /** Same seed, same rows. */
  readonly seed: number;
  /** Customers in all companies; orders, lines and parts scale with it. */
  readonly customers: number;
}

/** Share of the rows that belong to the first (default) company. */
const FIRST_COMPANY_SHARE = 0.8;

/**
 * Creates the simulator's in-memory database: one table per entity set of the model, seeded
 * deterministically from `options.seed`. About 10 orders per customer, 4 lines per order, 1.3 releases
 * per line, max(50, customers / 5) parts; 80% of the rows in the first company.
 *
 * @example
 * ```ts
 * const { db, stats } = createDatabase(buildModel(), { seed: 1, customers: 500 });
 * stats.OrderDtls;   // about 20,000
 * db.prepare('SELECT Name FROM Customers WHERE Company = ? AND CustNum = ?').get('EPIC06', 1);
 * ```
 */
export function createDatabase(model: SimModel, options: SeedOptions): { db: Database.Database; stats: SeedStats } {
  const started = performance.now();
  const db = new Database(':memory:');
  db.pragma('journal_mode = OFF');
  db.pragma('synchronous = OFF');
  const tables = createTables(db, model);
  const ctx = new SeedContext(db, new Map<string, SimEntitySet>(tables.map((t) => [t.name, t])), options.seed);
  db.transaction(() => seedAll(ctx, model.companies, Math.max(0, Math.trunc(options.customers))))();
  createIndexes(db);
  db.pragma('optimize');
  const counts = Object.fromEntries(tables.map((t) => [t.table, ctx.counts.get(t.name) ?? 0]));
  return { db, stats: { ...counts, ms: Math.round(performance.now() - started) } };
}

function splitByCompany(total: number, companies: number, minimum: number): number[] {
  if (companies <= 1) return [total];
  const first = Math.max(minimum, Math.round(total * FIRST_COMPANY_SHARE));
  const rest = Math.max(minimum, total - first);
  return [first, ...Array.from({ length: companies - 1 }, (_, i) => Math.floor(rest / (companies - 1)) + (i === 0 ? rest % (companies - 1) : 0))];
}

function seedAll(ctx: SeedContext, companies: readonly string[], customers: number): void {
  const customerSplit = splitByCompany(customers, companies.length, 0);
  const partSplit = splitByCompany(Math.max(50, Math.round(customers / 5)), companies.length, 10);
  companies.forEach((company, i) => {
    const seededCustomers = seedCustomers(ctx, company, customerSplit[i] ?? 0);
    const parts = seedParts(ctx, company, partSplit[i] ?? 0);
    seedOrders(ctx, seededCustomers, parts);
  });
  seedReleases(ctx);
}

/**
 * The `customers` value that gives about `lines` order lines (10 orders per customer, 4 lines per order).
 *
 * @example
 * ```ts
 * createDatabase(buildModel(), { seed: 1, customers: scaleForLines(1_000_000) }); // ~25,000 customers
 * ```
 */
export function scaleForLines(lines: number): number {
  return Math.max(1, Math.round(lines / (ORDERS_PER_CUSTOMER * LINES_PER_ORDER)));
}
