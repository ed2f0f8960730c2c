// The live page: prices and 5-point averages of the chosen symbols from GET /stream/prices
// (Server-Sent Events), a chart per symbol (uPlot, loaded by index.html as a classic script), and
// a poll job started and stopped through the REST API. No inline script: the page's
// Content-Security-Policy allows scripts from this origin only.

const WINDOW_SIZE = 5;
const MAX_POINTS = 300;
const BACKOFF_MS = [1000, 2000, 4000, 8000, 15000];
const JOB_REFRESH_MS = 2000;
const SYMBOL = /^[A-Z0-9.\-^=:]{1,20}$/;
const KEY_STORE = "mds.apiKey";
const JOB_STORE = "mds.pollJob";

const $ = (id) => document.getElementById(id);
const el = {
  form: $("connect-form"),
  symbols: $("symbols"),
  provider: $("provider"),
  keyField: $("api-key-field"),
  key: $("api-key"),
  connect: $("connect"),
  disconnect: $("disconnect"),
  formError: $("form-error"),
  state: $("state"),
  stateText: $("state-text"),
  interval: $("interval"),
  startPoll: $("start-poll"),
  stopPoll: $("stop-poll"),
  job: $("job"),
  pollError: $("poll-error"),
  rows: $("rows"),
  charts: $("charts"),
};

const stream = {
  symbols: [],
  provider: "",
  source: null,
  lastEventId: null,
  generation: 0, // bumped on every connect/disconnect, so stale callbacks do nothing
  failures: 0, // consecutive failed (re)connects since the stream was last live
  opened: false, // whether the stream opened since Connect
  retryTimer: null,
};
const rows = new Map(); // symbol -> row state
let apiKey = sessionStorage.getItem(KEY_STORE) || "";
let job = null; // last known poll job JSON
let jobTimer = null;

// ---------------------------------------------------------------- connection state

function setState(state, detail) {
  el.state.dataset.state = state;
  el.stateText.textContent = detail ? `${state} (${detail})` : state;
}

// ---------------------------------------------------------------- symbols and URL

function parseSymbols(text) {
  const out = [];
  for (const part of text.split(/[\s,]+/)) {
    const symbol = part.trim().toUpperCase();
    if (symbol && !out.includes(symbol)) {
      out.push(symbol);
    }
  }
  return out;
}

function streamUrl() {
  const params = new URLSearchParams();
  params.set("symbols", stream.symbols.join(","));
  if (stream.provider) params.set("provider", stream.provider);
  if (stream.lastEventId) params.set("last_event_id", stream.lastEventId);
  if (apiKey) params.set("api_key", apiKey);
  return `/stream/prices?${params}`;
}

function rememberInUrl() {
  const params = new URLSearchParams();
  params.set("symbols", stream.symbols.join(","));
  if (stream.provider) params.set("provider", stream.provider);
  history.replaceState(null, "", `${location.pathname}?${params}`);
}

// ---------------------------------------------------------------- the stream

function connect() {
  el.formError.textContent = "";
  const symbols = parseSymbols(el.symbols.value);
  if (symbols.length === 0) {
    return formError("Enter at least one symbol, for example AAPL,MSFT.");
  }
  const bad = symbols.filter((s) => !SYMBOL.test(s));
  if (bad.length > 0) {
    return formError(`Not a symbol: ${bad.join(", ")} (1-20 characters from A-Z 0-9 . - ^ = :).`);
  }
  disconnect("connecting");
  stream.symbols = symbols;
  stream.provider = el.provider.value;
  stream.lastEventId = null;
  el.symbols.value = symbols.join(",");
  rememberInUrl();
  resetRows(symbols);
  el.disconnect.disabled = false;
  open();
}

function formError(message) {
  el.formError.textContent = message;
  el.symbols.setAttribute("aria-invalid", "true");
  el.symbols.focus();
}

/** Ends the stream (and any retry) and shows {@code state}. */
function disconnect(state = "offline") {
  stream.generation++;
  clearTimeout(stream.retryTimer);
  stream.retryTimer = null;
  if (stream.source) {
    stream.source.close();
    stream.source = null;
  }
  stream.failures = 0;
  stream.opened = false;
  el.symbols.removeAttribute("aria-invalid");
  el.disconnect.disabled = state === "offline";
  setState(state);
}

