/** Seeded dates run from 2019-01-01 to 2026-12-31; later days exist for due dates computed from them. */
const FIRST_DAY = Date.UTC(2019, 0, 1);
export const SEED_DAYS = Math.round((Date.UTC(2027, 0, 1) - FIRST_DAY) / 86_400_000);
const EXTRA_DAYS = 400;

const DAY_TEXT: readonly string[] = Array.from({ length: SEED_DAYS + EXTRA_DAYS }, (_, i) =>
  `${new Date(FIRST_DAY + i * 86_400_000).toISOString().slice(0, 10)}T00:00:00`,
);

/** The stored text of day `index` after 2019-01-01: 'YYYY-MM-DDT00:00:00' (dates carry no time part). */
export function dayText(index: number): string {
  const clamped = Math.max(0, Math.min(DAY_TEXT.length - 1, Math.trunc(index)));
  return DAY_TEXT[clamped] as string;
}
