// The layering of src/ (../shared/DESIGN.md, "One direction of dependency") as data, checked against every
// import of every source file: static, `export ... from`, `import type`, type-level `import('...')` and
// dynamic `import(...)`. A new edge between folders fails here until it is added below, and an edge the
// code no longer uses fails too, so the list stays the picture of the code.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, normalize, relative, sep } from 'node:path';
import ts from 'typescript';

/**
 * The layers, top first: a folder may import from a lower layer when the edge is listed in ALLOWED, and
 * from its own layer only when the edge says why. src/index.ts, src/connect.ts and src/connection.ts form
 * the `connection` layer; src/errors.ts is `errors`. procedures/ (at the top level) is `procedures`.
 */
const LAYERS = [
  ['cli', 'kysely'],
  ['connection'],
  ['sql', 'plan', 'engine', 'procedures'],
  ['odata', 'epicor', 'metadata', 'auth'],
  ['config', 'errors'],
] as const;
type Folder = (typeof LAYERS)[number][number] | 'simulator';

interface Edge {
  readonly from: Folder;
  readonly to: Folder;
  /** Required for an edge inside one layer, and for an edge into the simulator. */
  readonly why?: string;
  /** When set, only these files may import along the edge. */
  readonly only?: readonly string[];
}

// Every edge the code has today, and no other. The logger lives in config/ (src/config/logger.ts): the
// HTTP client and the metadata cache take it, so it must sit below epicor/ and metadata/; its only input
// is four connection properties (Logfile, Verbosity, MaxLogFileSize, MaxLogFileCount), and config/ is
// the bottom folder that is not errors, so it needs no new folder and no new edge.
const ALLOWED: readonly Edge[] = [
  { from: 'cli', to: 'connection' },
  { from: 'cli', to: 'errors' },
  {
    from: 'cli', to: 'auth', only: ['src/cli/commands/oauth.ts'],
    why: 'the `oauth` commands run the sign-in flows and read the settings file themselves, with no connection open',
  },
  {
    from: 'cli', to: 'config', only: ['src/cli/commands/oauth.ts', 'src/cli/shell/history.ts'],
    why: 'the `oauth` commands resolve the connection properties without connecting; the shell keeps its history beside the other default files (config/default-paths.ts)',
  },
  { from: 'cli', to: 'simulator', why: 'the `simulator` and `demo` commands start it', only: ['src/cli/commands/simulator.ts', 'src/cli/commands/demo.ts'] },

  {
    from: 'kysely', to: 'connection', only: ['src/kysely/kinetic-connection.ts', 'src/kysely/kinetic-driver.ts', 'src/kysely/kinetic-introspector.ts', 'src/kysely/dialect-connection.ts'],
    why: 'the kysely dialect (epicor-kinetic-sql/kysely) drives a Connection through the public API, src/index.ts, and nothing else',
  },

  { from: 'connection', to: 'plan' },
  { from: 'connection', to: 'procedures' },
  { from: 'connection', to: 'auth' },
  { from: 'connection', to: 'engine' },
  { from: 'connection', to: 'epicor' },
  { from: 'connection', to: 'metadata' },
  { from: 'connection', to: 'config' },
  { from: 'connection', to: 'errors' },

  { from: 'plan', to: 'sql', why: 'the planner reads the query model (sql/ir) it plans' },
  { from: 'plan', to: 'odata' },
  {
    from: 'plan', to: 'engine', only: ['src/plan/local/value-types.ts', 'src/plan/local/render-expr.ts', 'src/plan/local/plan-local.ts'],
    why: 'the local planner types computed columns and checks function names against the table of SQL Server functions the engine registers, and splits IN lists by the collation the engine compares with',
  },
  { from: 'plan', to: 'metadata' },
  { from: 'plan', to: 'errors' },
  { from: 'procedures', to: 'auth' },
  { from: 'procedures', to: 'config' },
  { from: 'procedures', to: 'errors' },
  { from: 'procedures', to: 'plan', why: 'a procedure declares its result columns with the plan\'s ResultColumn type' },
  { from: 'procedures', to: 'metadata', why: 'custom methods are procedures: their names and typed parameters come from the catalog ($metadata)' },
  { from: 'procedures', to: 'epicor', only: ['procedures/epicor-method.ts', 'procedures/epicor-function.ts'], why: 'a custom method or Epicor Function is POSTed to the URL routes.ts builds' },
  { from: 'engine', to: 'plan', why: 'the executor runs the plan: it reads the plan types (output columns, requests)' },
  { from: 'engine', to: 'odata' },
  { from: 'engine', to: 'epicor' },
  { from: 'engine', to: 'metadata' },
  { from: 'engine', to: 'config' },
  { from: 'engine', to: 'errors' },
  { from: 'sql', to: 'errors' },

  { from: 'odata', to: 'metadata', why: 'literals are encoded by EDM type: the EDM table (metadata/edm-types.ts)' },
  { from: 'odata', to: 'errors' },
  { from: 'epicor', to: 'metadata', why: 'the EDMX reader builds catalogs: catalog types and the EDM table' },
  {
    from: 'metadata', to: 'epicor', only: ['src/metadata/catalog-source.ts'],
    why: 'loading a catalog fetches $metadata through the HTTP client and the EDMX reader when the cache misses; the cache itself never talks HTTP',
  },
  {
    from: 'epicor', to: 'auth', only: ['src/epicor/client.ts'],
    why: 'the HTTP client is handed an authentication provider and builds the default ones (Basic, Token, bearer)',
  },
  {
    from: 'auth', to: 'epicor', only: ['src/auth/msal-network.ts'],
    why: "msal-node's HTTP goes through the driver's proxy and TLS settings, which epicor/agent-options.ts reads",
  },
  { from: 'auth', to: 'config' },
  { from: 'auth', to: 'errors' },
  {
    from: 'metadata', to: 'auth', only: ['src/metadata/catalog-source.ts'],
    why: "an Azure AD connection's cache entry is keyed by the signed-in user (token claims)",
  },
  {
    from: 'epicor', to: 'odata', only: ['src/epicor/routes.ts'],
    why: 'routes builds every URL: it writes a planned request (odata/request.ts) with the one encoder (odata/url.ts)',
  },
  { from: 'epicor', to: 'config' },
  { from: 'epicor', to: 'errors' },
  { from: 'metadata', to: 'config' },
  { from: 'metadata', to: 'errors' },

  { from: 'config', to: 'errors', why: 'errors.ts is the very bottom: it imports nothing' },
];

