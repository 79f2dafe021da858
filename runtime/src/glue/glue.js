// --- The routes (the same for every context) -------------------------------------------------
//
// Everything below uses only the names defined above (contextVariables, ErrorCode,
// MESSAGES, LIMITS, RULE, WIDGET_RULES, PRIMITIVES_ONLY, LONE_SURROGATE_TEXT) and what browsers
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

// --- Reading a token, as `diagnose` reads it ---------------------------------------------------

/** Thrown inside the JSON readers; never leaves this module. */
const NOT_JSON = Object.freeze({ notJson: true });

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

function describe(error) {
  if (error instanceof Error) return error.message ? `${error.name}: ${error.message}` : error.name;
  return String(error);
}

function decodingTable(alphabet) {
  const table = new Int16Array(128).fill(-1);
  for (let i = 0; i < alphabet.length; i += 1) table[alphabet.charCodeAt(i)] = i;
  return table;
}

const LETTERS_AND_DIGITS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
const URL_SAFE = decodingTable(`${LETTERS_AND_DIGITS}-_`);
const STANDARD = decodingTable(`${LETTERS_AND_DIGITS}+/`);

/**
 * Base64 as the Rust `base64` crate decodes it: `padding` "none" refuses `=`, "indifferent"
 * takes canonical or partial padding; `trailingBits` allows set bits after the last byte.
 * `null` when it does not decode.
 */
function base64(text, table, padding, trailingBits) {
  const length = text.length;
  if (length === 0) return new Uint8Array(0);
  const symbol = (at) => {
    const c = text.charCodeAt(at);
    return c < 128 ? table[c] : -1;
  };
  const body = length - (length % 4 || 4);
  const bytes = [];
  for (let at = 0; at < body; at += 4) {
    const a = symbol(at);
    const b = symbol(at + 1);
    const c = symbol(at + 2);
    const d = symbol(at + 3);
    if (a < 0 || b < 0 || c < 0 || d < 0) return null;
    const n = a * 262144 + b * 4096 + c * 64 + d;
    bytes.push(n >> 16, (n >> 8) & 255, n & 255);
  }
  const morsels = [];
  let pads = 0;
  for (let k = 0; body + k < length; k += 1) {
    if (text.charCodeAt(body + k) === 61) {
      if (k < 2) return null;
      pads += 1;
      continue;
    }
    if (pads > 0) return null;
    const value = symbol(body + k);
    if (value < 0) return null;
    morsels.push(value);
  }
  if (morsels.length < 2) return null;
  if (padding === "none" && pads > 0) return null;
  const count = Math.floor((morsels.length * 6) / 8);
  const [a, b, c = 0, d = 0] = morsels;
  const n = a * 262144 + b * 4096 + c * 64 + d;
  if (!trailingBits && n % 2 ** (24 - count * 8) !== 0) return null;
  bytes.push(n >> 16, (n >> 8) & 255, n & 255);
  bytes.length -= 3 - count;
  return Uint8Array.from(bytes);
}

