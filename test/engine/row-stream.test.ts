import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { RowStream } from '../../src/engine/row-stream.ts';

async function* pages(n: number, size: number): AsyncGenerator<Record<string, unknown>[]> {
  for (let p = 0; p < n; p++) {
    await sleep(1);
    yield Array.from({ length: size }, (_, i) => ({ n: p * size + i }));
  }
}

describe('RowStream', () => {
  it('hands out every row once, in order, even when next() is called again before the last call settled', async () => {
    const stream = new RowStream(() => pages(5, 5));
    const seen: number[] = [];
    for (;;) {
      const batch = await Promise.all([stream.next(), stream.next(), stream.next()]);
      for (const r of batch) if (!r.done) seen.push(r.value.n as number);
      if (batch.some((r) => r.done)) break;
    }
    assert.deepEqual(seen, Array.from({ length: 25 }, (_, i) => i));
  });

  it('closes its page source on return(), and opens it only on the first next()', async () => {
    let opened = 0;
    let closed = false;
    const stream = new RowStream(() => {
      opened++;
      return (async function* () {
        try {
          yield* pages(10, 2);
        } finally {
          closed = true;
        }
      })();
    });
    assert.equal(opened, 0);
    for await (const row of stream) if ((row.n as number) >= 3) break;
    assert.equal(opened, 1);
    assert.ok(closed);
  });
});
