// checkToken, the generated glue's token check, against the shared table of token cases
// (tests/cases/tokens.json, written by tests/token_cases.rs from lwicontext's diagnose): for each
// case, the same error code, the same error rules in the same order, and the same warnings.
// Then what the table does not show: the decoded context, expiresAt, the error's fields, the
// native encoding (tests/glue/shop.js), and edge cases of the JSON and base64 readers.
//
// Run: `node --test tests/js/glue.test.mjs` from the repository root, after `npm ci` in tests/js.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';

import * as glue from '../glue/chat_context.js';
import * as shop from '../glue/shop.js';
import './support/guard.mjs';
import { NOW, SIGNATURE, makeToken } from './support/tokens.mjs';

const { AuthTokenError, ErrorCode, checkToken, contextVariables } = glue;

const here = dirname(fileURLToPath(import.meta.url));
const casesPath = process.env.LWICONTEXT_TOKEN_CASES || join(here, '..', 'cases', 'tokens.json');
const table = JSON.parse(readFileSync(casesPath, 'utf8'));

/** checkToken's verdict in the table's terms. */
function verdict(token, now) {
  try {
    const checked = checkToken(token, { now });
    return { errorCode: null, errors: [], warnings: checked.warnings.map((w) => w.rule), checked };
  } catch (error) {
    if (!(error instanceof AuthTokenError)) throw error;
    return { errorCode: error.code, errors: [...error.rules], warnings: null, error };
  }
}

/** What may be shown of a token in test output: its last three characters. */
const tail = (token) => (typeof token === 'string' ? `…${JSON.stringify(token.slice(-3))}` : String(token));

test('the table is there, for the variables of chat_context.js', () => {
  assert.ok(table.cases.length >= 30, `${table.cases.length} cases in ${casesPath}`);
  assert.deepEqual(
    contextVariables.map((v) => v.name),
    table.variables,
    'the table is judged against the variables of tests/glue/chat_context.js',
  );
  for (const c of table.cases) {
    assert.ok(c.checkToken && Array.isArray(c.checkToken.errors), `${c.name} has a checkToken column`);
  }
});

for (const c of table.cases) {
  test(`table: ${c.name}`, (t) => {
    const expected = c.checkToken;
    const got = verdict(c.token, c.now);
    t.diagnostic(`${got.errorCode ?? 'accepted'} ${JSON.stringify(got.errors.slice(0, 3))}${got.errors.length > 3 ? ` and ${got.errors.length - 3} more` : ''}; token ${tail(c.token)}`);
    assert.equal(got.errorCode, expected.errorCode, `error code (${got.error?.reason ?? 'accepted'})`);
    assert.deepEqual(got.errors, expected.errors, 'the error rules, in diagnose\'s order');
    if (got.error) {
      assert.equal(got.error.rule, expected.errors[0], 'rule is the first error');
      // The same words as diagnose, sentence for sentence: the two cannot drift apart.
      assert.deepEqual(got.error.reasons, expected.reasons, "the reasons, as diagnose words them");
      assert.equal(got.error.message, { 3: "Auth token provider didn't provide any token", 4: 'Auth token provider provided invalid token' }[got.error.code]);
    } else {
      assert.deepEqual(got.warnings, expected.warnings, 'the warnings, in order');
    }
  });
}

test('a valid token gives its context, typed by the encoding, and its expiry', () => {
  const token = makeToken({
    lwicontexts: JSON.stringify({ msdyn_cartvalue: '10000', msdyn_isvip: 'false', 'Cart page (URL)': 'https://contoso.example/cart', msdyn_tier: null }),
  });
  const checked = checkToken(token, { now: NOW });
  assert.deepEqual(checked.context, { msdyn_cartvalue: '10000', msdyn_isvip: 'false', 'Cart page (URL)': 'https://contoso.example/cart' });
  assert.equal(checked.expiresAt, NOW + 840);
  assert.deepEqual(checked.warnings, []);
  assert.equal(glue.encoding, 'string');
});

test('the nested form is unwrapped to its values', () => {
  const token = makeToken({
    lwicontexts: JSON.stringify({ msdyn_cartvalue: { value: '10000', isDisplayable: true }, msdyn_isvip: { value: false, isDisplayable: true } }),
  });
  assert.deepEqual(checkToken(token, { now: NOW }).context, { msdyn_cartvalue: '10000', msdyn_isvip: false });
});

