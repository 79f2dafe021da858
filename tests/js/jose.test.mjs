// Tokens minted by lwicontext (the library and the CLI), verified by jose: a JWT library no one
// here wrote. Run through `cargo test -p lwicontext-cli --test jose`, which mints the library's
// tokens and passes the CLI's path.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { calculateJwkThumbprint, createLocalJWKSet, decodeProtectedHeader, exportJWK, importSPKI, jwtVerify } from 'jose';

const { LWICONTEXT_BIN: bin, LWICONTEXT_FIXTURES: fixturesPath, LWICONTEXT_TMP: tmp } = process.env;
assert.ok(bin && fixturesPath && tmp, 'run through `cargo test -p lwicontext-cli --test jose`');
const fixtures = JSON.parse(readFileSync(fixturesPath, 'utf8'));

const verifyOptions = { algorithms: ['RS256'], issuer: fixtures.iss };

/** The CLI's standard output; fails the test on a non-zero exit. */
function cli(...args) {
  const run = spawnSync(bin, args, { encoding: 'utf8' });
  assert.equal(run.status, 0, `lwicontext ${args.join(' ')}: ${run.stderr}`);
  return run.stdout.trim();
}

test('library tokens verify from the public key PEM', async () => {
  const key = await importSPKI(fixtures.publicKeyPem, 'RS256');
  assert.ok(fixtures.tokens.length >= 3);
  for (const { token, lwicontexts } of fixtures.tokens) {
    const { payload, protectedHeader } = await jwtVerify(token, key, verifyOptions);
    assert.equal(protectedHeader.alg, 'RS256');
    assert.equal(protectedHeader.kid, fixtures.kid);
    assert.equal(payload.sub, fixtures.sub);
    assert.equal(payload.lwicontexts, lwicontexts);
    assert.equal(typeof JSON.parse(payload.lwicontexts), 'object');
    assert.equal(payload.nbf, payload.iat);
    assert.ok(payload.exp > payload.iat);
  }
});

test("the key's thumbprint is jose's RFC 7638 thumbprint", async () => {
  const jwk = await exportJWK(await importSPKI(fixtures.publicKeyPem, 'RS256', { extractable: true }));
  assert.equal(fixtures.thumbprint, await calculateJwkThumbprint(jwk, 'sha256'));
});

test('library tokens verify from the JWKS', async () => {
  const keys = createLocalJWKSet(JSON.parse(fixtures.jwks));
  for (const { token } of fixtures.tokens) {
    await jwtVerify(token, keys, verifyOptions);
  }
});

test("Omnichannel's multi-key JSON holds the same PEM, and it verifies", async () => {
  const entries = JSON.parse(fixtures.omnichannel);
  const entry = entries.find((e) => e.kid === fixtures.kid);
  assert.ok(entry, 'the signing kid is in the key set');
  assert.equal(Buffer.from(entry.publicKey, 'base64').toString('utf8'), fixtures.publicKeyPem);
  assert.ok(Number.isInteger(entry.expiry) && entry.expiry > Date.now() / 1000);
  assert.equal(new Set(entries.map((e) => e.kid)).size, entries.length, 'kids are unique');
  const key = await importSPKI(Buffer.from(entry.publicKey, 'base64').toString('utf8'), 'RS256');
  await jwtVerify(fixtures.tokens[0].token, key, verifyOptions);
});

test('a token signed by another key is refused', async () => {
  const other = await importSPKI(fixtures.otherPublicKeyPem, 'RS256');
  await assert.rejects(jwtVerify(fixtures.tokens[0].token, other, verifyOptions), {
    code: 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED',
  });
});

test('CLI keygen, mint and publickey: tokens verify from PEM, JWKS and multi-key JSON', async () => {
  const dir = mkdtempSync(join(tmp, 'cli-'));
  cli('keygen', '--out', dir, '--kid', 'cli-1');
  const token = cli(
    'mint', '--key', join(dir, 'private.pem'), '--iss', fixtures.iss, '--sub', fixtures.sub,
    '--kid', 'cli-1', '--set', 'msdyn_cartvalue=10000', '--set', 'msdyn_isvip=false',
  );
  assert.equal(decodeProtectedHeader(token).kid, 'cli-1');

  const pem = cli('publickey', '--key', join(dir, 'private.pem'));
  assert.equal(pem + '\n', readFileSync(join(dir, 'public.pem'), 'utf8'));
  const { payload } = await jwtVerify(token, await importSPKI(pem, 'RS256'), verifyOptions);
  assert.equal(payload.lwicontexts, '{"msdyn_cartvalue":"10000","msdyn_isvip":"false"}');

  const jwks = cli('publickey', '--key', join(dir, 'private.pem'), '--kid', 'cli-1', '--format', 'jwks');
  await jwtVerify(token, createLocalJWKSet(JSON.parse(jwks)), verifyOptions);

  const multi = JSON.parse(cli(
    'publickey', '--key', join(dir, 'private.pem'), '--kid', 'cli-1', '--format', 'omnichannel',
  ));
  const fromMulti = Buffer.from(multi[0].publicKey, 'base64').toString('utf8');
  assert.equal(fromMulti, pem + '\n');
  await jwtVerify(token, await importSPKI(fromMulti, 'RS256'), verifyOptions);
});
