/**
 * Figures a benchmark hands to `bench/run.ts`: one line per figure on stdout, `@@figure {json}`, beside
 * the human-readable output. run.ts collects them into its summary table.
 *
 * @example
 * ```ts
 * emitFigure({ name: 'stream rows/s (driver)', value: 41_000, unit: 'rows/s' });
 * emitFigure({ name: 'stream ratio', value: 0.97, target: '>= 0.9', ok: true });
 * ```
 */
export const FIGURE_MARKER = '@@figure ';

export interface Figure {
  readonly name: string;
  readonly value: number;
  readonly unit?: string;
  /** The target as text (`>= 0.9`, `< 200 MB`), when there is one. */
  readonly target?: string;
  /** Whether the target is met; absent when there is no target. */
  readonly ok?: boolean;
}

/** Set by run.ts in its children; when running a benchmark alone, the figure lines are not printed. */
export const FIGURES_ENV = 'KINETIC_BENCH_FIGURES';

export function emitFigure(figure: Figure): void {
  if (process.env[FIGURES_ENV] !== '1') return;
  process.stdout.write(`${FIGURE_MARKER}${JSON.stringify(figure)}\n`);
}

/** Reads the figures out of a benchmark's stdout. */
export function parseFigures(stdout: string): Figure[] {
  const figures: Figure[] = [];
  for (const line of stdout.split('\n')) {
    if (!line.startsWith(FIGURE_MARKER)) continue;
    try {
      figures.push(JSON.parse(line.slice(FIGURE_MARKER.length)) as Figure);
    } catch {
      // a torn line: ignore it
    }
  }
  return figures;
}
