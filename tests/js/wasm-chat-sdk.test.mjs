// The wasm front end's getAuthToken (examples/wasm_frontend: lwicontext::wasm's
// chat_sdk_get_auth_token over a TokenSource) with Microsoft's REAL chat SDK,
// `@microsoft/omnichannel-chat-sdk` as published on the npm registry, as chat-sdk.test.mjs does
// for the generated JavaScript: the SDK stores our token, and raises its own UndefinedAuthToken
// and GetAuthTokenFailed for our null and our rejections.
//
// What is not Microsoft's code: `globalThis.self` and `window` (browser globals the SDK reads as
// it loads), telemetry disabled in the config, and `fetch`, which answers the token URL here
// (the module fetches it) and fails the file if anything else is fetched.
//
//   scripts/build-wasm && LWICONTEXT_WASM_DIR=target/wasm-frontend node --test tests/js/wasm-chat-sdk.test.mjs
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { after, test } from 'node:test';
import { fileURLToPath, pathToFileURL } from 'node:url';

import { makeToken } from './support/tokens.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const dir = resolve(here, '../..', process.env.LWICONTEXT_WASM_DIR ?? 'target/wasm-frontend');
if (!existsSync(join(dir, 'wasm_frontend_bg.wasm'))) {
  throw new Error(`${dir}/wasm_frontend_bg.wasm is missing: run scripts/build-wasm (LWICONTEXT_WASM_DIR names its folder)`);
}

// --- The token URL, answered here; nothing else is fetched ------------------------------------
const answers = new Map();
const strays = [];
globalThis.fetch = async (url) => {
  const answer = answers.get(String(url));
  if (!answer) {
    strays.push(String(url));
    throw new TypeError('no network in this test');
  }
  return new Response(answer.body, { status: answer.status });
};
after(() => assert.deepEqual(strays, [], 'nothing else was fetched'));

// --- The wasm module and Microsoft's chat SDK ---------------------------------------------------
const wasm = await import(pathToFileURL(join(dir, 'wasm_frontend.js')).href);
wasm.initSync({ module: readFileSync(join(dir, 'wasm_frontend_bg.wasm')) });

globalThis.self ??= globalThis;
globalThis.window ??= globalThis;
const require = createRequire(import.meta.url);
const { OmnichannelChatSDK, ChatSDKErrorName } = require('@microsoft/omnichannel-chat-sdk');
const omnichannelConfig = {
  orgId: '00000000-0000-0000-0000-000000000001',
  orgUrl: 'https://contoso.example',
  widgetId: '00000000-0000-0000-0000-000000000002',
};

/** A chat SDK whose getAuthToken is the wasm module's, for a token URL answering `status` and `body`. */
function chatSdkFor(name, status, body) {
  const url = `/token/${name}`;
  answers.set(url, { status, body });
  const getAuthToken = wasm.getAuthToken(url);
  return new OmnichannelChatSDK(omnichannelConfig, { getAuthToken, telemetry: { disable: true } });
}

// The demo's context, which the example checks tokens against; judged at the page's clock.
const now = Math.floor(Date.now() / 1000);
const demoToken = (claims = {}) =>
  makeToken(
    {
      lwicontexts: JSON.stringify({ msdyn_cartvalue: '10000', msdyn_isvip: 'true', contoso_riskscore: '0.25' }),
      ...claims,
    },
    { now },
  );

test('the SDK stores the token the wasm getAuthToken resolves, and sends it', async () => {
  const token = demoToken();
  const chatSDK = chatSdkFor('valid', 200, `${token}\n`);
  await chatSDK.setAuthTokenProvider(chatSDK.chatSDKConfig.getAuthToken, { throwError: true });
  assert.equal(chatSDK.authenticatedUserToken, token);
  const params = chatSDK.populateInitChatOptionalParam({ initContext: {} }, {}, 'StartChat');
  assert.equal(params.authenticatedUserToken, token);
});

for (const [what, status, body, code, error] of [
  ['not signed in (401): our null', 401, '', null, ChatSDKErrorName.UndefinedAuthToken],
  ['an empty answer: our null', 200, '', null, ChatSDKErrorName.UndefinedAuthToken],
  ['a failing endpoint (500): our rejection, code 2', 500, 'down', 2, ChatSDKErrorName.GetAuthTokenFailed],
  ['an expired token: our rejection, code 4', 200, demoToken({ exp: now - 1 }), 4, ChatSDKErrorName.GetAuthTokenFailed],
  ['a token the struct cannot hold: our rejection, code 4', 200, makeToken({}, { now }), 4, ChatSDKErrorName.GetAuthTokenFailed],
]) {
  test(`${what} makes the SDK raise ${error}`, async () => {
    const chatSDK = chatSdkFor(what, status, body);
    // What our function itself gives: null, or an AuthTokenError with the code.
    const ours = await chatSDK.chatSDKConfig.getAuthToken().then(
      (token) => ({ token }),
      (thrown) => ({ name: thrown.name, code: thrown.code }),
    );
    assert.deepEqual(ours, code === null ? { token: null } : { name: 'AuthTokenError', code });
    await assert.rejects(chatSDK.setAuthTokenProvider(chatSDK.chatSDKConfig.getAuthToken, { throwError: true }), (thrown) => {
      assert.equal(thrown.message, error);
      return true;
    });
    assert.equal(chatSDK.authenticatedUserToken, null);
  });
}
