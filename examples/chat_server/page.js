// The demo page's script: hands the chat token to the live chat widget with lwicontext's generated
// glue, served by the server at /chat/chat_context.js (never a copy), and shows the outcome.
//
// Each button is one run, as on a fresh visit: the widget's token provider is removed, a token
// source is made for the button's URL, and `installAuthTokenProvider` fetches and checks the token
// and hands it to `setAuthTokenProvider`. If the glue reports an error, the widget never got a
// token and the run ends there. Otherwise the page calls `SDK.startChat()`: the widget (here the
// stand-in, /standin.js) sends the token on, and the answer of the demo's Omnichannel shows either
// the context as an agent sees it or the refusal.
//
// Nothing here writes a whole token anywhere: at most its last three characters.
import * as glue from "/chat/chat_context.js";

const { contextVariables, createTokenSource, installAuthTokenProvider } = glue;

const SCENARIOS = {
  happy: { title: "Start chat", url: "/chat/token" },
  fail: { title: "Token endpoint fails", url: "/demo/token/fail" },
  empty: { title: "Token endpoint returns nothing", url: "/demo/token/empty" },
  expired: { title: "Expired token", url: "/demo/token/expired" },
  wrong_key: { title: "Wrongly signed token", url: "/demo/token/wrong_key" },
};

const SIDES = {
  widget: "The widget refuses",
  server: "Omnichannel's server refuses",
};

const VARIABLES = new Map(contextVariables.map((variable) => [variable.name, variable]));

// For the browser test and the curious: the glue's exports as this page imported them.
window.lwicontextDemo = Object.freeze({
  glue,
  glueUrl: new URL("/chat/chat_context.js", import.meta.url).href,
});

const $ = (selector) => document.querySelector(selector);
const resultBox = $("#result");
const statusLine = $("#widget-status");
const eventLog = $("#event-log");
const buttons = [...document.querySelectorAll("button[data-scenario]")];

/** An element with attributes and children (strings become text: never parsed as HTML). */
function h(tag, attributes = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value !== undefined && value !== null) element.setAttribute(name, String(value));
  }
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    element.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return element;
}

const code = (text) => h("code", {}, text);

// --- The event log: what the page sees on window -----------------------------------------------

const startedAt = performance.now();

function logEvent(type, text, className) {
  const seconds = ((performance.now() - startedAt) / 1000).toFixed(2);
  const entry = h("li", { "data-testid": "event", "data-type": type, class: className }, `${seconds} s  ${text}`);
  eventLog.append(entry);
  while (eventLog.children.length > 60) eventLog.firstElementChild.remove();
}

window.addEventListener("lcw:ready", () => logEvent("lcw:ready", "lcw:ready"));
window.addEventListener("lcw:startChat", () => logEvent("lcw:startChat", "lcw:startChat"));
window.addEventListener("lcw:error", (event) => {
  const { errorCode, errorDescription } = event.detail ?? {};
  logEvent("lcw:error", `lcw:error { errorCode: ${errorCode}, errorDescription: "${errorDescription}" }`);
});
window.addEventListener("lwicontext-standin:omnichannel", (event) => {
  const diagnosis = event.detail?.diagnosis;
  logEvent(
    "lwicontext-standin:omnichannel",
    `(stand-in) Omnichannel ${diagnosis?.accepted ? "accepts" : "refuses"} the token …${diagnosis?.tokenTail ?? ""}`,
  );
});

// --- The schema table --------------------------------------------------------------------------

$("#schema-rows").append(
  ...contextVariables.map((variable) =>
    h(
      "tr",
      { "data-name": variable.name },
      h("th", { scope: "row" }, code(variable.name), variable.doc ? h("span", { class: "doc" }, variable.doc) : null),
      h("td", {}, variable.kind === "number" ? "Number" : "Text"),
      h("td", {}, variable.optional ? "no" : "yes"),
      h("td", {}, variable.displayable ? "yes" : "no"),
    ),
  ),
);