const TOP_LEVEL: Readonly<Record<string, Folder>> = {
  'src/index.ts': 'connection',
  'src/connect.ts': 'connection',
  'src/connection.ts': 'connection',
  'src/deferred-catalog.ts': 'connection',
  'src/errors.ts': 'errors',
};
const FOLDERS = new Set<string>([...LAYERS.flat(), 'simulator']);
const PACKAGE = 'epicor-kinetic-sql';

const posix = (p: string) => p.split(sep).join('/');

function sources(dir: string): string[] {
  if (!statSync(dir, { throwIfNoEntry: false })?.isDirectory()) return [];
  return readdirSync(dir).sort().flatMap((name) => {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) return sources(p);
    return p.endsWith('.ts') ? [posix(p)] : [];
  });
}

/** The folder (layer member) of a repository-relative path, or undefined outside src/ and procedures/. */
function folderOf(file: string): Folder | string | undefined {
  const parts = file.split('/');
  if (parts[0] === 'procedures') return 'procedures';
  if (parts[0] !== 'src') return undefined;
  if (parts.length === 2) return TOP_LEVEL[file] ?? `unassigned top-level file ${file}`;
  return FOLDERS.has(parts[1]!) ? (parts[1] as Folder) : `unassigned folder src/${parts[1]}`;
}

interface Import { readonly specifier: string; readonly line: number }

/** Every module a file imports, found by the TypeScript parser (so comments and strings are not read as imports). */
function importsOf(file: string): { imports: Import[]; unchecked: number[] } {
  const text = readFileSync(file, 'utf8');
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const imports: Import[] = [];
  const unchecked: number[] = [];
  const lineOf = (node: ts.Node) => source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1;
  const add = (spec: ts.Node | undefined, at: ts.Node) => {
    if (spec && ts.isStringLiteralLike(spec)) imports.push({ specifier: spec.text, line: lineOf(at) });
    else unchecked.push(lineOf(at));
  };
  const visit = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node)) add(node.moduleSpecifier, node);
    else if (ts.isExportDeclaration(node) && node.moduleSpecifier) add(node.moduleSpecifier, node);
    else if (ts.isImportEqualsDeclaration(node) && ts.isExternalModuleReference(node.moduleReference)) add(node.moduleReference.expression, node);
    else if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword) add(node.arguments[0], node);
    else if (ts.isImportTypeNode(node)) add(ts.isLiteralTypeNode(node.argument) ? node.argument.literal : undefined, node);
    ts.forEachChild(node, visit);
  };
  visit(source);
  return { imports, unchecked };
}

