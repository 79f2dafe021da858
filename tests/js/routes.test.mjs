// The three ways a page hands the token over, and the custom context:
// - installAuthTokenProvider against a STAND-IN of Microsoft's hosted widget script
//   (standin/livechat-widget.mjs: lcw:ready, one synchronous call of the provider, a throw on a
//   non-function);
// - authClientFunction: the callback called exactly once, null on failure, within 10 seconds;
// - chatSdkGetAuthToken: the token, null for "not signed in", a rejection otherwise;
// - contextProvider: { value, isDisplayable }, and code 1 when getContext fails.
// Timers and Date are node's mocks; a rejection left unhandled fails the file.
//
// Run: `node --test tests/js/routes.test.mjs` from the repository root, after `npm ci` in tests/js.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import {
  AuthTokenError,
  authClientFunction,
  chatSdkGetAuthToken,
  contextProvider,
  createTokenSource,
  installAuthTokenProvider,
} from '../glue/chat_context.js';
import { createHostedWidget } from './standin/livechat-widget.mjs';
import { settle } from './support/guard.mjs';
import { NOW, makeToken, tokenNumber } from './support/tokens.mjs';

function clock(t, now = NOW) {
  t.mock.timers.enable({ apis: ['setTimeout', 'Date'], now: now * 1000 });
  return {
    async to(at) {
      t.mock.timers.tick(at * 1000 - Date.now());
      await settle();
    },
  };
}

/** A source whose fetchToken mints a fresh token (NOW-relative) each call, or does what `answers` say. */
function countingSource(...answers) {
  const source = { fetched: 0 };
  const inner = createTokenSource({
    fetchToken: async () => {
      source.fetched += 1;
      const answer = answers.length > 1 ? answers.shift() : answers[0];
      if (answer === undefined) return tokenNumber(source.fetched, Math.floor(Date.now() / 1000));
      if (answer instanceof Error) throw answer;
      return typeof answer === 'function' ? answer() : answer;
    },
  });
  return Object.assign(source, inner);
}

/** Collects the lcw:error events raised on `win`. */
function lcwErrors(win) {
  const events = [];
  win.addEventListener('lcw:error', (event) => events.push(event.detail));
  return events;
}

/** A window stand-in: an EventTarget, as `window` is one. */
const newWindow = () => new EventTarget();

// --- The stand-in keeps the documented behaviour --------------------------------------------

test('stand-in: lcw:ready comes with the SDK; a non-function provider throws', () => {
  const win = newWindow();
  const widget = createHostedWidget({ window: win });
  let ready = 0;
  win.addEventListener('lcw:ready', () => {
    ready += 1;
    assert.equal(typeof win.Microsoft.Omnichannel.LiveChatWidget.SDK.setAuthTokenProvider, 'function');
  });
  assert.equal(win.Microsoft, undefined);
  widget.load();
  assert.equal(ready, 1);
  for (const notAFunction of ['eyJ...', null, undefined, {}]) {
    assert.throws(() => widget.SDK.setAuthTokenProvider(notAFunction));
  }
});

test('stand-in: a provider that calls back later hands the widget nothing (the trap)', async (t) => {
  clock(t);
  const win = newWindow();
  const widget = createHostedWidget({ window: win });
  const errors = lcwErrors(win);
  widget.load();
  const token = makeToken();
  widget.SDK.setAuthTokenProvider((callback) => {
    Promise.resolve(token).then(callback); // Microsoft's docs sample calls back inside .then()
  });
  await settle();
  assert.equal(widget.lateCallbacks, 1);
  assert.deepEqual(widget.startChat(), { started: false, errorCode: 3 });
  assert.deepEqual(errors, [{ errorCode: 3, errorDescription: "Auth token provider didn't provide any token" }]);
});

// --- installAuthTokenProvider ----------------------------------------------------------------

