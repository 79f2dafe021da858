// --- What every module holds after its schema (the same for every context) --------------------
//
// Everything below uses only the names defined above (contextVariables, ErrorCode, MESSAGES,
// LIMITS, RULE, WIDGET_RULES, PRIMITIVES_ONLY, LONE_SURROGATE_TEXT, NO_TEXT) and what browsers
// and node both have (fetch, AbortController, TextDecoder, setTimeout, CustomEvent). Nothing here
// logs a token: an error shows at most its last three characters (`tokenTail`).

/** The names of the context variables, for lookups. */
const VARIABLE_NAMES = new Set(contextVariables.map((variable) => variable.name));

/** Whether agents see each variable. */
const DISPLAYABLE = new Map(contextVariables.map((variable) => [variable.name, variable.displayable]));

/**
 * The widget gives the "JavaScript client function" LIMITS.authCallbackSeconds to call back;
 * `authClientFunction` calls back with `null` a second before that.
 */
const CALLBACK_LIMIT_MS = (LIMITS.authCallbackSeconds - 1) * 1000;

/** A failed refresh is tried again after 1 s, then twice as long each time, up to 30 s. */
const RETRY_FIRST_MS = 1000;
const RETRY_MAX_MS = 30000;

/** setTimeout takes at most 2^31 − 1 ms; longer waits are made of several. */
const MAX_TIMER_MS = 2147483647;

/**
 * The error a token provider raises, with the live chat widget's code and Microsoft's exact
 * message for it; `reason` says why in plain words.
 */
export class AuthTokenError extends Error {
  /**
   * @param {number} code one of ErrorCode's values
   * @param {string} reason why, in plain words
   * @param {{rule?: string | null, rules?: string[], reasons?: string[], tokenTail?: string, cause?: unknown}} [details]
   */
  constructor(code, reason, details = {}) {
    if (!Object.prototype.hasOwnProperty.call(MESSAGES, code)) {
      throw new RangeError(`${code} is not one of ErrorCode's values`);
    }
    super(MESSAGES[code], "cause" in details ? { cause: details.cause } : undefined);
    this.name = "AuthTokenError";
    this.code = code;
    this.reason = String(reason);
    this.rule = details.rule ?? null;
    this.rules = Object.freeze(details.rules ? [...details.rules] : this.rule ? [this.rule] : []);
    this.reasons = Object.freeze(details.reasons ? [...details.reasons] : [this.reason]);
    this.tokenTail = details.tokenTail ?? "";
  }
}

/** White space as Rust's `str::trim` sees it (Unicode White_Space). */
const RUST_WHITE_SPACE =
  /^[\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+|[\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+$/g;

/** A UTF-16 surrogate without its other half. */
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

const U64_MAX = 18446744073709551615n;

function rustTrim(text) {
  return text.replace(RUST_WHITE_SPACE, "");
}

/** The last three characters of a token: all a message may show of it. */
function tail(token) {
  return Array.from(token).slice(-3).join("");
}

function hasOwn(object, name) {
  return Object.prototype.hasOwnProperty.call(object, name);
}

function isObject(value) {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

/** Sets a property even when it is named `__proto__`. */
function define(object, name, value) {
  Object.defineProperty(object, name, { value, enumerable: true, writable: true, configurable: true });
}

/** "a number", "an object", "undefined": what a value is, in words. */
function what(value) {
  if (value === null || value === undefined) return String(value);
  if (Array.isArray(value)) return "an array";
  return typeof value === "object" ? "an object" : `a ${typeof value}`;
}

/** What a thrown value says of itself: an Error's name and message, anything else String(). */
function describe(error) {
  if (error instanceof Error) return error.message ? `${error.name}: ${error.message}` : error.name;
  try {
    return String(error);
  } catch {
    // Only an object that cannot become text (Object.create(null)) gets here.
    return NO_TEXT;
  }
}