/** UTF-8 text, or NOT_JSON; a byte order mark stays, as JSON does not take one. */
function utf8(bytes) {
  try {
    return new TextDecoder("utf-8", { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    throw NOT_JSON;
  }
}

/**
 * A JSON reader that takes exactly what serde_json takes: like JSON.parse, but it refuses a
 * lone surrogate escape, a number too large for a double, and nesting deeper than 127.
 * `strict: false` only checks the syntax (as serde_json skips a value it keeps as text).
 */
class JsonReader {
  constructor(text) {
    this.text = text;
    this.at = 0;
  }

  fail() {
    throw NOT_JSON;
  }

  code() {
    return this.at < this.text.length ? this.text.charCodeAt(this.at) : -1;
  }

  space() {
    for (;;) {
      const c = this.code();
      if (c === 32 || c === 9 || c === 10 || c === 13) this.at += 1;
      else return;
    }
  }

  expect(c) {
    this.space();
    if (this.code() !== c) this.fail();
    this.at += 1;
  }

  end() {
    this.space();
    if (this.at !== this.text.length) this.fail();
  }

  /** A string; `strict` refuses lone surrogate escapes. */
  string(strict) {
    const start = this.at;
    this.at += 1;
    let escaped = false;
    for (;;) {
      const c = this.code();
      if (c === 34) break;
      if (c < 32) this.fail(); // the end of the text (-1) or a control character
      this.at += 1;
      if (c !== 92) continue;
      escaped = true;
      const e = this.code();
      if (e === 117) {
        if (!/^[0-9a-fA-F]{4}$/.test(this.text.slice(this.at + 1, this.at + 5))) this.fail();
        this.at += 5;
      } else if (e === 34 || e === 92 || e === 47 || e === 98 || e === 102 || e === 110 || e === 114 || e === 116) {
        this.at += 1;
      } else {
        this.fail();
      }
    }
    this.at += 1;
    const raw = this.text.slice(start, this.at);
    if (!escaped) return raw.slice(1, -1);
    const text = JSON.parse(raw);
    if (strict && LONE_SURROGATE.test(text)) this.fail();
    return text;
  }

  number(strict) {
    const start = this.at;
    const digits = () => {
      const from = this.at;
      while (this.code() >= 48 && this.code() <= 57) this.at += 1;
      return this.at - from;
    };
    if (this.code() === 45) this.at += 1;
    if (this.code() === 48) this.at += 1;
    else if (this.code() >= 49 && this.code() <= 57) digits();
    else this.fail();
    if (this.code() === 46) {
      this.at += 1;
      if (digits() === 0) this.fail();
    }
    if (this.code() === 101 || this.code() === 69) {
      this.at += 1;
      if (this.code() === 43 || this.code() === 45) this.at += 1;
      if (digits() === 0) this.fail();
    }
    const value = Number(this.text.slice(start, this.at));
    if (strict && !Number.isFinite(value)) this.fail();
    return value;
  }

  word(word, value) {
    if (this.text.startsWith(word, this.at)) {
      this.at += word.length;
      return value;
    }
    return this.fail();
  }

  scalar(strict) {
    const c = this.code();
    if (c === 34) return this.string(strict);
    if (c === 45 || (c >= 48 && c <= 57)) return this.number(strict);
    if (c === 116) return this.word("true", true);
    if (c === 102) return this.word("false", false);
    if (c === 110) return this.word("null", null);
    return this.fail();
  }

  /**
   * One value, as serde_json reads it into a `Value`; `level` is the nesting so far. `raw`
   * collects each member's JSON text of a top-level object.
   */
  value(level, raw) {
    this.space();
    const c = this.code();
    if (c !== 123 && c !== 91) return this.scalar(true);
    if (level + 1 >= 128) this.fail();
    this.at += 1;
    this.space();
    if (c === 91) {
      const array = [];
      if (this.code() === 93) {
        this.at += 1;
        return array;
      }
      for (;;) {
        array.push(this.value(level + 1, null));
        this.space();
        const next = this.code();
        this.at += 1;
        if (next === 93) return array;
        if (next !== 44) this.fail();
      }
    }
    const object = {};
    if (this.code() === 125) {
      this.at += 1;
      return object;
    }
    for (;;) {
      this.space();
      if (this.code() !== 34) this.fail();
      const name = this.string(true);
      this.expect(58);
      this.space();
      const start = this.at;
      define(object, name, this.value(level + 1, null));
      if (raw) raw.set(name, this.text.slice(start, this.at));
      this.space();
      const next = this.code();
      this.at += 1;
      if (next === 125) return object;
      if (next !== 44) this.fail();
    }
  }

  /** Checks one value's syntax and steps over it, at any depth (serde_json's ignore_value). */
  skip() {
    const open = [];
    const key = () => {
      this.space();
      if (this.code() !== 34) this.fail();
      this.string(false);
      this.expect(58);
    };
    for (;;) {
      this.space();
      const c = this.code();
      if (c === 123 || c === 91) {
        this.at += 1;
        this.space();
        if (this.code() === (c === 123 ? 125 : 93)) {
          this.at += 1;
        } else {
          open.push(c);
          if (c === 123) key();
          continue;
        }
      } else {
        this.scalar(false);
      }
      for (;;) {
        if (open.length === 0) return;
        this.space();
        const next = this.code();
        const inner = open[open.length - 1];
        this.at += 1;
        if (next === 44) {
          if (inner === 123) key();
          break;
        }
        if (next !== (inner === 123 ? 125 : 93)) this.fail();
        open.pop();
      }
    }
  }
}

/** A JSON value as serde_json reads it, or NOT_JSON thrown. */
function parseJson(text, raw = null) {
  const reader = new JsonReader(text);
  const value = reader.value(0, raw);
  reader.end();
  return value;
}

/**
 * lwicontexts as lwicontext's JsonContext reads it: a JSON object whose members are kept in
 * order, repeated names included, each value as its JSON text. `null` when it is not one.
 */
function contextEntries(text) {
  const reader = new JsonReader(text);
  try {
    reader.expect(123);
    const entries = [];
    reader.space();
    if (reader.code() === 125) {
      reader.at += 1;
    } else {
      for (;;) {
        reader.space();
        if (reader.code() !== 34) reader.fail();
        const name = reader.string(true);
        reader.expect(58);
        reader.space();
        const start = reader.at;
        reader.skip();
        entries.push({ name, json: text.slice(start, reader.at) });
        reader.space();
        const next = reader.code();
        reader.at += 1;
        if (next === 125) break;
        if (next !== 44) reader.fail();
      }
    }
    reader.end();
    return entries;
  } catch (error) {
    if (error === NOT_JSON) return null;
    throw error;
  }
}

/** A duration in the largest whole unit: "3 h", "15 min", "42 s". */
function human(seconds) {
  const s = Number(seconds);
  if (s >= 2 * 86400) return `${Math.floor(s / 86400)} days`;
  if (s >= 2 * 3600) return `${Math.floor(s / 3600)} h`;
  if (s >= 120 && s % 60 === 0) return `${s / 60} min`;
  if (s >= 120) return `${Math.floor(s / 60)} min ${s % 60} s`;
  return `${s} s`;
}

function isMilliseconds(date) {
  const from = BigInt(LIMITS.millisecondsFrom);
  return date >= from && date < from * 10n;
}

/** "iss, sub, iat and exp". */
function listed(names) {
  return names.length < 2 ? names.join("") : `${names.slice(0, -1).join(", ")} and ${names[names.length - 1]}`;
}

/** Levenshtein distance, by characters. */
function editDistance(a, b) {
  const left = Array.from(a);
  const right = Array.from(b);
  let previous = Array.from({ length: right.length + 1 }, (_, j) => j);
  left.forEach((ca, i) => {
    const current = new Array(right.length + 1).fill(i + 1);
    right.forEach((cb, j) => {
      current[j + 1] = Math.min(previous[j] + (ca === cb ? 0 : 1), previous[j + 1] + 1, current[j] + 1);
    });
    previous = current;
  });
  return previous[right.length];
}

/** The variable closest to `name`, when it is close enough to be a typo. */
function closest(name, names) {
  const lower = (text) => text.replace(/[A-Z]/g, (c) => c.toLowerCase());
  let best = null;
  let bestDistance = Infinity;
  for (const candidate of names) {
    const distance = lower(candidate) === lower(name) ? 0 : editDistance(name, candidate);
    const length = Array.from(candidate).length;
    if (distance <= Math.max(1, Math.floor(length / 3)) && distance < Math.min(length, Array.from(name).length)) {
      if (distance < bestDistance) {
        best = candidate;
        bestDistance = distance;
      }
    }
  }
  return best;
}

function unknownVariable(name) {
  const close = closest(name, VARIABLE_NAMES);
  return `context variable \`${name}\` is not one of the work stream's (names are exact and case-sensitive)${close === null ? "" : `; did you mean \`${close}\`?`}`;
}

/** What `diagnose` finds without a key, in the order it finds it. */
class Findings {
  constructor() {
    this.list = [];
  }

  /** An error, refused by `side` ("widget" or "server"), by default the side of the rule. */
  error(rule, message, side = WIDGET_RULES.has(rule) ? "widget" : "server") {
    this.list.push({ severity: 0, rule, side, message });
  }

  warning(rule, message) {
    this.list.push({ severity: 1, rule, side: null, message });
  }
}

/** A base64url JSON object, or a finding that says why not. */
function decodePart(findings, side, rule, what, part) {
  const bytes = base64(part.replace(/=+$/, ""), URL_SAFE, "none", false);
  if (bytes === null) {
    findings.error(rule, `the ${what} is not base64url`, side);
    return null;
  }
  const raw = new Map();
  let value;
  try {
    value = parseJson(utf8(bytes), raw);
  } catch (error) {
    if (error !== NOT_JSON) throw error;
    findings.error(rule, `the ${what} is not JSON`, side);
    return null;
  }
  if (!isObject(value)) {
    findings.error(rule, `the ${what} is JSON but not an object`, side);
    return null;
  }
  return { value, raw };
}

/**
 * Whether the widget's page script reads the payload: base64 after `-_` → `+/`, padded or not,
 * then JSON that is not null, false, 0 or "".
 */
function widgetReadsPayload(payload) {
  const bytes = base64(payload.replace(/-/g, "+").replace(/_/g, "/"), STANDARD, "indifferent", true);
  if (bytes === null) return false;
  let value;
  try {
    value = parseJson(utf8(bytes));
  } catch (error) {
    if (error !== NOT_JSON) throw error;
    return false;
  }
  if (value === null || value === false) return false;
  if (typeof value === "number") return value !== 0;
  if (typeof value === "string") return value !== "";
  return true;
}

/** Whether the header says RS256; a finding when not. */
function checkHeader(findings, header) {
  const alg = typeof header.alg === "string" ? header.alg : null;
  if (alg === "RS256") return true;
  if (alg === null) {
    findings.error(RULE.NotRs256, "the header has no alg; Omnichannel needs RS256");
  } else if (alg.startsWith("HS")) {
    findings.error(
      RULE.NotRs256,
      `alg is ${alg}: a shared-secret token (like the placeholder on Microsoft's setAuthTokenProvider page) is not a working token; Omnichannel accepts only RS256, signed with the site's RSA private key`,
    );
  } else {
    findings.error(RULE.NotRs256, `alg is ${alg}; Omnichannel accepts only RS256 ("Only RSA256 keys are supported")`);
  }
  return false;
}

/** A NumericDate claim as a BigInt of whole seconds, as written; a finding when it is not one. */
function numericDate(findings, claims, name) {
  if (!hasOwn(claims.value, name)) return null;
  const value = claims.value[name];
  const raw = claims.raw.get(name);
  let date = null;
  if (typeof value === "number") {
    if (/^[0-9]+$/.test(raw)) {
      date = BigInt(raw);
      if (date > U64_MAX) date = U64_MAX;
    } else if (Number.isFinite(value) && value >= 0) {
      date = value >= 2 ** 64 ? U64_MAX : BigInt(Math.trunc(value));
    }
  }
  if (date === null) {
    findings.error(RULE.MissingClaim, `${name} is ${shown(claims, name)}, not a NumericDate (seconds since 1970)`);
    return null;
  }
  if (isMilliseconds(date)) {
    const reading =
      name === "exp"
        ? "the widget reads this exp as milliseconds and accepts the token, but wherever exp is read as seconds, as JWT times are, a leaked token stays valid for millennia"
        : "JWT times are in seconds, and a verifier reads it so";
    findings.warning(
      RULE.Milliseconds,
      `${name} is ${date}, 13 digits: a time in milliseconds (${date / 1000n} in seconds); ${reading}`,
    );
  }
  return date;
}

/** JSON's text of a claim's value, as `diagnose` shows it. */
function shown(claims, name) {
  const value = claims.value[name];
  return typeof value === "number" ? claims.raw.get(name) : JSON.stringify(value);
}

/** `Number(text)` as `diagnose` reads a string `exp`: Rust's float grammar, else NaN. */
function numberOf(text) {
  const trimmed = rustTrim(text);
  if (trimmed === "") return 0;
  if (trimmed === "Infinity" || trimmed === "+Infinity") return Infinity;
  if (trimmed === "-Infinity") return -Infinity;
  if (!/^[+-]?([0-9]+\.?[0-9]*|\.[0-9]+)([eE][+-]?[0-9]+)?$/.test(trimmed)) return NaN;
  return Number(trimmed);
}

/**
 * When the widget's page script takes the token to expire, in whole seconds, reading `exp` as
 * its setToken and convertExpiration do: no expiry for a missing or falsy `exp`, milliseconds
 * when its JavaScript text has 13 characters (1800000840.25 too), and JavaScript's conversion to
 * a number for the rest. `null`: the widget never takes it to expire.
 */
function widgetExpiration(claims) {
  if (!hasOwn(claims.value, "exp")) return null;
  const exp = claims.value.exp;
  let length;
  let number;
  if (typeof exp === "number") {
    const raw = claims.raw.get("exp");
    number = exp;
    length = /^-?[0-9]+$/.test(raw) && BigInt(raw) <= U64_MAX && BigInt(raw) >= -(2n ** 63n)
      ? BigInt(raw).toString().length
      : String(exp).length;
  } else if (typeof exp === "string") {
    length = exp.length;
    number = numberOf(exp);
  } else if (exp === true) {
    length = 4;
    number = 1;
  } else {
    return null;
  }
  const expiration = length === 13 ? Math.floor(number / 1000) : number;
  if (!(expiration > 0)) return null;
  return expiration >= 2 ** 64 ? U64_MAX : BigInt(Math.trunc(expiration));
}

/** The claims' checks; when the widget takes the token to expire, in Unix seconds. */
function checkClaims(findings, claims, now) {
  for (const name of LIMITS.requiredClaims) {
    if (!hasOwn(claims.value, name)) {
      findings.error(
        RULE.MissingClaim,
        `the ${name} claim is missing; Omnichannel requires ${listed(LIMITS.requiredClaims)}`,
      );
      continue;
    }
    const value = claims.value[name];
    if ((name === "iss" || name === "sub") && typeof value !== "string") {
      findings.error(RULE.MissingClaim, `${name} is ${shown(claims, name)}, not a string`);
    } else if (value === "") {
      findings.error(RULE.MissingClaim, `${name} is empty`);
    }
  }
  const iat = numericDate(findings, claims, "iat");
  // Omnichannel's server reads exp as seconds; the widget's page script reads it its own way.
  const exp = numericDate(findings, claims, "exp");
  const widgetExp = widgetExpiration(claims);
  const nbf = numericDate(findings, claims, "nbf");
  // Expired once now > exp: still good during second exp itself.
  if (widgetExp !== null && now > widgetExp) {
    const reading = exp === widgetExp ? "" : `, read by the widget as ${widgetExp}`;
    findings.error(
      RULE.Expired,
      `expired ${human(now - widgetExp)} ago (exp ${shown(claims, "exp")}${reading}, now ${now})`,
    );
  } else if (exp !== null && now > exp) {
    findings.error(
      RULE.Expired,
      `expired ${human(now - exp)} ago for Omnichannel's server, which reads exp ${exp} as seconds (now ${now}); the widget reads no expiry in it`,
      "server",
    );
  }
  if (nbf !== null && nbf > now) {
    findings.error(RULE.NotYetValid, `not valid for another ${human(nbf - now)} (nbf ${nbf}, now ${now})`);
  }
  if (iat !== null && iat > now) {
    findings.warning(
      RULE.IssuedInFuture,
      `issued ${human(iat - now)} in the future (iat ${iat}, now ${now}): is the server's clock right?`,
    );
  }
  const until = widgetExp ?? exp;
  if (iat !== null && until !== null && until > iat && until - iat > BigInt(LIMITS.longLifetimeSeconds)) {
    findings.warning(
      RULE.LongLifetime,
      `valid for ${human(until - iat)}: a leaked token stays usable that long; minutes are enough, since a fresh one is fetched for each chat`,
    );
  }
  const identity = LIMITS.identityClaims.filter((name) => hasOwn(claims.value, name));
  if (identity.length > 0) {
    findings.warning(
      RULE.IdentityClaims,
      `identity data as top-level claims (${identity.join(", ")}): it belongs in lwicontexts, as context variables`,
    );
  }
  return widgetExp ?? exp;
}

