// Seeds the simulator's database at benchmark scale (about a million order lines) and prints the seeding
// time and the row counts: `node --import tsx bench/seed.ts [lines] [seed]`.
import { buildModel } from '../src/simulator/model/index.ts';
import { createDatabase, scaleForLines } from '../src/simulator/seed/index.ts';

const lines = Number(process.argv[2] ?? 1_000_000);
const seed = Number(process.argv[3] ?? 1);
const customers = scaleForLines(lines);
const { db, stats } = createDatabase(buildModel(), { seed, customers });
const { ms, ...counts } = stats;
const nonEmpty = Object.entries(counts).filter(([, rows]) => rows > 0);
console.log(`customers=${customers} seed=${seed}: seeded in ${(ms / 1000).toFixed(1)} s`);
for (const [table, rows] of nonEmpty) console.log(`  ${table.padEnd(14)} ${rows.toLocaleString('en-US').padStart(12)}`);
console.log(`  (${Object.keys(counts).length - nonEmpty.length} other tables empty)`);
console.log(`  rss ${(process.memoryUsage().rss / 2 ** 20).toFixed(0)} MiB`);
db.close();
