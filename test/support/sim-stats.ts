import type { Simulator } from '../../src/simulator/index.ts';

/** Requests per HTTP method to the paths that contain `fragment`, since the last resetStats(). */
export function methodCounts(sim: Simulator, fragment: string): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const [path, s] of Object.entries(sim.stats().byPath)) {
    if (!path.includes(fragment)) continue;
    for (const [m, n] of Object.entries(s.methods)) counts[m] = (counts[m] ?? 0) + n;
  }
  return counts;
}
