/**
 * SQL Server's math functions. An INTEGER argument gives an INTEGER result where SQL Server keeps the
 * argument's type (ROUND, FLOOR, CEILING, ABS, SIGN, POWER). Decimals live in the local database as REAL,
 * so ROUND works on the shortest decimal text of the REAL (ROUND(1.005, 2) is 1.01, as for a decimal
 * column), rounding half away from zero as SQL Server rounds decimals. SQL Server's decimal precision and
 * scale are not modelled: ROUND(748.58, -3) is 1000 here where a decimal(5,2) overflows on the server.
 */
import { SqlServerFunctionError } from './function-error.ts';
import { fixed, int, sameAs, toInt, toNumber, type FunctionDefinition, type SqlArg, type SqlResult } from './values.ts';

const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;

const invalidFloat = (): never => {
  throw new SqlServerFunctionError(3623, 'An invalid floating point operation occurred.');
};
const overflow = (): never => {
  throw new SqlServerFunctionError(8115, 'Arithmetic overflow error converting expression to data type bigint.');
};

function checkedFloat(n: number): number {
  if (!Number.isFinite(n)) invalidFloat();
  return Object.is(n, -0) ? 0 : n;
}

function checkedInt(n: bigint): bigint {
  if (n < INT64_MIN || n > INT64_MAX) overflow();
  return n;
}

/** A numeric argument: bigint stays bigint (INTEGER), anything else becomes a number. */
function numeric(v: Exclude<SqlArg, null>, fn: string): number | bigint {
  return typeof v === 'bigint' ? v : toNumber(v, fn);
}

/** Digits and scale of the shortest decimal text of `x` (x >= 0): 1.005 is 1005 with scale 3. */
function decimalDigits(x: number): { digits: bigint; scale: number } {
  const m = /^(\d+)(?:\.(\d+))?(?:e([+-]\d+))?$/.exec(String(x))!;
  const fraction = m[2] ?? '';
  const exp = Number(m[3] ?? 0);
  const digits = BigInt(m[1]! + fraction);
  const scale = fraction.length - exp;
  return scale >= 0 ? { digits, scale } : { digits: digits * 10n ** BigInt(-scale), scale: 0 };
}

/** Rounds (or truncates) |x| to `length` decimal places on its decimal digits. */
export function roundDecimal(x: number, length: number, truncate: boolean): number {
  if (!Number.isFinite(x)) return x;
  const negative = x < 0;
  const { digits, scale } = decimalDigits(Math.abs(x));
  if (length >= scale) return x;
  const cut = 10n ** BigInt(scale - length);
  let q = digits / cut;
  if (!truncate && (digits % cut) * 2n >= cut) q += 1n;
  const abs = length >= 0 ? Number(`${q}e-${length}`) : Number(`${q}e${-length}`);
  return abs === 0 ? 0 : negative ? -abs : abs;
}

function roundInteger(x: bigint, length: number, truncate: boolean): bigint {
  if (length >= 0) return x;
  if (-length > 18) return 0n;
  const k = 10n ** BigInt(-length);
  let q = x / k;
  const r = x % k;
  if (!truncate && (r < 0n ? -r : r) * 2n >= k) q += x < 0n ? -1n : 1n;
  return checkedInt(q * k);
}

function round([x, length, fn]: readonly SqlArg[]): SqlResult {
  if (x === null || length === null || fn === null || x === undefined || length === undefined) return null;
  const n = numeric(x, 'round');
  const len = toInt(length, 'round');
  const truncate = fn !== undefined && toNumber(fn, 'round') !== 0;
  return typeof n === 'bigint' ? roundInteger(n, len, truncate) : roundDecimal(n, len, truncate);
}

/** A function of one number that keeps an INTEGER argument INTEGER. */
function unary(name: string, onInt: (n: bigint) => bigint, onFloat: (n: number) => number) {
  return ([x]: readonly SqlArg[]): SqlResult => {
    if (x === null || x === undefined) return null;
    const n = numeric(x, name);
    return typeof n === 'bigint' ? checkedInt(onInt(n)) : checkedFloat(onFloat(n));
  };
}

/** A function of float arguments returning float. */
function floatFn(name: string, fn: (...xs: number[]) => number) {
  return (args: readonly SqlArg[]): SqlResult => {
    if (args.some((a) => a === null)) return null;
    return checkedFloat(fn(...args.map((a) => toNumber(a!, name))));
  };
}

/** POWER keeps the base's type: POWER(2, -2) is 0 for an int base, 0.25 for a float one. */
function power([x, y]: readonly SqlArg[]): SqlResult {
  if (x === null || y === null || x === undefined || y === undefined) return null;
  const base = numeric(x, 'power');
  const exponent = toNumber(y, 'power');
  if (typeof base === 'bigint') {
    if (Number.isInteger(exponent) && exponent >= 0) {
      if (exponent > 64 && base !== 0n && base !== 1n && base !== -1n) overflow();
      return checkedInt(base ** BigInt(exponent));
    }
    return int(checkedFloat(Math.pow(Number(base), exponent)));
  }
  if (base === 0 && exponent < 0) invalidFloat();
  return checkedFloat(Math.pow(base, exponent));
}

function log([x, base]: readonly SqlArg[]): SqlResult {
  if (x === null || base === null || x === undefined) return null;
  const n = toNumber(x, 'log');
  if (n <= 0) invalidFloat();
  if (base === undefined) return Math.log(n);
  const b = toNumber(base, 'log');
  if (b <= 0 || b === 1) invalidFloat();
  return checkedFloat(Math.log(n) / Math.log(b));
}

const def = (sqlite: string, minArgs: number, maxArgs: number, returns: FunctionDefinition['returns'], impl: FunctionDefinition['impl']): FunctionDefinition =>
  ({ sqlite, minArgs, maxArgs, returns, deterministic: true, impl });

export const MATH_FUNCTIONS: Readonly<Record<string, FunctionDefinition>> = {
  ROUND: def('ss_round', 2, 3, sameAs(0, 'decimal'), round),
  FLOOR: def('ss_floor', 1, 1, sameAs(0, 'decimal'), unary('floor', (n) => n, Math.floor)),
  CEILING: def('ss_ceiling', 1, 1, sameAs(0, 'decimal'), unary('ceiling', (n) => n, Math.ceil)),
  ABS: def('ss_abs', 1, 1, sameAs(0, 'decimal'), unary('abs', (n) => (n < 0n ? -n : n), Math.abs)),
  SIGN: def('ss_sign', 1, 1, sameAs(0, 'decimal'), unary('sign', (n) => (n > 0n ? 1n : n < 0n ? -1n : 0n), Math.sign)),
  POWER: def('ss_power', 2, 2, sameAs(0, 'float'), power),
  SQRT: def('ss_sqrt', 1, 1, fixed('float'), floatFn('sqrt', (n) => (n < 0 ? invalidFloat() : Math.sqrt(n)))),
  SQUARE: def('ss_square', 1, 1, fixed('float'), floatFn('square', (n) => n * n)),
  EXP: def('ss_exp', 1, 1, fixed('float'), floatFn('exp', Math.exp)),
  LOG: def('ss_log', 1, 2, fixed('float'), log),
  LOG10: def('ss_log10', 1, 1, fixed('float'), floatFn('log10', (n) => (n <= 0 ? invalidFloat() : Math.log10(n)))),
  PI: def('ss_pi', 0, 0, fixed('float'), () => Math.PI),
};
