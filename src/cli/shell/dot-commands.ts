import type { CatalogTable, Connection } from '../../index.ts';
import { explainJson, formatRows, OUTPUT_FORMATS, type OutputFormat } from '../format.ts';
import { bindParams, showParams, splitParamLine, type CliParams } from '../params.ts';
import { UsageError } from '../usage-error.ts';

/** What a dot-command can see and change in the shell. */
export interface ShellState {
  db: Connection;
  format: OutputFormat;
  timer: boolean;
  params: CliParams | undefined;
  /** Writes to the shell's output. */
  print(text: string): void;
  /** Replaces the connection (`.connect`). */
  reconnect(connection: string): Promise<void>;
  /** Leaves the shell (`.quit`). */
  quit(): void;
}

interface DotCommand {
  readonly args: string;
  readonly help: string;
  run(state: ShellState, rest: string): Promise<void> | void;
}

/** The dot-commands, by name. Unknown ones are reported with `.help`. */
export const DOT_COMMANDS: Readonly<Record<string, DotCommand>> = {
  '.tables': { args: '[PATTERN]', help: 'list the tables and BAQs of the connection (names containing PATTERN; % or * match any run, as in Cust%)', run: tables },
  '.describe': { args: 'TABLE', help: 'the columns of a table (name, type, nullable, key) and a BAQ\'s parameters', run: describe },
  '.explain': { args: 'SQL', help: 'the OData requests and local step of a statement, without running it', run: explain },
  '.format': { args: 'table|csv|json|ndjson', help: 'how rows are printed (now: shown without an argument)', run: format },
  '.timer': { args: 'on|off', help: 'print the time each statement took', run: timer },
  '.params': {
    args: "[VALUES | name=VALUE ... | clear]",
    help: "bind ? in order (.params 'CA' 5) or @name (.params state=CA); alone: show them; clear: none. 5 is a number, 'text' a string",
    run: params,
  },
  '.connect': { args: 'STRING', help: 'connect with another connection string (not kept in the history)', run: connectTo },
  '.help': { args: '', help: 'this list', run: help },
  '.quit': { args: '', help: 'leave the shell (also .exit and Ctrl-D)', run: (s) => s.quit() },
  '.exit': { args: '', help: 'leave the shell', run: (s) => s.quit() },
};

/** Runs one dot-command line. Mistakes are UsageErrors, printed by the shell. */
export async function runDotCommand(state: ShellState, line: string): Promise<void> {
  const m = /^(\.\S+)\s*([\s\S]*)$/.exec(line.trim());
  const name = (m?.[1] ?? line).toLowerCase();
  const command = DOT_COMMANDS[name] ?? (name === '.d' ? DOT_COMMANDS['.describe'] : undefined);
  if (!command) throw new UsageError(`Unknown command ${name}: .help lists the commands.`);
  await command.run(state, (m?.[2] ?? '').trim().replace(/;$/, '').trim());
}

function tables(state: ShellState, pattern: string): void {
  const rows = state.db.catalog.services
    .flatMap((s) => s.tables)
    .filter(tableMatcher(pattern))
    .map((t) => ({ Table: t.name, Service: t.service, Kind: t.kind === 'view' ? 'BAQ' : 'table', Columns: t.columns.length, Parameters: t.parameters.map((p) => p.name).join(', ') }));
  state.print(formatRows(state.format, ['Table', 'Service', 'Kind', 'Columns', 'Parameters'], rows));
}

/**
 * Which table names `.tables PATTERN` lists, without regard to case: every name for an empty pattern;
 * with `%` or `*` (any run of characters, as LIKE and shell globs write it) the whole name must match;
 * otherwise the names containing the pattern.
 *
 * @example
 * ```ts
 * ['Customers', 'ShipToes'].filter((name) => tableMatcher('cust%')({ name })); // ['Customers']
 * ```
 */
export function tableMatcher(pattern: string): (table: { readonly name: string }) => boolean {
  const p = pattern.toLowerCase();
  if (!/[%*]/.test(p)) return (t) => t.name.toLowerCase().includes(p);
  const source = p.split(/[%*]+/).map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('.*');
  const re = new RegExp(`^${source}$`, 's');
  return (t) => re.test(t.name.toLowerCase());
}

