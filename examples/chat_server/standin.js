// STAND-IN for Microsoft's hosted live chat widget script.
//
// This file is NOT Microsoft's code. The real script (the <script id="Microsoft_Omnichannel_LCWidget">
// snippet that the Omnichannel admin center gives you) is closed source, is served from Microsoft's
// servers and cannot run offline, so the demo page loads this stand-in in its place. It is written
// from Microsoft's documentation of the live chat SDK and keeps only the behaviour that the
// documentation states, plus lwicontext's reading of how the token provider is used; it is the
// browser twin of tests/js/standin/livechat-widget.mjs and behaves the same:
//
// - Once loaded, it puts `Microsoft.Omnichannel.LiveChatWidget.SDK` on window and raises `lcw:ready`
//   there ("The live chat SDK methods should be invoked after the lcw:ready event is raised").
// - `SDK.setAuthTokenProvider(provider)` throws if `provider` is not a function (documented). It
//   calls the provider once, at once, and keeps only what the callback received in that same tick:
//   a callback made later (inside a `.then()`) is lost. This is the strict reading of the docs (the
//   README's "On the page" says why); calling back synchronously is right under every reading.
// - `SDK.getAuthTokenProvider()` and `SDK.removeAuthTokenProvider()` as documented.
// - `SDK.setContextProvider(provider)` throws if `provider` is not a function.
// - `SDK.startChat()` raises `lcw:startChat`, then:
//   - `lcw:error` with code 1 when the context provider throws, 2 when the token provider threw,
//     3 when it gave no token (null, undefined, "" or nothing in time), 4 when the token fails the
//     widget's own page checks (three parts, a payload of base64 JSON, not expired: now > exp, a
//     13-digit exp read as milliseconds, as Microsoft's open-source React widget reads it);
//   - otherwise it sends the token on, as the real widget sends it to Omnichannel. Here it goes to
//     the demo server's `/demo/omnichannel` (the script tag's `data-omnichannel-url`), which checks
//     it as Omnichannel's server would: the signature against the public key URL's body, the
//     claims, the context against the schema. A refusal raises `lcw:error` with code 4.
//
// Stand-in only, for the demo page (the real script has nothing like it):
// - `startChat()` returns a promise of the outcome, `{ started, errorCode?, diagnosis? }`;
// - `lwicontext-standin:omnichannel` is raised on window with the server's answer
//   (`detail: { diagnosis }`, lwicontext's `Diagnosis::to_json()`), before any `lcw:error`;
// - `window.LwicontextStandin` says that this stand-in, not Microsoft's script, is loaded.
//
// To use the real widget instead: replace the <script id="Microsoft_Omnichannel_LCWidget"> tag of
// index.html with the snippet from the Omnichannel admin center (chat widget → Copy code). The page's
// module, which hands the token over with the generated glue, stays as it is.
(function () {
  "use strict";

  // Microsoft's messages for the codes, word for word.
  var MESSAGES = {
    1: "Custom context provider method execution failed",
    2: "Auth token provider method execution failed",
    3: "Auth token provider didn't provide any token",
    4: "Auth token provider provided invalid token",
  };

  var script = document.currentScript;
  var omnichannelUrl = (script && script.dataset.omnichannelUrl) || "/demo/omnichannel";

  var authTokenProvider = null;
  // What the last setAuthTokenProvider kept: { token }, { threw: true }, or null (nothing in time).
  var kept = null;
  var contextProvider = null;

  function raise(errorCode) {
    var detail = { errorCode: errorCode, errorDescription: MESSAGES[errorCode] };
    window.dispatchEvent(new CustomEvent("lcw:error", { detail: detail }));
    return { started: false, errorCode: errorCode };
  }

  var SDK = {
    setAuthTokenProvider: function (provider) {
      if (typeof provider !== "function") throw new Error("authTokenProvider is not a function");
      authTokenProvider = provider;
      var received = null;
      var open = true;
      var callback = function (token) {
        // Only what arrives while the provider runs is kept; the first call wins.
        if (open && received === null) received = { token: token };
      };
      var threw = false;
      try {
        provider(callback);
      } catch (error) {
        threw = true;
      }
      open = false;
      kept = threw ? { threw: true } : received;
    },
    getAuthTokenProvider: function () {
      return authTokenProvider;
    },
    removeAuthTokenProvider: function () {
      authTokenProvider = null;
      kept = null;
    },
    setContextProvider: function (provider) {
      if (typeof provider !== "function") throw new Error("contextProvider is not a function");
      contextProvider = provider;
    },
    startChat: function () {
      window.dispatchEvent(new Event("lcw:startChat"));
      if (contextProvider) {
        try {
          contextProvider();
        } catch (error) {
          return Promise.resolve(raise(1));
        }
      }
      if (kept && kept.threw) return Promise.resolve(raise(2));
      var token = kept ? kept.token : undefined;
      if (token === null || token === undefined || token === "") return Promise.resolve(raise(3));
      if (typeof token !== "string" || !readable(token, Date.now() / 1000)) return Promise.resolve(raise(4));
      return sendToOmnichannel(token);
    },
  };

  // The stand-in's Omnichannel: the demo server checks the token as Omnichannel's server would.
  function sendToOmnichannel(token) {
    return fetch(omnichannelUrl, {
      method: "POST",
      headers: { "Content-Type": "text/plain" },
      body: token,
      cache: "no-store",
      credentials: "same-origin",
    })
      .then(function (response) {
        if (!response.ok) throw new Error(omnichannelUrl + " answered " + response.status);
        return response.json();
      })
      .then(function (diagnosis) {
        window.dispatchEvent(new CustomEvent("lwicontext-standin:omnichannel", { detail: { diagnosis: diagnosis } }));
        if (diagnosis.accepted) return { started: true, diagnosis: diagnosis };
        // Refused by Omnichannel's server: the widget reports code 4.
        var outcome = raise(4);
        outcome.diagnosis = diagnosis;
        return outcome;
      });
  }

  // The widget's page checks: three parts, a payload of base64 JSON, and not expired.
  function readable(token, now) {
    var parts = token.split(".");
    if (parts.length !== 3) return false;
    var payload;
    try {
      payload = JSON.parse(decodeBase64(parts[1]));
    } catch (error) {
      return false;
    }
    if (!payload) return false;
    var exp = payload.exp;
    if (!exp) return true;
    if (String(exp).length === 13) exp = Math.floor(exp / 1000);
    return !(Math.floor(now) > exp);
  }

  // Lenient base64 (either alphabet, padding optional, other characters skipped), then UTF-8:
  // as node's Buffer.from(text, "base64") reads it in the node stand-in.
  function decodeBase64(text) {
    var clean = text.replace(/-/g, "+").replace(/_/g, "/").split("=")[0].replace(/[^A-Za-z0-9+/]/g, "");
    if (clean.length % 4 === 1) clean = clean.slice(0, -1);
    while (clean.length % 4 !== 0) clean += "=";
    var binary = atob(clean);
    var bytes = new Uint8Array(binary.length);
    for (var i = 0; i < binary.length; i += 1) bytes[i] = binary.charCodeAt(i);
    return new TextDecoder("utf-8").decode(bytes);
  }

  // The hosted script loads on its own time, after the page's scripts: so does the stand-in.
  function load() {
    window.Microsoft = { Omnichannel: { LiveChatWidget: { SDK: SDK } } };
    window.LwicontextStandin = { standIn: true, omnichannelUrl: omnichannelUrl };
    window.dispatchEvent(new Event("lcw:ready"));
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", function () {
      setTimeout(load, 0);
    });
  } else {
    setTimeout(load, 0);
  }
})();
