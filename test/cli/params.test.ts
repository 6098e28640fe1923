import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cliMessage } from '../../src/cli/error-text.ts';
import { bindParams, paramValue, splitParamLine } from '../../src/cli/params.ts';
import { tableMatcher } from '../../src/cli/shell/dot-commands.ts';
import { HISTORY_SIZE, isPrivate, loadHistory, saveHistory } from '../../src/cli/shell/history.ts';
import { StatementBuffer, usesParams } from '../../src/cli/shell/statement-buffer.ts';
import { UsageError } from '../../src/cli/usage-error.ts';

test('a parameter text is typed by one rule: numbers, booleans, null, quoted strings, else the text', () => {
  assert.equal(paramValue('5'), 5);
  assert.equal(paramValue('-1.25'), -1.25);
  assert.equal(paramValue('02134'), '02134', 'a leading zero keeps it a string (a zip code)');
  assert.equal(paramValue('1e3'), '1e3');
  assert.equal(paramValue('99999999999999999999'), '99999999999999999999', 'beyond exact integers it stays text');
  assert.equal(paramValue('true'), true);
  assert.equal(paramValue('null'), null);
  assert.equal(paramValue("'5'"), '5');
  assert.equal(paramValue("'it''s'"), "it's");
  assert.equal(paramValue('MN'), 'MN');
  assert.equal(paramValue('5', true), '5');
});

test('name=value binds @name, other values bind ? in order; mixing them is a usage error', () => {
  assert.deepEqual(bindParams([{ text: 'CA', asString: false }, { text: '5', asString: false }]), ['CA', 5]);
  assert.deepEqual(bindParams([{ text: 'state=CA', asString: false }, { text: '@min=5', asString: false }]), { state: 'CA', min: 5 });
  assert.deepEqual(bindParams([{ text: "'a=b'", asString: false }]), ['a=b']);
  assert.equal(bindParams([]), undefined);
  assert.throws(() => bindParams([{ text: 'CA', asString: false }, { text: 'x=1', asString: false }]), UsageError);
});

test('a .params line splits at spaces and keeps quoted text whole', () => {
  assert.deepEqual(splitParamLine("'New York' 5  city='St. Paul' 'it''s'"), ["'New York'", '5', "city='St. Paul'", "'it''s'"]);
  assert.throws(() => splitParamLine("'open"), UsageError);
});

test('statements end at ; outside strings, names and comments, over several lines', () => {
  const b = new StatementBuffer();
  assert.deepEqual(b.add("SELECT ';' AS x, [a;b]"), []);
  assert.equal(b.pending, true);
  assert.deepEqual(b.add('-- a comment; still the same statement'), []);
  assert.deepEqual(b.add('FROM t; SELECT 2;'), ["SELECT ';' AS x, [a;b]\n-- a comment; still the same statement\nFROM t", 'SELECT 2']);
  assert.equal(b.pending, false);
  assert.equal(usesParams("SELECT '?' FROM t WHERE a = 1"), false);
  assert.equal(usesParams('SELECT a FROM t WHERE a = ?'), true);
  assert.equal(usesParams('SELECT a FROM t WHERE a = @min'), true);
});

test('the history keeps the last lines, mode 0600, and never a .connect line or a secret', () => {
  const dir = mkdtempSync(join(tmpdir(), 'kinetic-history-'));
  try {
    const file = join(dir, 'sub', 'history');
    const lines = Array.from({ length: HISTORY_SIZE + 200 }, (_, i) => `SELECT ${i};`).reverse();
    saveHistory(file, ['.connect URL=x;Password=p;', "EXEC RefreshOAuthAccessToken OAuthRefreshToken='abc'", ' SELECT hidden;', ...lines]);
    assert.equal(statSync(file).mode & 0o777, 0o600);
    const text = readFileSync(file, 'utf8');
    assert.equal(text.split('\n').filter(Boolean).length, HISTORY_SIZE);
    assert.doesNotMatch(text, /connect|Password|OAuthRefreshToken|hidden/);
    assert.deepEqual(loadHistory(file).slice(0, 2), [`SELECT ${HISTORY_SIZE + 199};`, `SELECT ${HISTORY_SIZE + 198};`]);
    assert.equal(isPrivate('SELECT Name FROM Customers;'), false);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('driver hints meant for API users are reworded for the command line', () => {
  assert.doesNotMatch(cliMessage('Check the name (db.catalog lists the tables).'), /db\.catalog/);
  assert.match(cliMessage('Check the name (db.catalog lists the tables).'), /\.tables/);
  assert.match(cliMessage('The statement has 1 ? marker(s): pass the values as an array.'), /--param/);
});

test('.tables PATTERN: a substring, or % and * as any run of characters over the whole name, without case', () => {
  const names = ['Customers', 'CustBillToes', 'ShipToes', 'zCustomer01', '68138-HSCustomers', 'OrderDtls'];
  const list = (pattern: string) => names.filter((name) => tableMatcher(pattern)({ name }));
  assert.deepEqual(list(''), names);
  assert.deepEqual(list('cust'), ['Customers', 'CustBillToes', 'zCustomer01', '68138-HSCustomers']);
  assert.deepEqual(list('Cust%'), ['Customers', 'CustBillToes']);
  assert.deepEqual(list('*toes'), ['CustBillToes', 'ShipToes']);
  assert.deepEqual(list('%-HS%'), ['68138-HSCustomers']);
  assert.deepEqual(list('Order.tls'), [], 'a dot is a dot, not a regular expression');
});