test('install: waits for lcw:ready, fetches first, then sets a provider that calls back at once', async (t) => {
  clock(t);
  const win = newWindow();
  const widget = createHostedWidget({ window: win });
  const source = countingSource();
  const installed = installAuthTokenProvider(source, { window: win });
  await settle();
  assert.equal(widget.providers.length, 0, 'nothing before lcw:ready');
  assert.equal(source.fetched, 1, 'the token is fetched while the widget loads');
  widget.load();
  await installed.ready;
  assert.equal(widget.providers.length, 1);
  assert.deepEqual(widget.kept, [{ token: tokenNumber(1) }], 'the widget kept the token in the same tick');
  assert.equal(widget.lateCallbacks + widget.extraCallbacks, 0, 'called back exactly once, at once');
  assert.equal(source.fetched, 1, 'one fetch in all');
  const chat = widget.startChat();
  assert.equal(chat.started, true);
  assert.equal(chat.token, tokenNumber(1));
  installed.stop();
});

test('install: goes on at once when the SDK is already there', async (t) => {
  clock(t);
  const win = newWindow();
  const widget = createHostedWidget({ window: win });
  widget.load(); // lcw:ready has come and gone
  const installed = installAuthTokenProvider(countingSource(), { window: win });
  await installed.ready;
  assert.deepEqual(widget.kept, [{ token: tokenNumber(1) }]);
  installed.stop();
});

test('install: an sdk given is used at once, with no window', async (t) => {
  clock(t);
  const provided = [];
  const sdk = { setAuthTokenProvider: (provider) => provider((token) => provided.push(token)) };
  assert.equal(globalThis.window, undefined);
  const installed = installAuthTokenProvider(countingSource(), { sdk });
  await installed.ready;
  assert.deepEqual(provided, [tokenNumber(1)]);
  installed.stop();
});

test('install: a fresh provider is set before the token expires', async (t) => {
  const time = clock(t);
  const win = newWindow();
  const widget = createHostedWidget({ window: win, now: () => Date.now() / 1000 });
  widget.load();
  const source = countingSource();
  const installed = installAuthTokenProvider(source, { window: win });
  await installed.ready;
  // The first token expires at NOW + 840: a fresh one is set at NOW + 780 (60 s margin).
  await time.to(NOW + 779.999);
  assert.equal(widget.providers.length, 1);
  await time.to(NOW + 780);
  assert.equal(widget.providers.length, 2);
  assert.equal(source.fetched, 2);
  assert.deepEqual(widget.kept[1], { token: tokenNumber(2, NOW + 780) });
  // And again 780 s later; the chat always starts with a valid token.
  await time.to(NOW + 1560);
  assert.equal(widget.providers.length, 3);
  await time.to(NOW + 2000);
  assert.equal(widget.startChat().token, tokenNumber(3, NOW + 1560));
  installed.stop();
  await time.to(NOW + 5000);
  assert.equal(widget.providers.length, 3, 'stop() stops the refreshing');
});

test('install: a refresh that fails for a passing reason is tried again before the token expires', async (t) => {
  const time = clock(t);
  const win = newWindow();
  const widget = createHostedWidget({ window: win, now: () => Date.now() / 1000 });
  widget.load();
  // The first fetch works, the refresh at NOW + 780 meets a network failure twice, then works.
  const blip = new Error('network down');
  let fetched = 0;
  const source = createTokenSource({
    fetchToken: async () => {
      fetched += 1;
      if (fetched === 2 || fetched === 3) throw blip;
      return tokenNumber(fetched, Math.floor(Date.now() / 1000));
    },
  });
  const errors = [];
  const installed = installAuthTokenProvider(source, { window: win, onError: (error) => errors.push(error) });
  await installed.ready;
  await time.to(NOW + 780);
  assert.equal(fetched, 2);
  assert.equal(errors.length, 1);
  assert.equal(errors[0].code, 2);
  // Tried again after 1 s, then after 2 s more: the third try sets a fresh provider.
  await time.to(NOW + 781);
  assert.equal(fetched, 3);
  await time.to(NOW + 782.999);
  assert.equal(widget.providers.length, 1);
  await time.to(NOW + 783);
  assert.equal(fetched, 4);
  assert.equal(widget.providers.length, 2);
  assert.equal(widget.startChat().token, tokenNumber(4, NOW + 783));
  // And the next refresh comes as usual, 780 s after that token.
  await time.to(NOW + 783 + 780);
  assert.equal(widget.providers.length, 3);
  installed.stop();
});

