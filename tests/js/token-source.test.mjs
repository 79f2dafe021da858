// createTokenSource, every path: from a URL and from a fetchToken function; each row of the
// error table; caching until the refresh margin; one fetch for concurrent calls; no cached
// failure; clear(); the timeout. Fake fetch functions and node's mocked timers and Date: no
// network, no waiting.
//
// Run: `node --test tests/js/token-source.test.mjs` from the repository root, after `npm ci` in
// tests/js.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { AuthTokenError, createTokenSource } from '../glue/chat_context.js';
import { settle } from './support/guard.mjs';
import { NOW, makeToken, tokenNumber } from './support/tokens.mjs';

/** Mocked setTimeout and Date, at Unix second `now`. */
function clock(t, now = NOW) {
  t.mock.timers.enable({ apis: ['setTimeout', 'Date'], now: now * 1000 });
  return {
    /** Moves the clock to Unix second `at` (firing the timers due on the way). */
    to(at) {
      t.mock.timers.tick(at * 1000 - Date.now());
    },
  };
}

/** A fake fetch answering each call with the next of `answers` (a Response, an Error, or a function of the call). */
function fakeFetch(...answers) {
  const calls = [];
  const fetch = async (url, init) => {
    calls.push({ url, init });
    const answer = answers.length > 1 ? answers.shift() : answers[0];
    const value = typeof answer === 'function' ? await answer(url, init) : answer;
    if (value instanceof Error) throw value;
    return value;
  };
  return { fetch, calls };
}

const text = (body, status = 200) => new Response(body, { status });

/** The rejection of `promise`, which must reject. */
async function rejection(promise) {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  assert.fail('resolved, expected a rejection');
}

test('url: the body is the token; the line end after it is not', async (t) => {
  clock(t);
  const token = makeToken();
  const { fetch, calls } = fakeFetch(text(`${token}\r\n`));
  const source = createTokenSource({ url: '/chat/token', fetch, fetchInit: { headers: { 'X-Requested-With': 'glue' } } });
  assert.equal(await source.getToken(), token);
  assert.equal(calls.length, 1);
  assert.equal(calls[0].url, '/chat/token');
  assert.equal(calls[0].init.credentials, 'same-origin');
  assert.equal(calls[0].init.cache, 'no-store');
  assert.deepEqual(calls[0].init.headers, { 'X-Requested-With': 'glue' });
  assert.ok(calls[0].init.signal instanceof AbortSignal);
});

test('url: fetchInit overrides the defaults', async (t) => {
  clock(t);
  const { fetch, calls } = fakeFetch(text(makeToken()));
  await createTokenSource({ url: 'https://auth.contoso.example/token', fetch, fetchInit: { credentials: 'include', method: 'POST' } }).getToken();
  assert.equal(calls[0].init.credentials, 'include');
  assert.equal(calls[0].init.method, 'POST');
});

test('url: globalThis.fetch by default', async (t) => {
  clock(t);
  const token = makeToken();
  const { fetch, calls } = fakeFetch(text(token));
  t.mock.method(globalThis, 'fetch', fetch);
  assert.equal(await createTokenSource({ url: '/token' }).getToken(), token);
  assert.equal(calls.length, 1);
});

test('url: 401 and 403 are "not signed in": code 3', async (t) => {
  clock(t);
  for (const status of [401, 403]) {
    const { fetch } = fakeFetch(text('sign in first', status));
    const error = await rejection(createTokenSource({ url: '/token', fetch }).getToken());
    assert.ok(error instanceof AuthTokenError);
    assert.equal(error.code, 3);
    assert.equal(error.message, "Auth token provider didn't provide any token");
    assert.equal(error.rule, 'empty');
    assert.match(error.reason, new RegExp(`HTTP ${status}`));
  }
});

test('url: an empty answer is code 3', async (t) => {
  clock(t);
  for (const response of [text(''), text('\n'), new Response(null, { status: 204 })]) {
    const { fetch } = fakeFetch(response);
    const error = await rejection(createTokenSource({ url: '/token', fetch }).getToken());
    assert.equal(error.code, 3);
  }
});

