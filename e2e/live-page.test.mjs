// Browser test of the live page (GET /): starts the built dev jar in embedded mode (real
// PostgreSQL and Kafka inside the process, simulated provider, an API key), opens the page in the
// system's Chromium (a desktop and a phone viewport), starts a poll job from the page, checks that
// prices and 5-point averages arrive and update, restarts the service on the same port (allowing
// one stream per client, so one page resumes through EventSource's own reconnect and the other,
// refused 429, through the page's new EventSource with last_event_id) and checks that both get
// back to live with new prices and no new snapshot, then stops the job from the page.
//
//   MDS_JAR                    jar to run (default bootstrap/target/market-data-service.jar, which
//                              needs market-data-service-slim.jar beside it)
//   CHROMIUM                   browser binary (default /usr/bin/chromium)
//   UPDATE_SCREENSHOTS=1       write the screenshots to docs/screenshots/ (else to a temp dir)
//   MDS_READY_TIMEOUT_SECONDS  how long to wait for /health/ready (default 180)
//
// Exit status 0 when every check passed; 1 with a message naming the failed check otherwise. The
// service is stopped (SIGTERM, so its embedded PostgreSQL stops too) whatever happened.

import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const jar = process.env.MDS_JAR || path.join(root, "bootstrap/target/market-data-service.jar");
const browserPath = process.env.CHROMIUM || "/usr/bin/chromium";
const readyTimeoutMs = 1000 * Number(process.env.MDS_READY_TIMEOUT_SECONDS || 180);
const updateScreenshots = process.env.UPDATE_SCREENSHOTS === "1";
const work = fs.mkdtempSync(path.join(os.tmpdir(), "mds-e2e-"));
const screenshots = updateScreenshots ? path.join(root, "docs/screenshots") : path.join(work, "screenshots");
const logFile = path.join(work, "service.log");
const apiKey = randomBytes(16).toString("hex");
const symbols = ["AAPL", "MSFT"];
const started = Date.now();

let service = null; // the running child process
let browser = null;
let port = 0;

function log(message) {
  console.log(`[e2e ${((Date.now() - started) / 1000).toFixed(1).padStart(6)} s] ${message}`);
}

class CheckFailed extends Error {}

/** Polls {@code probe} until it returns a truthy value; fails naming {@code what} at the deadline. */
async function waitFor(what, probe, timeoutMs = 30000) {
  const deadline = Date.now() + timeoutMs;
  let last;
  for (;;) {
    try {
      last = await probe();
      if (last) return last;
    } catch (e) {
      last = e;
    }
    if (Date.now() > deadline) {
      const detail = last instanceof Error ? `: ${last.message}` : last === undefined ? "" : ` (last: ${JSON.stringify(last)})`;
      throw new CheckFailed(`timed out after ${timeoutMs / 1000} s waiting for ${what}${detail}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

function check(condition, message) {
  if (!condition) throw new CheckFailed(message);
}

// ------------------------------------------------------------------------------ the service

function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port: p } = server.address();
      server.close(() => resolve(p));
    });
  });
}

function startService(extraEnv = {}) {
  const env = {};
  for (const [name, value] of Object.entries(process.env)) {
    if (!name.startsWith("MDS_") && !name.endsWith("_API_KEY")) env[name] = value;
  }
  Object.assign(env, {
    MDS_HTTP_PORT: String(port),
    MDS_DATA_DIR: path.join(work, "data"),
    MDS_API_KEY: apiKey,
    MDS_SHUTDOWN_TIMEOUT_SECONDS: "20",
    ...extraEnv,
  });
  const out = fs.openSync(logFile, "a");
  const child = spawn("java", ["-XX:+UseSerialGC", "-jar", jar], { env, stdio: ["ignore", out, out] });
  fs.closeSync(out);
  child.exited = new Promise((resolve) => child.once("exit", (code, signal) => resolve({ code, signal })));
  service = child;
  return child;
}

async function awaitReady(child) {
  await waitFor(
    "the service to answer 200 on /health/ready",
    async () => {
      if (child.exitCode !== null) throw new Error(`the service exited with ${child.exitCode}`);
      try {
        const response = await fetch(`http://127.0.0.1:${port}/health/ready`);
        return response.status === 200;
      } catch {
        return false;
      }
    },
    readyTimeoutMs,
  );
}

