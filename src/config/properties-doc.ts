import { PROPERTIES, PROPERTY_CATEGORIES } from './catalog.ts';
import type { PropertyDefinition } from './property-definition.ts';

const INTRO = `# Connection properties

<!-- Generated from src/config/catalog.ts by \`node --import tsx scripts/gen-properties.ts\`. Do not edit by hand. -->

A connection string is a list of \`Name=Value;\` pairs, for example
\`URL=https://myaccount.epicorsaas.com;ERPInstance=KineticLive;Service=Erp.BO.CustomerSvc;User=u;Password=p;\`.

- Names are case-insensitive. Spaces around names and around unquoted values are ignored.
- A value may be quoted with \`'\` or \`"\`; a quoted value may contain \`;\` and \`=\`, and a doubled quote
  inside it stands for one quote: \`Password='it''s;secret'\`.
- Empty segments (\`;;\`, a trailing \`;\`) are ignored, and an empty value counts as unset.
- When a name appears more than once, the last value wins.
- Each property takes the first value found in: the options object passed to \`connect()\`, the connection
  string, the \`KINETIC_SQL_CONNECTION\` environment variable, the default below.
- Booleans accept \`true\`/\`false\`, \`yes\`/\`no\` and \`1\`/\`0\` in any case; enum values are matched in any case.
- Properties marked **secret** are masked (\`********\`) wherever properties are shown and never appear in
  errors or logs.
`;

/**
 * The text of docs/properties.md: one table per category, generated from the catalog.
 *
 * @example
 * ```ts
 * writeFileSync('docs/properties.md', renderPropertiesMarkdown());
 * ```
 */
export function renderPropertiesMarkdown(): string {
  const sections = PROPERTY_CATEGORIES.map((category) => {
    const rows = PROPERTIES.filter((p) => p.category === category).map(row);
    return [
      `## ${category}`,
      '',
      '| Name | Type | Default | Values | Required | Description |',
      '|---|---|---|---|---|---|',
      ...rows,
    ].join('\n');
  });
  return `${INTRO}\n${sections.join('\n\n')}\n`;
}

function row(p: PropertyDefinition): string {
  const name = p.secret ? `\`${p.name}\` **secret**` : `\`${p.name}\``;
  const def = p.default === undefined ? '' : `\`${p.default}\``;
  const required = p.required === true ? 'yes' : p.required === false ? '' : p.required;
  return `| ${[name, p.type, def, values(p), required, p.description].map(cell).join(' | ')} |`;
}

function values(p: PropertyDefinition): string {
  if (p.values) return p.values.map((v) => `\`${v}\``).join(', ');
  if (p.min !== undefined && p.max !== undefined) return `${p.min} to ${p.max}`;
  if (p.min !== undefined) return `${p.min} or more`;
  if (p.max !== undefined) return `${p.max} or less`;
  return '';
}

function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}
