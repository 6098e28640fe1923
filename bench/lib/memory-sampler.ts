/**
 * Samples this process's memory every `intervalMs` (default 100 ms) and keeps the peaks; `stop()` also
 * reads the kernel's peak resident set size (`process.resourceUsage().maxRSS`, the whole life of the
 * process, so it also catches peaks between samples).
 *
 * @example
 * ```ts
 * const sampler = startMemorySampler();
 * await work();
 * const { peakRss, peakHeapUsed, maxRss } = sampler.stop(); // bytes
 * ```
 */
export interface MemoryPeaks {
  /** Highest sampled `memoryUsage().rss`, bytes. */
  readonly peakRss: number;
  /** Highest sampled `memoryUsage().heapUsed`, bytes. */
  readonly peakHeapUsed: number;
  /** Highest sampled `memoryUsage().arrayBuffers` (undici's body buffers live here), bytes. */
  readonly peakArrayBuffers: number;
  /** `process.resourceUsage().maxRSS` converted to bytes: the kernel's peak for the process. */
  readonly maxRss: number;
  readonly samples: number;
}

export interface MemorySampler {
  stop(): MemoryPeaks;
}

export function startMemorySampler(intervalMs = 100): MemorySampler {
  let peakRss = 0;
  let peakHeapUsed = 0;
  let peakArrayBuffers = 0;
  let samples = 0;
  const sample = (): void => {
    const m = process.memoryUsage();
    samples++;
    if (m.rss > peakRss) peakRss = m.rss;
    if (m.heapUsed > peakHeapUsed) peakHeapUsed = m.heapUsed;
    if (m.arrayBuffers > peakArrayBuffers) peakArrayBuffers = m.arrayBuffers;
  };
  sample();
  const timer = setInterval(sample, intervalMs);
  return {
    stop() {
      clearInterval(timer);
      sample();
      return { peakRss, peakHeapUsed, peakArrayBuffers, maxRss: process.resourceUsage().maxRSS * 1024, samples };
    },
  };
}
