import type { ExecArgIr, ExecStatementIr, RefreshMetadataIr } from './ir/exec.ts';
import { syntax } from './scanner.ts';
import type { Token } from './scanner.ts';

/** Reads tokens left to right, with ESQL_SYNTAX errors that point at the token in the SQL text. */
class TokenReader {
  private at = 0;
  private positional = 0;
  constructor(private readonly sql: string, private readonly tokens: readonly Token[]) {}

  peek(ahead = 0): Token | undefined { return this.tokens[this.at + ahead]; }
  next(): Token | undefined { return this.tokens[this.at++]; }
  is(raw: string, ahead = 0): boolean { return this.peek(ahead)?.raw === raw; }
  nextPositional(): number { return this.positional++; }

  fail(message: string, token = this.peek()): never {
    throw syntax(this.sql, token?.start ?? this.sql.length, message);
  }

  /** A possibly dotted name: `GetOAuthAccessToken`, `[Erp.BO.CustomerSvc]`, `Erp.BO.CustomerSvc`. */
  name(what: string): string {
    const parts: string[] = [];
    for (;;) {
      const t = this.peek();
      if (!t || (t.type !== 'word' && t.type !== 'bracket' && t.type !== 'dquote')) this.fail(`expected ${what}`);
      parts.push(this.next()!.value);
      if (!this.is('.')) return parts.join('.');
      this.next();
    }
  }

  /** Accepts an optional `;`, then requires the end of the text. */
  end(): void {
    if (this.is(';')) this.next();
    if (this.peek()) this.fail('expected the end of the statement');
  }
}

/**
 * `EXEC proc Name='x', @Other=?` or `EXECUTE proc 'a', 'b'` (node-sql-parser takes neither form).
 *
 * @example
 * ```ts
 * parseExec(sql, scan("EXEC GetOAuthAuthorizationURL CallbackURL='https://app/cb'").tokens);
 * // { kind: 'exec', procedure: 'GetOAuthAuthorizationURL', args: [{ name: 'CallbackURL', value: { kind: 'literal', value: 'https://app/cb' } }] }
 * ```
 */
export function parseExec(sql: string, tokens: readonly Token[]): ExecStatementIr {
  const r = new TokenReader(sql, tokens);
  r.next();
  const procedure = r.name('a procedure name after EXEC');
  const args: ExecArgIr[] = [];
  while (r.peek() && !r.is(';')) {
    if (args.length > 0) {
      if (!r.is(',')) r.fail('expected , between procedure arguments');
      r.next();
    }
    args.push(execArg(r, args.some((a) => a.name !== undefined)));
  }
  r.end();
  return { kind: 'exec', procedure, args };
}

function execArg(r: TokenReader, namedSeen: boolean): ExecArgIr {
  const t = r.peek();
  if (t && (t.type === 'word' || t.type === 'named' || t.type === 'bracket') && r.is('=', 1)) {
    r.next();
    r.next();
    return { name: t.value, value: execValue(r) };
  }
  if (namedSeen) r.fail('a positional argument cannot follow a named one');
  return { value: execValue(r) };
}

function execValue(r: TokenReader): ExecArgIr['value'] {
  const t = r.next();
  if (!t) return r.fail('expected an argument value');
  if (t.type === 'string') return { kind: 'literal', value: t.value };
  if (t.type === 'word' && t.value.toUpperCase() === 'N' && r.peek()?.type === 'string' && r.peek()!.start === t.end) {
    return { kind: 'literal', value: r.next()!.value };
  }
  if (t.type === 'word' && t.value.toUpperCase() === 'NULL') return { kind: 'literal', value: null };
  if (t.type === 'number') return { kind: 'literal', value: Number(t.value) };
  if (t.raw === '-' && r.peek()?.type === 'number') return { kind: 'literal', value: -Number(r.next()!.value) };
  if (t.type === 'qmark') return { kind: 'param', by: 'position', index: r.nextPositional() };
  if (t.type === 'named') return { kind: 'param', by: 'name', name: t.value };
  return r.fail("expected a value: a 'string', a number, NULL, ? or @name", t);
}

/**
 * `REFRESH METADATA [service]`: drops cached metadata for one service, or for all.
 *
 * @example
 * ```ts
 * parseRefreshMetadata(sql, scan('REFRESH METADATA Erp.BO.CustomerSvc').tokens);
 * // { kind: 'refreshMetadata', service: 'Erp.BO.CustomerSvc' }
 * ```
 */
export function parseRefreshMetadata(sql: string, tokens: readonly Token[]): RefreshMetadataIr {
  const r = new TokenReader(sql, tokens);
  r.next();
  r.next();
  if (!r.peek() || r.is(';')) {
    r.end();
    return { kind: 'refreshMetadata' };
  }
  const service = r.peek()?.type === 'string' ? r.next()!.value : r.name('a service name after REFRESH METADATA');
  r.end();
  return { kind: 'refreshMetadata', service };
}
