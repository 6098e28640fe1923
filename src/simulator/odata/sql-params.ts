/** Collects bound values for one statement; literal values never appear in SQL text. */
export class SqlParams {
  readonly values: Record<string, unknown> = {};
  private next = 0;

  constructor(private readonly prefix = '__p') {}

  /** Binds `value` and returns its placeholder. @example params.add('x') // '@__p0' */
  add(value: unknown): string {
    const name = `${this.prefix}${this.next++}`;
    this.values[name] = value;
    return `@${name}`;
  }
}
