// chatSdkGetAuthToken with Microsoft's REAL chat SDK, `@microsoft/omnichannel-chat-sdk` as
// published on the npm registry (the exact version is in package.json and package-lock.json: the
// one the React widget 1.8.3 pulls in). Nothing of it is copied or changed here.
//
// What this shows, without any network:
// - given our getAuthToken in its config, the SDK's own token step stores our token in
//   `authenticatedUserToken`, and puts it on the requests it builds;
// - the React widget's way, `(chatSDK as any).setAuthTokenProvider(provider, { throwError: true })`,
//   does the same;
// - "not signed in" (our null) makes the SDK raise its own UndefinedAuthToken, and a failing or
//   invalid token (our rejection) its GetAuthTokenFailed; with throwError false (initialize's
//   way) it raises nothing and holds no token.
//
// initialize() and startChat() call Omnichannel over the network, so they are not run. The token
// step they both run is: initialize() → setAuthSettingConfig(authSettings) →
// setAuthTokenProvider(getAuthToken, { throwError: false }); startChat() →
// setAuthTokenProvider(getAuthToken, { throwError: true }) when no token is held. Those are the
// methods called here.
//
// What is not Microsoft's code: `globalThis.self` and `window` (browser globals the SDK reads as
// it loads), telemetry disabled in the config (it would post to Microsoft's collector), and a
// guard that fails the file if anything opens a connection.
//
// Run: `node --test tests/js/chat-sdk.test.mjs` from the repository root, after `npm ci` in tests/js.
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import net from 'node:net';
import { after, test } from 'node:test';

import { AuthTokenError, chatSdkGetAuthToken, createTokenSource } from '../glue/chat_context.js';
import './support/guard.mjs';
import { NOW, makeToken } from './support/tokens.mjs';

// --- No network ---------------------------------------------------------------------------------
const connections = [];
const connect = net.Socket.prototype.connect;
net.Socket.prototype.connect = function (...args) {
  connections.push(String(args[0]?.host ?? args[0]?.path ?? args[0]));
  return connect.apply(this, args);
};
globalThis.fetch = async (input) => {
  connections.push(String(input));
  throw new TypeError('no network in this test');
};
globalThis.XMLHttpRequest = class {
  open(method, url) {
    connections.push(String(url));
  }
  send() {
    throw new TypeError('no network in this test');
  }
};
after(() => {
  net.Socket.prototype.connect = connect;
  assert.deepEqual(connections, [], 'nothing was fetched');
});

// --- Microsoft's chat SDK -----------------------------------------------------------------------
globalThis.self ??= globalThis;
globalThis.window ??= globalThis;
const require = createRequire(import.meta.url);
const chatSdkPackage = require('@microsoft/omnichannel-chat-sdk/package.json');
const widgetRequire = createRequire(require.resolve('@microsoft/omnichannel-chat-widget/package.json'));
const { OmnichannelChatSDK, ChatSDKErrorName } = require('@microsoft/omnichannel-chat-sdk');

const omnichannelConfig = {
  orgId: '00000000-0000-0000-0000-000000000001',
  orgUrl: 'https://contoso.example',
  widgetId: '00000000-0000-0000-0000-000000000002',
};

/** A chat SDK whose config's getAuthToken is ours, for a source answering `answer`. */
function chatSdkFor(answer) {
  const calls = { count: 0 };
  const source = createTokenSource({
    now: () => NOW,
    fetchToken: async () => {
      calls.count += 1;
      if (answer instanceof Error) throw answer;
      return answer;
    },
  });
  const getAuthToken = chatSdkGetAuthToken(source);
  const chatSDK = new OmnichannelChatSDK(omnichannelConfig, { getAuthToken, telemetry: { disable: true } });
  return { chatSDK, getAuthToken, calls };
}

/** The SDK's own failure name, from the Error it throws. */
async function failureName(promise) {
  try {
    await promise;
  } catch (error) {
    return error.message;
  }
  return assert.fail('the chat SDK raised nothing');
}

