// Writes docs/properties.md from the property catalog (src/config/catalog.ts).
// Run: node --import tsx scripts/gen-properties.ts   (test/config/properties-doc.test.ts checks it is current)
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { renderPropertiesMarkdown } from '../src/config/properties-doc.ts';

const target = fileURLToPath(new URL('../docs/properties.md', import.meta.url));
writeFileSync(target, renderPropertiesMarkdown());
console.log(`wrote ${target}`);
