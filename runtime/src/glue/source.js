// --- The token source ---------------------------------------------------------------------------

function asAuthTokenError(error) {
  if (error instanceof AuthTokenError) return error;
  return new AuthTokenError(ErrorCode.ProviderFailed, `the token provider failed: ${describe(error)}`, {
    cause: error,
  });
}

/** Throws `error` where the page sees uncaught errors, without breaking the caller. */
function rethrowLater(error) {
  if (typeof globalThis.reportError === "function") {
    globalThis.reportError(error);
  } else {
    setTimeout(() => {
      throw error;
    }, 0);
  }
}

/** Runs `run` after `ms` milliseconds, however long; returns what cancels it. */
function later(ms, run) {
  let timer;
  const arm = (left) => {
    timer = setTimeout(() => (left > MAX_TIMER_MS ? arm(left - MAX_TIMER_MS) : run()), Math.min(left, MAX_TIMER_MS));
  };
  arm(Math.max(0, ms));
  return () => clearTimeout(timer);
}

/**
 * Fetches, checks and caches the token: from `url` (the answer's body is the token as text), or
 * from `fetchToken` (an async function that returns the token, or null or "" when no one is
 * signed in).
 */
export function createTokenSource(options) {
  const {
    url,
    fetchToken,
    fetchInit,
    refreshMarginSeconds = 60,
    timeoutMs = 8000,
    now = () => Date.now() / 1000,
    fetch: fetchFunction,
  } = options ?? {};
  if ((url === undefined || url === null) === (fetchToken === undefined || fetchToken === null)) {
    throw new TypeError("createTokenSource: give either url or fetchToken");
  }
  if (fetchToken != null && typeof fetchToken !== "function") {
    throw new TypeError("createTokenSource: fetchToken must be a function");
  }
  if (typeof refreshMarginSeconds !== "number" || !(refreshMarginSeconds >= 0) || !Number.isFinite(refreshMarginSeconds)) {
    throw new TypeError("createTokenSource: refreshMarginSeconds must be a finite number of 0 or more");
  }
  if (typeof timeoutMs !== "number" || !(timeoutMs > 0)) {
    throw new TypeError("createTokenSource: timeoutMs must be a number above 0");
  }
  if (typeof now !== "function") throw new TypeError("createTokenSource: now must be a function");

  /** The held token: { token, expiresAt, refreshAt }. */
  let held = null;
  /** The fetch under way, shared by every caller. */
  let pending = null;
  /** Raised by clear(): a fetch started before it is not kept. */
  let generation = 0;

  async function fromUrl(signal) {
    const fetching = fetchFunction ?? globalThis.fetch;
    let response;
    try {
      response = await fetching(url, { credentials: "same-origin", cache: "no-store", ...fetchInit, signal });
    } catch (error) {
      if (signal.aborted) throw signal.reason;
      throw new AuthTokenError(ErrorCode.ProviderFailed, `fetching the token failed: ${describe(error)}`, {
        cause: error,
      });
    }
    const status = response.status;
    if (status === 401 || status === 403) {
      throw new AuthTokenError(ErrorCode.NoToken, `the token URL answered HTTP ${status}: no one is signed in`, {
        rule: RULE.Empty,
      });
    }
    if (!(status >= 200 && status <= 299)) {
      throw new AuthTokenError(ErrorCode.ProviderFailed, `the token URL answered HTTP ${status}`);
    }
    let body;
    try {
      body = await response.text();
    } catch (error) {
      if (signal.aborted) throw signal.reason;
      throw new AuthTokenError(ErrorCode.ProviderFailed, `reading the token URL's answer failed: ${describe(error)}`, {
        cause: error,
      });
    }
    // The line end after the token is not part of it.
    return body.replace(/[\r\n]+$/, "");
  }

  async function fromFunction(signal) {
    try {
      return await fetchToken({ signal });
    } catch (error) {
      if (signal.aborted) throw signal.reason;
      throw new AuthTokenError(ErrorCode.ProviderFailed, `fetchToken failed: ${describe(error)}`, { cause: error });
    }
  }

  async function fetchChecked() {
    const controller = new AbortController();
    const outer = fetchInit?.signal;
    const abortWith = (reason) => controller.abort(reason);
    const onOuterAbort = () =>
      abortWith(new AuthTokenError(ErrorCode.ProviderFailed, "fetching the token was aborted", { cause: outer.reason }));
    if (outer) {
      if (outer.aborted) onOuterAbort();
      else outer.addEventListener("abort", onOuterAbort, { once: true });
    }
    let cancelTimer;
    const timeout = new Promise((_, reject) => {
      cancelTimer = later(timeoutMs, () => {
        const error = new AuthTokenError(ErrorCode.ProviderFailed, `no token within ${timeoutMs} ms`);
        abortWith(error);
        reject(error);
      });
    });
    let answer;
    try {
      const obtaining = url != null ? fromUrl(controller.signal) : fromFunction(controller.signal);
      answer = await Promise.race([obtaining, timeout]);
    } finally {
      cancelTimer();
      outer?.removeEventListener?.("abort", onOuterAbort);
    }
    if (answer === null || answer === undefined || answer === "") {
      throw new AuthTokenError(
        ErrorCode.NoToken,
        url != null ? "the token URL's answer was empty: no one is signed in" : "fetchToken gave no token: no one is signed in",
        { rule: RULE.Empty },
      );
    }
    const checkedAt = now();
    const { expiresAt } = checkToken(answer, { now: Math.floor(checkedAt) });
    // A token that lives less than twice the margin is kept for half of what it has left.
    const margin = Math.min(refreshMarginSeconds, Math.max(0, (expiresAt - checkedAt) / 2));
    // The token as checked: white space around it (a line end after a body) is not handed over.
    return { token: rustTrim(answer), expiresAt, refreshAt: expiresAt - margin };
  }

  function getToken() {
    if (held !== null && now() < held.refreshAt) return Promise.resolve(held.token);
    if (pending !== null) return pending;
    const started = generation;
    const attempt = fetchChecked().then((fresh) => {
      if (started === generation) held = fresh;
      return fresh.token;
    });
    pending = attempt;
    const settled = () => {
      if (pending === attempt) pending = null;
    };
    attempt.then(settled, settled);
    return attempt;
  }

  return Object.freeze({
    getToken,
    clear() {
      held = null;
      pending = null;
      generation += 1;
    },
    peek() {
      const at = now();
      if (held === null || at > held.expiresAt) return null;
      return Object.freeze({ ...held, refreshInSeconds: Math.max(0, held.refreshAt - at) });
    },
  });
}