/** The context's checks against the schema and Omnichannel's limits; its entries, decoded. */
function checkContext(findings, claims) {
  if (!hasOwn(claims.value, "lwicontexts")) return [];
  const text = claims.value.lwicontexts;
  if (typeof text !== "string") {
    findings.error(
      RULE.ContextNotString,
      "lwicontexts is not a string: it must be a serialized JSON object (a string holding JSON), not the object itself",
    );
    return null;
  }
  const entries = contextEntries(text);
  if (entries === null) {
    findings.error(RULE.ContextNotObject, "lwicontexts is not a JSON object of context variables");
    return null;
  }
  if (entries.length > LIMITS.maxVariables) {
    findings.error(
      RULE.TooManyVariables,
      `${entries.length} context variables; Omnichannel takes at most ${LIMITS.maxVariables} in one chat session`,
    );
  }
  const seen = new Set();
  const repeated = entries.find(({ name }) => seen.size === seen.add(name).size);
  if (repeated) {
    findings.error(
      RULE.RepeatedVariable,
      `context variable \`${repeated.name}\`: given more than once; each variable is sent once; which value counts is not defined`,
    );
  }
  const decoded = [];
  for (const { name, json } of entries) {
    let value;
    try {
      value = parseJson(json);
    } catch (error) {
      if (error !== NOT_JSON) throw error;
      // JSON, but no Unicode text: a lone surrogate escape (or what serde_json also refuses).
      findings.error(
        RULE.NotPrimitive,
        `context variable \`${name}\`: its value is ${LONE_SURROGATE_TEXT}, and ${PRIMITIVES_ONLY}`,
      );
      continue;
    }
    if (name.length === 0 || name.length > LIMITS.maxNameChars) {
      findings.error(
        RULE.InvalidName,
        `context variable \`${name}\`: its name has ${name.length} characters; a name has 1 to ${LIMITS.maxNameChars}`,
      );
    }
    // The nested form, {"value": ..., "isDisplayable": ...}, wraps the value.
    if (isObject(value) && hasOwn(value, "value")) value = value.value;
    if (Array.isArray(value) || isObject(value)) {
      const found = Array.isArray(value) ? "an array" : "an object";
      findings.error(RULE.NotPrimitive, `context variable \`${name}\`: its value is ${found}, and ${PRIMITIVES_ONLY}`);
    } else if (typeof value === "string" && value.length > LIMITS.maxValueChars) {
      findings.error(
        RULE.ValueTooLong,
        `context variable \`${name}\`: its value has ${value.length} characters; a value holds at most ${LIMITS.maxValueChars}`,
      );
    }
    if (!VARIABLE_NAMES.has(name)) findings.error(RULE.UnknownVariable, unknownVariable(name));
    decoded.push({ name, value });
  }
  return decoded;
}