function open() {
  const generation = stream.generation;
  setState(stream.failures === 0 ? "connecting" : "reconnecting");
  const source = new EventSource(streamUrl());
  stream.source = source;
  const current = () => generation === stream.generation && stream.source === source;

  source.addEventListener("open", () => {
    if (!current()) return;
    stream.failures = 0;
    stream.opened = true;
    setState("live");
  });
  source.addEventListener("error", () => {
    if (!current()) return;
    if (source.readyState === EventSource.CLOSED) {
      // The browser gives up on a non-200 answer (a 503 while the service restarts, a 429, a 4xx
      // for bad input): find out which, then retry with backoff or say why not.
      source.close();
      stream.source = null;
      retry(generation);
    } else {
      // A network error: EventSource reconnects by itself, sending Last-Event-ID.
      setState("reconnecting");
    }
  });
  for (const type of ["snapshot", "price", "average"]) {
    source.addEventListener(type, (event) => {
      if (!current()) return;
      if (event.lastEventId) {
        stream.lastEventId = event.lastEventId;
        el.state.dataset.lastEventId = event.lastEventId;
      }
      if (el.state.dataset.state !== "live") {
        stream.failures = 0;
        setState("live");
      }
      let data;
      try {
        data = JSON.parse(event.data);
      } catch {
        return;
      }
      if (type === "snapshot") {
        // Counted where tools can read it: a resumed stream sends none.
        el.state.dataset.snapshots = String(Number(el.state.dataset.snapshots || 0) + 1);
        (data.prices || []).forEach(onPrice);
        (data.averages || []).forEach(onAverage);
      } else if (type === "price") {
        onPrice(data);
      } else {
        onAverage(data);
      }
    });
  }
}

/**
 * After the browser gave up on the stream: a new EventSource after a backoff (1 s doubling to
 * 15 s, with jitter), resuming after the last event seen. The server is asked why (a short probe
 * request) when the stream never opened since Connect or failed twice in a row, so bad input or a
 * missing key is shown instead of retried for ever.
 */
async function retry(generation) {
  stream.failures++;
  if (!stream.opened || stream.failures >= 2) {
    setState("reconnecting");
    const answer = await probe(streamUrl());
    if (generation !== stream.generation) return;
    if (answer.status === 401 || answer.status === 403) {
      disconnect();
      return askForKey(problemText(answer.json) || "The stream requires the service's API key.");
    }
    if (answer.status >= 400 && answer.status < 500 && answer.status !== 408 && answer.status !== 429) {
      disconnect();
      return formError(problemText(answer.json) || `The stream was refused (HTTP ${answer.status}).`);
    }
    // Anything else (unreachable, 429, 5xx, or fine again) is worth another try after the backoff,
    // by when the server has also let go of the probe's connection.
  }
  const base = BACKOFF_MS[Math.min(stream.failures - 1, BACKOFF_MS.length - 1)];
  const delay = Math.round(base * (0.8 + Math.random() * 0.4));
  setState("reconnecting", `next try in ${Math.ceil(delay / 1000)} s`);
  stream.retryTimer = setTimeout(() => {
    stream.retryTimer = null;
    if (generation === stream.generation) open();
  }, delay);
}

/** The status (0 when unreachable) and problem of a stream request, without keeping it open. */
async function probe(url) {
  const abort = new AbortController();
  const timer = setTimeout(() => abort.abort(), 10000);
  try {
    const response = await fetch(url, {
      headers: { Accept: "text/event-stream" },
      cache: "no-store",
      signal: abort.signal,
    });
    if (response.ok) {
      abort.abort();
      return { status: response.status };
    }
    let json = null;
    try {
      json = await response.json();
    } catch {
      // not a problem document
    }
    return { status: response.status, json };
  } catch {
    return { status: 0 };
  } finally {
    clearTimeout(timer);
  }
}

// ---------------------------------------------------------------- table and charts

