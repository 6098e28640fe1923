import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseConnectionString } from '../../src/config/parse.ts';
import { KineticPropertyError } from '../../src/errors.ts';

function values(text: string): Record<string, string> {
  return Object.fromEntries([...parseConnectionString(text)].map(([key, e]) => [key, e.value]));
}

function parseError(text: string): KineticPropertyError {
  try {
    parseConnectionString(text);
  } catch (err) {
    assert.ok(err instanceof KineticPropertyError);
    assert.equal(err.code, 'EPROPERTY');
    return err;
  }
  assert.fail(`expected ${JSON.stringify(text)} to be rejected`);
}

test('plain pairs are keyed by lower-cased name and keep the written name', () => {
  const m = parseConnectionString('URL=https://host;ERPInstance=Live;');
  assert.deepEqual(m.get('url'), { name: 'URL', value: 'https://host' });
  assert.deepEqual(m.get('erpinstance'), { name: 'ERPInstance', value: 'Live' });
  assert.equal(m.size, 2);
});

test('names are case-insensitive and the last duplicate wins', () => {
  const m = parseConnectionString('user=first;USER=second;User=third');
  assert.equal(m.size, 1);
  assert.deepEqual(m.get('user'), { name: 'User', value: 'third' });
});

test('spaces around names and unquoted values are trimmed, inner spaces kept', () => {
  assert.deepEqual(values('  User  =  John Smith  ;  Company = EPIC06 '), { user: 'John Smith', company: 'EPIC06' });
});

test('double-quoted values keep ; = and spaces', () => {
  assert.deepEqual(values('Password=" a;b=c ";User=u'), { password: ' a;b=c ', user: 'u' });
});

test('single-quoted values keep ; = and the other quote', () => {
  assert.deepEqual(values(`Password='x;"y"=z';User=u`), { password: 'x;"y"=z', user: 'u' });
});

test('a doubled quote inside a quoted value is one quote', () => {
  assert.deepEqual(values(`A='it''s';B="say ""hi""";C=''''`), { a: "it's", b: 'say "hi"', c: "'" });
});

test('quotes in the middle of an unquoted value are literal', () => {
  assert.deepEqual(values(`Password=ab"c'd`), { password: `ab"c'd` });
});

test('spaces around a quoted value are ignored', () => {
  assert.deepEqual(values(`User =  "u v"  ; Company='C'`), { user: 'u v', company: 'C' });
});

test('empty segments and a trailing ; are ignored; empty text gives no pairs', () => {
  assert.deepEqual(values(';;User=u;; ;Company=C;'), { user: 'u', company: 'C' });
  assert.equal(parseConnectionString('').size, 0);
  assert.equal(parseConnectionString(' ; ;').size, 0);
});

test('an empty value is kept as an empty string', () => {
  assert.deepEqual(values('A=;B=""'), { a: '', b: '' });
});

test('a value may contain = when unquoted', () => {
  assert.deepEqual(values('Other=a=b'), { other: 'a=b' });
});

test('a segment without = is an error with its position, not its text', () => {
  const err = parseError('User=u;Kangaroo-Pass;Company=C');
  assert.match(err.message, /character 8/);
  assert.match(err.message, /no "="/);
  assert.doesNotMatch(err.message, /Kangaroo/);
});

test('an unterminated quote names the property and the position, not the value', () => {
  const err = parseError('User=u; Password="Kangaroo;Company=C');
  assert.match(err.message, /Password/);
  assert.match(err.message, /character 18/);
  assert.match(err.message, /never closed/);
  assert.doesNotMatch(err.message, /Kangaroo/);
  assert.equal(err.subject, 'Password');
});

test('text after a closing quote is an error', () => {
  const err = parseError(`Password='Kangaroo'Pouch;User=u`);
  assert.match(err.message, /after the closing quote of Password/);
  assert.doesNotMatch(err.message, /Kangaroo|Pouch/);
});

test('= without a name is an error', () => {
  const err = parseError('User=u;=Kangaroo');
  assert.match(err.message, /no property name/);
  assert.doesNotMatch(err.message, /Kangaroo/);
});
