import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLogger } from '../../src/config/logger.ts';
import { resolveConfig } from '../../src/config/resolve.ts';

test('a log line that repeats a configured secret (text from a server or a library) has it removed', (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'kinetic-log-redaction-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const logfile = join(dir, 'driver.log');
  const config = resolveConfig(
    `URL=https://h;ERPInstance=I;Service=S;User=manager;Password="Pa;ss-W0rd!";ApiKey=AK-7f3e9a11;ProxyPassword=pr0xy-Secret;Logfile=${logfile}`,
    {},
  );
  const log = createLogger(config);
  const basic = Buffer.from('manager:Pa;ss-W0rd!').toString('base64');
  log(`gateway said: API key AK-7f3e9a11 is not valid; Basic ${basic}; password Pa;ss-W0rd! (${encodeURIComponent('Pa;ss-W0rd!')}); proxy pr0xy-Secret`);
  const text = readFileSync(logfile, 'utf8');
  for (const secret of ['AK-7f3e9a11', 'Pa;ss-W0rd!', encodeURIComponent('Pa;ss-W0rd!'), basic, 'pr0xy-Secret']) {
    assert.ok(!text.includes(secret), `${secret} in ${text}`);
  }
  assert.match(text, /gateway said: API key \[redacted\] is not valid/);
});