function resetRows(symbols) {
  for (const row of rows.values()) row.chart?.destroy();
  rows.clear();
  el.rows.replaceChildren();
  el.charts.replaceChildren();
  for (const symbol of symbols) {
    const tr = document.createElement("tr");
    tr.dataset.symbol = symbol;
    const th = document.createElement("th");
    th.scope = "row";
    th.textContent = symbol;
    tr.append(th);
    const cells = {};
    for (const field of ["price", "change", "average", "timestamp"]) {
      const td = document.createElement("td");
      td.dataset.field = field;
      if (field !== "timestamp") td.className = "num";
      tr.append(td);
      cells[field] = td;
    }
    el.rows.append(tr);

    const figure = document.createElement("figure");
    figure.className = "chart";
    figure.dataset.symbol = symbol;
    const caption = document.createElement("figcaption");
    const title = document.createElement("h3");
    title.textContent = symbol;
    caption.append(title);
    const plot = document.createElement("div");
    plot.className = "plot";
    plot.setAttribute("role", "img");
    plot.setAttribute("aria-label", `${symbol}: price and 5-point average over time`);
    figure.append(caption, plot);
    el.charts.append(figure);

    rows.set(symbol, {
      cells,
      plot,
      chart: null,
      first: null,
      timestamp: null, // epoch millis of the quote the table shows
      averageTimestamp: null,
      points: new Map(), // epoch seconds -> {price, average}
      dirty: false,
    });
  }
}

function onPrice(p) {
  const row = rows.get(p.symbol);
  const price = Number(p.price);
  if (!row || !Number.isFinite(price)) return;
  point(row, p.timestamp).price = price;
  if (row.first === null) row.first = price;
  // Replayed or late prices go to the chart; the table keeps the newest quote.
  const at = Date.parse(p.timestamp);
  if (row.timestamp === null || at >= row.timestamp) {
    row.timestamp = at;
    row.cells.price.textContent = String(price);
    const change = price - row.first;
    const decimals = Math.min(4, Math.max(2, fractionDigits(price)));
    const percent = row.first === 0 ? 0 : (change / row.first) * 100;
    const sign = change > 0 ? "+" : change < 0 ? "−" : "±";
    const pct = document.createElement("span");
    pct.className = "pct";
    pct.textContent = ` (${sign}${Math.abs(percent).toFixed(2)} %)`;
    row.cells.change.replaceChildren(`${sign}${Math.abs(change).toFixed(decimals)}`, pct);
    row.cells.change.dataset.value = change.toFixed(decimals);
    row.cells.change.className = `num ${change > 0 ? "up" : change < 0 ? "down" : ""}`.trim();
    row.cells.change.title = `since ${row.first}, the first price this page saw`;
    const time = document.createElement("time");
    time.dateTime = p.timestamp;
    time.title = p.timestamp;
    time.textContent = p.timestamp.slice(11, 19); // HH:MM:SS of the UTC instant
    row.cells.timestamp.replaceChildren(time);
  }
  redraw(row);
}

function onAverage(a) {
  const row = rows.get(a.symbol);
  const value = Number(a.value);
  if (!row || a.window_size !== WINDOW_SIZE || !Number.isFinite(value)) return;
  point(row, a.timestamp).average = value;
  const at = Date.parse(a.timestamp);
  if (row.averageTimestamp === null || at >= row.averageTimestamp) {
    row.averageTimestamp = at;
    row.cells.average.textContent = String(Number(value.toFixed(4)));
    row.cells.average.dataset.value = String(value);
    row.cells.average.title = `mean of the last ${a.sample_count} of ${a.window_size} prices`;
  }
  redraw(row);
}

function point(row, timestamp) {
  const seconds = Date.parse(timestamp) / 1000;
  let p = row.points.get(seconds);
  if (!p) {
    p = { price: null, average: null };
    row.points.set(seconds, p);
    if (row.points.size > MAX_POINTS) {
      const oldest = Math.min(...row.points.keys());
      row.points.delete(oldest);
    }
  }
  return p;
}

function fractionDigits(n) {
  const text = String(n);
  const dot = text.indexOf(".");
  return dot < 0 ? 0 : text.length - dot - 1;
}

let frame = 0;
function redraw(row) {
  row.dirty = true;
  if (!frame) {
    frame = requestAnimationFrame(() => {
      frame = 0;
      for (const r of rows.values()) {
        if (r.dirty) {
          r.dirty = false;
          draw(r);
        }
      }
    });
  }
}

