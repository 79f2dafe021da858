// The demo (`cargo run --example chat_server`) in a real browser: Debian's
// chromium, driven by playwright-core, against the running demo server.
//
//   LWICONTEXT_DEMO_URL=http://127.0.0.1:8080 node --test browser.test.mjs
//   LWICONTEXT_DEMO_BIN=target/debug/examples/chat_server node --test browser.test.mjs
//
// With LWICONTEXT_DEMO_URL the server is already running there. Otherwise LWICONTEXT_DEMO_BIN names
// the built example, which is started on a free port of 127.0.0.1 (PORT) and stopped at the end.
// UPDATE_SCREENSHOT=1 writes the happy path's screenshot to docs/chat_server.png (the README's);
// one is always kept as a test artifact under the OS temp dir, and its path printed.
//
// Nothing is skipped: without chromium or a demo server, every test fails and says why.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";

const CHROMIUM = "/usr/bin/chromium";
// The test talks to 127.0.0.1 only: these flags keep Chromium from opening connections of its
// own (updates, sync, background services). playwright gives each launch a fresh, empty
// --user-data-dir of its own.
const CHROMIUM_FLAGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];
const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const README_SCREENSHOT = path.join(REPO, "docs", "chat_server.png");
const ARTIFACT_DIR = path.join(os.tmpdir(), "lwicontext-browser-test");
const WAIT_MS = 10_000;

const MESSAGES = {
  2: "Auth token provider method execution failed",
  3: "Auth token provider didn't provide any token",
  4: "Auth token provider provided invalid token",
};

// The glue's exports, as tests/glue/chat_context.js has them.
const GLUE_EXPORTS = [
  "AuthTokenError",
  "ErrorCode",
  "authClientFunction",
  "chatSdkGetAuthToken",
  "checkToken",
  "contextProvider",
  "contextVariables",
  "createTokenSource",
  "installAuthTokenProvider",
];

let base;
let server = null;
/** Everything the demo server printed (its log), for the secrets check at the end. */
let serverOutput = "";
/** Every token body any page fetched, from /chat/token and /demo/token/…. */
const everyToken = [];
let browser;

before(async () => {
  if (!fs.existsSync(CHROMIUM)) {
    throw new Error(
      `${CHROMIUM} is missing: install Debian's chromium (apt-get install chromium); the browser test never skips`,
    );
  }
  base = await demoServer();
  browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_FLAGS });
});

after(async () => {
  await browser?.close();
  if (server && server.exitCode === null) {
    const exited = new Promise((resolve) => server.once("exit", resolve));
    server.kill("SIGTERM");
    await Promise.race([exited, delay(3000)]);
    if (server.exitCode === null) server.kill("SIGKILL");
  }
});

// --- The demo server ---------------------------------------------------------------------------

async function demoServer() {
  const url = process.env.LWICONTEXT_DEMO_URL;
  if (url) {
    await waitForServer(url.replace(/\/+$/, ""), 5000);
    return url.replace(/\/+$/, "");
  }
  const bin = process.env.LWICONTEXT_DEMO_BIN;
  if (!bin) {
    throw new Error(
      "no demo server: set LWICONTEXT_DEMO_URL to a running `cargo run --example chat_server`, " +
        "or LWICONTEXT_DEMO_BIN to the built example (target/debug/examples/chat_server)",
    );
  }
  if (!fs.existsSync(bin)) throw new Error(`LWICONTEXT_DEMO_BIN=${bin}: no such file`);
  const port = await freePort();
  server = spawn(path.resolve(bin), [], {
    cwd: REPO,
    env: { ...process.env, PORT: String(port) },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const keep = (chunk) => {
    serverOutput += chunk;
  };
  server.stdout.on("data", keep);
  server.stderr.on("data", keep);
  const started = `http://127.0.0.1:${port}`;
  await waitForServer(started, 20_000);
  return started;
}

async function waitForServer(url, ms) {
  const deadline = Date.now() + ms;
  let last;
  while (Date.now() < deadline) {
    if (server && server.exitCode !== null) {
      throw new Error(`the demo server exited with ${server.exitCode} before answering:\n${serverOutput.slice(-4000)}`);
    }
    try {
      const response = await fetch(`${url}/`, { signal: AbortSignal.timeout(1000) });
      if (response.ok) return;
      last = `HTTP ${response.status}`;
    } catch (error) {
      last = error.cause?.code ?? error.message;
    }
    await delay(100);
  }
  throw new Error(`the demo server at ${url} did not answer GET / within ${ms} ms (${last})\n${serverOutput.slice(-4000)}`);
}

function freePort() {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });
}

