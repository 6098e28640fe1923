import { test } from 'node:test';
import assert from 'node:assert/strict';
import { KineticSqlError, MAX_MESSAGE_LENGTH, quoteForMessage } from '../../src/errors.ts';

test('a quoted value keeps 200 characters and says how long it was', () => {
  assert.equal(quoteForMessage('short'), 'short');
  const quoted = quoteForMessage('v'.repeat(1_000_000));
  assert.equal(quoted, `${'v'.repeat(200)}… (1000000 characters)`);
  // Never half of a surrogate pair.
  const emoji = quoteForMessage(`${'a'.repeat(199)}\u{1F600}${'b'.repeat(50)}`);
  assert.equal(emoji, `${'a'.repeat(199)}… (251 characters)`);
});

test('an error message longer than 2,000 characters keeps its start and its advice', () => {
  const err = new KineticSqlError('EPARAM', `The value ${'x'.repeat(1_000_000)} is wrong: pass a number.`);
  assert.ok(err.message.length <= MAX_MESSAGE_LENGTH + 60, `${err.message.length}`);
  assert.ok(err.message.startsWith('The value xxx'));
  assert.ok(err.message.endsWith('is wrong: pass a number.'));
  assert.match(err.message, /characters left out/);
  const short = new KineticSqlError('EPARAM', 'A short message.');
  assert.equal(short.message, 'A short message.');
});