// --- The hand-over: the generated JavaScript, or the Rust front end built to wasm --------------

// At /?glue=wasm the token is handed over by examples/wasm_frontend, a Rust front end built to
// WebAssembly by scripts/build-wasm and served at /wasm/; otherwise by the generated glue.
const GLUE = new URLSearchParams(location.search).get("glue") === "wasm" ? "wasm" : "js";
document.documentElement.dataset.glue = GLUE;

/** The generated glue: a token source for `url`, handed to setAuthTokenProvider. */
async function jsHandOver(url) {
  let error = null;
  const installed = installAuthTokenProvider(createTokenSource({ url }), {
    onError: (failure) => {
      error = failure;
    },
  });
  await installed.ready;
  return { installed, error };
}

/** The Rust front end's `handOver`, which resolves the running provider or rejects. */
async function wasmHandOver() {
  const wasm = await import("/wasm/wasm_frontend.js");
  await wasm.default();
  return async (url) => {
    try {
      return { installed: await wasm.handOver(url), error: null };
    } catch (error) {
      return { installed: null, error };
    }
  };
}

const handOverLoaded = GLUE === "wasm" ? wasmHandOver() : Promise.resolve(jsHandOver);

// --- The widget --------------------------------------------------------------------------------

function findSdk() {
  return window.Microsoft?.Omnichannel?.LiveChatWidget?.SDK ?? null;
}

const widgetReady = new Promise((resolve) => {
  if (findSdk()) resolve(findSdk());
  else window.addEventListener("lcw:ready", () => resolve(findSdk()), { once: true });
});

handOverLoaded.catch((error) => {
  statusLine.dataset.ready = "false";
  statusLine.replaceChildren(`The wasm front end did not load (${error.message}): build it with scripts/build-wasm.`);
});

Promise.all([widgetReady, handOverLoaded]).then(() => {
  const standIn = Boolean(window.LwicontextStandin?.standIn);
  statusLine.dataset.ready = "true";
  statusLine.replaceChildren(
    "The widget is ready (",
    code("lcw:ready"),
    standIn ? "), the stand-in of /standin.js" : "), Microsoft's hosted script",
    GLUE === "wasm" ? "; the token is handed over by the Rust front end built to wasm." : ".",
  );
  for (const button of buttons) button.disabled = false;
});

for (const button of buttons) {
  button.addEventListener("click", () => run(button.dataset.scenario));
}

// --- One run -----------------------------------------------------------------------------------

let installed = null;
let runs = 0;

async function run(name) {
  const scenario = SCENARIOS[name];
  const sdk = await widgetReady;
  runs += 1;
  for (const button of buttons) button.disabled = true;
  resultBox.dataset.state = "running";
  resultBox.dataset.scenario = name;
  resultBox.dataset.run = String(runs);
  delete resultBox.dataset.errorCode;
  resultBox.setAttribute("aria-busy", "true");
  resultBox.replaceChildren(h("p", {}, `${scenario.title}: fetching the token from `, code(scenario.url), "…"));
  logEvent("run", `— ${scenario.title} (${scenario.url}) —`, "run");

  // What the page sees: every lcw:error raised during the run, by the glue or by the widget.
  const raised = [];
  const onError = (event) => raised.push(event.detail);
  window.addEventListener("lcw:error", onError);
  try {
    // A fresh start: no provider from an earlier run, no refresh timer left over.
    installed?.stop();
    if (typeof sdk.removeAuthTokenProvider === "function") sdk.removeAuthTokenProvider();

    const handOver = await handOverLoaded;
    const handedOver = await handOver(scenario.url);
    installed = handedOver.installed;
    const glueError = handedOver.error;
    if (glueError) {
      showGlueError(scenario, glueError, raised.at(-1));
      return;
    }

    const outcome = await sdk.startChat();
    if (!outcome) {
      // Microsoft's real script returns nothing to wait on: its chat window tells the rest.
      showResult("handed-over", scenario, [
        h(
          "p",
          {},
          "The token was handed to Microsoft's widget, which starts the chat in its own window; " +
            "if it refuses the token, its lcw:error shows in the events below.",
        ),
      ]);
    } else if (outcome.started) {
      showAccepted(scenario, outcome.diagnosis);
    } else {
      showWidgetError(scenario, outcome, raised.at(-1));
    }
  } catch (error) {
    showResult("failed", scenario, [
      h("h3", {}, "The demo itself failed"),
      h("p", { "data-testid": "error-explanation" }, String(error?.message ?? error)),
    ]);
  } finally {
    window.removeEventListener("lcw:error", onError);
    resultBox.setAttribute("aria-busy", "false");
    for (const button of buttons) button.disabled = false;
  }
}