test('url: any other status than 2xx is code 2', async (t) => {
  clock(t);
  for (const status of [500, 404, 400, 302, 0]) {
    const response = status === 0 ? Response.error() : text('oops', status);
    const { fetch } = fakeFetch(response);
    const error = await rejection(createTokenSource({ url: '/token', fetch }).getToken());
    assert.equal(error.code, 2, `HTTP ${status}`);
    assert.equal(error.message, 'Auth token provider method execution failed');
    assert.equal(error.rule, null);
  }
});

test('url: a network failure is code 2, with the cause', async (t) => {
  clock(t);
  const failure = new TypeError('fetch failed');
  const { fetch } = fakeFetch(failure);
  const error = await rejection(createTokenSource({ url: '/token', fetch }).getToken());
  assert.equal(error.code, 2);
  assert.equal(error.cause, failure);
  assert.match(error.reason, /fetch failed/);
});

test('url: a body that cannot be read is code 2', async (t) => {
  clock(t);
  const broken = { status: 200, text: () => Promise.reject(new Error('connection reset')) };
  const { fetch } = fakeFetch(broken);
  const error = await rejection(createTokenSource({ url: '/token', fetch }).getToken());
  assert.equal(error.code, 2);
  assert.match(error.reason, /connection reset/);
});

test('url: a token that fails checkToken is code 4, and the error shows only its tail', async (t) => {
  clock(t);
  const expired = makeToken({ exp: NOW - 1 });
  for (const [body, rule] of [[expired, 'expired'], ['<!doctype html><p>Sign in</p>', 'not_three_parts'], ['null', 'not_three_parts'], [makeToken({}, { header: { alg: 'HS256' } }), 'not_rs256']]) {
    const { fetch } = fakeFetch(text(body));
    const error = await rejection(createTokenSource({ url: '/token', fetch }).getToken());
    assert.equal(error.code, 4, rule);
    assert.equal(error.rule, rule);
    assert.equal(error.message, 'Auth token provider provided invalid token');
  }
  const { fetch } = fakeFetch(text(expired));
  const error = await rejection(createTokenSource({ url: '/token', fetch }).getToken());
  assert.equal(error.tokenTail, expired.slice(-3));
  assert.ok(!`${error.reason} ${error.message} ${error.stack}`.includes(expired.slice(10, 60)));
});

test('fetchToken: its token, checked; it is given an abort signal', async (t) => {
  clock(t);
  const token = makeToken();
  const calls = [];
  const source = createTokenSource({
    fetchToken: async (args) => {
      calls.push(args);
      return token;
    },
  });
  assert.equal(await source.getToken(), token);
  assert.equal(calls.length, 1);
  assert.ok(calls[0].signal instanceof AbortSignal);
  assert.equal(calls[0].signal.aborted, false);
  // A plain function that returns the token at once works too.
  assert.equal(await createTokenSource({ fetchToken: () => token }).getToken(), token);
});

test('fetchToken: null, undefined or "" is code 3', async (t) => {
  clock(t);
  for (const none of [null, undefined, '']) {
    const error = await rejection(createTokenSource({ fetchToken: async () => none }).getToken());
    assert.equal(error.code, 3, String(none));
    assert.equal(error.rule, 'empty');
  }
});

test('fetchToken: a throw or a rejection is code 2, with the cause', async (t) => {
  clock(t);
  const failure = new Error('session store down');
  for (const fetchToken of [() => { throw failure; }, async () => { throw failure; }, () => Promise.reject(failure)]) {
    const error = await rejection(createTokenSource({ fetchToken }).getToken());
    assert.equal(error.code, 2);
    assert.equal(error.cause, failure);
    assert.match(error.reason, /session store down/);
  }
});

