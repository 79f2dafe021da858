// The generated glue's checkToken on hostile tokens, 100,000 and 1,000,000 context variables
// that the schema lacks, against JSON.parse reading the same payload (base64, then the claims,
// then lwicontexts), the least any reader of the token does; and the wasm module's checkToken
// (the Rust rules, built by scripts/build-wasm) on the same tokens. Prints each time, its
// multiple of the baseline's, and the large token's multiple of the small one's.
//
//   scripts/build-wasm && node tests/js/hostile.bench.mjs
import { readFileSync } from 'node:fs';

import { checkToken } from '../glue/chat_context.js';

const wasmDir = new URL(`../../${process.env.LWICONTEXT_WASM_DIR ?? 'target/wasm-frontend'}/`, import.meta.url);
const wasm = await import(new URL('wasm_frontend.js', wasmDir).href);
wasm.initSync({ module: readFileSync(new URL('wasm_frontend_bg.wasm', wasmDir)) });

const part = (value) => Buffer.from(JSON.stringify(value)).toString('base64url');

function token(count) {
  const context = {};
  for (let i = 0; i < count; i += 1) context[`v${i.toString(16)}`] = i % 10;
  const claims = { iss: 'contosohelp.com', sub: '87b4', iat: 1_800_000_000, exp: 1_800_000_900, lwicontexts: JSON.stringify(context) };
  return [part({ alg: 'RS256', typ: 'JWT' }), part(claims), Buffer.alloc(256, 7).toString('base64url')].join('.');
}

/** The median of `runs` timings of `run`, in milliseconds. */
function median(runs, run) {
  const times = [];
  for (let i = 0; i < runs; i += 1) {
    const start = performance.now();
    run();
    times.push(performance.now() - start);
  }
  return times.sort((a, b) => a - b)[Math.floor(runs / 2)];
}

const baseline = (jwt) => () => JSON.parse(JSON.parse(Buffer.from(jwt.split('.')[1], 'base64url').toString('utf8')).lwicontexts);
const check = (jwt) => () => {
  try {
    checkToken(jwt, { now: 1_800_000_000 });
  } catch (error) {
    if (error.rules.length > 20) throw new Error(`${error.rules.length} findings`);
  }
};

// The wasm checkToken has no schema: the variables are known, and the findings are the limits'.
const checkWasm = (jwt) => () => {
  try {
    wasm.checkToken(jwt);
  } catch (error) {
    if (error.rules.length > 20) throw new Error(`${error.rules.length} findings`);
  }
};

const results = { glue: [], wasm: [] };
for (const count of [100_000, 1_000_000]) {
  const jwt = token(count);
  const runs = count > 100_000 ? 5 : 11;
  const base = median(runs, baseline(jwt));
  for (const [name, run] of [['glue', check], ['wasm', checkWasm]]) {
    const time = median(runs, run(jwt));
    results[name].push(time);
    console.log(
      `${count} variables, ${(jwt.length / 1e6).toFixed(2)} MB: ${name} checkToken ${time.toFixed(1)} ms, ` +
        `${(time / base).toFixed(2)}x JSON.parse of the payload (${base.toFixed(1)} ms)`,
    );
  }
}
for (const [name, [small, large]] of Object.entries(results)) {
  console.log(`${name}: 1,000,000 variables take ${(large / small).toFixed(1)}x the time of 100,000`);
}
