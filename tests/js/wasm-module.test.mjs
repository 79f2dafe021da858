// The wasm front end as scripts/build-wasm leaves it (LWICONTEXT_WASM_DIR): what it imports,
// what it exports and declares, that nothing of the signing side is in it, and that it runs.
//
//   scripts/build-wasm && LWICONTEXT_WASM_DIR=target/wasm-frontend node --test tests/js/wasm-module.test.mjs
//
// Nothing is skipped: without the build, every test fails and says why.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { after, test } from 'node:test';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const dir = resolve(here, '../..', process.env.LWICONTEXT_WASM_DIR ?? 'target/wasm-frontend');
const file = (name) => {
  const path = join(dir, name);
  if (!existsSync(path)) throw new Error(`${path} is missing: run scripts/build-wasm (LWICONTEXT_WASM_DIR names its folder)`);
  return path;
};
const bytes = () => readFileSync(file('wasm_frontend_bg.wasm'));

/** What lwicontext's wasm glue exports, and what the example adds. */
const GLUE_EXPORTS = [
  'AuthTokenProvider',
  'TokenSource',
  'authClientFunction',
  'chatSdkGetAuthToken',
  'checkToken',
  'installAuthTokenProvider',
];
const EXAMPLE_EXPORTS = ['getAuthToken', 'handOver', 'installClientFunction'];

test('the module imports only what wasm-bindgen generates: no env, no WASI, nothing of C', () => {
  const module = new WebAssembly.Module(bytes());
  const imports = WebAssembly.Module.imports(module);
  assert.ok(imports.length > 10, `${imports.length} imports`);
  const modules = [...new Set(imports.map((entry) => entry.module))];
  assert.deepEqual(modules, ['./wasm_frontend_bg.js']);
  // Each import is a binding wasm-bindgen wrote (__wbg_…, __wbindgen_…), never a C symbol left
  // unresolved.
  const foreign = imports.filter((entry) => !/^__wb(g|indgen)_/.test(entry.name));
  assert.deepEqual(foreign, []);
});

test('nothing of the signing side is in the module', () => {
  const text = bytes().toString('latin1');
  for (const needle of ['aws-lc', 'aws_lc', 'jsonwebtoken', 'PRIVATE KEY', 'BoringSSL', 'OpenSSL']) {
    assert.ok(!text.includes(needle), `the module holds "${needle}"`);
  }
});

test('the exports and their TypeScript declarations are there', () => {
  const js = readFileSync(file('wasm_frontend.js'), 'utf8');
  const dts = readFileSync(file('wasm_frontend.d.ts'), 'utf8');
  for (const name of [...GLUE_EXPORTS, ...EXAMPLE_EXPORTS]) {
    assert.match(js, new RegExp(`^export (async )?(function|class) ${name}\\b`, 'm'), `${name} in the .js`);
    assert.match(dts, new RegExp(`^export (function|class) ${name}\\b`, 'm'), `${name} in the .d.ts`);
  }
  for (const name of ['AuthTokenError', 'CheckedToken']) {
    assert.match(dts, new RegExp(`^export interface ${name}\\b`, 'm'), `${name} in the .d.ts`);
  }
});

const work = mkdtempSync(join(tmpdir(), 'lwicontext-wasm-types-'));
after(() => rmSync(work, { recursive: true, force: true }));

test('a page using every export type-checks under tsc --strict against the .d.ts', () => {
  copyFileSync(file('wasm_frontend.d.ts'), join(work, 'wasm_frontend.d.ts'));
  copyFileSync(join(here, 'types/wasm/usage.ts'), join(work, 'usage.ts'));
  copyFileSync(join(here, 'types/wasm/tsconfig.json'), join(work, 'tsconfig.json'));
  const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
  const run = spawnSync(process.execPath, [tsc, '-p', work, '--pretty', 'false'], { encoding: 'utf8' });
  assert.equal(run.stdout + run.stderr, '');
  assert.equal(run.status, 0);
});

test('the module runs: checkToken throws the AuthTokenError, and accepts a token of now', async () => {
  const wasm = await import(pathToFileURL(file('wasm_frontend.js')).href);
  wasm.initSync({ module: bytes() });
  assert.throws(
    () => wasm.checkToken(''),
    (error) => error instanceof Error && error.name === 'AuthTokenError' && error.code === 3 && error.rule === 'empty',
  );
  const now = Math.floor(Date.now() / 1000);
  const part = (value) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const token = [
    part({ alg: 'RS256', typ: 'JWT' }),
    part({ iss: 'contosohelp.com', sub: 'x', iat: now, exp: now + 600, lwicontexts: '{"msdyn_cartvalue":"10000"}' }),
    Buffer.alloc(256, 7).toString('base64url'),
  ].join('.');
  const checked = wasm.checkToken(token);
  assert.deepEqual(checked.context, { msdyn_cartvalue: '10000' });
  assert.equal(checked.expiresAt, now + 600);
  assert.throws(
    () => wasm.checkToken(token.replace(/^[^.]+/, part({ alg: 'HS256', typ: 'JWT' }))),
    (error) => error.code === 4 && error.rules.includes('not_rs256') && error.tokenTail === token.slice(-3),
  );
});
