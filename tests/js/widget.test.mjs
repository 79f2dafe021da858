// What Microsoft's own live chat widget decides about each token of tests/cases/tokens.json.
//
// This loads Microsoft's code AS PUBLISHED on the npm registry: @microsoft/omnichannel-chat-widget
// 1.8.3 (exact, from package-lock.json), nothing of it copied here. The token logic is
// `FacadeChatSDK` (lib/cjs/common/facades/FacadeChatSDK.js: tokenRing, setToken,
// extractExpFromToken, convertExpiration) calling `handleAuthentication`
// (lib/cjs/components/livechatwidget/common/authHelper.js). Each case goes through the widget's own
// entry point, `facade.startChat()`, as the React widget builds the facade for an authenticated chat.
//
// What is not Microsoft's code, and why:
// - A require hook compiles the package's lib/cjs files (and those of its
//   @microsoft/omnichannel-chat-components) as CommonJS: they are CommonJS, but the packages'
//   package.json says "type": "module", so node would refuse to require them.
// - `globalThis.self`: a browser global that a bundled dependency (the Azure Communication chat
//   adapter, pulled in by chat-components) reads as it loads.
// - The chat SDK (the network client) is a stub that records the token it is handed and
//   pretends to start a chat: the page-side verdict is made before any network call.
// - Date.now returns the case's `now`; the widget's console output is silenced (its errors quote
//   the decoded payload), so no token text is printed.
// - Fluent UI (the widget's UI kit) is told not to warn about icons registered twice.
// - BroadcastService.postMessage (the widget's telemetry bus) is wrapped to record each event,
//   then passes it on to the real one.
//
// Error codes: this package has no numeric codes. The hosted widget reports 3 ("didn't provide
// any token") or 4 ("provided invalid token") on `lcw:error`; the open code's matching telemetry
// events are ReceivedNullOrEmptyToken (authHelper: the provider gave null/undefined/"") and
// NewTokenValidationFailed (FacadeChatSDK: not 3 parts, payload not base64 JSON, already expired).
//
// Run: `node --test tests/js/widget.test.mjs` from the repository root, after `npm ci` in tests/js.
// Cases come from $LWICONTEXT_TOKEN_CASES, else ../cases/tokens.json beside this file.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, sep } from 'node:path';
import { after, test } from 'node:test';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const casesPath = process.env.LWICONTEXT_TOKEN_CASES || join(here, '..', 'cases', 'tokens.json');
const { cases } = JSON.parse(readFileSync(casesPath, 'utf8'));

// --- Load the widget's code -----------------------------------------------------------------
const require = createRequire(import.meta.url);
const widgetPackage = require.resolve('@microsoft/omnichannel-chat-widget/package.json');
const widgetRequire = createRequire(widgetPackage); // resolves as the widget's own files do
const widgetDir = dirname(widgetPackage);
const componentsDir = dirname(widgetRequire.resolve('@microsoft/omnichannel-chat-components/package.json'));
assert.equal(require(widgetPackage).version, '1.8.3', 'tests/js must hold the widget at 1.8.3');

const cjsRoots = [widgetDir, componentsDir].map((dir) => join(dir, 'lib', 'cjs') + sep);
const Module = require('node:module');
const loadJs = Module._extensions['.js'];
Module._extensions['.js'] = function (module, filename) {
  if (cjsRoots.some((root) => filename.startsWith(root))) {
    return module._compile(readFileSync(filename, 'utf8'), filename);
  }
  return loadJs.call(this, module, filename);
};
globalThis.self ??= globalThis;

// chat-components' Header and Footer both register Fluent UI's icons; Fluent UI would warn of it
// 2 s later, holding the process open that long. Same module instance as theirs: same resolution.
createRequire(join(componentsDir, 'package.json'))('@fluentui/react').setIconOptions({ disableWarnings: true });
const { FacadeChatSDK } = require(join(widgetDir, 'lib/cjs/common/facades/FacadeChatSDK.js'));
const { BroadcastService, BroadcastServiceInitialize } = widgetRequire('@microsoft/omnichannel-chat-components');

// The widget starts its bus before any chat call (LiveChatWidgetStateful); without it, the
// telemetry posted on the way throws a TypeError, which tokenRing would swallow as a refusal.
BroadcastServiceInitialize('lwicontext-widget-test');
after(() => BroadcastService.disposeChannel());
const events = [];
const post = BroadcastService.postMessage;
BroadcastService.postMessage = function (message, ...rest) {
  events.push(message);
  return post.call(this, message, ...rest);
};

