import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { renderSqlMarkdown } from '../../src/engine/sql-doc.ts';
import { CAPABILITIES } from '../../src/plan/capabilities.ts';
import { SQLSERVER_FUNCTIONS } from '../../src/engine/sqlite/functions.ts';

test('docs/sql.md is up to date with the capability table and the local functions (regenerate: node --import tsx scripts/gen-sql-doc.ts)', () => {
  const onDisk = readFileSync(new URL('../../docs/sql.md', import.meta.url), 'utf8');
  assert.equal(onDisk, renderSqlMarkdown());
});

test('docs/sql.md has a row for every function, saying what is sent to Epicor and what runs locally', () => {
  const doc = renderSqlMarkdown();
  const rowOf = (name: string) => doc.split('\n').find((l) => l.startsWith(`| \`${name}\` |`));
  for (const name of Object.keys(SQLSERVER_FUNCTIONS)) assert.match(rowOf(name) ?? '', /\| yes \| \d/, name);
  for (const [name, capability] of Object.entries(CAPABILITIES.v2.functions)) {
    const row = rowOf(name) ?? '';
    if ('odata' in capability) assert.ok(row.includes(`\`${capability.odata}\`(`), `${name} is sent as ${capability.odata}`);
    else assert.ok(row.includes(`no: ${capability.unsupported}`), `${name} says why it is not sent`);
  }
  assert.match(rowOf('CHARINDEX') ?? '', /^\| `CHARINDEX` \| no \| yes \| 2 to 3 \|$/);
  assert.match(doc, /\| v1 \| .* \| `substringof\('x',Name\) eq true` \| `\$inlinecount` \|/);
});
