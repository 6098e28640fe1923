import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { EDM_TYPES, edmType, isEdmType, type EdmTypeInfo } from '../../src/metadata/edm-types.ts';

const rows = Object.entries(EDM_TYPES) as [string, EdmTypeInfo][];

test('the EDM table is consistent: integer ranges, literal forms, SQL types', () => {
  for (const [type, info] of rows) {
    assert.equal(info.range !== undefined, info.family === 'integer', `${type}: a range exactly for integers`);
    if (info.range) assert.ok(info.range[0] < info.range[1], `${type}: range`);
    assert.equal(info.literal === undefined, info.family === 'time' || info.family === 'binary', `${type}: literal form`);
    assert.match(info.sqlType, /^[a-z0-9]+$/, `${type}: SQL type`);
    assert.equal(info.js === 'date', info.family === 'datetime', `${type}: Date objects for instants only`);
  }
  assert.equal(isEdmType('Edm.Duration'), false);
  assert.equal(isEdmType('toString'), false);
  assert.equal(edmType('Edm.Geography'), undefined);
  assert.equal(edmType('Edm.Int64')?.range?.[1], 9223372036854775807n);
});

// The README's "Values" table says what each type becomes; it must name every type once, as the table does.
test("the README's table of values agrees with the EDM table", () => {
  const readme = readFileSync('README.md', 'utf8');
  const section = readme.slice(readme.indexOf('### Values'), readme.indexOf('### Errors'));
  const kinds: Record<string, EdmTypeInfo['js']> = { string: 'string', number: 'number', boolean: 'boolean', '`Date`': 'date' };
  const listed = new Map<string, string>();
  for (const m of section.matchAll(/^\| (Edm\.[^|]+) \| (\S+)/gm)) {
    for (const type of m[1]!.split(',').map((t) => t.trim())) {
      assert.ok(!listed.has(type), `${type} is listed twice`);
      listed.set(type, m[2]!.replace(/[;,]$/, ''));
    }
  }
  assert.deepEqual([...listed.keys()].sort(), rows.map(([t]) => t).sort());
  for (const [type, info] of rows) assert.equal(kinds[listed.get(type)!], info.js, `${type} in README.md`);
});
