export { createDatabase, scaleForLines } from './seed.ts';
export type { SeedOptions, SeedStats } from './seed.ts';
export { Rng } from './prng.ts';
