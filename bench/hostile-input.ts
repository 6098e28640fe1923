/*
 * How long the driver takes to plan (or refuse) hostile input: long IN lists and OR/AND chains, deep
 * NOT nesting, huge numbers, lone surrogates. Each case is compiled with a cold parse cache (the text
 * is made unique) against the test catalog, five times after one warm-up run; the figures are the medians
 * in milliseconds of CPU time (user + system, which other processes on a busy machine disturb less) and
 * of wall time, with the outcome (requests planned, or the error code). Not a test: it prints
 * (docs/limits.md quotes it).
 * Run: node --import tsx bench/hostile-input.ts
 */
import { KineticError } from '../src/errors.ts';
import { compile } from '../src/plan/compile.ts';
import type { Params, Statement } from '../src/plan/types.ts';
import { catalog } from '../test/fixtures/catalog.ts';

const range = (n: number): number[] => Array.from({ length: n }, (_, i) => i + 1);
const CASES: ReadonlyArray<readonly [string, string, Params | undefined]> = [
  ['IN, 2,000 strings', `SELECT CustID FROM Customers WHERE CustID IN (${range(2000).map((i) => `'C${i}'`).join(',')})`, undefined],
  ['IN, 5,000 numbers', `SELECT CustID FROM Customers WHERE CustNum IN (${range(5000).join(',')})`, undefined],
  ['IN, 5,000 parameters', `SELECT CustID FROM Customers WHERE CustNum IN (${range(5000).map(() => '?').join(',')})`, range(5000)],
  ['OR, 2,000 terms', `SELECT CustID FROM Customers WHERE ${range(2000).map((i) => `CustNum = ${i}`).join(' OR ')}`, undefined],
  ['OR, 4,000 terms', `SELECT CustID FROM Customers WHERE ${range(4000).map((i) => `CustNum = ${i}`).join(' OR ')}`, undefined],
  ['AND, 2,000 terms', `SELECT CustID FROM Customers WHERE ${range(2000).map((i) => `CustNum <> ${i}`).join(' AND ')}`, undefined],
  ['NOT IN, 5,000 numbers', `SELECT CustID FROM Customers WHERE CustNum NOT IN (${range(5000).join(',')})`, undefined],
  ['NOT, 3,000 nested', `SELECT CustID FROM Customers WHERE ${'NOT '.repeat(3000)}CustNum = 1`, undefined],
  ['NOT, 20,000 nested', `SELECT CustID FROM Customers WHERE ${'NOT '.repeat(20000)}CustNum = 1`, undefined],
  ['1e-999999', 'SELECT CustID FROM Customers WHERE CreditLimit = 1e-999999', undefined],
  ['40,000-digit parameter', 'SELECT CustID FROM Customers WHERE CreditLimit = ?', ['9'.repeat(40000)]],
  ["'1e50000000' parameter", 'SELECT CustID FROM Customers WHERE CreditLimit = ?', ['1e50000000']],
  ['lone surrogate literal', "SELECT CustID FROM Customers WHERE Name = 'a\uD800b'", undefined],
  ['lone surrogate parameter', 'SELECT CustID FROM Customers WHERE Name = ?', ['a\uDC00b']],
  ['1 MB string for an Int32', 'SELECT CustID FROM Customers WHERE CustNum = ?', ['x'.repeat(1_000_000)]],
];

function outcome(run: () => Statement): string {
  try {
    const s = run();
    if (s.kind !== 'query') return s.kind;
    const root = s.plan.root;
    return root.kind === 'local' ? `${root.inputs.reduce((n, i) => n + i.scans.length, 0)} request(s) + local` : '1 request';
  } catch (err) {
    if (err instanceof KineticError) return `${err.code} (message ${err.message.length} chars)`;
    return `${(err as Error).name}: ${(err as Error).message}`;
  }
}

let unique = 0;
const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] as number;
console.log('case'.padEnd(28), 'cpu ms'.padStart(8), 'wall ms'.padStart(8), ' outcome');
for (const [name, sql, params] of CASES) {
  const cpu: number[] = [];
  const wall: number[] = [];
  let result = '';
  for (let i = 0; i < 6; i++) {
    const text = `${sql} /* ${unique++} */`;
    const c0 = process.cpuUsage();
    const w0 = performance.now();
    result = outcome(() => compile(text, params, catalog, { apiVersion: 'v2' }));
    const c = process.cpuUsage(c0);
    if (i === 0) continue;
    wall.push(performance.now() - w0);
    cpu.push((c.user + c.system) / 1000);
  }
  console.log(name.padEnd(28), median(cpu).toFixed(1).padStart(8), median(wall).toFixed(1).padStart(8), ` ${result}`);
}