const delay = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

// --- The page ----------------------------------------------------------------------------------

/** Opens the demo in a fresh browser context and records its console errors and requests. */
async function openDemo(t, at = "/") {
  const context = await browser.newContext({ viewport: { width: 1100, height: 900 } });
  t.after(() => context.close());
  const page = await context.newPage();
  page.setDefaultTimeout(WAIT_MS);
  const consoleErrors = [];
  const requests = [];
  const tokens = [];
  page.on("console", (message) => {
    if (message.type() === "error") consoleErrors.push(message.text());
  });
  page.on("pageerror", (error) => consoleErrors.push(`uncaught: ${error.message}`));
  page.on("request", (request) => requests.push(request.url()));
  page.on("response", (response) => {
    if (/^\/(chat|demo)\/token\b/.test(new URL(response.url()).pathname)) {
      const body = response.text();
      body.catch(() => {});
      everyToken.push(body);
    }
    if (new URL(response.url()).pathname === "/chat/token" && response.ok()) {
      const body = response.text();
      body.catch(() => {}); // awaited only by the test that needs it
      tokens.push(body);
    }
  });
  await page.goto(`${base}${at}`);
  await page.locator('[data-testid="widget-status"][data-ready="true"]').waitFor();
  return { page, consoleErrors, requests, tokens };
}

/** Clicks a scenario's button and waits until that run's result is shown. */
async function runScenario(page, testId) {
  const result = page.getByTestId("result");
  const before = Number(await result.getAttribute("data-run"));
  await page.getByTestId(testId).click();
  await page.waitForFunction(
    (runBefore) => {
      const box = document.querySelector('[data-testid="result"]');
      return Number(box.dataset.run) > runBefore && box.dataset.state !== "running";
    },
    before,
    { timeout: WAIT_MS },
  );
  return result;
}

/** The context variables a token carries, decoded from its lwicontexts claim. */
function contextOf(token) {
  const claims = JSON.parse(Buffer.from(token.split(".")[1], "base64url").toString("utf8"));
  return JSON.parse(claims.lwicontexts);
}

/** The glue as the server serves it, imported here from its text. */
async function servedGlue() {
  const response = await fetch(`${base}/chat/chat_context.js`);
  assert.equal(response.status, 200, "GET /chat/chat_context.js");
  const text = await response.text();
  return { text, module: await import(`data:text/javascript;base64,${Buffer.from(text).toString("base64")}`) };
}

function saveScreenshot(png) {
  fs.mkdirSync(ARTIFACT_DIR, { recursive: true });
  const artifact = path.join(ARTIFACT_DIR, "chat_server.png");
  fs.writeFileSync(artifact, png);
  console.log(`# screenshot of the happy path: ${artifact}`);
  if (process.env.UPDATE_SCREENSHOT === "1") {
    fs.mkdirSync(path.dirname(README_SCREENSHOT), { recursive: true });
    fs.writeFileSync(README_SCREENSHOT, png);
    console.log(`# UPDATE_SCREENSHOT=1: wrote ${path.relative(REPO, README_SCREENSHOT)}`);
  }
}

// --- The tests ---------------------------------------------------------------------------------