test('install: refresh is timed by the source\'s own clock', async (t) => {
  const time = clock(t);
  // The source's clock runs 5 minutes ahead of this machine's, as a server-synchronized one may.
  const ahead = () => Date.now() / 1000 + 300;
  let n = 0;
  const source = createTokenSource({ now: ahead, fetchToken: async () => tokenNumber(++n, Math.floor(ahead())) });
  const provided = [];
  const installed = installAuthTokenProvider(source, { sdk: { setAuthTokenProvider: (provider) => provider((token) => provided.push(token)) } });
  await installed.ready;
  await time.to(NOW + 779.999);
  assert.equal(provided.length, 1);
  await time.to(NOW + 780);
  assert.equal(provided.length, 2, '780 s later by either clock');
  installed.stop();
});

for (const [code, answer, description] of [
  [3, null, "Auth token provider didn't provide any token"],
  [2, new Error('session store down'), 'Auth token provider method execution failed'],
  [4, 'not-a-token', 'Auth token provider provided invalid token'],
]) {
  test(`install: a failure (code ${code}) goes to onError and to lcw:error, and sets no provider`, async (t) => {
    clock(t);
    const win = newWindow();
    const widget = createHostedWidget({ window: win });
    const events = lcwErrors(win);
    const errors = [];
    const installed = installAuthTokenProvider(countingSource(answer), { window: win, onError: (error) => errors.push(error) });
    widget.load();
    await installed.ready;
    assert.equal(errors.length, 1);
    assert.ok(errors[0] instanceof AuthTokenError);
    assert.equal(errors[0].code, code);
    assert.deepEqual(events, [{ errorCode: code, errorDescription: description }]);
    assert.equal(widget.providers.length, 0);
    installed.stop();
  });
}

test('install: refresh() after sign-in sets the provider', async (t) => {
  clock(t);
  const win = newWindow();
  const widget = createHostedWidget({ window: win });
  widget.load();
  let signedIn = false;
  const source = countingSource(() => (signedIn ? makeToken() : null));
  const errors = [];
  const installed = installAuthTokenProvider(source, { window: win, onError: (error) => errors.push(error.code) });
  await installed.ready;
  assert.deepEqual(errors, [3]);
  signedIn = true;
  await installed.refresh();
  assert.deepEqual(widget.kept, [{ token: makeToken() }]);
  installed.stop();
});

test('install: a throwing setAuthTokenProvider, or lcw:ready without the SDK, is code 2', async (t) => {
  clock(t);
  const errors = [];
  const sdk = { setAuthTokenProvider: () => { throw new Error('widget broken'); } };
  await installAuthTokenProvider(countingSource(), { sdk, onError: (error) => errors.push(error) }).ready;
  assert.equal(errors[0].code, 2);
  assert.match(errors[0].reason, /widget broken/);

  const win = newWindow();
  const events = lcwErrors(win);
  const installed = installAuthTokenProvider(countingSource(), { window: win, onError: (error) => errors.push(error) });
  win.dispatchEvent(new Event('lcw:ready'));
  await installed.ready;
  assert.equal(errors[1].code, 2);
  assert.match(errors[1].reason, /setAuthTokenProvider is not there/);
  assert.deepEqual(events, [{ errorCode: 2, errorDescription: 'Auth token provider method execution failed' }]);
});

