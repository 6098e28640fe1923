import type Database from 'better-sqlite3';
import type { SimEntitySet } from '../model/types.ts';
import { Rng } from './prng.ts';
import { TableWriter } from './table-writer.ts';

/** What the seeding steps share: the database, one random stream, the sets by name and the row counts. */
export class SeedContext {
  readonly rng: Rng;
  readonly counts = new Map<string, number>();
  private revision: number;

  constructor(
    readonly db: Database.Database,
    readonly sets: ReadonlyMap<string, SimEntitySet>,
    seed: number,
  ) {
    this.rng = new Rng(seed);
    this.revision = 700_000_000 + this.rng.int(50_000_000);
  }

  /** A writer for `set`; its rows are added to the counts by {@link finish}. */
  writer(set: string, bound: readonly string[], derived: Readonly<Record<string, string>> = {}): TableWriter {
    const entitySet = this.sets.get(set);
    if (!entitySet) throw new Error(`seed: the model has no entity set ${set}`);
    return new TableWriter(this.db, entitySet, bound, derived);
  }

  /** Flushes `writer` and counts its rows. */
  finish(writer: TableWriter): void {
    writer.flush();
    this.count(writer.set.name, writer.rows);
  }

  count(set: string, rows: number): void {
    this.counts.set(set, (this.counts.get(set) ?? 0) + rows);
  }

  /** Increasing SysRevID values, like SQL Server rowversions. */
  nextRevision(): number {
    this.revision += 1 + this.rng.int(7);
    return this.revision;
  }
}