test("the happy path shows the token's context variables as an agent sees them, with no console error", async (t) => {
  const { page, consoleErrors, tokens } = await openDemo(t);
  const result = await runScenario(page, "run-happy");
  assert.equal(await result.getAttribute("data-state"), "accepted", await result.innerText());
  await page.getByTestId("accepted").waitFor();
  assert.doesNotMatch(await result.innerText(), /\b(null|undefined|NaN|\[object Object\])\b/);

  // The token the page was given, and one fetched here in the same test: the same context.
  assert.equal(tokens.length, 1, "the page fetched /chat/token once");
  const pageToken = await tokens[0];
  const response = await fetch(`${base}/chat/token`);
  assert.equal(response.status, 200, "GET /chat/token");
  const ownToken = await response.text();
  const expected = contextOf(ownToken);
  assert.deepEqual(contextOf(pageToken), expected);
  assert.ok("msdyn_cartvalue" in expected && "msdyn_isvip" in expected, `the demo context: ${Object.keys(expected)}`);

  const { module: glue } = await servedGlue();
  const displayable = new Map(glue.contextVariables.map((variable) => [variable.name, variable.displayable]));
  const rows = await page.getByTestId("context-row").evaluateAll((trs) =>
    trs.map((tr) => ({
      name: tr.querySelector('[data-testid="context-name"]').textContent,
      value: tr.querySelector('[data-testid="context-value"]').textContent,
      displayable: tr.querySelector('[data-testid="context-displayable"]').textContent,
    })),
  );
  assert.deepEqual(
    rows,
    Object.entries(expected).map(([name, value]) => ({
      name,
      value: typeof value === "string" ? value : JSON.stringify(value),
      displayable: displayable.get(name) ? "yes" : "no",
    })),
  );
  const hidden = rows.filter((row) => row.displayable === "no").map((row) => row.name);
  if (hidden.length) {
    const note = await page.getByTestId("hidden-variables").innerText();
    for (const name of hidden) assert.match(note, new RegExp(name));
  }

  // Never a whole token on the page: only its last three characters.
  assert.equal(await page.getByTestId("token-tail").innerText(), pageToken.slice(-3));
  const html = await page.content();
  const text = await page.locator("body").innerText();
  for (const token of [pageToken, ownToken]) {
    const [, payload, signature] = token.split(".");
    for (const part of [token, payload, signature]) {
      assert.ok(!html.includes(part) && !text.includes(part), "a token or a part of one is on the page");
    }
  }

  assert.deepEqual(consoleErrors, [], "console errors on the happy path");

  // Events seen on window, in order: the stand-in's lcw:ready, then the chat's lcw:startChat.
  const events = await page.getByTestId("event").evaluateAll((items) => items.map((item) => item.dataset.type));
  assert.ok(events.indexOf("lcw:ready") < events.indexOf("lcw:startChat"), `events: ${events}`);
  assert.ok(!events.includes("lcw:error"), `events: ${events}`);

  saveScreenshot(await page.screenshot({ fullPage: true }));
});

const FAILURES = [
  {
    title: "Token endpoint fails: code 2, from the glue, with the HTTP status",
    button: "run-fail",
    code: 2,
    source: "glue",
    explanation: /HTTP 500/,
  },
  {
    title: "Token endpoint returns nothing: code 3, from the glue",
    button: "run-empty",
    code: 3,
    source: "glue",
    explanation: /empty/,
    rules: ["empty"],
  },
  {
    title: "Expired token: code 4, refused on the page by checkToken, the widget's own check",
    button: "run-expired",
    code: 4,
    source: "glue",
    explanation: /expired/,
    rules: ["expired"],
  },
  {
    title: "Wrongly signed token: code 4, accepted by the page, refused by Omnichannel's server",
    button: "run-wrong-key",
    code: 4,
    source: "server",
    explanation: /signature|key/,
    serverRules: ["bad_signature", "unknown_kid", "missing_kid"],
  },
];

