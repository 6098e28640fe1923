// Writes docs/sql.md from the capability table (src/plan/capabilities.ts) and the local engine's SQL
// Server functions (src/engine/sqlite/functions.ts).
// Run: node --import tsx scripts/gen-sql-doc.ts   (test/engine/sql-doc.test.ts checks it is current)
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { renderSqlMarkdown } from '../src/engine/sql-doc.ts';

const target = fileURLToPath(new URL('../docs/sql.md', import.meta.url));
writeFileSync(target, renderSqlMarkdown());
console.log(`wrote ${target}`);