test('the chat SDK is the one the React widget pulls in', () => {
  assert.match(chatSdkPackage.version, /^1\.11\./);
  assert.equal(widgetRequire('@microsoft/omnichannel-chat-sdk/package.json').version, chatSdkPackage.version);
  assert.equal(ChatSDKErrorName.UndefinedAuthToken, 'UndefinedAuthToken');
  assert.equal(ChatSDKErrorName.GetAuthTokenFailed, 'GetAuthTokenFailed');
});

test('with chatSdkGetAuthToken in its config, the SDK stores our token and sends it', async () => {
  const token = makeToken();
  const { chatSDK, calls } = chatSdkFor(token);
  assert.equal(chatSDK.authenticatedUserToken, null);
  // startChat's token step, when the SDK holds no token:
  await chatSDK.setAuthTokenProvider(chatSDK.chatSDKConfig.getAuthToken, { throwError: true });
  assert.equal(chatSDK.authenticatedUserToken, token);
  assert.equal(calls.count, 1);
  // Every chat call it builds carries it (the AuthenticatedUserToken header).
  const params = chatSDK.populateInitChatOptionalParam({ initContext: {} }, {}, 'StartChat');
  assert.equal(params.authenticatedUserToken, token);
});

test('initialize\'s token step (setAuthSettingConfig) stores it too', async () => {
  const token = makeToken();
  const { chatSDK } = chatSdkFor(token);
  await chatSDK.setAuthSettingConfig({ msdyn_javascriptclientfunction: 'auth.getAuthenticationToken' });
  assert.equal(chatSDK.authenticatedUserToken, token);
});

test('the React widget\'s way: setAuthTokenProvider(provider, { throwError: true })', async () => {
  const token = makeToken();
  const { chatSDK, getAuthToken } = chatSdkFor(null);
  // As the React widget does it, through `(chatSDK as any)`: a provider of its own making.
  await chatSDK.setAuthTokenProvider(async () => getAuthToken('auth.getAuthenticationToken', { isMidAuthEnabled: false }), { throwError: true }).catch(() => {});
  assert.equal(chatSDK.authenticatedUserToken, null);
  const working = chatSdkGetAuthToken(createTokenSource({ now: () => NOW, fetchToken: async () => token }));
  await chatSDK.setAuthTokenProvider(working, { throwError: true });
  assert.equal(chatSDK.authenticatedUserToken, token);
});

test('not signed in: our null makes the SDK raise UndefinedAuthToken', async () => {
  const { chatSDK } = chatSdkFor(null);
  const name = await failureName(chatSDK.setAuthTokenProvider(chatSDK.chatSDKConfig.getAuthToken, { throwError: true }));
  assert.equal(name, ChatSDKErrorName.UndefinedAuthToken);
  assert.equal(chatSDK.authenticatedUserToken, null);
});

for (const [what, answer, code] of [
  ['a failing source', new Error('session store down'), 2],
  ['an expired token', makeToken({ exp: NOW - 1 }), 4],
  ['an HS256 token', makeToken({}, { header: { alg: 'HS256' } }), 4],
]) {
  test(`${what}: our rejection (code ${code}) makes the SDK raise GetAuthTokenFailed`, async () => {
    const { chatSDK, getAuthToken } = chatSdkFor(answer);
    await assert.rejects(getAuthToken(), (error) => error instanceof AuthTokenError && error.code === code);
    const name = await failureName(chatSDK.setAuthTokenProvider(chatSDK.chatSDKConfig.getAuthToken, { throwError: true }));
    assert.equal(name, ChatSDKErrorName.GetAuthTokenFailed);
    assert.equal(chatSDK.authenticatedUserToken, null);
  });
}

test('with throwError false, as initialize() asks, a failure raises nothing and holds no token', async () => {
  for (const answer of [null, new Error('down')]) {
    const { chatSDK } = chatSdkFor(answer);
    await chatSDK.setAuthSettingConfig({ msdyn_javascriptclientfunction: 'auth.getAuthenticationToken' });
    assert.equal(chatSDK.authenticatedUserToken, null);
  }
});
