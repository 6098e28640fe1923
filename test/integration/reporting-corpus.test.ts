/**
 * The reporting corpus through the driver: each case's SQL runs on v1 and v2 (or the version it names)
 * against the simulator, and its rows must equal the oracle's, computed by SQLite from the simulator's
 * raw rows without the driver (test/fixtures/reporting-corpus.ts). Cases the local engine answers
 * wrongly or refuses fail here on purpose: the corpus is the engine's target.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect, type Connection } from '../../src/index.ts';
import { startSimulator, type Simulator } from '../../src/simulator/index.ts';
import { CORPUS_CUSTOMERS, CORPUS_SEED, reportingCorpus } from '../fixtures/reporting-corpus.ts';
import { assertCorpusCompany, canonicalDriverValue, differences, oracleRows, versionsOf } from './reporting-corpus-support.ts';

describe('reporting corpus: driver against the oracle', () => {
  let sim: Simulator;
  let dir: string;
  // One connection per version and Service list; metadata cached in a temp folder across them.
  const connections = new Map<string, Promise<Connection>>();
  const connection = (v: 'v1' | 'v2', services: string): Promise<Connection> => {
    const key = `${v} ${services}`;
    let db = connections.get(key);
    if (!db) {
      db = connect(sim.connectionString({ ApiVersion: v, Service: services, CacheLocation: join(dir, 'metadata.sqlite') }));
      connections.set(key, db);
    }
    return db;
  };

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'kinetic-reporting-corpus-'));
    sim = await startSimulator({ port: 0, seed: CORPUS_SEED, customers: CORPUS_CUSTOMERS });
    assertCorpusCompany(sim.company);
  });
  after(async () => {
    for (const db of connections.values()) await (await db.catch(() => undefined))?.close();
    await sim?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('has at least 150 cases with distinct names', () => {
    assert.ok(reportingCorpus.length >= 150, `${reportingCorpus.length} cases`);
    assert.equal(new Set(reportingCorpus.map((c) => c.name)).size, reportingCorpus.length);
  });

  for (const c of reportingCorpus) {
    for (const v of versionsOf(c)) {
      it(`${v}: ${c.name}`, async () => {
        const expected = oracleRows(sim.db, c);
        assert.ok(expected.length > 0, 'the oracle returns rows from the seeded data');
        const db = await connection(v, c.services);
        const result = await db.query(c.sql, (c.params ?? []) as unknown[], { rowMode: 'array' });
        const actual = result.rows.map((row) => row.map(canonicalDriverValue));
        const diff = differences(actual, expected, c.ordered);
        assert.equal(diff, undefined, `${c.sql}\n${diff ?? ''}`);
      });
    }
  }
});
