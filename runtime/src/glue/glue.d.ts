// --- The routes (the same for every context) -------------------------------------------------

/** One context variable of the work stream's schema. */
export interface ContextVariable {
  /** The exact, case-sensitive name. */
  readonly name: keyof Context & string;
  /** Text or Number, as the work stream types it. */
  readonly kind: "text" | "number";
  /** Whether it may be left out. */
  readonly optional: boolean;
  /** Whether agents see it. */
  readonly displayable: boolean;
  /** Its documentation; may be empty. */
  readonly doc: string;
}

/** The context variables, in order: the work stream's schema. */
export declare const contextVariables: readonly ContextVariable[];

/** One of the codes of {@link ErrorCode}. */
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

/** What {@link AuthTokenError} carries beside its code and reason. */
export interface AuthTokenErrorDetails {
  /** The first rule broken, as lwicontext's `diagnose` names it (`"expired"`). */
  rule?: string | null;
  /** Every rule broken, in `diagnose`'s order. */
  rules?: readonly string[];
  /** What each broken rule found, in plain words, in the same order. */
  reasons?: readonly string[];
  /** The token's last three characters: all an error shows of it. */
  tokenTail?: string;
  /** What failed underneath: a network error, or what `fetchToken` or `getContext` threw. */
  cause?: unknown;
}

/**
 * The error a token or context provider raises: the widget's code, Microsoft's exact message for
 * it as `message`, and why in plain words as `reason`.
 */
export declare class AuthTokenError extends Error {
  /**
   * @param code one of {@link ErrorCode}'s values; any other throws a RangeError
   * @param reason why, in plain words
   */
  constructor(code: ErrorCode, reason: string, details?: AuthTokenErrorDetails);
  /** `"AuthTokenError"`. */
  readonly name: "AuthTokenError";
  /** The widget's error code. */
  readonly code: ErrorCode;
  /** Microsoft's message for the code, word for word. */
  readonly message: string;
  /** Why, in plain words; for a refused token, what `diagnose` says of its first broken rule. */
  readonly reason: string;
  /**
   * The first rule broken, as `diagnose` names it (`"not_three_parts"`, `"expired"`); `"empty"`
   * for no token; null when no token rule applies (a provider that failed).
   */
  readonly rule: string | null;
  /** Every rule broken, in `diagnose`'s order: the widget's refusals first. */
  readonly rules: readonly string[];
  /** What each broken rule found, in the same order. */
  readonly reasons: readonly string[];
  /** The token's last three characters, or "" when there was no token. */
  readonly tokenTail: string;
}

/** A risk in a token that is accepted. */
export interface TokenWarning {
  /** The rule, as `diagnose` names it: `"milliseconds"`, `"long_lifetime"`, ... */
  readonly rule: string;
  /** What was found, in plain words. */
  readonly message: string;
}

/** What {@link checkToken} returns for a token the widget and Omnichannel would accept. */
export interface CheckedToken {
  /**
   * The token's lwicontexts, decoded: nested `{value, isDisplayable}` values unwrapped, null
   * values left out. `checkToken` checks the names and Omnichannel's limits, as Omnichannel
   * does, not each value's presence or type: a token from a server that writes this module's
   * encoding has the types the interface gives, and only the variables it sent.
   */
  readonly context: Readonly<Partial<Context>>;
  /** When the token expires, in Unix seconds (a 13-digit `exp` is read as milliseconds). */
  readonly expiresAt: number;
  /** Risks that do not stop the chat, in `diagnose`'s order. */
  readonly warnings: readonly TokenWarning[];
}

/** Options of {@link checkToken}. */
export interface CheckTokenOptions {
  /** The time to judge the token at, in Unix seconds; now by default. */
  now?: number;
}

/**
 * Checks a token as the live chat widget and Omnichannel's server would, without the key:
 * three base64url JSON parts, RS256, the required claims, `exp` not past (expired only when
 * now > exp), and lwicontexts against {@link contextVariables} and Omnichannel's limits. It
 * refuses exactly what lwicontext's `diagnose` calls an error without the key.
 *
 * @param jwt the token; null, undefined and "" are no token
 * @throws {AuthTokenError} code 3 for no token, code 4 for an invalid one
 */
export declare function checkToken(jwt: string | null | undefined, options?: CheckTokenOptions): CheckedToken;

/** What a {@link TokenSourceOptions.fetchToken} function is given. */
export interface FetchTokenArgs {
  /** Aborted when the source gives up waiting (`timeoutMs`). */
  readonly signal: AbortSignal;
}

/** Options of {@link createTokenSource} shared by both ways of fetching. */
export interface TokenSourceCommonOptions {
  /**
   * The token is fetched anew once it has fewer than this many seconds left; 60 by default. A
   * token that lives less than twice as long is kept for half of what it has left.
   */
  refreshMarginSeconds?: number;
  /** How long to wait for a token, in milliseconds; 8000 by default. Past it: code 2. */
  timeoutMs?: number;
  /** The clock, in Unix seconds; `Date.now() / 1000` by default. */
  now?: () => number;
}

/** A token source that fetches the token from a URL of the site's. */
export interface UrlTokenSourceOptions extends TokenSourceCommonOptions {
  /** The URL whose answer's body is the token as plain text; 401 or 403 mean "not signed in". */
  url: string | URL;
  /**
   * Options for `fetch`, over the defaults `{ credentials: "same-origin", cache: "no-store" }`;
   * a `signal` given here also aborts the fetch.
   */
  fetchInit?: RequestInit;
  /** The fetch function; `globalThis.fetch` by default. */
  fetch?: (input: string | URL, init?: RequestInit) => Promise<Response>;
  fetchToken?: never;
}