/** At most the last 3 characters of a token, as Microsoft's code logs it. */
const tail = (token) => (typeof token === 'string' ? `…${JSON.stringify(token.slice(-3))}` : String(token));

/**
 * Hands `token` to a fresh facade as the page's auth function would, at Unix second `now`, and
 * calls startChat. Returns { widget: 'accepts' | 'refuses', errorCode: 3 | 4 | null, reason }.
 */
async function judge(t, token, now) {
  t.mock.method(Date, 'now', () => now * 1000);
  for (const level of ['log', 'info', 'warn', 'error']) t.mock.method(console, level, () => {});
  events.length = 0;

  const chatSDK = {
    chatSDKConfig: {},
    provider: undefined,
    started: false,
    setAuthTokenProvider(provider) { this.provider = provider; },
    async startChat() { this.started = true; },
  };
  // As LiveChatWidget.js builds it: authenticated because the chat settings name a
  // "JavaScript client function"; the widget then calls getAuthToken(thatName).
  const facade = new FacadeChatSDK({
    chatSDK,
    chatConfig: { LiveChatConfigAuthSettings: { msdyn_javascriptclientfunction: 'auth.getAuthenticationToken' } },
    isAuthenticated: true,
    getAuthToken: async () => token,
    isSDKMocked: false,
  }, false);

  let thrown;
  try {
    await facade.startChat();
  } catch (e) {
    thrown = e;
  }
  const named = (name) => events.filter((e) => e.eventName === name).map((e) => e.payload?.Description);

  if (!thrown) {
    assert.ok(chatSDK.started, 'accepted, so the chat SDK was asked to start the chat');
    assert.equal(await chatSDK.provider(), token, 'the chat SDK was handed the same token');
    return { widget: 'accepts', errorCode: null, reason: 'New Token obtained' };
  }

  // A refusal must be one the widget's token code made: tokenRing turns any exception (a bug in
  // this harness too) into the same refusal, so require the widget's own telemetry for it.
  assert.match(thrown.message, /^Authentication Setup Error: Token validation failed/);
  if (named('ReceivedNullOrEmptyToken').length) {
    return { widget: 'refuses', errorCode: 3, reason: 'ReceivedNullOrEmptyToken' };
  }
  const known = ['Invalid token format', 'Invalid token payload', 'Failed to decode token', 'New token is already expired'];
  const reason = named('NewTokenValidationFailed').find((d) => known.includes(d));
  assert.ok(reason, `refused for no token reason the widget names: ${JSON.stringify(events.map((e) => e.eventName))}`);
  return { widget: 'refuses', errorCode: 4, reason };
}

test('the case table is there and holds the cases the Rust side promises', () => {
  assert.ok(Array.isArray(cases) && cases.length > 0, `no cases in ${casesPath}`);
  const names = cases.map((c) => c.name);
  assert.equal(new Set(names).size, names.length, 'case names are unique');
  for (const name of ['exp_in_milliseconds', 'at_exp_second', 'hs256_valid_times']) {
    assert.ok(names.includes(name), `the table names ${name}`);
  }
  for (const c of cases) {
    assert.ok(['accepts', 'refuses'].includes(c.widget), `${c.name}: widget is accepts or refuses`);
    assert.ok(Number.isInteger(c.now), `${c.name}: now is whole Unix seconds`);
    // A token the widget refuses never reaches the server.
    assert.equal(c.refusedBy === 'widget', c.widget === 'refuses', `${c.name}: refusedBy "widget" exactly when widget refuses`);
  }
});

for (const c of cases) {
  test(c.name, async (t) => {
    const verdict = await judge(t, c.token, c.now);
    t.diagnostic(`${verdict.widget}${verdict.errorCode ? ` (${verdict.errorCode})` : ''}: ${verdict.reason}; token ${tail(c.token)}`);
    assert.equal(verdict.widget, c.widget, `the widget ${verdict.widget} it (${verdict.reason})`);
    if (c.refusedBy === 'widget' && c.errorCode !== null && c.errorCode !== undefined) {
      assert.equal(verdict.errorCode, c.errorCode, `the widget's reason is ${verdict.reason}`);
    }
  });
}
