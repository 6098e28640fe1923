import assert from 'node:assert/strict';
import { test } from 'node:test';
import { backoffMs, isLicenceExhausted, retryAfterMs, retryWaitBudgetMs } from '../../src/epicor/retry-policy.ts';

test('Retry-After: seconds, HTTP dates, capped at 30 s, unreadable ignored', () => {
  const now = Date.parse('2025-01-31T12:00:00Z');
  assert.equal(retryAfterMs('0', now), 0);
  assert.equal(retryAfterMs('2', now), 2000);
  assert.equal(retryAfterMs('Fri, 31 Jan 2025 12:00:05 GMT', now), 5000);
  assert.equal(retryAfterMs('Fri, 31 Jan 2025 11:00:00 GMT', now), 0);
  assert.equal(retryAfterMs('3600', now), 30_000);
  assert.equal(retryAfterMs('soon', now), undefined);
  assert.equal(retryAfterMs(undefined, now), undefined);
});

test('backoff doubles from 100 ms with jitter and stops growing at 5 s', () => {
  assert.equal(backoffMs(0, () => 0), 50);
  assert.equal(backoffMs(0, () => 1), 100);
  assert.equal(backoffMs(3, () => 1), 800);
  assert.equal(backoffMs(20, () => 1), 5000);
  assert.equal(backoffMs(20, () => 0), 2500);
});

test('licence exhaustion is recognised by its ErrorType or its message, only on error statuses', () => {
  assert.equal(isLicenceExhausted(400, 'Ice.Common.LicenseAccessException', 'whatever'), true);
  assert.equal(isLicenceExhausted(400, undefined, 'Maximum users exceeded for license type WebService.'), true);
  assert.equal(isLicenceExhausted(400, 'Ice.Common.BusinessObjectException', 'Invalid column'), false);
  assert.equal(isLicenceExhausted(404, 'Ice.Common.LicenseAccessException', undefined), false);
  assert.equal(isLicenceExhausted(200, undefined, 'Maximum users exceeded'), false);
});

test('the retry wait budget of one request is Timeout, or 120 s when Timeout is 0', () => {
  assert.equal(retryWaitBudgetMs(60), 60_000);
  assert.equal(retryWaitBudgetMs(1), 1_000);
  assert.equal(retryWaitBudgetMs(0), 120_000);
});