/** A token source that gets the token from a function of the page's. */
export interface FunctionTokenSourceOptions extends TokenSourceCommonOptions {
  /** Gets the token; null, undefined or "" when no one is signed in. */
  fetchToken: (args: FetchTokenArgs) => Promise<string | null | undefined> | string | null | undefined;
  url?: never;
  fetchInit?: never;
  fetch?: never;
}

/** Options of {@link createTokenSource}: a `url` or a `fetchToken` function. */
export type TokenSourceOptions = UrlTokenSourceOptions | FunctionTokenSourceOptions;

/** The held token, as {@link TokenSource.peek} shows it. */
export interface HeldToken {
  /** The token. */
  readonly token: string;
  /** When it expires, in Unix seconds. */
  readonly expiresAt: number;
  /** When the source fetches a fresh one, in Unix seconds. */
  readonly refreshAt: number;
  /** How many seconds until then, by the source's clock; 0 when due. */
  readonly refreshInSeconds: number;
}

/** Fetches, checks and caches the token. */
export interface TokenSource {
  /**
   * The token, checked by {@link checkToken}: the held one until its refresh time, else a fresh
   * one; concurrent calls share one fetch, and a failure is not kept.
   *
   * Rejects with an {@link AuthTokenError}: code 2 for a timeout, a network failure, a thrown
   * `fetchToken` or an HTTP status other than 2xx, 401 and 403; code 3 for 401, 403 or an empty
   * answer; code 4 for a token that fails {@link checkToken}.
   */
  getToken(): Promise<string>;
  /** Forgets the held token, for sign-out; a fetch under way is not kept. */
  clear(): void;
  /** The held token while it has not expired, else null. */
  peek(): HeldToken | null;
}

/**
 * A token source: from `url` (the body of the answer is the token) or from `fetchToken`.
 *
 * @throws {TypeError} when both or neither of `url` and `fetchToken` are given
 */
export declare function createTokenSource(options: TokenSourceOptions): TokenSource;

/** The part of `Microsoft.Omnichannel.LiveChatWidget.SDK` this module uses. */
export interface LiveChatWidgetSdk {
  /** Sets the provider the widget asks for the token. Throws if it is not a function. */
  setAuthTokenProvider(provider: (callback: (token: string) => void) => void): void;
}

/** Options of {@link installAuthTokenProvider}. */
export interface InstallOptions {
  /** The widget's SDK; by default `window.Microsoft.Omnichannel.LiveChatWidget.SDK` after `lcw:ready`. */
  sdk?: LiveChatWidgetSdk;
  /** Called with each failure; failures are also dispatched on `window` as `lcw:error`. */
  onError?: (error: AuthTokenError) => void;
  /** The window to wait on and dispatch to; `globalThis.window` by default. */
  window?: EventTarget & { Microsoft?: unknown };
}

/** What {@link installAuthTokenProvider} returns. */
export interface InstalledProvider {
  /** Settles once the first provider is set, or its failure reported. */
  readonly ready: Promise<void>;
  /** Stops waiting and refreshing; a provider already set stays set. */
  stop(): void;
  /** Sets a provider again, with a fresh token if the held one is due (after sign-in, say). */
  refresh(): Promise<void>;
}

/**
 * The `setAuthTokenProvider` route: waits for `lcw:ready` (or goes on at once when the SDK is
 * there), fetches the token first, then sets a provider that calls back with it synchronously,
 * and sets a fresh provider before that token is due. Failures go to `onError` and are
 * dispatched like the widget's own `lcw:error` event (`detail: {errorCode, errorDescription}`).
 */
export declare function installAuthTokenProvider(source: TokenSource, options?: InstallOptions): InstalledProvider;

/** Options of {@link authClientFunction}. */
export interface AuthClientFunctionOptions {
  /** Called with the failure when the callback gets null. */
  onError?: (error: AuthTokenError) => void;
}

/**
 * The function to put on `window` under the name the chat authentication settings give as the
 * "JavaScript client function": it calls `callback(token)`, or `callback(null)` on any failure,
 * exactly once, within the widget's time limit for the function (a second before it).
 */
export declare function authClientFunction(
  source: TokenSource,
  options?: AuthClientFunctionOptions,
): (callback: (token: string | null) => void) => void;

/**
 * `getAuthToken` for `@microsoft/omnichannel-chat-sdk`'s config and the React
 * `@microsoft/omnichannel-chat-widget`'s prop. Resolves the token, or null when no one is signed
 * in (code 3: the chat SDK then raises UndefinedAuthToken); rejects with the AuthTokenError for
 * codes 2 and 4 (the chat SDK then raises GetAuthTokenFailed). Extra arguments are ignored.
 */
export declare function chatSdkGetAuthToken(source: TokenSource): (...args: unknown[]) => Promise<string | null>;

/** What a context provider returns: each variable's value, and whether agents see it. */
export type ProvidedContext = {
  [Name in keyof Context]?: { value: Exclude<Context[Name], undefined>; isDisplayable: boolean };
};

/**
 * The provider that `setContextProvider` and the React widget's custom context take: calls
 * `getContext` and returns each variable as `{ value, isDisplayable }`, with isDisplayable from
 * the schema. Values are passed as they are; null and undefined leave a variable out.
 *
 * The provider throws an {@link AuthTokenError} with code 1 when `getContext` throws or returns
 * something else than an object of variables, or a value that is not a string, a finite number
 * or a boolean, a name that is not a context variable, or a value over Omnichannel's limits.
 */
export declare function contextProvider(getContext: () => Context): () => ProvidedContext;
