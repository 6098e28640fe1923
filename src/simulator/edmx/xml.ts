/** Escapes text for an XML attribute value or element content. */
export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => XML_ENTITIES[c] as string);
}

const XML_ENTITIES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };

/** ` a="x" b="y"` from the defined entries of `attributes`, escaped. */
export function attrs(attributes: Readonly<Record<string, string | number | undefined>>): string {
  let out = '';
  for (const [name, value] of Object.entries(attributes)) {
    if (value !== undefined) out += ` ${name}="${escapeXml(String(value))}"`;
  }
  return out;
}

/** An element with the given attributes, self-closing when it has no children. */
export function element(name: string, attributes: Readonly<Record<string, string | number | undefined>>, children: readonly string[] = []): string {
  if (children.length === 0) return `<${name}${attrs(attributes)}/>`;
  return `<${name}${attrs(attributes)}>${children.join('')}</${name}>`;
}

export const XML_DECLARATION = '<?xml version="1.0" encoding="utf-8"?>';
