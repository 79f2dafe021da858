// Writes the fuzz targets' seed corpus, corpus/<target>/, from what the project's tests hold:
// the shared token table (tokens the library minted in each encoding, and every refused shape),
// the HS256 placeholder token of Microsoft's reference page, truncated and bit-flipped variants,
// the sample work stream export, the test keys and key sets, and contexts in each encoding.
//
//   node fuzz/seeds.mjs     (from the repository root; the corpus is committed)
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const read = (path) => readFileSync(join(root, path));

/** Each input under its content's hash, as libFuzzer names corpus files. */
function write(target, inputs) {
  const dir = join(root, 'fuzz/corpus', target);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  for (const input of new Set(inputs.map((item) => Buffer.from(item).toString('latin1')))) {
    const bytes = Buffer.from(input, 'latin1');
    writeFileSync(join(dir, createHash('sha1').update(bytes).digest('hex')), bytes);
  }
}

/** Cut short at a third and two thirds, and one character changed in each part. */
function variants(text) {
  const out = [text, text.slice(0, Math.floor(text.length / 3)), text.slice(0, Math.floor((2 * text.length) / 3))];
  let start = 0;
  for (const part of text.split('.')) {
    if (part.length > 0) {
      const at = start + Math.floor(part.length / 2);
      const flipped = String.fromCharCode(text.charCodeAt(at) ^ 1);
      out.push(text.slice(0, at) + flipped + text.slice(at + 1));
    }
    start += part.length + 1;
  }
  return out;
}

// The placeholder token of Microsoft's setAuthTokenProvider reference page (HS256, not a
// working token), as tests/diagnose.rs keeps it.
const PLACEHOLDER = read('tests/diagnose.rs')
  .toString('utf8')
  .match(/const REFERENCE_HS256: &str = "([^"]+)";/)[1];

const table = JSON.parse(read('tests/cases/tokens.json')).cases;
const tokens = [PLACEHOLDER, ...table.map((row) => row.token)];
write('diagnose', tokens.flatMap(variants));

// The contexts the tokens carry, in each encoding: the JSON text of lwicontexts.
const contexts = table
  .map((row) => {
    try {
      const claims = JSON.parse(Buffer.from(row.token.split('.')[1] ?? '', 'base64url').toString('utf8'));
      return typeof claims.lwicontexts === 'string' ? claims.lwicontexts : null;
    } catch {
      return null;
    }
  })
  .filter((text) => text !== null);
write('from_lwicontexts', [
  ...contexts,
  '{"msdyn_cartvalue":"10000","msdyn_isvip":"true","msdyn_tier":"Gold","contoso_riskscore":"0.25"}',
  '{"msdyn_cartvalue":10000,"msdyn_isvip":true,"msdyn_tier":"Silver","contoso_riskscore":0.25,"msdyn_note":"hi"}',
  '{"msdyn_cartvalue":{"value":"10000","isDisplayable":true},"msdyn_isvip":{"value":"false","isDisplayable":false}}',
]);

// json_context takes three strings (the context, a --set name, a --set value), as the
// arbitrary crate splits its input: all but the last prefixed by a length.
const triple = (...parts) =>
  Buffer.concat(
    parts.map((part, index) => {
      const bytes = Buffer.from(part, 'utf8');
      if (index === parts.length - 1) return bytes;
      const length = Buffer.alloc(4);
      length.writeUInt32LE(bytes.length);
      return Buffer.concat([length, bytes]);
    }),
  );
write(
  'json_context',
  contexts.map((context, index) => triple(context, ['msdyn_tier', 'msdyn_cartvalue', 'x'][index % 3], ['"gold"', '10000', 'null'][index % 3])),
);

write('workstream', variants(read('examples/workstream/contextvariables.json').toString('utf8')).concat(
  readdirSync(join(root, 'tests/ui/workstream')).map((name) => read(join('tests/ui/workstream', name)).toString('utf8')),
));

const keys = readdirSync(join(root, 'tests/keys'))
  .filter((name) => name.endsWith('.pem'))
  .map((name) => read(join('tests/keys', name)).toString('utf8'));
// Key sets as the Public key URL serves them, written by the CLI: Omnichannel's JSON and a JWKS.
const keySets = ['omnichannel', 'jwks'].map((format) =>
  execFileSync(
    'cargo',
    ['run', '-q', '-p', 'lwicontext-cli', '--', 'publickey', '--format', format,
      '--key', 'tests/keys/rsa2048.public.pem', '--kid', 'one', '--key', 'tests/keys/rsa3072.pkcs8.pem', '--kid', 'two'],
    { cwd: root, encoding: 'utf8' },
  ),
);
write('keys', [...keys, ...keys.map((pem) => pem.slice(0, Math.floor(pem.length / 2))), ...keySets]);