test('install: what setAuthTokenProvider throws is described as the wasm glue describes it', async (t) => {
  clock(t);
  const nameless = new Error('');
  nameless.name = 'TypeError';
  const cases = [
    [new Error('widget broke'), 'Error: widget broke'],
    [nameless, 'TypeError'],
    ['nope', 'nope'],
    [42, '42'],
    [undefined, 'undefined'],
    [Object.create(null), 'an object with no text'],
  ];
  for (const [thrown, described] of cases) {
    const errors = [];
    const sdk = { setAuthTokenProvider: () => { throw thrown; } };
    await installAuthTokenProvider(countingSource(), { sdk, onError: (error) => errors.push(error) }).ready;
    assert.equal(errors[0].reason, `setAuthTokenProvider threw: ${described}`);
  }
});

test('install: stop() before lcw:ready sets nothing', async (t) => {
  clock(t);
  const win = newWindow();
  const widget = createHostedWidget({ window: win });
  const installed = installAuthTokenProvider(countingSource(), { window: win });
  installed.stop();
  widget.load();
  await installed.ready;
  await settle();
  assert.equal(widget.providers.length, 0);
});

test('install: an onError that throws does not stop the route', async (t) => {
  clock(t);
  const reported = [];
  globalThis.reportError = (error) => reported.push(error);
  t.after(() => delete globalThis.reportError);
  const win = newWindow();
  const events = lcwErrors(win);
  const installed = installAuthTokenProvider(countingSource(null), {
    window: win,
    onError: () => { throw new Error('handler bug'); },
  });
  createHostedWidget({ window: win }).load();
  await installed.ready;
  assert.equal(reported.length, 1);
  assert.match(reported[0].message, /handler bug/);
  assert.equal(events.length, 1, 'lcw:error is still raised');
});

test('install: a source is required, and a window or an sdk', () => {
  assert.throws(() => installAuthTokenProvider(null), TypeError);
  assert.throws(() => installAuthTokenProvider({}), TypeError);
  assert.equal(globalThis.window, undefined);
  assert.throws(() => installAuthTokenProvider(countingSource()), TypeError);
});

// --- authClientFunction ------------------------------------------------------------------------

/** A callback that records every call. */
function recorder() {
  const calls = [];
  const callback = (token) => calls.push(token);
  return { calls, callback };
}

test('authClientFunction: calls back once with the token', async (t) => {
  clock(t);
  const getAuthenticationToken = authClientFunction(countingSource(makeToken()));
  const { calls, callback } = recorder();
  assert.equal(getAuthenticationToken(callback), undefined);
  await settle();
  assert.deepEqual(calls, [makeToken()]);
  t.mock.timers.tick(20_000);
  await settle();
  assert.deepEqual(calls, [makeToken()], 'exactly once');
});

for (const [code, answer] of [[3, null], [2, new Error('down')], [4, 'nonsense']]) {
  test(`authClientFunction: a failure (code ${code}) calls back once with null, and reaches onError`, async (t) => {
    clock(t);
    const errors = [];
    const getAuthenticationToken = authClientFunction(countingSource(answer), { onError: (error) => errors.push(error.code) });
    const { calls, callback } = recorder();
    getAuthenticationToken(callback);
    await settle();
    t.mock.timers.tick(20_000);
    await settle();
    assert.deepEqual(calls, [null]);
    assert.deepEqual(errors, [code]);
  });
}

test('authClientFunction: calls back with null within 10 s when the token does not come, and only once', async (t) => {
  clock(t);
  let release;
  const source = { getToken: () => new Promise((resolve) => { release = resolve; }) };
  const errors = [];
  const getAuthenticationToken = authClientFunction(source, { onError: (error) => errors.push(error) });
  const { calls, callback } = recorder();
  getAuthenticationToken(callback);
  t.mock.timers.tick(8999);
  await settle();
  assert.deepEqual(calls, []);
  t.mock.timers.tick(1);
  await settle();
  assert.deepEqual(calls, [null], 'at 9 s, before the widget\'s 10 s');
  assert.equal(errors[0].code, 2);
  release(makeToken());
  await settle();
  assert.deepEqual(calls, [null], 'the late token is not handed over');
});

