/**
 * Example 9: stream a large table to a CSV file, with bounded memory.
 *
 *   node --import tsx examples/09-stream-to-csv.ts
 *
 * `db.stream()` is an async iterable of rows; Node's `pipeline` carries them through csv-stringify (RFC
 * 4180: CRLF after each record, quoting of fields with a comma, a quote or a line break; a header row;
 * dates in ISO 8601) into a file, pausing the reads while the disk catches
 * up, so about one page is in memory whatever the table's size. The file is written under a temporary
 * name and renamed at the end: a failed export never leaves a half file under the final name. (The CLI
 * does the same job: `kinetic-sql export`.) Uses KINETIC_SQL_CONNECTION when set (Service must include
 * Erp.BO.SalesOrderSvc), else the bundled simulator.
 */
import { createWriteStream } from 'node:fs';
import { mkdtemp, readFile, rename, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { stringify } from 'csv-stringify';
import { connect } from '../src/index.ts';
import { startSimulator } from '../src/simulator/index.ts';

const sim = process.env.KINETIC_SQL_CONNECTION ? undefined : await startSimulator({ port: 0, seed: 1, customers: 300 });
await using db = await connect(
  sim ? sim.connectionString({ Service: 'Erp.BO.SalesOrderSvc', ApiVersion: 'v2', CacheMetadata: 'false' }) : process.env.KINETIC_SQL_CONNECTION,
);
const dir = await mkdtemp(join(tmpdir(), 'kinetic-export-'));
const file = join(dir, 'order-lines.csv');

try {
  const columns = ['OrderNum', 'OrderLine', 'PartNum', 'LineDesc', 'OrderQty', 'UnitPrice', 'RequestDate'];
  const rows = db.stream(`SELECT ${columns.join(', ')} FROM OrderDtls WHERE OrderQty > ? ORDER BY OrderNum, OrderLine`, [0]);
  let count = 0;
  const counted = Readable.from(rows).map((row) => (count++, row));
  const csv = stringify({
    header: true,
    columns,
    // RFC 4180 ends records with CRLF. Once record_delimiter is set, csv-stringify quotes only fields that
    // hold CRLF itself, unless quote_record_delimiter is on: a lone \n or \r in a field is quoted too.
    record_delimiter: 'windows',
    quote_record_delimiter: true,
    cast: { date: (d) => d.toISOString(), boolean: (b) => (b ? 'true' : 'false') },
  });
  await pipeline(counted, csv, createWriteStream(`${file}.partial`));
  await rename(`${file}.partial`, file);

  const text = await readFile(file, 'utf8');
  const lines = text.split('\r\n');
  console.log(`Wrote ${count} order lines to ${file}`);
  console.log(`Header: ${lines[0]}`);
  console.log(`First row: ${lines[1]}`);
  console.log(`Records in the file: ${lines.filter((l) => l !== '').length - 1} and a header`);
  console.log(`Line endings: ${text.endsWith('\r\n') && !/[^\r]\n/.test(text) ? 'CRLF' : 'not CRLF'}`);
  const quoted = lines.find((l) => l.includes('"'));
  console.log(`A quoted field (comma or quote in the text): ${quoted === undefined ? 'none' : 'yes'}`);
  const pages = sim?.stats().byPath['/KineticSim/api/v2/odata/EPIC06/Erp.BO.SalesOrderSvc/OrderDtls']?.requests;
  if (pages !== undefined) console.log(`Pages requested: ${pages}`);
} finally {
  await rm(dir, { recursive: true, force: true });
  await sim?.close();
}
