// The generated declarations (tests/glue/chat_context.d.ts, shop.d.ts) under the TypeScript
// compiler, strict: types/usage.ts uses every export and must type-check; types/wrong.ts misuses
// them and must fail with exactly the errors its lines are marked with (`// error TSnnnn`). Also:
// every export of the module is declared, and every declaration is exported.
//
// Run: `node --test tests/js/types.test.mjs` from the repository root, after `npm ci` in tests/js.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';

import * as glue from '../glue/chat_context.js';

const here = dirname(fileURLToPath(import.meta.url));
const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');

/** tsc over one project of types/, strict and without output. */
function compile(project) {
  const run = spawnSync(process.execPath, [tsc, '-p', join(here, 'types', project), '--strict', '--noEmit', '--pretty', 'false'], {
    encoding: 'utf8',
  });
  assert.equal(run.error, undefined);
  const errors = [...run.stdout.matchAll(/^[^\s(]+\((\d+),\d+\): error (TS\d+): (.*)$/gm)].map(([, line, code, text]) => ({
    line: Number(line),
    code,
    text,
  }));
  return { status: run.status, output: run.stdout + run.stderr, errors };
}

test('the TypeScript compiler is the one package.json pins', () => {
  const pinned = JSON.parse(readFileSync(join(here, 'package.json'), 'utf8')).devDependencies.typescript;
  assert.match(pinned, /^\d+\.\d+\.\d+$/, 'an exact version');
  assert.equal(createRequire(import.meta.url)('typescript/package.json').version, pinned);
});

test('usage.ts, which uses every export, type-checks under --strict', () => {
  const { status, output } = compile('tsconfig.json');
  assert.equal(output.trim(), '');
  assert.equal(status, 0);
});

test('wrong.ts fails, with exactly the errors its lines are marked with', () => {
  const { status, errors, output } = compile('tsconfig.wrong.json');
  assert.notEqual(status, 0, 'wrong.ts must not type-check');
  const lines = readFileSync(join(here, 'types', 'wrong.ts'), 'utf8').split('\n');
  const expected = lines
    .map((text, index) => ({ line: index + 1, code: text.match(/\/\/ error (TS\d+)$/)?.[1] }))
    .filter(({ code }) => code);
  assert.ok(expected.length >= 5);
  assert.deepEqual(
    errors.map(({ line, code }) => ({ line, code })),
    expected,
    output,
  );
  // The property names are checked against ChatContext's.
  assert.ok(errors.some(({ code, text }) => code === 'TS2339' && text.includes("ChatContext")));
  assert.ok(errors.some(({ code, text }) => code === 'TS2353' && text.includes("'loyalty_points' does not exist in type 'ChatContext'")));
});

test('every export is declared, and every declaration exported', () => {
  const declarations = readFileSync(join(here, '..', 'glue', 'chat_context.d.ts'), 'utf8');
  const declared = [...declarations.matchAll(/^export declare (?:const|function|class) (\w+)/gm)].map(([, name]) => name).sort();
  assert.deepEqual(declared, Object.keys(glue).sort());
  assert.deepEqual(Object.keys(glue).sort(), [
    'AuthTokenError',
    'ErrorCode',
    'authClientFunction',
    'chatSdkGetAuthToken',
    'checkToken',
    'contextProvider',
    'contextVariables',
    'createTokenSource',
    'encoding',
    'installAuthTokenProvider',
  ]);
  // JSDoc on every declaration of the routes' part.
  const routes = declarations.slice(declarations.indexOf('// --- The routes'));
  for (const [, before, name] of routes.matchAll(/(\*\/\n)?export (?:declare )?(?:const|function|class|interface|type) (\w+)/g)) {
    assert.ok(before, `${name} has a doc comment`);
  }
});