/** Whether the signature part could be an RS256 signature; a finding when not. */
function checkSignature(findings, signature) {
  const bytes = base64(signature, URL_SAFE, "none", false);
  const minimum = LIMITS.minSignatureBytes;
  if (signature === "") {
    findings.error(RULE.BadSignature, "no signature: the token is unsigned, and Omnichannel refuses unsigned tokens");
  } else if (bytes === null) {
    findings.error(RULE.BadSignature, "the signature is not base64url");
  } else if (bytes.length < minimum) {
    findings.error(
      RULE.BadSignature,
      `the signature has ${bytes.length} bytes; an RS256 signature by a key of ${minimum * 8} bits or more has at least ${minimum}`,
    );
  }
}

/** Everything `diagnose` checks without a key, in its order; the findings, unsorted. */
function examine(token, now, findings) {
  if (token === "") {
    findings.error(RULE.Empty, "no token: the provider gave nothing (null, undefined or an empty string)");
    return null;
  }
  const trimmed = rustTrim(token);
  const word = {
    "": "white space is not a token",
    null: "the text `null` is not a token: the provider handed over the word, not the value null (an empty answer read as text?)",
    undefined: "the text `undefined` is not a token: the provider handed over the word, not the value undefined",
  };
  if (hasOwn(word, trimmed)) {
    findings.error(
      RULE.NotThreeParts,
      `${word[trimmed]}; the widget calls only null, undefined and "" no token, and any text a token to check`,
    );
    return null;
  }
  const parts = trimmed.split(".");
  if (parts.length !== 3) {
    findings.error(
      RULE.NotThreeParts,
      `not a JWT: ${parts.length} dot-separated part${parts.length === 1 ? "" : "s"} instead of three (header.payload.signature)`,
    );
    return null;
  }
  const [headerPart, payloadPart, signaturePart] = parts;
  const header = decodePart(findings, "server", RULE.BadHeader, "header", headerPart);
  const rs256 = header !== null && checkHeader(findings, header.value);
  // A payload the widget can read (`42`, padded base64) reaches the server, which refuses it.
  const side = widgetReadsPayload(payloadPart) ? "server" : "widget";
  const claims = decodePart(findings, side, RULE.BadPayload, "payload", payloadPart);
  let result = null;
  if (claims !== null) {
    const exp = checkClaims(findings, claims, now);
    const entries = checkContext(findings, claims);
    result = { exp, entries };
  }
  if (rs256) checkSignature(findings, signaturePart);
  return result;
}

