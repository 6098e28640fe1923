/**
 * A small seeded pseudo-random generator (mulberry32): the same seed gives the same sequence on every
 * platform, which is what makes the simulator's data reproducible.
 *
 * @example
 * ```ts
 * const rng = new Rng(1);
 * rng.int(10);          // 0..9
 * rng.pick(['a', 'b']); // 'a' or 'b'
 * rng.guid();           // 'xxxxxxxx-xxxx-4xxx-yxxx-xxxxxxxxxxxx', lower case
 * ```
 */
export class Rng {
  private state: number;

  constructor(seed: number) {
    this.state = (Math.trunc(seed) ^ 0x9e3779b9) >>> 0;
  }

  /** A 32-bit unsigned integer. */
  nextUint32(): number {
    let t = (this.state = (this.state + 0x6d2b79f5) >>> 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  }

  /** A float in [0, 1). */
  next(): number {
    return this.nextUint32() / 4294967296;
  }

  /** An integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.next() * n);
  }

  /** An integer in [min, max], both included. */
  range(min: number, max: number): number {
    return min + this.int(max - min + 1);
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)] as T;
  }

  /** Index drawn with probability proportional to `weights[i]`. */
  weighted(weights: readonly number[], total: number): number {
    let r = this.next() * total;
    for (let i = 0; i < weights.length; i++) {
      r -= weights[i] as number;
      if (r < 0) return i;
    }
    return weights.length - 1;
  }

  /** A version-4-shaped GUID in lower case, as Epicor's SysRowID values look. */
  guid(): string {
    const a = this.nextUint32();
    const b = this.nextUint32();
    const c = this.nextUint32();
    const d = this.nextUint32();
    return (
      byteHex(a >>> 24) + byteHex(a >>> 16) + byteHex(a >>> 8) + byteHex(a) + '-' +
      byteHex(b >>> 24) + byteHex(b >>> 16) + '-' +
      byteHex(0x40 | ((b >>> 8) & 0x0f)) + byteHex(b) + '-' +
      byteHex(0x80 | ((c >>> 24) & 0x3f)) + byteHex(c >>> 16) + '-' +
      byteHex(c >>> 8) + byteHex(c) + byteHex(d >>> 24) + byteHex(d >>> 16) + byteHex(d >>> 8) + byteHex(d)
    );
  }
}

const BYTE_HEX: readonly string[] = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

function byteHex(n: number): string {
  return BYTE_HEX[n & 0xff] as string;
}