test('the native encoding keeps JSON numbers and booleans (shop.js)', () => {
  assert.equal(shop.encoding, 'native');
  const token = makeToken({ lwicontexts: JSON.stringify({ msdyn_cartvalue: 10000, msdyn_isvip: true, msdyn_tier: 'gold' }) });
  assert.deepEqual(shop.checkToken(token, { now: NOW }).context, { msdyn_cartvalue: 10000, msdyn_isvip: true, msdyn_tier: 'gold' });
  // shop.js knows only its own three variables.
  const other = makeToken({ lwicontexts: JSON.stringify({ contoso_riskscore: 0.5 }) });
  assert.throws(() => shop.checkToken(other, { now: NOW }), { code: 4, rule: 'unknown_variable' });
  assert.doesNotThrow(() => checkToken(other, { now: NOW }));
});

test('a 13-digit exp is read as milliseconds, with a warning', () => {
  const token = makeToken({ exp: (NOW + 840) * 1000 });
  const checked = checkToken(token, { now: NOW });
  assert.equal(checked.expiresAt, NOW + 840);
  assert.deepEqual(checked.warnings.map((w) => w.rule), ['milliseconds']);
  assert.match(checked.warnings[0].message, /13 digits/);
});

test('expired only when now > exp', () => {
  const token = makeToken({ exp: NOW });
  assert.equal(checkToken(token, { now: NOW }).expiresAt, NOW);
  assert.equal(checkToken(token, { now: NOW + 0.999 }).expiresAt, NOW, 'now is whole seconds');
  assert.throws(() => checkToken(token, { now: NOW + 1 }), { code: 4, rule: 'expired' });
});

test('now defaults to the clock', (t) => {
  t.mock.timers.enable({ apis: ['Date'], now: (NOW + 841) * 1000 });
  assert.throws(() => checkToken(makeToken()), { code: 4, rule: 'expired' });
  t.mock.timers.setTime((NOW + 839) * 1000);
  assert.equal(checkToken(makeToken()).expiresAt, NOW + 840);
});

test('no token is code 3; the words and white space are code 4', () => {
  for (const none of [null, undefined, '']) {
    assert.throws(() => checkToken(none, { now: NOW }), (error) => {
      assert.ok(error instanceof AuthTokenError);
      assert.ok(error instanceof Error);
      assert.equal(error.name, 'AuthTokenError');
      assert.equal(error.code, ErrorCode.NoToken);
      assert.equal(error.message, "Auth token provider didn't provide any token");
      assert.equal(error.rule, 'empty');
      assert.deepEqual(error.rules, ['empty']);
      assert.match(error.reason, /no token/);
      return true;
    });
  }
  for (const word of ['null', 'undefined', ' \n', '\u00a0null\u2003']) {
    assert.throws(() => checkToken(word, { now: NOW }), { code: 4, rule: 'not_three_parts' });
  }
  assert.throws(() => checkToken(42, { now: NOW }), { code: 4, rule: 'not_three_parts', reason: 'the token is a number, not text' });
});

test('the error has every rule and reason, widget first, and only the token\'s tail', () => {
  // An HS256 header (server), an expired exp (widget), a missing iss (server), an unknown variable.
  const token = makeToken({ iss: undefined, exp: NOW - 120, lwicontexts: '{"msdyn_cartvalu":"1"}' }, { header: { alg: 'HS256' } });
  const error = captured(() => checkToken(token, { now: NOW }));
  assert.deepEqual(error.rules, ['expired', 'not_rs256', 'missing_claim', 'unknown_variable']);
  assert.equal(error.rule, 'expired');
  assert.equal(error.reasons.length, 4);
  assert.match(error.reason, /^expired 2 min ago/);
  assert.match(error.reasons[3], /did you mean `msdyn_cartvalue`\?$/);
  assert.equal(error.tokenTail, token.slice(-3));
  for (const text of [error.message, error.reason, ...error.reasons, String(error), JSON.stringify(error)]) {
    assert.ok(!text.includes(token.split('.')[1].slice(0, 20)), 'no part of the token in the error');
  }
});

/** The error `run` throws. */
function captured(run) {
  try {
    run();
  } catch (error) {
    return error;
  }
  assert.fail('did not throw');
}