test('fetchToken: anything but a valid token is code 4', async (t) => {
  clock(t);
  for (const [answer, rule] of [[42, 'not_three_parts'], ['   ', 'not_three_parts'], [makeToken({ sub: undefined }), 'missing_claim']]) {
    const error = await rejection(createTokenSource({ fetchToken: async () => answer }).getToken());
    assert.equal(error.code, 4);
    assert.equal(error.rule, rule);
  }
});

test('the token is held until refreshMarginSeconds before it expires', async (t) => {
  const time = clock(t);
  let n = 0;
  const source = createTokenSource({ fetchToken: async () => tokenNumber(++n, Math.floor(Date.now() / 1000)) });
  const first = await source.getToken();
  assert.equal(await source.getToken(), first);
  assert.equal(n, 1);
  // exp is NOW + 840; held until NOW + 780, fetched anew from then on.
  time.to(NOW + 779.999);
  assert.equal(await source.getToken(), first);
  assert.equal(source.peek().refreshAt, NOW + 780);
  t.mock.timers.tick(1);
  const second = await source.getToken();
  assert.notEqual(second, first);
  assert.equal(n, 2);
  assert.equal(await source.getToken(), second);
});

test('refreshMarginSeconds: 0 holds the token until its exp second', async (t) => {
  const time = clock(t);
  let n = 0;
  const source = createTokenSource({ refreshMarginSeconds: 0, fetchToken: async () => tokenNumber(++n, Math.floor(Date.now() / 1000)) });
  await source.getToken();
  time.to(NOW + 839.999);
  await source.getToken();
  assert.equal(n, 1);
  time.to(NOW + 840);
  await source.getToken();
  assert.equal(n, 2);
});

test('a token that lives less than twice the margin is held for half of what it has left', async (t) => {
  const time = clock(t);
  let n = 0;
  const source = createTokenSource({ fetchToken: async () => tokenNumber(++n, NOW, NOW + 30) });
  await source.getToken();
  assert.equal(source.peek().refreshAt, NOW + 15);
  time.to(NOW + 14.999);
  await source.getToken();
  assert.equal(n, 1);
  time.to(NOW + 15);
  await source.getToken();
  assert.equal(n, 2);
});

test('concurrent calls share one fetch', async (t) => {
  clock(t);
  let release;
  const { fetch, calls } = fakeFetch(() => new Promise((resolve) => { release = resolve; }));
  const source = createTokenSource({ url: '/token', fetch });
  const waiting = [source.getToken(), source.getToken(), source.getToken()];
  await settle();
  assert.equal(calls.length, 1);
  const token = makeToken();
  release(text(token));
  assert.deepEqual(await Promise.all(waiting), [token, token, token]);
  assert.equal(calls.length, 1);
});

test('concurrent calls share one failure, and a failure is not kept', async (t) => {
  clock(t);
  const token = makeToken();
  const { fetch, calls } = fakeFetch(text('down', 503), text(token));
  const source = createTokenSource({ url: '/token', fetch });
  const errors = await Promise.all([rejection(source.getToken()), rejection(source.getToken())]);
  assert.equal(calls.length, 1);
  assert.equal(errors[0], errors[1]);
  assert.equal(errors[0].code, 2);
  assert.equal(source.peek(), null);
  assert.equal(await source.getToken(), token, 'fetched again');
  assert.equal(calls.length, 2);
});

test('a timeout is code 2, and aborts the fetch', async (t) => {
  clock(t);
  let signal;
  const { fetch } = fakeFetch((url, init) => {
    signal = init.signal;
    return new Promise((resolve, reject) => init.signal.addEventListener('abort', () => reject(init.signal.reason)));
  });
  const source = createTokenSource({ url: '/token', fetch, timeoutMs: 5000 });
  const pending = rejection(source.getToken());
  await settle();
  t.mock.timers.tick(4999);
  await settle();
  assert.equal(signal.aborted, false);
  t.mock.timers.tick(1);
  const error = await pending;
  assert.equal(error.code, 2);
  assert.match(error.reason, /no token within 5000 ms/);
  assert.equal(signal.aborted, true);
});

