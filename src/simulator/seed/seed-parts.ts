import type { SeedContext } from './seed-context.ts';
import { dayText, SEED_DAYS } from './calendar.ts';
import { PART_ADJECTIVES, PART_CLASSES, PLANTS, type PartClass } from './sample-data.ts';

/** What order lines need to know about a seeded part. */
export interface SeededPart {
  readonly partNum: string;
  readonly description: string;
  readonly uom: string;
  readonly prodCode: string;
  readonly unitPrice: number;
}

const PART_COLUMNS = [
  'Company', 'PartNum', 'SearchWord', 'PartDescription', 'ClassID', 'IUM', 'TypeCode', 'UnitPrice', 'ProdCode',
  'InActive', 'NetWeight', 'CreatedOn', 'ChangedOn', 'SysRevID', 'SysRowID',
];
const PART_DERIVED = { PUM: 'IUM', SalesUM: 'IUM', PricePerCode: "'E'", CostMethod: "'A'", SellingFactor: '1' };

/** A price with two or three decimals, as Epicor's price lists hold them. */
export function price(value: number, threeDecimals: boolean): number {
  return threeDecimals ? Math.round(value * 1000) / 1000 : Math.round(value * 100) / 100;
}

/** Seeds Parts and PartPlants for one company; returns the parts in creation order. */
export function seedParts(ctx: SeedContext, company: string, count: number): SeededPart[] {
  const { rng } = ctx;
  const writer = ctx.writer('Parts', PART_COLUMNS, PART_DERIVED);
  const parts: SeededPart[] = [];
  for (let i = 1; i <= count; i++) {
    const cls: PartClass = PART_CLASSES[i % PART_CLASSES.length] as PartClass;
    const partNum = `${cls.prefix}-${String(10000 + i)}`;
    const description = `${rng.pick(PART_ADJECTIVES)} ${rng.pick(cls.nouns)}`;
    const unitPrice = price(cls.priceMin + rng.next() * (cls.priceMax - cls.priceMin), rng.chance(0.3));
    const created = rng.int(SEED_DAYS - 30);
    parts.push({ partNum, description, uom: cls.uom, prodCode: cls.prodCode, unitPrice });
    writer.add([
      company, partNum, description.normalize('NFD').replace(/[^A-Za-z]/g, '').toUpperCase().slice(0, 8), description,
      cls.classId, cls.uom, cls.typeCode, unitPrice, cls.prodCode, rng.chance(0.05) ? 1 : 0,
      price(rng.next() * 40, true), dayText(created), dayText(created + rng.int(SEED_DAYS - created)), ctx.nextRevision(),
      rng.guid(),
    ]);
  }
  ctx.finish(writer);
  seedPartPlants(ctx, company, parts);
  return parts;
}

function seedPartPlants(ctx: SeedContext, company: string, parts: readonly SeededPart[]): void {
  const { rng } = ctx;
  const writer = ctx.writer('PartPlants', [
    'Company', 'PartNum', 'Plant', 'PrimWhse', 'MinimumQty', 'MaximumQty', 'SafetyQty', 'LeadTime', 'SysRevID', 'SysRowID',
  ]);
  for (const part of parts) {
    const plants = 1 + rng.weighted([50, 35, 15], 100);
    for (let k = 0; k < plants; k++) {
      const minimum = rng.range(0, 50);
      writer.add([
        company, part.partNum, PLANTS[k] as string, 'MAIN', minimum, minimum + rng.range(10, 500), rng.range(0, minimum),
        rng.range(1, 45), ctx.nextRevision(), rng.guid(),
      ]);
    }
  }
  ctx.finish(writer);
}
