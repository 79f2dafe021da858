// --- Route 1: Microsoft.Omnichannel.LiveChatWidget.SDK.setAuthTokenProvider ---------------------

/**
 * Hands the token to the hosted live chat widget: waits for `lcw:ready` (or goes on at once when
 * the SDK is there), fetches the token first, then sets a provider that calls back with it
 * synchronously, and sets a fresh one before it expires. Returns { ready, stop, refresh }.
 */
export function installAuthTokenProvider(source, options = {}) {
  if (!source || typeof source.getToken !== "function") {
    throw new TypeError("installAuthTokenProvider: source must be a token source (createTokenSource)");
  }
  const win = options.window ?? globalThis.window;
  const { onError } = options;
  let stopped = false;
  let cancelRefresh = () => {};
  let cancelWait = () => {};
  let sdk = null;
  /** Whether a provider was set: later failures are refreshes that failed. */
  let providerSet = false;

  const findSdk = () => options.sdk ?? win?.Microsoft?.Omnichannel?.LiveChatWidget?.SDK ?? null;

  const report = (failure) => {
    if (stopped) return;
    const error = asAuthTokenError(failure);
    if (typeof onError === "function") {
      try {
        onError(error);
      } catch (thrown) {
        rethrowLater(thrown);
      }
    }
    if (win && typeof win.dispatchEvent === "function" && typeof CustomEvent === "function") {
      win.dispatchEvent(
        new CustomEvent("lcw:error", { detail: { errorCode: error.code, errorDescription: error.message } }),
      );
    }
  };

  /** In how many seconds to set a fresh provider for `token`, by the source's own clock. */
  const refreshIn = (token) => {
    const held = typeof source.peek === "function" ? source.peek() : null;
    if (held && held.token === token) return held.refreshInSeconds;
    try {
      return checkToken(token).expiresAt - 60 - Date.now() / 1000;
    } catch {
      return null;
    }
  };

  /** After a provider was set: how long to wait before the next try of a failed refresh. */
  let retryMs = 0;

  async function handOver() {
    if (stopped) return;
    let token;
    try {
      token = await source.getToken();
    } catch (error) {
      report(error);
      // A refresh that failed for a passing reason (code 2: a timeout, the network) is tried
      // again, sooner than the held token expires: one blip must not leave the widget with an
      // expired token. No user (3) or a bad token (4) waits for the page's refresh().
      if (providerSet && asAuthTokenError(error).code === ErrorCode.ProviderFailed && !stopped) {
        retryMs = Math.min(RETRY_MAX_MS, Math.max(RETRY_FIRST_MS, retryMs * 2));
        cancelRefresh();
        cancelRefresh = later(retryMs, handOver);
      }
      return;
    }
    retryMs = 0;
    if (stopped) return;
    try {
      // Called back at once, in the same tick: the widget keeps only what it gets then.
      sdk.setAuthTokenProvider(function authTokenProvider(callback) {
        callback(token);
      });
      providerSet = true;
    } catch (error) {
      report(
        new AuthTokenError(ErrorCode.ProviderFailed, `setAuthTokenProvider threw: ${describe(error)}`, { cause: error }),
      );
      return;
    }
    const seconds = refreshIn(token);
    cancelRefresh();
    if (seconds === null) return;
    // At least a second apart, so that a token that is due at once cannot make it spin.
    cancelRefresh = later(Math.max(1000, seconds * 1000), handOver);
  }

  const start = () => {
    sdk = findSdk();
    if (!sdk || typeof sdk.setAuthTokenProvider !== "function") {
      sdk = null;
      report(
        new AuthTokenError(
          ErrorCode.ProviderFailed,
          "Microsoft.Omnichannel.LiveChatWidget.SDK.setAuthTokenProvider is not there",
        ),
      );
      return Promise.resolve();
    }
    return handOver();
  };

  let ready;
  if (findSdk()) {
    ready = start();
  } else if (win && typeof win.addEventListener === "function") {
    // Fetch while the widget loads; a failure is reported after lcw:ready, when fetched again.
    Promise.resolve()
      .then(() => source.getToken())
      .catch(() => {});
    ready = new Promise((resolve) => {
      const onReady = () => resolve(start());
      win.addEventListener("lcw:ready", onReady, { once: true });
      cancelWait = () => {
        win.removeEventListener("lcw:ready", onReady);
        resolve();
      };
    });
  } else {
    throw new TypeError("installAuthTokenProvider: no window to wait for lcw:ready on, and no sdk given");
  }

  return Object.freeze({
    ready,
    stop() {
      stopped = true;
      cancelWait();
      cancelRefresh();
    },
    refresh() {
      if (stopped) return Promise.resolve();
      if (sdk === null) return ready.then(() => (sdk === null ? start() : handOver()));
      return handOver();
    },
  });
}

// --- Route 2: the chat settings' "JavaScript client function" ---------------------------------