function draw(row) {
  if (typeof window.uPlot !== "function") return; // the chart library did not load: table only
  const xs = [...row.points.keys()].sort((a, b) => a - b);
  const data = [
    xs,
    xs.map((x) => row.points.get(x).price),
    xs.map((x) => row.points.get(x).average),
  ];
  if (!row.chart) {
    const css = getComputedStyle(document.documentElement);
    const color = (name) => css.getPropertyValue(name).trim();
    const axis = { stroke: color("--muted"), grid: { stroke: color("--border") }, ticks: { stroke: color("--border") } };
    row.chart = new window.uPlot(
      {
        width: Math.max(row.plot.clientWidth, 200),
        height: 220,
        scales: { x: { time: true } },
        series: [
          { label: "time (local)" },
          { label: "price", stroke: color("--accent"), width: 2, spanGaps: true },
          { label: "5-point average", stroke: color("--warn"), width: 2, dash: [6, 4], spanGaps: true },
        ],
        axes: [axis, { ...axis, size: 64 }],
      },
      data,
      row.plot,
    );
    new ResizeObserver(() => {
      row.chart?.setSize({ width: Math.max(row.plot.clientWidth, 200), height: 220 });
    }).observe(row.plot);
  } else {
    row.chart.setData(data);
  }
}

// ---------------------------------------------------------------- REST calls and the poll job

async function api(method, path, body) {
  const headers = { Accept: "application/json" };
  if (body !== undefined) headers["Content-Type"] = "application/json";
  if (apiKey) headers["X-API-Key"] = apiKey;
  const response = await fetch(path, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
    cache: "no-store",
  });
  let json = null;
  try {
    json = await response.json();
  } catch {
    // empty or not JSON
  }
  return { status: response.status, ok: response.ok, json };
}

function problemText(problem) {
  if (!problem || typeof problem !== "object") return "";
  const field = problem.field ? ` (${problem.field})` : "";
  return [problem.title, problem.detail].filter(Boolean).join(": ") + field;
}

function askForKey(message) {
  el.keyField.hidden = false;
  el.pollError.textContent = message;
  el.key.focus();
}

async function startJob() {
  el.pollError.textContent = "";
  const symbols = stream.symbols.length ? stream.symbols : parseSymbols(el.symbols.value);
  const interval = Number(el.interval.value);
  if (symbols.length === 0) {
    el.pollError.textContent = "Enter the symbols to poll first.";
    return el.symbols.focus();
  }
  if (!Number.isInteger(interval) || interval < 1) {
    el.pollError.textContent = "The interval is whole seconds, at least 1.";
    return el.interval.focus();
  }
  const body = { symbols, interval };
  const provider = stream.symbols.length ? stream.provider : el.provider.value;
  if (provider) body.provider = provider;
  el.startPoll.disabled = true;
  try {
    const answer = await api("POST", "/prices/poll", body);
    if (answer.status === 202) {
      showJob(answer.json);
      sessionStorage.setItem(JOB_STORE, answer.json.job_id);
      watchJob();
    } else if (answer.status === 401) {
      askForKey("This service requires its API key to start a poll job: enter it and press Start polling again.");
    } else {
      el.pollError.textContent = problemText(answer.json) || `Starting the job failed (HTTP ${answer.status}).`;
    }
  } catch {
    el.pollError.textContent = "The service cannot be reached.";
  } finally {
    renderJobButtons();
  }
}

async function stopJob() {
  if (!job) return;
  el.pollError.textContent = "";
  el.stopPoll.disabled = true;
  try {
    const answer = await api("DELETE", `/prices/poll/${encodeURIComponent(job.job_id)}`);
    if (answer.ok) {
      showJob(answer.json);
    } else if (answer.status === 401) {
      askForKey("This service requires its API key to stop a poll job: enter it and press Stop polling again.");
    } else if (answer.status === 404) {
      showJob({ ...job, status: "stopped" });
      el.pollError.textContent = "The service no longer knows this job.";
    } else {
      el.pollError.textContent = problemText(answer.json) || `Stopping the job failed (HTTP ${answer.status}).`;
    }
  } catch {
    el.pollError.textContent = "The service cannot be reached.";
  } finally {
    renderJobButtons();
  }
}

