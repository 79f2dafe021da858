// --- Reading a token, as `diagnose` reads it ---------------------------------------------------

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

/**
 * What `diagnose` finds without a key, in the order it finds it; a rule reports its first
 * LIMITS.maxFindingsPerRule cases, then how many more.
 */
class Findings {
  constructor() {
    this.kept = [];
    this.counts = new Map();
  }

  /** An error, refused by `side` ("widget" or "server"), by default the side of the rule. */
  error(rule, message, side = WIDGET_RULES.has(rule) ? "widget" : "server") {
    this.push({ severity: 0, rule, side, message });
  }

  warning(rule, message) {
    this.push({ severity: 1, rule, side: null, message });
  }

  /** `finding.message` is text, or a function that makes it, called only if the finding is kept. */
  push(finding) {
    const count = (this.counts.get(finding.rule) ?? 0) + 1;
    this.counts.set(finding.rule, count);
    if (count > LIMITS.maxFindingsPerRule) return;
    if (typeof finding.message === "function") finding.message = finding.message();
    this.kept.push(finding);
  }

  /** The findings in order, each rule found too often followed by how many more times. */
  get list() {
    const max = LIMITS.maxFindingsPerRule;
    const seen = new Map();
    const list = [];
    for (const finding of this.kept) {
      const at = (seen.get(finding.rule) ?? 0) + 1;
      seen.set(finding.rule, at);
      list.push(finding);
      const more = this.counts.get(finding.rule) - max;
      if (at === max && more > 0) {
        list.push({
          ...finding,
          message: `and ${more} more finding${more === 1 ? "" : "s"} of rule \`${finding.rule}\` (the first ${max} are above)`,
        });
      }
    }
    return list;
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
    // The "did you mean" is worked out only for a finding that is reported.
    if (!VARIABLE_NAMES.has(name)) findings.error(RULE.UnknownVariable, () => unknownVariable(name));
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