/** The table a name means: `Customers`, `[Erp.BO.CustomerSvc].[Customers]` or `Erp.BO.CustomerSvc.Customers`, without regard to case. */
export function findTable(db: Connection, written: string): CatalogTable {
  const name = written.replace(/[[\]]/g, '').toLowerCase();
  const all = db.catalog.services.flatMap((s) => s.tables);
  const found = all.filter((t) => t.name.toLowerCase() === name || `${t.service}.${t.name}`.toLowerCase() === name);
  if (found.length === 1) return found[0]!;
  if (found.length > 1) throw new UsageError(`"${written}" is in several services: write ${found.map((t) => `[${t.service}].[${t.name}]`).join(' or ')}.`);
  const near = all.filter((t) => t.name.toLowerCase().startsWith(name.slice(0, 3))).map((t) => t.name).slice(0, 5);
  throw new UsageError(`No table "${written}" in this connection${near.length ? ` (did you mean ${near.join(', ')}?)` : ''}: .tables lists them.`);
}

function describe(state: ShellState, rest: string): void {
  if (rest === '') throw new UsageError('Write .describe TABLE (.tables lists them).');
  const table = findTable(state.db, rest);
  const rows = table.columns.map((c) => ({
    Column: c.name,
    Type: c.type + (c.maxLength ? `(${c.maxLength})` : c.precision ? `(${c.precision},${c.scale ?? 0})` : ''),
    Nullable: c.nullable ? 'yes' : 'no',
    Key: c.isKey ? table.keys.indexOf(c.name) + 1 : '',
  }));
  for (const p of table.parameters) rows.push({ Column: p.name, Type: `${p.type} (BAQ parameter${p.required ? ', required' : ''}: WHERE ${p.name} = ...)`, Nullable: p.required ? 'no' : 'yes', Key: '' });
  state.print(`${table.service} ${table.kind === 'view' ? 'BAQ' : 'table'} ${table.name}\n`);
  state.print(formatRows(state.format, ['Column', 'Type', 'Nullable', 'Key'], rows));
}

async function explain(state: ShellState, rest: string): Promise<void> {
  if (rest === '') throw new UsageError('Write .explain SELECT ...');
  const plan = await state.db.explain(rest, state.params);
  state.print(state.format === 'json' || state.format === 'ndjson' ? explainJson(plan, state.format) : plan.text + '\n');
}

function format(state: ShellState, rest: string): void {
  if (rest === '') return state.print(`Format: ${state.format}\n`);
  const f = rest.toLowerCase() as OutputFormat;
  if (!OUTPUT_FORMATS.includes(f)) throw new UsageError(`Unknown format "${rest}": use table, csv, json or ndjson.`);
  state.format = f;
  state.print(`Format: ${f}\n`);
}

function timer(state: ShellState, rest: string): void {
  const v = rest.toLowerCase();
  if (v !== 'on' && v !== 'off' && v !== '') throw new UsageError('Write .timer on or .timer off.');
  if (v !== '') state.timer = v === 'on';
  state.print(`Timer: ${state.timer ? 'on' : 'off'}\n`);
}

function params(state: ShellState, rest: string): void {
  if (rest.toLowerCase() === 'clear') {
    state.params = undefined;
  } else if (rest !== '') {
    const bound = bindParams(splitParamLine(rest).map((text) => ({ text, asString: false })));
    // Named values add to the named ones already set; positional values replace the list.
    state.params = bound && !Array.isArray(bound) && state.params && !Array.isArray(state.params) ? { ...state.params, ...bound } : bound;
  }
  state.print(`Parameters: ${showParams(state.params)}\n`);
}

async function connectTo(state: ShellState, rest: string): Promise<void> {
  if (rest === '') throw new UsageError('Write .connect "URL=...;Service=...;..." (the connection string).');
  await state.reconnect(rest.replace(/^(["'])([\s\S]*)\1$/, '$2'));
  state.print('Connected.\n');
}

function help(state: ShellState): void {
  const lines = Object.entries(DOT_COMMANDS).map(([name, c]) => `${`${name} ${c.args}`.padEnd(40)} ${c.help}`);
  state.print(
    [
      'SQL statements end with ; and may span lines (Ctrl-C clears the statement being typed).',
      ...lines,
      'Tab completes commands, tables and columns. Ctrl-C cancels a running query; Ctrl-D quits.',
    ].join('\n') + '\n',
  );
}
