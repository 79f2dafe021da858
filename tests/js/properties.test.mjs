// Random contexts minted by lwicontext (tests/properties.rs, which runs this file): jose
// verifies every token, and JavaScript's JSON.parse of `lwicontexts` gives each variable the
// value Rust sent: in `native`, the string, the number (Number of Rust's decimal text) or the
// boolean; in `string`, Rust's text of it. On randomly mutated tokens, the generated glue's
// checkToken gives diagnose's verdict without the key: the code and the rules in order.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { importSPKI, jwtVerify } from 'jose';

import { checkToken } from '../glue/chat_context.js';

const path = process.env.LWICONTEXT_FIXTURES;
assert.ok(path, 'run through `cargo test --test properties`');
const fixtures = JSON.parse(readFileSync(path, 'utf8'));

test('jose verifies every token', async () => {
  const key = await importSPKI(fixtures.publicKeyPem, 'RS256');
  assert.ok(fixtures.cases.length >= 400, `${fixtures.cases.length} cases`);
  for (const { token } of fixtures.cases) {
    const { protectedHeader } = await jwtVerify(token, key, { algorithms: ['RS256'] });
    assert.equal(protectedHeader.alg, 'RS256');
  }
});

test('JSON.parse(payload.lwicontexts) gives the values Rust sent', () => {
  let checked = 0;
  for (const { token, encoding, variables } of fixtures.cases) {
    const payload = JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString('utf8'));
    const context = JSON.parse(payload.lwicontexts);
    assert.deepEqual(Object.keys(context).sort(), variables.map((variable) => variable.name).sort());
    for (const { name, kind, text } of variables) {
      const value = context[name];
      if (encoding === 'string') {
        assert.equal(value, text, `${name} (${encoding})`);
      } else if (kind === 'number') {
        assert.equal(typeof value, 'number', name);
        assert.equal(value, Number(text), `${name}: ${text}`);
      } else if (kind === 'boolean') {
        assert.equal(value, text === 'true', name);
      } else {
        assert.equal(value, text, name);
      }
      checked += 1;
    }
  }
  assert.ok(checked > 1000, `${checked} values`);
});

test('on mutated tokens, checkToken says what diagnose says without the key', () => {
  assert.ok(fixtures.mutated.length >= 300);
  let refused = 0;
  for (const { token, errorCode, errors } of fixtures.mutated) {
    let verdict;
    try {
      checkToken(token, { now: fixtures.now });
      verdict = { errorCode: null, errors: [] };
    } catch (error) {
      assert.equal(error.name, 'AuthTokenError', String(error));
      verdict = { errorCode: error.code, errors: [...error.rules] };
      refused += 1;
    }
    assert.deepEqual(verdict, { errorCode, errors }, token.slice(-12));
  }
  // Most mutations break what a page can check; the rest need the key.
  assert.ok(refused > 100, `${refused} refused`);
});