test('authClientFunction: a token just in time is handed over, and the timer does not call again', async (t) => {
  clock(t);
  let release;
  const source = { getToken: () => new Promise((resolve) => { release = resolve; }) };
  const getAuthenticationToken = authClientFunction(source);
  const { calls, callback } = recorder();
  getAuthenticationToken(callback);
  t.mock.timers.tick(8999);
  release('the token');
  await settle();
  t.mock.timers.tick(10_000);
  await settle();
  assert.deepEqual(calls, ['the token']);
});

test('authClientFunction: each call of the widget gets its own answer; a source that throws is null', async (t) => {
  clock(t);
  const getAuthenticationToken = authClientFunction(countingSource());
  const first = recorder();
  const second = recorder();
  getAuthenticationToken(first.callback);
  getAuthenticationToken(second.callback);
  await settle();
  assert.deepEqual(first.calls, [tokenNumber(1)]);
  assert.deepEqual(second.calls, [tokenNumber(1)]);
  const throwing = authClientFunction({ getToken: () => { throw new Error('sync'); } });
  const third = recorder();
  throwing(third.callback);
  await settle();
  assert.deepEqual(third.calls, [null]);
});

test('authClientFunction: a callback that throws is reported, not an unhandled rejection', async (t) => {
  clock(t);
  const reported = [];
  globalThis.reportError = (error) => reported.push(error);
  t.after(() => delete globalThis.reportError);
  let calls = 0;
  authClientFunction(countingSource(makeToken()))(() => {
    calls += 1;
    throw new Error('widget bug');
  });
  await settle();
  t.mock.timers.tick(20_000);
  await settle();
  assert.equal(calls, 1);
  assert.equal(reported.length, 1);
  assert.throws(() => authClientFunction(countingSource())('not a function'), TypeError);
});

// --- chatSdkGetAuthToken -----------------------------------------------------------------------

test('chatSdkGetAuthToken: resolves the token, whatever arguments it is called with', async (t) => {
  clock(t);
  const getAuthToken = chatSdkGetAuthToken(countingSource(makeToken()));
  assert.equal(await getAuthToken(), makeToken());
  // As the React widget calls it: getAuthToken(authClientFunction, { isMidAuthEnabled }).
  assert.equal(await getAuthToken('auth.getAuthenticationToken', { isMidAuthEnabled: false }), makeToken());
});

test('chatSdkGetAuthToken: null when no one is signed in (code 3)', async (t) => {
  clock(t);
  assert.equal(await chatSdkGetAuthToken(countingSource(null))(), null);
  const { fetch } = { fetch: async () => new Response('', { status: 401 }) };
  assert.equal(await chatSdkGetAuthToken(createTokenSource({ url: '/token', fetch }))(), null);
});

test('chatSdkGetAuthToken: rejects with the AuthTokenError for codes 2 and 4', async (t) => {
  clock(t);
  await assert.rejects(chatSdkGetAuthToken(countingSource(new Error('down')))(), { name: 'AuthTokenError', code: 2 });
  await assert.rejects(chatSdkGetAuthToken(countingSource(makeToken({ exp: NOW - 1 })))(), { code: 4, rule: 'expired' });
  // A source of one's own that throws something else: code 2.
  const error = await chatSdkGetAuthToken({ getToken: async () => { throw new TypeError('oops'); } })().catch((e) => e);
  assert.ok(error instanceof AuthTokenError);
  assert.equal(error.code, 2);
  assert.equal(error.cause.message, 'oops');
});

// --- contextProvider ----------------------------------------------------------------------------