async function stopService(timeoutMs = 60000) {
  const child = service;
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  child.kill("SIGTERM");
  const timer = setTimeout(() => {
    console.error("e2e: the service did not stop in time; killing it");
    child.kill("SIGKILL");
  }, timeoutMs);
  await child.exited;
  clearTimeout(timer);
}

async function api(method, route, body) {
  const response = await fetch(`http://127.0.0.1:${port}${route}`, {
    method,
    headers: { "X-API-Key": apiKey, ...(body ? { "Content-Type": "application/json" } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  return { status: response.status, json: await response.json().catch(() => null) };
}

// ------------------------------------------------------------------------------ the page

/** Each row's cells as the page shows them. */
function readRows(page) {
  return page.$$eval("#rows tr[data-symbol]", (trs) =>
    trs.map((tr) => ({
      symbol: tr.dataset.symbol,
      price: tr.querySelector('[data-field="price"]').textContent,
      change: tr.querySelector('[data-field="change"]').textContent,
      average: tr.querySelector('[data-field="average"]').textContent,
      timestamp: tr.querySelector('[data-field="timestamp"] time')?.dateTime || "",
    })),
  );
}

const plainNumber = (text) => /^-?\d+(\.\d+)?$/.test(text) && Number.isFinite(Number(text));

async function rowsWithNumbers(page) {
  const rows = await readRows(page);
  const ok =
    rows.length === symbols.length &&
    rows.every((r) => plainNumber(r.price) && plainNumber(r.average) && r.timestamp !== "");
  return ok ? rows : false;
}

/** Waits until every symbol shows a quote newer than in {@code before}, with numbers. */
async function newerQuotes(page, before, what, timeoutMs = 30000) {
  return waitFor(
    what,
    async () => {
      const rows = await rowsWithNumbers(page);
      if (!rows) return false;
      const newer = (r) => Date.parse(r.timestamp) > (Date.parse(before.find((b) => b.symbol === r.symbol).timestamp) || 0);
      return rows.every(newer) ? rows : false;
    },
    timeoutMs,
  );
}

const stateOf = (page) => page.getAttribute("#state", "data-state");

async function waitForState(page, wanted, timeoutMs) {
  await waitFor(`the page's connection state to be "${wanted}"`, async () => (await stateOf(page)) === wanted, timeoutMs);
}

/** Every request for the stream, with its answer's status, to say how the page reconnected. */
function streamRequests(page) {
  const seen = [];
  page.on("response", (r) => {
    if (r.url().includes("/stream/prices")) {
      const url = new URL(r.url());
      seen.push(`${r.status()} ${url.search}${r.request().headers()["last-event-id"] ? ` Last-Event-ID=${r.request().headers()["last-event-id"]}` : ""}`);
    }
  });
  page.on("requestfailed", (r) => {
    if (r.url().includes("/stream/prices")) seen.push(`failed (${r.failure()?.errorText}) ${new URL(r.url()).search}`);
  });
  return seen;
}

function watch(page, name, problems) {
  page.on("pageerror", (e) => problems.push(`${name}: uncaught ${e.message}`));
  page.on("console", (m) => {
    // Refused connections while the service restarts are expected; a policy violation is not.
    if (m.type() === "error" && /Content Security Policy|Refused to/i.test(m.text())) {
      problems.push(`${name}: ${m.text()}`);
    }
  });
}

async function screenshot(page, name) {
  fs.mkdirSync(screenshots, { recursive: true });
  const file = path.join(screenshots, name);
  await page.screenshot({ path: file, fullPage: true, animations: "disabled" });
  log(`screenshot ${path.relative(root, file)}`);
}

// ------------------------------------------------------------------------------ the test

async function run() {
  check(fs.existsSync(jar), `no jar at ${jar}; build it first: ./mvnw -B -q package -DskipTests -DskipITs`);
  check(fs.existsSync(browserPath), `no browser at ${browserPath}; install it (Debian: apt-get install -y chromium) or set CHROMIUM`);
  port = await freePort();
  log(`starting ${path.relative(root, jar)} on port ${port} (data and log in ${work})`);
  await awaitReady(startService());
  log("service ready");

  browser = await chromium.launch({ executablePath: browserPath, args: ["--no-sandbox"] });
  const problems = [];
  const desktop = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
  watch(desktop, "desktop", problems);
  const streamLog = streamRequests(desktop);
  const base = `http://127.0.0.1:${port}`;
  const target = `${base}/?symbols=${symbols.join(",")}&provider=simulated`;

  // The page and its assets load without the API key the service is configured with.
  const response = await desktop.goto(target);
  check(response.status() === 200, `GET / answered ${response.status()}`);
  check(
    (response.headers()["content-security-policy"] || "").startsWith("default-src 'self'"),
    "GET / carries no Content-Security-Policy",
  );
  await waitForState(desktop, "live", 30000);
  log("page connected: state live");
  check((await desktop.inputValue("#symbols")) === "AAPL,MSFT", "the symbols field was not filled from the URL");
  check((await desktop.inputValue("#provider")) === "simulated", "the provider select was not set from the URL");
  const shown = (await readRows(desktop)).map((r) => r.symbol);
  check(JSON.stringify(shown) === JSON.stringify(symbols), `rows shown: ${shown}`);

  // Keyboard: the first Tab reaches the symbols field, and the form's controls are labelled.
  await desktop.keyboard.press("Tab");
  check((await desktop.evaluate(() => document.activeElement?.id)) === "symbols", "Tab does not reach the symbols field first");
  const unlabelled = await desktop.$$eval("input:not([type=hidden]), select", (els) =>
    els.filter((e) => !e.labels || e.labels.length === 0).map((e) => e.id),
  );
  check(unlabelled.length === 0, `controls without a label: ${unlabelled}`);

  // Starting a job: the service wants its key, so the page asks for it; with it, the job starts.
  await desktop.fill("#interval", "1");
  await desktop.click("#start-poll");
  await waitFor("the page to ask for the API key after a 401", () => desktop.isVisible("#api-key"));
  check((await desktop.evaluate(() => document.activeElement?.id)) === "api-key", "the API key field did not get focus");
  await desktop.fill("#api-key", apiKey);
  await desktop.click("#start-poll");
  const jobId = await waitFor("the page to show the started job", () => desktop.getAttribute("#job", "data-job-id"));
  log(`poll job ${jobId} started from the page`);
  await waitFor("the page to show the job running", async () => (await desktop.getAttribute("#job", "data-job-status")) === "active");
  const polled = await api("GET", `/prices/poll/${jobId}`);
  check(polled.status === 200 && polled.json.status === "active", `GET /prices/poll/${jobId}: ${JSON.stringify(polled)}`);
  check(
    JSON.stringify(polled.json.config) ===
      JSON.stringify({ symbols, interval: 1, provider: "simulated", market_hours: "always" }),
    `the job's config: ${JSON.stringify(polled.json.config)}`,
  );

  // Prices and averages arrive, then update.
  const first = await waitFor("a price and a 5-point average in every row", () => rowsWithNumbers(desktop), 30000);
  log(`first values: ${JSON.stringify(first)}`);
  let later = await newerQuotes(desktop, first, "newer quotes in every row");
  later = await newerQuotes(desktop, later, "newer quotes again");
  later = await waitFor(
    "prices or averages to change value",
    async () => {
      const rows = await rowsWithNumbers(desktop);
      const changed = rows && rows.every((r) => {
        const f = first.find((x) => x.symbol === r.symbol);
        return r.price !== f.price || r.average !== f.average;
      });
      return changed ? rows : false;
    },
  );
  log(`updated values: ${JSON.stringify(later)}`);
  check(later.every((r) => /^[+−±]\d/.test(r.change)), `change cells: ${later.map((r) => r.change)}`);
  const canvases = await desktop.$$eval("#charts figure[data-symbol] canvas", (c) => c.length);
  check(canvases >= symbols.length, `charts drawn: ${canvases} canvases for ${symbols.length} symbols`);

  // A few more points on the charts, then a phone-sized page on the same stream; it fits the
  // screen width. The screenshots show both live with the job running.
  let rows = later;
  for (let i = 0; i < 6; i++) rows = await newerQuotes(desktop, rows, "more quotes for the charts");
  const phone = await (
    await browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true })
  ).newPage();
  watch(phone, "phone", problems);
  const phoneStreamLog = streamRequests(phone);
  await phone.goto(target);
  await waitForState(phone, "live", 30000);
  rows = await waitFor("numbers on the phone page", () => rowsWithNumbers(phone), 30000);
  for (let i = 0; i < 3; i++) rows = await newerQuotes(phone, rows, "quotes on the phone page");
  const overflow = await phone.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  check(overflow <= 0, `the phone page is ${overflow} px wider than the screen`);
  await screenshot(desktop, "live-page.png");
  await screenshot(phone, "live-page-phone.png");

  // Restart. Both pages show that they are reconnecting while the service is down. It comes back
  // on the same port allowing one stream per client, so one page gets back by itself (EventSource
  // resends Last-Event-ID) and the other is refused 429: the browser gives that stream up, and the
  // page retries with backoff. When the first page disconnects, the second resumes through a new
  // EventSource with last_event_id. Neither gets a new snapshot: both resume where they were.
  const pages = [
    { name: "desktop", page: desktop, requests: streamLog },
    { name: "phone", page: phone, requests: phoneStreamLog },
  ];
  for (const p of pages) {
    p.before = await readRows(p.page);
    p.snapshots = await p.page.getAttribute("#state", "data-snapshots");
    p.lastId = Number(await p.page.getAttribute("#state", "data-last-event-id"));
    p.requestsBefore = p.requests.length;
    // Test instrumentation (injected over CDP, not part of the page): every state the page shows.
    await p.page.evaluate(() => {
      const state = document.getElementById("state");
      window.stateHistory = [];
      new MutationObserver(() => {
        const text = state.textContent.trim().replace(/\s+/g, " ");
        if (window.stateHistory.at(-1) !== text) window.stateHistory.push(text);
      }).observe(state, { subtree: true, childList: true, characterData: true, attributes: true });
    });
  }
  log("stopping the service (SIGTERM)");
  service.kill("SIGTERM");
  for (const p of pages) await waitForState(p.page, "reconnecting", 30000);
  log("both pages show reconnecting");
  const { code } = await service.exited;
  log(`service exited with ${code}`);
  for (const p of pages) check((await stateOf(p.page)) === "reconnecting", `${p.name} state while the service is down: ${await stateOf(p.page)}`);
  log("restarting the service on the same port, one stream per client");
  await awaitReady(startService({ MDS_STREAM_MAX_CONNECTIONS_PER_CLIENT: "1" }));
  log("service ready again");

  const afterRestart = await api("GET", `/prices/poll/${jobId}`);
  const survived = afterRestart.status === 200 && afterRestart.json.status === "active";
  log(`poll job after the restart: ${survived ? "still active (jobs are stored in PostgreSQL, which keeps its data dir)" : JSON.stringify(afterRestart)}`);
  if (!survived) {
    await waitFor("the start button to be enabled again", async () => !(await desktop.isDisabled("#start-poll")));
    await desktop.click("#start-poll");
  }

  const refusedSinceStop = (p) => p.requests.slice(p.requestsBefore).some((r) => r.startsWith("429 "));
  const [winner, loser] = await waitFor(
    "one page live and the other refused 429",
    async () => {
      const refused = pages.filter(refusedSinceStop);
      if (refused.length !== 1) return false;
      const other = pages.find((p) => p !== refused[0]);
      return (await stateOf(other.page)) === "live" ? [other, refused[0]] : false;
    },
    60000,
  );
  log(`${winner.name} reconnected by itself; ${loser.name} was refused 429`);
  await waitFor(
    `${loser.name} to show that it retries with backoff`,
    async () => (await loser.page.evaluate(() => window.stateHistory)).some((t) => t.includes("next try")),
    30000,
  );
  for (const p of [winner, loser]) {
    if (p === loser) {
      await winner.page.click("#disconnect");
      await waitForState(winner.page, "offline", 10000);
      log(`${winner.name} disconnected; ${loser.name} may have its stream now`);
      await waitForState(loser.page, "live", 60000);
    }
    const after = await newerQuotes(p.page, p.before, `new quotes on the ${p.name} page after the restart`, 60000);
    log(`${p.name} after the restart: ${JSON.stringify(after.map((r) => [r.symbol, r.price, r.average, r.timestamp]))}`);
    check(
      (await p.page.getAttribute("#state", "data-snapshots")) === p.snapshots,
      `${p.name} got a new snapshot after the restart instead of resuming after id ${p.lastId}`,
    );
    check(Number(await p.page.getAttribute("#state", "data-last-event-id")) > p.lastId, `${p.name}: event ids did not go on after ${p.lastId}`);
    log(`${p.name} stream requests since the stop: ${JSON.stringify(p.requests.slice(p.requestsBefore))}`);
    log(`${p.name} states since the stop: ${JSON.stringify(await p.page.evaluate(() => window.stateHistory))}`);
  }
  check(
    loser.requests.slice(loser.requestsBefore).some((r) => r.startsWith("200 ") && r.includes(`last_event_id=`)),
    `${loser.name} did not reopen the stream with last_event_id`,
  );

  // Stop the job from the page (the desktop page started it, whichever page holds the stream).
  const running = await desktop.getAttribute("#job", "data-job-id");
  await desktop.click("#stop-poll");
  await waitFor("the page to show the job stopped", async () => (await desktop.getAttribute("#job", "data-job-status")) === "stopped");
  const stopped = await api("GET", `/prices/poll/${running}`);
  check(stopped.status === 200 && stopped.json.status === "stopped", `GET /prices/poll/${running} after stop: ${JSON.stringify(stopped)}`);
  log(`poll job ${running} stopped from the page`);

  check(problems.length === 0, `the browser reported:\n  ${problems.join("\n  ")}`);
  return { survived };
}

let exitCode = 0;
const interrupted = new Promise((resolve) => {
  for (const signal of ["SIGINT", "SIGTERM"]) process.once(signal, () => resolve(signal));
});
try {
  const outcome = await Promise.race([run(), interrupted.then((s) => Promise.reject(new CheckFailed(`interrupted by ${s}`)))]);
  log(`PASSED (poll job survived the restart: ${outcome.survived ? "yes" : "no"})`);
} catch (e) {
  exitCode = 1;
  console.error(`e2e: FAILED: ${e instanceof CheckFailed ? e.message : e.stack || e}`);
  if (fs.existsSync(logFile)) {
    const lines = fs.readFileSync(logFile, "utf8").trimEnd().split("\n");
    console.error(`e2e: last lines of the service log (${logFile}):\n${lines.slice(-40).join("\n")}`);
  }
} finally {
  await browser?.close().catch(() => {});
  await stopService();
  if (exitCode === 0) fs.rmSync(work, { recursive: true, force: true });
  else console.error(`e2e: kept ${work} for inspection`);
}
process.exit(exitCode);
