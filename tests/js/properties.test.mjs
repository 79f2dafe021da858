// Random contexts minted by lwicontext (tests/properties.rs, which runs this file): jose
// verifies every token, and JavaScript's JSON.parse of `lwicontexts` gives each variable the
// value Rust sent: in `native`, the string, the number (Number of Rust's decimal text) or the
// boolean; in `string`, Rust's text of it.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { importSPKI, jwtVerify } from 'jose';

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