function showResult(state, scenario, children, errorCode) {
  resultBox.replaceChildren(
    h("p", { class: "scenario-name" }, `${scenario.title} · `, code(scenario.url)),
    ...children.flat().filter((child) => child !== null && child !== undefined && child !== false),
  );
  if (errorCode !== undefined) resultBox.dataset.errorCode = String(errorCode);
  resultBox.dataset.state = state;
}

/** The heading of a refusal: the lcw:error the page saw, with Microsoft's message. */
function errorHeading(detail) {
  return h(
    "h3",
    {},
    code("lcw:error"),
    " ",
    h("span", { class: "code", "data-testid": "error-code" }, detail.errorCode),
    ": “",
    h("span", { "data-testid": "error-message" }, detail.errorDescription),
    "”",
  );
}

const tokenTail = (tail) =>
  tail ? h("p", {}, "Token …", h("code", { "data-testid": "token-tail" }, tail), " (its last three characters).") : null;

/** The broken rules, as lwicontext names them, each with who refuses the token. */
function ruleList(findings) {
  if (!findings.length) return null;
  return h(
    "p",
    { class: "rules" },
    findings.length === 1 ? "Rule: " : "Rules: ",
    findings.map((finding, index) => [
      index ? ", " : null,
      h(
        "code",
        { "data-testid": "finding", "data-rule": finding.rule, "data-refused-by": finding.refusedBy },
        finding.rule,
      ),
    ]),
  );
}

/** The glue refused or could not get the token: the widget was given nothing. */
function showGlueError(scenario, error, detail) {
  detail ??= { errorCode: error.code, errorDescription: error.message };
  const reasons = error.reasons.length ? error.reasons : [error.reason];
  showResult(
    "refused",
    scenario,
    [
      errorHeading(detail),
      h(
        "p",
        { class: "source", "data-testid": "error-source", "data-source": "glue" },
        "Raised on the page by the glue (",
        code("installAuthTokenProvider"),
        error.rule ? [" → ", code("checkToken"), ", which makes the widget's own checks"] : null,
        ") before the widget got a token: no provider was set, so no chat starts.",
      ),
      h("h4", {}, "Why (lwicontext)"),
      h("div", { "data-testid": "error-explanation" }, reasons.map((reason) => h("p", {}, reason))),
      ruleList(error.rules.map((rule) => ({ rule, refusedBy: "page" }))),
      tokenTail(error.tokenTail),
    ],
    detail.errorCode,
  );
}

/** The widget raised the error: its own checks, or Omnichannel's server refused the token. */
function showWidgetError(scenario, outcome, detail) {
  detail ??= { errorCode: outcome.errorCode, errorDescription: "" };
  const diagnosis = outcome.diagnosis;
  const errors = diagnosis ? diagnosis.findings.filter((finding) => finding.severity === "error") : [];
  const byServer = errors.some((finding) => finding.refusedBy === "server");
  const children = [
    errorHeading(detail),
    h(
      "p",
      { class: "source", "data-testid": "error-source", "data-source": byServer ? "server" : "widget" },
      byServer
        ? "Raised by the widget after Omnichannel's server refused the token. The page's checkToken has no key, so it let the token through."
        : "Raised by the widget, before anything was sent.",
    ),
  ];
  if (diagnosis) {
    children.push(
      h("h4", {}, "Why (lwicontext's diagnosis)"),
      h(
        "div",
        { "data-testid": "error-explanation" },
        errors.map((finding) =>
          h("p", {}, h("span", { class: "side" }, SIDES[finding.refusedBy] ?? "Refused"), ": ", finding.message),
        ),
      ),
      ruleList(errors),
      tokenTail(diagnosis.tokenTail),
    );
  } else {
    children.push(
      h("p", { "data-testid": "error-explanation" }, "The widget's own checks refused what the provider gave it."),
    );
  }
  showResult("refused", scenario, children, detail.errorCode);
}

