/**
 * The reporting corpus's oracles alone: each runs on the simulator's database and returns rows, so that a
 * corpus case never passes by matching an empty answer. Must pass whatever the engine does.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { startSimulator, type Simulator } from '../../src/simulator/index.ts';
import { CORPUS_CUSTOMERS, CORPUS_SEED, reportingCorpus } from '../fixtures/reporting-corpus.ts';
import { assertCorpusCompany, oracleRows } from './reporting-corpus-support.ts';

describe('reporting corpus: oracles', () => {
  let sim: Simulator;
  before(async () => {
    // No server traffic here: the oracles read sim.db directly.
    sim = await startSimulator({ port: 0, seed: CORPUS_SEED, customers: CORPUS_CUSTOMERS });
    assertCorpusCompany(sim.company);
  });
  after(async () => {
    await sim?.close();
  });

  it('every oracle runs and returns at least one row', () => {
    const empty = reportingCorpus.filter((c) => oracleRows(sim.db, c).length === 0).map((c) => c.name);
    assert.deepEqual(empty, []);
  });

  it('every case has tags, services, and a unique name', () => {
    for (const c of reportingCorpus) {
      assert.ok(c.tags.length > 0 && c.services.length > 0, c.name);
      assert.ok(!/\bLIMIT\b/i.test(c.oracle) || c.ordered || /\bORDER BY\b/i.test(c.oracle), `${c.name}: a LIMIT needs an ORDER BY`);
    }
    assert.equal(new Set(reportingCorpus.map((c) => c.name)).size, reportingCorpus.length);
  });

  for (const c of reportingCorpus) {
    it(`oracle: ${c.name}`, () => {
      assert.ok(oracleRows(sim.db, c).length > 0, c.oracle);
    });
  }
});