/**
 * The function to put on `window` under the name the chat authentication settings give as the
 * "JavaScript client function": it calls `callback(token)` or `callback(null)`, exactly once and
 * within 10 seconds.
 */
export function authClientFunction(source, options = {}) {
  if (!source || typeof source.getToken !== "function") {
    throw new TypeError("authClientFunction: source must be a token source (createTokenSource)");
  }
  const { onError } = options;
  const fail = (failure) => {
    if (typeof onError !== "function") return;
    try {
      onError(asAuthTokenError(failure));
    } catch (thrown) {
      rethrowLater(thrown);
    }
  };
  return function getAuthenticationToken(callback) {
    if (typeof callback !== "function") {
      throw new TypeError("the JavaScript client function is called with a callback");
    }
    let answered = false;
    let cancel = () => {};
    const answer = (token) => {
      if (answered) return false;
      answered = true;
      cancel();
      try {
        callback(token);
      } catch (thrown) {
        rethrowLater(thrown);
      }
      return true;
    };
    cancel = later(CALLBACK_LIMIT_MS, () => {
      if (answer(null)) {
        fail(new AuthTokenError(ErrorCode.ProviderFailed, `no token within ${CALLBACK_LIMIT_MS} ms`));
      }
    });
    let fetching;
    try {
      fetching = Promise.resolve(source.getToken());
    } catch (error) {
      fetching = Promise.reject(error);
    }
    fetching.then(
      (token) => answer(token),
      (error) => {
        if (answer(null)) fail(error);
      },
    );
  };
}

// --- Route 3: @microsoft/omnichannel-chat-sdk and the React widget ------------------------------

/**
 * `getAuthToken` for the chat SDK's config and the React widget's prop: resolves the token, or
 * null when no one is signed in (code 3), and rejects with the AuthTokenError otherwise (codes 2
 * and 4), which the chat SDK reports as GetAuthTokenFailed. Extra arguments are ignored.
 */
export function chatSdkGetAuthToken(source) {
  if (!source || typeof source.getToken !== "function") {
    throw new TypeError("chatSdkGetAuthToken: source must be a token source (createTokenSource)");
  }
  return async function getAuthToken() {
    try {
      return await source.getToken();
    } catch (failure) {
      const error = asAuthTokenError(failure);
      if (error.code === ErrorCode.NoToken) return null;
      throw error;
    }
  };
}

// --- Custom context: setContextProvider and the React widget's custom context -----------------

function contextFailure(reason, rule, cause) {
  const details = { rule };
  if (cause !== undefined) details.cause = cause;
  return new AuthTokenError(ErrorCode.ContextProviderFailed, reason, details);
}

/**
 * The provider `setContextProvider` takes: it calls `getContext` and returns each variable as
 * `{ value, isDisplayable }`, with isDisplayable from the schema. Values stay as they are
 * (string, number or boolean); null and undefined leave a variable out. A throw inside
 * `getContext`, or a value that is not a primitive, throws an AuthTokenError with code 1.
 */
export function contextProvider(getContext) {
  if (typeof getContext !== "function") throw new TypeError("contextProvider: getContext must be a function");
  return function provideContext() {
    let context;
    try {
      context = getContext();
    } catch (error) {
      throw contextFailure(`getContext threw: ${describe(error)}`, null, error);
    }
    if (context !== null && typeof context === "object" && typeof context.then === "function") {
      throw contextFailure("getContext returned a promise; the widget takes the context at once", null);
    }
    if (!isObject(context)) {
      throw contextFailure(`getContext returned ${what(context)}, not an object of context variables`, null);
    }
    const provided = {};
    let count = 0;
    for (const name of Object.keys(context)) {
      const value = context[name];
      if (value === null || value === undefined) continue;
      if (!VARIABLE_NAMES.has(name)) throw contextFailure(unknownVariable(name), RULE.UnknownVariable);
      if (typeof value === "number" && !Number.isFinite(value)) {
        throw contextFailure(`context variable \`${name}\`: its value is ${value}, which JSON cannot carry`, RULE.NotFinite);
      }
      if (typeof value === "string" && value.length > LIMITS.maxValueChars) {
        throw contextFailure(
          `context variable \`${name}\`: its value has ${value.length} characters; a value holds at most ${LIMITS.maxValueChars}`,
          RULE.ValueTooLong,
        );
      }
      if (typeof value !== "string" && typeof value !== "number" && typeof value !== "boolean") {
        throw contextFailure(`context variable \`${name}\`: its value is ${what(value)}, and ${PRIMITIVES_ONLY}`, RULE.NotPrimitive);
      }
      define(provided, name, { value, isDisplayable: DISPLAYABLE.get(name) });
      count += 1;
    }
    if (count > LIMITS.maxVariables) {
      throw contextFailure(
        `${count} context variables; Omnichannel takes at most ${LIMITS.maxVariables} in one chat session`,
        RULE.TooManyVariables,
      );
    }
    return provided;
  };
}