function watchJob() {
  clearTimeout(jobTimer);
  if (!job || job.status === "stopped") return;
  jobTimer = setTimeout(async () => {
    try {
      const answer = await api("GET", `/prices/poll/${encodeURIComponent(job.job_id)}`);
      if (answer.ok) {
        showJob(answer.json);
      } else if (answer.status === 404) {
        showJob({ ...job, status: "stopped" });
      } else {
        el.job.dataset.stale = "true";
      }
    } catch {
      el.job.dataset.stale = "true"; // the service is restarting or unreachable: keep trying
    }
    renderJobButtons();
    watchJob();
  }, JOB_REFRESH_MS);
}

function showJob(j) {
  job = j;
  if (j.status === "stopped") sessionStorage.removeItem(JOB_STORE);
  el.job.dataset.jobId = j.job_id;
  el.job.dataset.jobStatus = j.status;
  delete el.job.dataset.stale;
  const words = { accepted: "accepted", active: "running", stopped: "stopped" };
  const config = j.config || {};
  const parts = [`${words[j.status] || j.status}`];
  if (config.symbols) parts.push(`${config.symbols.join(", ")} every ${config.interval} s via ${config.provider}`);
  if (j.run_count !== undefined) parts.push(`${j.run_count} runs, ${j.error_count} errors`);
  if (j.last_error) parts.push(`last error: ${j.last_error}`);
  const code = document.createElement("code");
  code.textContent = j.job_id;
  el.job.replaceChildren("Job ", code, `: ${parts.join(" · ")}`);
}

function renderJobButtons() {
  const running = job && job.status !== "stopped";
  el.startPoll.disabled = Boolean(running);
  el.stopPoll.disabled = !running;
}

async function restoreJob() {
  const id = sessionStorage.getItem(JOB_STORE);
  if (!id) return;
  try {
    const answer = await api("GET", `/prices/poll/${encodeURIComponent(id)}`);
    if (answer.ok) {
      showJob(answer.json);
      watchJob();
    } else {
      sessionStorage.removeItem(JOB_STORE);
    }
  } catch {
    // unreachable: forget nothing, try on the next load
  }
  renderJobButtons();
}

// ---------------------------------------------------------------- providers and start-up

async function loadProviders(wanted) {
  try {
    const answer = await api("GET", "/providers");
    if (answer.ok && answer.json) {
      const def = answer.json.default_provider;
      if (def) el.provider.options[0].textContent = `service default (${def})`;
      for (const p of answer.json.providers || []) {
        const option = new Option(p.available ? p.id : `${p.id} (unavailable: ${p.unavailable_reason || "unknown"})`, p.id);
        option.disabled = !p.available;
        el.provider.append(option);
      }
    }
  } catch {
    // the select keeps "service default"
  }
  if (wanted && ![...el.provider.options].some((o) => o.value === wanted)) {
    el.provider.append(new Option(wanted, wanted)); // the stream will say if it is unknown
  }
  if (wanted) el.provider.value = wanted;
}

el.form.addEventListener("submit", (event) => {
  event.preventDefault();
  connect();
});
el.disconnect.addEventListener("click", () => disconnect());
el.startPoll.addEventListener("click", startJob);
el.stopPoll.addEventListener("click", stopJob);
el.key.addEventListener("input", () => {
  apiKey = el.key.value.trim();
  if (apiKey) sessionStorage.setItem(KEY_STORE, apiKey);
  else sessionStorage.removeItem(KEY_STORE);
});
window.addEventListener("online", () => {
  if (stream.retryTimer) {
    // back online: try now rather than at the end of the backoff
    clearTimeout(stream.retryTimer);
    stream.retryTimer = null;
    open();
  }
});

async function main() {
  if (apiKey) {
    el.keyField.hidden = false;
    el.key.value = apiKey;
  }
  const params = new URLSearchParams(location.search);
  await loadProviders(params.get("provider") || "");
  restoreJob();
  if (params.get("symbols")) {
    el.symbols.value = params.get("symbols");
    connect();
  }
}

main();
