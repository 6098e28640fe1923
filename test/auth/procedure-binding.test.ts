/** EXEC and callProcedure bind arguments to the procedures' declared parameters; mistakes are EPROCEDURE naming the parameter. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { bindArguments, findProcedure, PROCEDURES } from '../../procedures/registry.ts';
import { KineticError } from '../../src/errors.ts';

const getToken = findProcedure('GetOAuthAccessToken')!;
const getUrl = findProcedure('getoauthauthorizationurl')!;

function procedureError(fn: () => unknown, name: string, message: RegExp): void {
  assert.throws(fn, (err: unknown) => {
    assert.ok(err instanceof KineticError);
    assert.equal(err.code, 'EPROCEDURE');
    assert.equal(err.subject, name);
    assert.match(err.message, message);
    return true;
  });
}

test('every procedure declares its parameters and result columns as data', () => {
  assert.deepEqual(PROCEDURES.map((p) => p.name), ['GetOAuthAuthorizationURL', 'GetOAuthAccessToken', 'RefreshOAuthAccessToken']);
  assert.deepEqual(getUrl.parameters.map((p) => p.name), ['AuthMode', 'CallbackURL', 'Permissions', 'State', 'Prompt']);
  assert.deepEqual(getToken.parameters.map((p) => p.name), ['AuthMode', 'Verifier', 'CallbackURL', 'Permissions', 'State']);
  assert.deepEqual(getUrl.columns.map((c) => c.name), ['URL']);
  for (const p of PROCEDURES) for (const param of p.parameters) assert.ok(param.description.length > 10, `${p.name}.${param.name} is described`);
});

test('named (any case, with @), positional and defaulted arguments bind to the declared parameters', () => {
  assert.deepEqual(bindArguments(getToken, { '@authmode': 'web', VERIFIER: 'c0de' }), { AuthMode: 'WEB', Verifier: 'c0de', CallbackURL: undefined, Permissions: undefined, State: undefined });
  assert.deepEqual(bindArguments(getToken, { 0: 'WEB', 1: 'c0de' }), { AuthMode: 'WEB', Verifier: 'c0de', CallbackURL: undefined, Permissions: undefined, State: undefined });
  assert.equal(bindArguments(getUrl, {})['Prompt'], undefined, 'chosen by the provider kind');
  assert.equal(bindArguments(getUrl, { Prompt: 'LOGIN' })['Prompt'], 'login');
  assert.equal(bindArguments(getUrl, { AuthMode: null })['AuthMode'], 'WEB');
});

test('unknown, repeated, missing, extra positional and mistyped arguments are EPROCEDURE naming them, without their values', () => {
  procedureError(() => bindArguments(getToken, { Verifer: 'secret-code' }), 'Verifer', /has no parameter Verifer: its parameters are AuthMode, Verifier/);
  procedureError(() => bindArguments(getToken, { 1: 'secret-code', Verifier: 'secret-code' }), 'Verifier', /Verifier is given twice/);
  procedureError(() => bindArguments(findProcedure('RefreshOAuthAccessToken')!, {}), 'OAuthRefreshToken', /missing required parameter OAuthRefreshToken/);
  procedureError(() => bindArguments(getUrl, { 5: 'x' }), 'GetOAuthAuthorizationURL', /takes 5 parameter\(s\).*position 6/);
  procedureError(() => bindArguments(getToken, { Verifier: 42 }), 'Verifier', /Verifier must be a string/);
  procedureError(() => bindArguments(getToken, { AuthMode: 'DESKTOP' }), 'AuthMode', /AuthMode must be one of APP, WEB/);
  try {
    bindArguments(getToken, { Verifier: 'secret-code', Bogus: 'secret-code' });
  } catch (err) {
    assert.ok(!(err as Error).message.includes('secret-code'));
  }
});