test('signature shape: empty, not base64url, too short; not looked at for a non-RS256 header', () => {
  const [header, payload] = makeToken().split('.');
  const cases = [
    ['', 'bad_signature', /no signature/],
    [`${SIGNATURE}=`, 'bad_signature', /not base64url/],
    [SIGNATURE.replace(/^./, '+'), 'bad_signature', /not base64url/],
    [SIGNATURE.slice(0, 340), 'bad_signature', /has 255 bytes/],
  ];
  for (const [signature, rule, reason] of cases) {
    const error = captured(() => checkToken(`${header}.${payload}.${signature}`, { now: NOW }));
    assert.equal(error.rule, rule);
    assert.match(error.reason, reason);
  }
  const hs = makeToken({}, { header: { alg: 'HS256' }, signature: '' });
  assert.deepEqual(captured(() => checkToken(hs, { now: NOW })).rules, ['not_rs256']);
});

test('base64 as the Rust side reads it: padding, trailing bits, length', () => {
  const token = makeToken();
  const [header, payload, signature] = token.split('.');
  const judge = (h, p) => verdict(`${h}.${p}.${signature}`, NOW);
  assert.equal(judge(`${header}==`, `${payload}=`).errorCode, null, 'trailing = are trimmed');
  assert.deepEqual(judge(`${header.slice(0, -1)}`, payload).errors, ['bad_header'], 'a length of 4n+1, or set trailing bits');
  assert.deepEqual(judge(header, `${payload.slice(0, 4)}=${payload.slice(4)}`).errors, ['bad_payload']);
  // "e30" is {} with zero trailing bits; "e31" sets them: the server refuses it, the widget reads it.
  const noClaims = judge(header, 'e30');
  assert.deepEqual(noClaims.errors, ['missing_claim', 'missing_claim', 'missing_claim', 'missing_claim']);
  const trailing = judge(header, 'e31');
  assert.deepEqual(trailing.errors, ['bad_payload']);
  // Not readable by the widget either: the widget refuses first.
  const bad = verdict(`bm90IGpzb24.!!!.${signature}`, NOW);
  assert.deepEqual(bad.errors, ['bad_payload', 'bad_header']);
  // Readable by the widget (JSON 42): the server refuses, after the header.
  const fortyTwo = verdict(`bm90IGpzb24.NDI.${signature}`, NOW);
  assert.deepEqual(fortyTwo.errors, ['bad_header', 'bad_payload']);
});

test('JSON as serde_json reads it: lone surrogates, huge numbers, depth, BOM, repeated names', () => {
  const judge = (payload) => verdict(makeToken({}, { payload }), NOW);
  const claims = '"iss":"i","sub":"s","iat":1799999940,"exp":1800000840';
  assert.equal(judge(`{${claims}}`).errorCode, null);
  assert.deepEqual(judge(`{${claims},"x":"\\ud800"}`).errors, ['bad_payload'], 'a lone surrogate escape');
  assert.equal(judge(`{${claims},"x":"\\ud83d\\ude00"}`).errorCode, null, 'a surrogate pair');
  assert.deepEqual(judge(`{${claims},"x":1e400}`).errors, ['bad_payload'], 'a number too large for a double');
  assert.deepEqual(judge(`{${claims},"x":${'['.repeat(126)}${']'.repeat(126)}}`).errors, []);
  assert.deepEqual(judge(`{${claims},"x":${'['.repeat(127)}${']'.repeat(127)}}`).errors, ['bad_payload'], 'nesting deeper than 127');
  assert.deepEqual(judge(`\ufeff{${claims}}`).errors, ['bad_payload'], 'a byte order mark');
  assert.deepEqual(judge(`{${claims},}`).errors, ['bad_payload'], 'a trailing comma');
  assert.equal(judge(` {${claims}} \n`).errorCode, null, 'white space around');
  assert.deepEqual(judge(`{${claims},"exp":1}`).errors, ['expired'], 'the last of repeated claims counts');

  const context = (text) => verdict(makeToken({ lwicontexts: text }), NOW);
  assert.deepEqual(context('{"msdyn_tier":"a","msdyn_tier":"b"}').errors, ['repeated_variable']);
  assert.deepEqual(context('{"msdyn_tier":"\\udc00"}').errors, ['not_primitive'], 'a lone surrogate in a value');
  assert.deepEqual(context('{"msdyn_tier":1e999}').errors, ['not_primitive'], 'a number too large, in a value');
  assert.deepEqual(context('{"msdyn_t\\ud800":"1"}').errors, ['context_not_object'], 'a lone surrogate in a name');
  assert.deepEqual(context(`{"msdyn_tier":${'['.repeat(300)}${']'.repeat(300)}}`).errors, ['not_primitive']);
  assert.deepEqual(context(`{"msdyn_tier":${'['.repeat(300)}${']'.repeat(299)}}`).errors, ['context_not_object']);
  assert.deepEqual(context('{"msdyn_tier":null}').errors, []);
  assert.deepEqual(context('{"msdyn_tier":{"isDisplayable":true}}').errors, ['not_primitive'], 'an object without value');
  assert.deepEqual(context('{"msdyn_tier":"x"} x').errors, ['context_not_object']);
  assert.deepEqual(context(' {} ').errors, []);
});