for (const failure of FAILURES) {
  test(failure.title, async (t) => {
    const { page } = await openDemo(t);
    // What the page sees on window: the lcw:error events.
    await page.evaluate(() => {
      window.seenErrors = [];
      window.addEventListener("lcw:error", (event) => window.seenErrors.push(event.detail));
    });
    const result = await runScenario(page, failure.button);
    assert.equal(await result.getAttribute("data-state"), "refused", await result.innerText());
    assert.doesNotMatch(await result.innerText(), /\[object |\bundefined\b|\bNaN\b/);
    assert.equal(await result.getAttribute("data-error-code"), String(failure.code));
    assert.equal(await page.getByTestId("error-code").innerText(), String(failure.code));
    assert.equal(await page.getByTestId("error-message").innerText(), MESSAGES[failure.code]);
    assert.equal(await page.getByTestId("error-source").getAttribute("data-source"), failure.source);
    assert.match(await page.getByTestId("error-explanation").innerText(), failure.explanation);
    assert.deepEqual(await page.evaluate(() => window.seenErrors), [
      { errorCode: failure.code, errorDescription: MESSAGES[failure.code] },
    ]);

    const findings = await page.getByTestId("finding").evaluateAll((items) =>
      items.map((item) => ({ rule: item.dataset.rule, refusedBy: item.dataset.refusedBy })),
    );
    if (failure.rules) assert.deepEqual(findings.map((finding) => finding.rule).slice(0, 1), failure.rules);
    if (failure.serverRules) {
      assert.ok(findings.length > 0, "the server's findings are shown");
      for (const finding of findings) {
        assert.equal(finding.refusedBy, "server");
        assert.ok(failure.serverRules.includes(finding.rule), `rule ${finding.rule}`);
      }
      // The page's own check let it through: only the server's answer refused it.
      const events = await page.getByTestId("event").evaluateAll((items) => items.map((item) => item.dataset.type));
      assert.ok(events.includes("lcw:startChat") && events.includes("lwicontext-standin:omnichannel"), `events: ${events}`);
    }
  });
}

/** What a run shows: its state, the code and who refused, the rules, the variables an agent sees. */
async function outcomeOf(page, testId) {
  const result = await runScenario(page, testId);
  const state = await result.getAttribute("data-state");
  const rules = await page.getByTestId("finding").evaluateAll((items) => items.map((item) => item.dataset.rule));
  const variables = await page
    .getByTestId("context-name")
    .evaluateAll((cells) => cells.map((cell) => cell.textContent));
  const source = state === "refused" ? await page.getByTestId("error-source").getAttribute("data-source") : null;
  return { state, errorCode: await result.getAttribute("data-error-code"), source, rules, variables };
}

test("at /?glue=wasm the Rust front end built to wasm gives the JavaScript glue's outcomes", async (t) => {
  const js = await openDemo(t);
  const wasm = await openDemo(t, "/?glue=wasm");
  assert.equal(await wasm.page.evaluate(() => document.documentElement.dataset.glue), "wasm");
  assert.ok(
    wasm.requests.includes(`${base}/wasm/wasm_frontend_bg.wasm`),
    `the wasm module was not loaded: ${wasm.requests.join(", ")}`,
  );
  const expected = {
    "run-happy": { state: "accepted", errorCode: null },
    "run-fail": { state: "refused", errorCode: "2", source: "glue" },
    "run-empty": { state: "refused", errorCode: "3", source: "glue" },
    "run-expired": { state: "refused", errorCode: "4", source: "glue" },
    "run-wrong-key": { state: "refused", errorCode: "4", source: "server" },
  };
  for (const [button, want] of Object.entries(expected)) {
    const fromJs = await outcomeOf(js.page, button);
    const fromWasm = await outcomeOf(wasm.page, button);
    for (const [key, value] of Object.entries(want)) assert.equal(fromWasm[key], value, `${button}: ${key}`);
    assert.deepEqual(fromWasm, fromJs, button);
  }
  // The same console errors too: only the browser's own line for the failing endpoint's 500.
  assert.deepEqual(wasm.consoleErrors, js.consoleErrors);
  assert.ok(wasm.consoleErrors.every((line) => /status of 500/.test(line)), wasm.consoleErrors.join("\n"));
});

test("every link and src on the page answers 200, and so does every file the page loads, the wasm build's included", async (t) => {
  const checked = new Set();
  for (const at of ["/", "/?glue=wasm"]) {
    const { page, requests } = await openDemo(t, at);
    const linked = await page.evaluate(() =>
      [...document.querySelectorAll("[href], [src]")].map((element) => element.href || element.src),
    );
    assert.ok(linked.length >= 6, `only ${linked.length} links on ${at}`);
    // What the page links, and what it fetched on its own (modules, the wasm build), minus the
    // token endpoints the scenarios make fail on purpose and the page itself with its query.
    const own = [...linked, ...requests].filter((url) => url.startsWith(base) && !/\/(demo|chat)\/token\b/.test(url));
    if (at === "/?glue=wasm") {
      for (const file of ["wasm_frontend.js", "wasm_frontend_bg.wasm"]) {
        assert.ok(own.includes(`${base}/wasm/${file}`), `${at} did not load /wasm/${file}`);
      }
    } else {
      assert.ok(!own.some((url) => url.includes("/wasm/")), `${at} links the wasm build: ${own.join(", ")}`);
    }
    for (const url of own) {
      if (checked.has(url)) continue;
      checked.add(url);
      const response = await fetch(url);
      assert.equal(response.status, 200, `GET ${url.slice(base.length)} (linked from ${at})`);
    }
  }
  for (const path of ["/chat/publickey", "/chat/publickeys", "/chat/chat_context.d.ts", "/standin.js"]) {
    assert.ok(checked.has(`${base}${path}`), `${path} was not among the links checked`);
  }
});

test("the page uses the glue the server generates at /chat/chat_context.js, not a copy", async (t) => {
  const { page, requests } = await openDemo(t);
  const glueUrl = `${base}/chat/chat_context.js`;
  assert.ok(requests.includes(glueUrl), `requests: ${requests.join(", ")}`);
  const scripts = requests.filter((url) => /\.m?js(\?|$)/.test(new URL(url).pathname));
  assert.deepEqual(scripts.sort(), [glueUrl, `${base}/page.js`, `${base}/standin.js`].sort());

  const resources = await page.evaluate(() => performance.getEntriesByType("resource").map((entry) => entry.name));
  assert.ok(resources.includes(glueUrl), `resources: ${resources.join(", ")}`);

  // The module the page imported is the one at that URL: the browser keeps one module per URL.
  const fromThere = await page.evaluate(async (url) => {
    const imported = await import(url);
    return {
      same: imported === window.lwicontextDemo.glue,
      url: window.lwicontextDemo.glueUrl,
      exports: Object.keys(imported).sort(),
    };
  }, glueUrl);
  assert.equal(fromThere.same, true, "window.lwicontextDemo.glue is the module of /chat/chat_context.js");
  assert.equal(fromThere.url, glueUrl);
  for (const name of GLUE_EXPORTS) assert.ok(fromThere.exports.includes(name), `the glue exports ${name}`);

  // Generated by lwicontext, from the demo's context type, with its variables.
  const { text, module } = await servedGlue();
  assert.match(text, /^\/\/ Generated by lwicontext .* do not edit\./);
  const names = module.contextVariables.map((variable) => variable.name);
  for (const name of ["msdyn_cartvalue", "msdyn_isvip", "msdyn_tier"]) assert.ok(names.includes(name), `${names}`);
  const schema = await page.getByTestId("schema-table").locator("tbody tr").evaluateAll((rows) =>
    rows.map((row) => row.dataset.name),
  );
  assert.deepEqual(schema, names);
});

test("the stand-in keeps the hosted script's documented behaviour, and says it is a stand-in", async (t) => {
  const { page } = await openDemo(t);
  assert.match(await page.getByTestId("standin-notice").innerText(), /STAND-IN/);
  const seen = await page.evaluate(async () => {
    const SDK = window.Microsoft.Omnichannel.LiveChatWidget.SDK;
    const errors = [];
    window.addEventListener("lcw:error", (event) => errors.push(event.detail.errorCode));
    const out = { standIn: window.LwicontextStandin?.standIn === true };

    // A non-function is refused.
    try {
      SDK.setAuthTokenProvider("not a function");
      out.throwsOnNonFunction = false;
    } catch {
      out.throwsOnNonFunction = true;
    }

    // A callback made later, inside .then(), is lost: the widget got nothing (3).
    const token = await (await fetch("/chat/token")).text();
    SDK.removeAuthTokenProvider();
    let called = 0;
    SDK.setAuthTokenProvider((callback) => {
      called += 1;
      Promise.resolve().then(() => callback(token));
    });
    await new Promise((resolve) => setTimeout(resolve, 10));
    out.calledOnce = called === 1;
    out.late = await SDK.startChat();

    // A provider that throws: 2.
    SDK.setAuthTokenProvider(() => {
      throw new Error("provider failed");
    });
    out.threw = await SDK.startChat();

    // The widget's own page check: not three parts (4), before anything is sent.
    SDK.setAuthTokenProvider((callback) => callback("not-a-token"));
    out.invalid = await SDK.startChat();

    // The same token, called back at once: kept, and accepted by the demo's Omnichannel.
    SDK.setAuthTokenProvider((callback) => callback(token));
    const started = await SDK.startChat();
    out.syncStarted = started.started;
    out.provider = typeof SDK.getAuthTokenProvider() === "function";
    out.errors = errors;
    return out;
  });
  assert.deepEqual(seen, {
    standIn: true,
    throwsOnNonFunction: true,
    calledOnce: true,
    late: { started: false, errorCode: 3 },
    threw: { started: false, errorCode: 2 },
    invalid: { started: false, errorCode: 4 },
    syncStarted: true,
    provider: true,
    errors: [3, 2, 4],
  });
});

// Last, after every run above: what the demo server logged holds none of the tokens the pages
// were given, not even a signature, and no private key.
test("the demo server's log over the whole run shows no token and no key", async () => {
  assert.ok(server, "the log is read from a demo started here: set LWICONTEXT_DEMO_BIN, not LWICONTEXT_DEMO_URL");
  const bodies = await Promise.all(everyToken.map((body) => body.catch(() => "")));
  const tokens = bodies.map((body) => body.trim()).filter((body) => body.split(".").length === 3);
  assert.ok(tokens.length >= 10, `only ${tokens.length} tokens were fetched`);
  assert.ok(serverOutput.length > 0, "the demo logged nothing");
  for (const token of tokens) {
    assert.ok(!serverOutput.includes(token), "the log shows a whole token");
    assert.ok(!serverOutput.includes(token.split(".")[2]), "the log shows a token's signature");
  }
  assert.doesNotMatch(serverOutput, /PRIVATE KEY-----\s*MII/);
});