/** Omnichannel accepted the token: the context variables as an agent sees them. */
function showAccepted(scenario, diagnosis) {
  const context = diagnosis.context ?? [];
  const hidden = context.filter((entry) => VARIABLES.get(entry.name)?.displayable === false);
  const claims = diagnosis.claims ?? {};
  const header = diagnosis.header ?? {};
  const expires =
    typeof claims.exp === "number"
      ? new Date(claims.exp * 1000).toLocaleTimeString([], { hour: "2-digit", minute: "2-digit", second: "2-digit", hour12: false })
      : null;
  const lifetime =
    typeof claims.exp === "number" && typeof claims.iat === "number" ? Math.round((claims.exp - claims.iat) / 60) : null;
  const notes = diagnosis.findings.filter((finding) => finding.severity !== "error");

  const rows = context.map((entry) => {
    const variable = VARIABLES.get(entry.name);
    const shown = variable ? (variable.displayable ? "yes" : "no") : "not in the schema";
    return h(
      "tr",
      { "data-testid": "context-row", "data-name": entry.name, class: variable?.displayable === false ? "hidden-from-agents" : null },
      h(
        "th",
        { scope: "row" },
        h("code", { "data-testid": "context-name" }, entry.name),
        variable?.doc ? h("span", { class: "doc" }, variable.doc) : null,
      ),
      h("td", { "data-testid": "context-value" }, displayValue(entry.value)),
      h("td", { "data-testid": "context-displayable" }, shown),
    );
  });

  showResult("accepted", scenario, [
    h("h3", { "data-testid": "accepted" }, "Chat started: Omnichannel accepts the token"),
    h(
      "p",
      {},
      `Signed ${header.alg ?? ""}`,
      header.kid ? [" with key ", code(header.kid)] : null,
      " and verified against the public key URL's body",
      claims.sub ? [", for the customer ", code(claims.sub)] : null,
      expires ? `, valid until ${expires}` : null,
      lifetime !== null ? ` (${lifetime} min after it was issued)` : null,
      ".",
    ),
    tokenTail(diagnosis.tokenTail),
    h(
      "table",
      { "data-testid": "context-table", class: "context" },
      h("caption", {}, "Context variables, as the agent sees them"),
      h(
        "thead",
        {},
        h("tr", {}, h("th", { scope: "col" }, "Variable"), h("th", { scope: "col" }, "Value"), h("th", { scope: "col" }, "Agents see it")),
      ),
      h("tbody", {}, rows),
    ),
    hidden.length
      ? h(
          "p",
          { "data-testid": "hidden-variables" },
          "Not displayable: ",
          hidden.flatMap((entry, index) => (index ? [", ", code(entry.name)] : [code(entry.name)])),
          hidden.length === 1 ? " is sent with the chat, but agents do not see it." : " are sent with the chat, but agents do not see them.",
        )
      : null,
    notes.length
      ? h(
          "ul",
          { class: "findings", "data-testid": "notes" },
          notes.map((finding) => h("li", { "data-rule": finding.rule }, `${finding.severity}: ${finding.message}`)),
        )
      : null,
  ]);
}

function displayValue(value) {
  if (value === null || value === undefined) return "";
  return typeof value === "string" ? value : JSON.stringify(value);
}