/** The context as the type describes it: nested values unwrapped, nulls left out. */
function contextOf(entries) {
  const context = {};
  for (const { name, value } of entries) {
    if (value !== null) define(context, name, value);
  }
  return context;
}

/**
 * Checks a token as the live chat widget and Omnichannel's server would, without the key:
 * exactly what lwicontext's `diagnose` calls an error without a key and with this module's
 * context variables as the schema. Returns `{ context, expiresAt, warnings }`, or throws an
 * AuthTokenError: code 3 for no token (null, undefined or ""), code 4 otherwise.
 */
export function checkToken(jwt, options = {}) {
  const now = options.now === undefined ? Math.floor(Date.now() / 1000) : options.now;
  if (typeof now !== "number" || !Number.isFinite(now) || now < 0) {
    throw new TypeError("checkToken: now must be Unix seconds, a finite number of 0 or more");
  }
  const token = jwt === null || jwt === undefined ? "" : jwt;
  if (typeof token !== "string") {
    throw new AuthTokenError(ErrorCode.InvalidToken, `the token is ${what(token)}, not text`, {
      rule: RULE.NotThreeParts,
    });
  }
  const findings = new Findings();
  const result = examine(token, BigInt(Math.floor(now)), findings);
  // Errors first, and among them the widget's: it refuses before the server sees anything.
  const sorted = findings.list
    .map((finding, index) => ({ finding, index }))
    .sort(
      (a, b) =>
        a.finding.severity - b.finding.severity ||
        Number(a.finding.side !== "widget") - Number(b.finding.side !== "widget") ||
        a.index - b.index,
    )
    .map(({ finding }) => finding);
  const errors = sorted.filter((finding) => finding.severity === 0);
  if (errors.length > 0) {
    const code = errors[0].rule === RULE.Empty ? ErrorCode.NoToken : ErrorCode.InvalidToken;
    throw new AuthTokenError(code, errors[0].message, {
      rule: errors[0].rule,
      rules: errors.map((finding) => finding.rule),
      reasons: errors.map((finding) => finding.message),
      tokenTail: tail(rustTrim(token)),
    });
  }
  return {
    context: contextOf(result.entries),
    expiresAt: Number(result.exp),
    warnings: sorted
      .filter((finding) => finding.severity === 1)
      .map(({ rule, message }) => Object.freeze({ rule, message })),
  };
}

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