test('contextProvider: { value, isDisplayable } from the schema; numbers and booleans as they are', () => {
  const provide = contextProvider(() => ({
    msdyn_cartvalue: '10000',
    msdyn_isvip: 'false',
    msdyn_tier: undefined,
    contoso_riskscore: 0.25,
    'Cart page (URL)': null,
  }));
  assert.deepEqual(provide(), {
    msdyn_cartvalue: { value: '10000', isDisplayable: true },
    msdyn_isvip: { value: 'false', isDisplayable: true },
    contoso_riskscore: { value: 0.25, isDisplayable: false },
  });
  const asBoolean = contextProvider(() => ({ msdyn_cartvalue: '1', msdyn_isvip: true }));
  assert.deepEqual(asBoolean().msdyn_isvip, { value: true, isDisplayable: true });
});

test('contextProvider: the widget stand-in gets the context when a chat starts', async (t) => {
  clock(t);
  const win = newWindow();
  const widget = createHostedWidget({ window: win });
  widget.load();
  widget.SDK.setContextProvider(contextProvider(() => ({ msdyn_cartvalue: '5', msdyn_isvip: 'true' })));
  widget.SDK.setAuthTokenProvider((callback) => callback(makeToken()));
  assert.deepEqual(widget.startChat().context, {
    msdyn_cartvalue: { value: '5', isDisplayable: true },
    msdyn_isvip: { value: 'true', isDisplayable: true },
  });
  assert.throws(() => widget.SDK.setContextProvider({}));
});

/** The error the provider throws. */
function providerError(getContext) {
  try {
    contextProvider(getContext)();
  } catch (error) {
    return error;
  }
  return assert.fail('the provider did not throw');
}

test('contextProvider: a throw in getContext is code 1, and the widget reports its error 1', (t) => {
  const failure = new Error('no session');
  const error = providerError(() => { throw failure; });
  assert.ok(error instanceof AuthTokenError);
  assert.equal(error.code, 1);
  assert.equal(error.message, 'Custom context provider method execution failed');
  assert.equal(error.cause, failure);
  assert.match(error.reason, /no session/);

  clock(t);
  const win = newWindow();
  const widget = createHostedWidget({ window: win });
  const events = lcwErrors(win);
  widget.load();
  widget.SDK.setContextProvider(contextProvider(() => { throw failure; }));
  assert.deepEqual(widget.startChat(), { started: false, errorCode: 1 });
  assert.deepEqual(events, [{ errorCode: 1, errorDescription: 'Custom context provider method execution failed' }]);
});

test('contextProvider: values that are not primitives, and other refusals, are code 1', () => {
  const base = { msdyn_cartvalue: '1', msdyn_isvip: 'false' };
  const cases = [
    [{ ...base, msdyn_tier: { value: 'gold' } }, 'not_primitive', /an object/],
    [{ ...base, msdyn_tier: ['gold'] }, 'not_primitive', /an array/],
    [{ ...base, msdyn_tier: () => 'gold' }, 'not_primitive', /a function/],
    [{ ...base, msdyn_tier: 10n }, 'not_primitive', /a bigint/],
    [{ ...base, contoso_riskscore: NaN }, 'not_finite', /NaN/],
    [{ ...base, contoso_riskscore: Infinity }, 'not_finite', /Infinity/],
    [{ ...base, msdyn_tier: 'x'.repeat(4001) }, 'value_too_long', /4001 characters/],
    [{ ...base, msdyn_cartvalu: '1' }, 'unknown_variable', /did you mean `msdyn_cartvalue`/],
  ];
  for (const [context, rule, reason] of cases) {
    const error = providerError(() => context);
    assert.equal(error.code, 1, rule);
    assert.equal(error.rule, rule);
    assert.match(error.reason, reason);
  }
  for (const returned of [null, 'text', ['a'], Promise.resolve(base)]) {
    const error = providerError(() => returned);
    assert.equal(error.code, 1);
    assert.equal(error.rule, null);
  }
  assert.deepEqual(contextProvider(() => ({ ...base, msdyn_tier: 'x'.repeat(4000) }))().msdyn_tier.value.length, 4000);
  assert.throws(() => contextProvider('not a function'), TypeError);
});
