import { randomBytes } from 'node:crypto';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join, basename } from 'node:path';
import { parseArgs } from 'node:util';
import { connect } from '../../index.ts';
import { KineticSqlError } from '../../errors.ts';
import { renderRowTypes, shortService } from '../row-types.ts';
import { CODEGEN_USAGE } from '../usage.ts';

/**
 * `kinetic-sql codegen --out FILE`: writes TypeScript row types (and kysely's `DB` interface) for the
 * tables and BAQs of the connection's services. Returns the exit code.
 *
 * @example
 * ```sh
 * kinetic-sql codegen --out src/db-types.ts --tables Customers,SalesOrders
 * ```
 */
export async function runCodegenCommand(argv: string[], out: NodeJS.WritableStream = process.stdout): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      connection: { type: 'string', short: 'c' },
      out: { type: 'string', short: 'o' },
      tables: { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    out.write(CODEGEN_USAGE + '\n');
    return 0;
  }
  if (!values.out) {
    process.stderr.write(`kinetic-sql codegen: --out FILE is required.\n${CODEGEN_USAGE}\n`);
    return 2;
  }
  const tables = values.tables?.split(',').map((t) => t.trim()).filter((t) => t !== '');
  await using db = await connect(values.connection);
  const decimalsAsStrings = /^(true|yes|1)$/i.test(db.properties['DecimalsAsStrings'] ?? '');
  const known = new Set(db.catalog.services.flatMap((s) => s.tables.flatMap((t) => [t.name.toLowerCase(), `${shortService(t.service)}.${t.name}`.toLowerCase()])));
  const missing = (tables ?? []).filter((t) => !known.has(t.toLowerCase()));
  if (missing.length > 0) {
    throw new KineticSqlError('ENO_TABLE', `--tables names ${missing.map((m) => `"${m}"`).join(', ')}, not in the services of this connection (${db.catalog.services.map((s) => s.service).join(', ')}): run kinetic-sql shell and .tables to list them, or add the service to Service in --connection.`);
  }
  const text = renderRowTypes(db.catalog, { decimalsAsStrings, ...(tables ? { tables } : {}) });
  await writeAtomically(values.out, text);
  const count = (text.match(/^export interface /gm)?.length ?? 1) - 1;
  out.write(`Wrote ${values.out}: ${count} interfaces and DB for ${db.catalog.services.map((s) => s.service).join(', ')}.\n`);
  return 0;
}

// A failed write never leaves a half file under the final name. The folder is made when missing
// (`--out src/generated/db-types.ts` in a fresh checkout).
async function writeAtomically(file: string, text: string): Promise<void> {
  await mkdir(dirname(file), { recursive: true });
  const temp = join(dirname(file), `.${basename(file)}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    await writeFile(temp, text);
    await rename(temp, file);
  } catch (err) {
    await rm(temp, { force: true });
    throw err;
  }
}
