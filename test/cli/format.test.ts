import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { formatRows, formatTable } from '../../src/cli/format.ts';

describe('CLI output formats', () => {
  it('aligns a table, shows NULL, shortens long cells for display and counts rows', () => {
    const text = formatTable(['Id', 'Name'], [{ Id: 1, Name: 'Zoë' }, { Id: 22, Name: null }, { Id: 3, Name: 'x'.repeat(60) }]);
    const lines = text.split('\n');
    assert.equal(lines[0], 'Id | Name');
    assert.equal(lines[2], '1  | Zoë');
    assert.equal(lines[3], '22 | NULL');
    assert.equal(lines[4], `3  | ${'x'.repeat(47)}…`);
    assert.equal(lines[5], '(3 rows)');
  });

  it('renders 200,000 rows as a table without overflowing the stack', () => {
    const rows = Array.from({ length: 200_000 }, (_, i) => ({ n: i }));
    const text = formatTable(['n'], rows);
    assert.ok(text.endsWith('(200000 rows)\n'));
  });

  it('writes CSV with quoting and ISO dates, JSON and NDJSON', () => {
    const rows = [{ a: 'x,"y"', d: new Date('2024-03-01T00:00:00Z') }];
    assert.equal(formatRows('csv', ['a', 'd'], rows), 'a,d\n"x,""y""",2024-03-01T00:00:00.000Z\n');
    assert.deepEqual(JSON.parse(formatRows('json', ['a', 'd'], rows)), [{ a: 'x,"y"', d: '2024-03-01T00:00:00.000Z' }]);
    assert.equal(formatRows('ndjson', ['a'], [{ a: 1 }, { a: 2 }]), '{"a":1}\n{"a":2}\n');
  });
});
