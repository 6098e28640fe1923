/**
 * Lines typed at the shell until a statement ends: with `;` outside strings, bracketed names and
 * comments (`--` to the end of the line, `/* ... *\/`). Several statements on one line run in turn.
 *
 * @example
 * ```ts
 * const buffer = new StatementBuffer();
 * buffer.add('SELECT Name'); // []
 * buffer.add('FROM Customers;'); // ['SELECT Name\nFROM Customers']
 * ```
 */
export class StatementBuffer {
  #text = '';

  /** Adds a line; returns the statements it completed (without their `;`). */
  add(line: string): string[] {
    this.#text = this.#text === '' ? line : `${this.#text}\n${line}`;
    const done: string[] = [];
    let start = 0;
    let i = 0;
    const s = this.#text;
    while (i < s.length) {
      const ch = s[i]!;
      if (ch === "'" || ch === '"') {
        const end = s.indexOf(ch, i + 1);
        i = end < 0 ? s.length : end + 1;
      } else if (ch === '[') {
        const end = s.indexOf(']', i + 1);
        i = end < 0 ? s.length : end + 1;
      } else if (ch === '-' && s[i + 1] === '-') {
        const end = s.indexOf('\n', i);
        i = end < 0 ? s.length : end;
      } else if (ch === '/' && s[i + 1] === '*') {
        const end = s.indexOf('*/', i + 2);
        i = end < 0 ? s.length : end + 2;
      } else if (ch === ';') {
        const statement = s.slice(start, i).trim();
        if (statement !== '') done.push(statement);
        start = i + 1;
        i++;
      } else i++;
    }
    this.#text = s.slice(start).trim() === '' ? '' : s.slice(start).replace(/^\n+/, '');
    return done;
  }

  /** True while a statement is being typed (the prompt shows `->`). */
  get pending(): boolean {
    return this.#text !== '';
  }

  clear(): void {
    this.#text = '';
  }
}

/**
 * Whether a statement uses parameters (`?` or `@name` outside strings and comments), so that the
 * shell's `.params` are passed only to statements that take them.
 */
export function usesParams(sql: string): boolean {
  const stripped = sql.replace(/'(?:[^']|'')*'|"[^"]*"|\[[^\]]*\]|--[^\n]*|\/\*[\s\S]*?\*\//g, ' ');
  return /\?|@[A-Za-z_]/.test(stripped);
}
