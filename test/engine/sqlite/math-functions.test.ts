// Expected values from SQL Server's documentation of ROUND, FLOOR, CEILING, ABS, POWER, SQRT, SIGN, LOG, EXP.
// Decimals are REAL in the local database, so `123.4500` appears as 123.45; an INTEGER argument keeps an
// INTEGER result where SQL Server keeps the argument's type.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { errorOf, storage, value } from './support.ts';

const INVALID = 'An invalid floating point operation occurred.';

test('ROUND: half away from zero on the decimal digits, negative lengths, the truncate flag', () => {
  assert.equal(value('ss_round(123.9994, 3)'), 123.999);
  assert.equal(value('ss_round(123.9995, 3)'), 124);
  assert.equal(value('ss_round(123.4545, 2)'), 123.45);
  assert.equal(value('ss_round(123.45, -2)'), 100);
  assert.equal(value('ss_round(150.75, 0)'), 151);
  assert.equal(value('ss_round(150.75, 0, 1)'), 150);
  assert.equal(value('ss_round(-150.75, 0, 1)'), -150);
  assert.equal(value('ss_round(748.58, -4)'), 0);
  assert.equal(value('ss_round(2.5, 0)'), 3);
  assert.equal(value('ss_round(-2.5, 0)'), -3);
  assert.equal(value('ss_round(1.005, 2)'), 1.01, 'a decimal 1.005, not the nearest double');
  assert.equal(value('ss_round(0.0, 2)'), 0);
  assert.equal(value('ss_round(155, -1)'), 160);
  assert.equal(value('ss_round(-155, -1)'), -160);
  assert.equal(value('ss_round(154, -1)'), 150);
  assert.equal(value('ss_round(159, -1, 1)'), 150);
  assert.equal(value('ss_round(5, -30)'), 0);
  assert.equal(storage('ss_round(155, -1)'), 'integer');
  assert.equal(storage('ss_round(1.5, 0)'), 'real');
  assert.equal(value('ss_round(NULL, 1)'), null);
  assert.equal(value('ss_round(1.5, NULL)'), null);
});

test('FLOOR and CEILING keep the type; no negative zero', () => {
  assert.equal(value('ss_floor(123.45)'), 123);
  assert.equal(value('ss_floor(-123.45)'), -124);
  assert.equal(value('ss_ceiling(123.45)'), 124);
  assert.equal(value('ss_ceiling(-123.45)'), -123);
  assert.equal(value('ss_ceiling(-0.5) || \'\''), '0.0');
  assert.equal(value('ss_floor(7)'), 7);
  assert.equal(storage('ss_floor(7)'), 'integer');
  assert.equal(storage('ss_floor(7.5)'), 'real');
  assert.equal(value('ss_floor(NULL)'), null);
});

test('ABS, SIGN', () => {
  assert.equal(value('ss_abs(-1.0)'), 1);
  assert.equal(value('ss_abs(0.0)'), 0);
  assert.equal(value('ss_abs(-5)'), 5);
  assert.equal(storage('ss_abs(-5)'), 'integer');
  assert.equal(value('ss_abs(-9223372036854775807) = 9223372036854775807'), 1, 'exact in 64 bits');
  assert.match(errorOf('ss_abs(-9223372036854775807 - 1)'), /^Arithmetic overflow/);
  assert.equal(value('ss_sign(-125)'), -1);
  assert.equal(value('ss_sign(0)'), 0);
  assert.equal(value('ss_sign(125)'), 1);
  assert.equal(value('ss_sign(-1.5)'), -1);
  assert.equal(storage('ss_sign(-1.5)'), 'real');
  assert.equal(value('ss_sign(NULL)'), null);
});

test('POWER keeps the base\'s type: an int base gives an int', () => {
  assert.equal(value('ss_power(2, 10)'), 1024);
  assert.equal(storage('ss_power(2, 10)'), 'integer');
  assert.equal(value('ss_power(2, -2)'), 0);
  assert.equal(value('ss_power(2.0, -2)'), 0.25, 'as POWER(CAST(2.0 AS float), -2)');
  assert.equal(value('ss_power(2, 0.5)'), 1);
  assert.equal(value('ss_power(-2, 3)'), -8);
  assert.equal(value('ss_power(NULL, 2)'), null);
  assert.equal(errorOf('ss_power(0.0, -1)'), INVALID);
  assert.match(errorOf('ss_power(10, 30)'), /^Arithmetic overflow/);
});

test('SQRT, LOG (with base), LOG10, EXP, PI', () => {
  assert.equal(value('ss_sqrt(1.0)'), 1);
  assert.equal(value('ss_sqrt(16)'), 4);
  assert.equal(storage('ss_sqrt(16)'), 'real');
  assert.equal(errorOf('ss_sqrt(-1)'), INVALID);
  assert.equal(value('ss_log(10)'), 2.302585092994046);
  assert.equal(value('ss_log(8, 2)'), 3);
  assert.equal(value('ss_log10(100)'), 2);
  assert.equal(errorOf('ss_log(0)'), INVALID);
  assert.equal(errorOf('ss_log(-1)'), INVALID);
  assert.equal(errorOf('ss_log(10, 1)'), INVALID);
  assert.ok(Math.abs((value('ss_exp(10)') as number) - 22026.4657948067) < 1e-9);
  assert.ok(Math.abs((value('ss_exp(ss_log(20))') as number) - 20) < 1e-12);
  assert.equal(errorOf('ss_exp(1000)'), INVALID);
  assert.equal(value('ss_exp(NULL)'), null);
  assert.equal(value('ss_pi()'), 3.141592653589793);
});