test('a timeout wins over a fetchToken that ignores its signal; its late answer is dropped', async (t) => {
  clock(t);
  let answer;
  let calls = 0;
  const source = createTokenSource({
    fetchToken: () => {
      calls += 1;
      return calls === 1 ? new Promise((resolve) => { answer = resolve; }) : makeToken({ jti: 'second' });
    },
  });
  const pending = rejection(source.getToken());
  await settle();
  t.mock.timers.tick(8000);
  const error = await pending;
  assert.equal(error.code, 2);
  answer(makeToken({ jti: 'late' }));
  await settle();
  assert.equal(source.peek(), null, 'the late token is not kept');
  assert.equal(await source.getToken(), makeToken({ jti: 'second' }));
});

test('a signal in fetchInit aborts the fetch: code 2', async (t) => {
  clock(t);
  const controller = new AbortController();
  const { fetch } = fakeFetch((url, init) => new Promise((resolve, reject) => init.signal.addEventListener('abort', () => reject(init.signal.reason))));
  const pending = rejection(createTokenSource({ url: '/token', fetch, fetchInit: { signal: controller.signal } }).getToken());
  await settle();
  controller.abort();
  const error = await pending;
  assert.equal(error.code, 2);
  assert.match(error.reason, /aborted/);
});

test('clear() forgets the held token, and a fetch under way is not kept', async (t) => {
  clock(t);
  let n = 0;
  let release;
  const source = createTokenSource({
    fetchToken: () => {
      n += 1;
      if (n === 2) return new Promise((resolve) => { release = resolve; });
      return tokenNumber(n);
    },
  });
  const first = await source.getToken();
  assert.equal(source.peek().token, first);
  source.clear();
  assert.equal(source.peek(), null);
  const during = source.getToken(); // n = 2, under way
  await settle();
  source.clear();
  const after = await source.getToken(); // n = 3: not the one under way
  release(tokenNumber(2));
  assert.equal(await during, tokenNumber(2), 'who asked before sign-out gets its answer');
  assert.equal(after, tokenNumber(3));
  assert.equal(source.peek().token, tokenNumber(3), 'the answer fetched before clear() is not kept');
  assert.equal(n, 3);
});

test('peek() shows the held token until it expires', async (t) => {
  const time = clock(t);
  const token = makeToken({ exp: (NOW + 840) * 1000 }); // 13 digits: milliseconds
  const source = createTokenSource({ fetchToken: async () => token });
  assert.equal(source.peek(), null);
  await source.getToken();
  assert.deepEqual({ ...source.peek() }, { token, expiresAt: NOW + 840, refreshAt: NOW + 780, refreshInSeconds: 780 });
  time.to(NOW + 800);
  assert.equal(source.peek().refreshInSeconds, 0);
  time.to(NOW + 840);
  assert.ok(source.peek());
  t.mock.timers.tick(1);
  assert.equal(source.peek(), null);
});

test('a clock of one\'s own', async () => {
  let now = NOW;
  let n = 0;
  const source = createTokenSource({ now: () => now, fetchToken: async () => tokenNumber(++n, NOW) });
  await source.getToken();
  now = NOW + 779.5;
  await source.getToken();
  assert.equal(n, 1);
  now = NOW + 780;
  await source.getToken();
  assert.equal(n, 2);
  now = NOW + 841;
  const error = await rejection(createTokenSource({ now: () => now, fetchToken: async () => tokenNumber(9, NOW) }).getToken());
  assert.equal(error.rule, 'expired', 'the token is checked at the source\'s own now');
});

test('options are checked', () => {
  const fetchToken = async () => null;
  assert.throws(() => createTokenSource({}), TypeError);
  assert.throws(() => createTokenSource(), TypeError);
  assert.throws(() => createTokenSource({ url: '/t', fetchToken }), TypeError);
  assert.throws(() => createTokenSource({ fetchToken: 'x' }), TypeError);
  assert.throws(() => createTokenSource({ fetchToken, refreshMarginSeconds: -1 }), TypeError);
  assert.throws(() => createTokenSource({ fetchToken, timeoutMs: 0 }), TypeError);
});
