// STAND-IN for Microsoft's hosted live chat widget script (the <script id="Microsoft_Omnichannel_LCWidget">
// loaded from Microsoft's CDN). It is NOT Microsoft's code: that script is closed source. This file
// is written for the tests from Microsoft's documentation of the live chat SDK and keeps only the
// behaviour the documentation states, plus the project's reading of how the provider is used:
//
// - It raises `lcw:ready` on the window once `Microsoft.Omnichannel.LiveChatWidget.SDK` is there
//   ("The live chat SDK methods should be invoked after the lcw:ready event is raised").
// - `SDK.setAuthTokenProvider(provider)` throws if `provider` is not a function (documented).
// - It calls the provider once, at once, and keeps only what the callback received in that same
//   tick, synchronously: a callback made later (inside a `.then()`) is counted but lost. This is
//   the strict reading of the docs (the README's "On the page" says why); calling back
//   synchronously is right under every reading of them.
// - Starting a chat hands the kept token over and raises `lcw:error` with the documented codes:
//   2 when the provider threw, 3 when it gave no token (null, undefined, ""), 4 when the token is
//   not three parts, its payload is not base64 JSON, or it has expired (now > exp, a 13-digit exp
//   read as milliseconds, as the open-source React widget reads it).
// - `SDK.setContextProvider(provider)` throws if `provider` is not a function; starting a chat
//   calls it, and a throw raises `lcw:error` with code 1.

const MESSAGES = {
  1: 'Custom context provider method execution failed',
  2: 'Auth token provider method execution failed',
  3: "Auth token provider didn't provide any token",
  4: 'Auth token provider provided invalid token',
};

/**
 * A stand-in widget on `window` (an EventTarget). `now()` gives Unix seconds. Nothing happens
 * until `load()`, which is when the hosted script would have finished loading.
 */
export function createHostedWidget({ window, now = () => Date.now() / 1000 }) {
  const widget = {
    /** Every provider set, in order. */
    providers: [],
    /** What each call of setAuthTokenProvider kept: { token } or null when the callback was not called in time. */
    kept: [],
    /** Callbacks made after the provider returned: lost. */
    lateCallbacks: 0,
    /** Callbacks made more than once during one provider call. */
    extraCallbacks: 0,
    contextProvider: null,
    /** Each chat started: { token, context }. */
    chats: [],
    /** Each lcw:error raised: { errorCode, errorDescription }. */
    errors: [],
  };

  const raise = (errorCode) => {
    const detail = { errorCode, errorDescription: MESSAGES[errorCode] };
    widget.errors.push(detail);
    window.dispatchEvent(new CustomEvent('lcw:error', { detail }));
    return { started: false, errorCode };
  };

  const SDK = {
    setAuthTokenProvider(provider) {
      if (typeof provider !== 'function') throw new Error('authTokenProvider is not a function');
      widget.providers.push(provider);
      let received = null;
      let open = true;
      const callback = (token) => {
        if (!open) {
          widget.lateCallbacks += 1;
          return;
        }
        if (received !== null) widget.extraCallbacks += 1;
        else received = { token };
      };
      let threw = false;
      try {
        provider(callback);
      } catch {
        threw = true;
      }
      open = false;
      widget.kept.push(threw ? { threw: true } : received);
    },
    setContextProvider(provider) {
      if (typeof provider !== 'function') throw new Error('contextProvider is not a function');
      widget.contextProvider = provider;
    },
  };

  /** The hosted script has loaded: the SDK is on window, and lcw:ready is raised. */
  widget.load = () => {
    window.Microsoft = { Omnichannel: { LiveChatWidget: { SDK } } };
    window.dispatchEvent(new Event('lcw:ready'));
  };

  widget.SDK = SDK;

  /** The customer starts a chat: the last provider's kept token goes to Omnichannel. */
  widget.startChat = () => {
    let context;
    if (widget.contextProvider) {
      try {
        context = widget.contextProvider();
      } catch {
        return raise(1);
      }
    }
    const kept = widget.kept[widget.kept.length - 1];
    if (kept?.threw) return raise(2);
    const token = kept?.token;
    if (token === null || token === undefined || token === '') return raise(3);
    if (typeof token !== 'string' || !readable(token, now())) return raise(4);
    const chat = { token, context };
    widget.chats.push(chat);
    return { started: true, ...chat };
  };

  return widget;
}

/** Three parts, a payload of base64 JSON, and not expired. */
function readable(token, now) {
  const parts = token.split('.');
  if (parts.length !== 3) return false;
  let payload;
  try {
    payload = JSON.parse(Buffer.from(parts[1].replace(/-/g, '+').replace(/_/g, '/'), 'base64').toString('utf8'));
  } catch {
    return false;
  }
  if (!payload) return false;
  let exp = payload.exp;
  if (!exp) return true;
  if (String(exp).length === 13) exp = Math.floor(exp / 1000);
  return !(Math.floor(now) > exp);
}