/** The repository-relative file an import names, or the package's own folder for `epicor-kinetic-sql[/x]`. */
function targetOf(file: string, specifier: string): string | undefined {
  if (specifier === PACKAGE) return 'src/index.ts';
  if (specifier === `${PACKAGE}/simulator`) return 'src/simulator/index.ts';
  if (specifier === `${PACKAGE}/kysely`) return 'src/kysely/index.ts';
  if (!specifier.startsWith('.')) return undefined; // node: built-ins and dependencies
  return posix(relative('.', normalize(join(dirname(file), specifier))));
}

interface Found { readonly from: Folder; readonly to: Folder; readonly file: string; readonly at: string }

let scanned: { found: Found[]; problems: string[] } | undefined;

function edges(): { found: Found[]; problems: string[] } {
  scanned ??= scan();
  return scanned;
}

function scan(): { found: Found[]; problems: string[] } {
  const found: Found[] = [];
  const problems: string[] = [];
  const files = [...sources('src'), ...sources('procedures')];
  assert.ok(files.length > 100, `read ${files.length} source files`);
  for (const file of files) {
    const from = folderOf(file);
    const { imports, unchecked } = importsOf(file);
    for (const line of unchecked) problems.push(`${file}:${line} imports a computed module name, which this test cannot check: import a literal path`);
    for (const { specifier, line } of imports) {
      const target = targetOf(file, specifier);
      if (target === undefined) continue;
      const to = folderOf(target);
      const at = `${file}:${line} imports '${specifier}'`;
      if (to === undefined) problems.push(`${at}, outside src/ and procedures/`);
      else if (!FOLDERS.has(String(from))) problems.push(`${at}: ${from}: give it a layer in test/layering.test.ts`);
      else if (!FOLDERS.has(to)) problems.push(`${at}: ${to}: give it a layer in test/layering.test.ts`);
      else if (from === 'kysely' && to !== 'kysely' && target !== 'src/index.ts') problems.push(`${at}: the kysely dialect imports the public API (src/index.ts) only`);
      else if (from !== to) found.push({ from: from as Folder, to: to as Folder, file, at });
    }
  }
  return { found, problems };
}

const rank = (f: Folder) => LAYERS.findIndex((layer) => (layer as readonly string[]).includes(f));

test('the allow-list itself follows the layers of DESIGN.md', () => {
  const seen = new Set<string>();
  for (const e of ALLOWED) {
    const name = `${e.from} -> ${e.to}`;
    assert.ok(!seen.has(name), `${name} is listed twice`);
    seen.add(name);
    assert.notEqual(e.from, 'simulator', 'the simulator imports nothing from the driver');
    if (e.to === 'simulator') {
      assert.equal(e.from, 'cli', 'only the CLI starts the simulator');
      assert.ok(e.why && e.only, `${name} needs a reason and its files`);
      continue;
    }
    assert.ok(rank(e.from) <= rank(e.to), `${name} points up the layers`);
    if (rank(e.from) === rank(e.to)) assert.ok(e.why, `${name} stays inside one layer: say why`);
  }
});

test('every import between folders of src/ is an allowed edge', () => {
  const { found, problems } = edges();
  for (const f of found) {
    const edge = ALLOWED.find((e) => e.from === f.from && e.to === f.to);
    if (f.from === 'simulator') problems.push(`${f.at}: the simulator imports nothing from the driver, not even a type or helper: keep a copy in src/simulator`);
    else if (!edge) problems.push(`${f.at}: ${f.from} -> ${f.to} is not in the allow-list of test/layering.test.ts (DESIGN.md: cli -> connection -> (sql, plan, engine, procedures) -> (odata, epicor, metadata, auth) -> (config, errors))`);
    else if (edge.only && !edge.only.includes(f.file)) problems.push(`${f.at}: ${f.from} -> ${f.to} is allowed only from ${edge.only.join(', ')}`);
  }
  assert.equal(problems.length, 0, `${problems.length} import(s) break the layering:\n${problems.join('\n')}`);
});

test('every allowed edge is still used, so the list stays as tight as the code', () => {
  const { found } = edges();
  const unused = ALLOWED.filter((e) => !found.some((f) => f.from === e.from && f.to === e.to)).map((e) => `${e.from} -> ${e.to}`);
  assert.equal(unused.length, 0, `no import uses ${unused.join(', ')} any more: remove it from ALLOWED in test/layering.test.ts`);
  for (const e of ALLOWED.filter((a) => a.only)) {
    for (const file of e.only ?? []) {
      assert.ok(found.some((f) => f.from === e.from && f.to === e.to && f.file === file), `${file} no longer imports along ${e.from} -> ${e.to}: remove it from \`only\``);
    }
  }
});