test('limits are counted in UTF-16 code units', () => {
  const context = (value) => verdict(makeToken({ lwicontexts: JSON.stringify({ msdyn_tier: value }) }), NOW);
  assert.deepEqual(context('x'.repeat(4000)).errors, []);
  assert.deepEqual(context('😀'.repeat(2000)).errors, []);
  assert.deepEqual(context(`${'😀'.repeat(2000)}x`).errors, ['value_too_long']);
  const name = (n) => verdict(makeToken({ lwicontexts: JSON.stringify({ ['é'.repeat(n)]: '1' }) }), NOW).errors;
  assert.deepEqual(name(100), ['unknown_variable']);
  assert.deepEqual(name(101), ['invalid_name', 'unknown_variable']);
  const astral = (n) => verdict(makeToken({ lwicontexts: JSON.stringify({ ['😀'.repeat(n)]: '1' }) }), NOW).errors;
  assert.deepEqual(astral(50), ['unknown_variable'], '100 code units');
  assert.deepEqual(astral(51), ['invalid_name', 'unknown_variable'], '51 characters, 102 code units');
});

test('claims: types, fractions, strings and falsy exp, as diagnose reads them', () => {
  const judge = (claims) => verdict(makeToken(claims), NOW);
  assert.equal(judge({ exp: NOW + 0.5 }).checked.expiresAt, NOW, 'a fractional exp counts in whole seconds');
  assert.deepEqual(judge({ iss: 42 }).errors, ['missing_claim']);
  assert.deepEqual(judge({ sub: '' }).errors, ['missing_claim']);
  assert.deepEqual(judge({ iat: '' }).errors, ['missing_claim', 'missing_claim']);
  assert.deepEqual(judge({ exp: -1 }).errors, ['missing_claim']);
  assert.deepEqual(judge({ exp: 0 }).errors, ['expired'], 'the server reads 0 as long past; the widget reads no expiry');
  assert.equal(judge({ exp: 0 }).error.reasons[0].includes("Omnichannel's server"), true);
  assert.deepEqual(judge({ exp: String(NOW + 60) }).errors, ['missing_claim'], 'a string exp: the widget reads the number');
  assert.deepEqual(judge({ exp: String(NOW - 60) }).errors, ['expired', 'missing_claim']);
  assert.deepEqual(judge({ exp: null }).errors, ['missing_claim']);
  assert.deepEqual(judge({ exp: 1800000840.25 }).errors, ['expired'], '13 characters: read as milliseconds by the widget');
  assert.deepEqual(judge({ nbf: NOW + 1 }).errors, ['not_yet_valid']);
  assert.deepEqual(judge({ nbf: NOW }).errors, []);
  assert.deepEqual(judge({ iat: NOW * 1000 }).warnings, ['milliseconds', 'issued_in_future']);
  assert.deepEqual(judge({ iat: NOW - 60, exp: NOW - 60 + 3601 }).warnings, ['long_lifetime']);
  assert.deepEqual(judge({ iat: NOW - 60, exp: NOW - 60 + 3600 }).warnings, []);
  assert.deepEqual(judge({ name: 'Ada', phone: '1' }).warnings, ['identity_claims']);
  assert.equal(judge({ exp: 18446744073709551615 }).errorCode, null, 'a far-off exp');
});

test('now must be Unix seconds', () => {
  for (const now of [-1, NaN, Infinity, '1800000000']) {
    assert.throws(() => checkToken(makeToken(), { now }), TypeError);
  }
});

test('AuthTokenError takes only the four codes', () => {
  const error = new AuthTokenError(ErrorCode.ProviderFailed, 'it threw', { cause: 'x' });
  assert.equal(error.message, 'Auth token provider method execution failed');
  assert.equal(error.rule, null);
  assert.deepEqual(error.rules, []);
  assert.equal(error.cause, 'x');
  assert.throws(() => new AuthTokenError(5, 'no'), RangeError);
  assert.deepEqual({ ...ErrorCode }, { ContextProviderFailed: 1, ProviderFailed: 2, NoToken: 3, InvalidToken: 4 });
  assert.ok(Object.isFrozen(ErrorCode) && Object.isFrozen(contextVariables) && Object.isFrozen(contextVariables[0]));
});
