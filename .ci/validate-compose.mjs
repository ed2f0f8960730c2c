// Checks the operations files the way the tools that read them would, so a broken file fails here
// rather than on a user's `docker compose up`. Run by validate-compose.sh, which installs the npm
// packages this needs (ajv, yaml, and dclint for its copy of the Compose Specification schema).
//
// usage: node validate-compose.mjs <tools-dir> <repo-root> <compose-file> <promql-rules-out>
import { createRequire } from "node:module";
import fs from "node:fs";
import path from "node:path";

const [toolsDir, root, composeFile, rulesOut] = process.argv.slice(2);
const require = createRequire(path.join(toolsDir, "node_modules", "noop.js"));
const YAML = require("yaml");
const Ajv = require("ajv");
const SCHEMA_FILE = path.join(toolsDir, "node_modules", "dclint", "schemas", "compose.schema.json");

const failures = [];
const fail = (where, message) => failures.push(`${where}: ${message}`);
const passed = [];
const pass = (message) => passed.push(message);

function parseYaml(file) {
  const doc = YAML.parseDocument(fs.readFileSync(file, "utf8"), { merge: true, uniqueKeys: true });
  for (const e of doc.errors) fail(path.relative(root, file), `YAML: ${e.message}`);
  return doc.errors.length ? null : doc.toJS({ maxAliasCount: 100 });
}

// --- .env.example: the variables the compose file may use ------------------------------------
function parseDotenv(file) {
  const vars = new Map();
  fs.readFileSync(file, "utf8").split("\n").forEach((line, i) => {
    const t = line.trim();
    if (!t || t.startsWith("#")) return;
    const m = /^([A-Za-z_][A-Za-z0-9_]*)=(.*)$/.exec(t);
    if (!m) fail(".env.example", `line ${i + 1} is not KEY=value: ${t}`);
    else vars.set(m[1], m[2]);
  });
  return vars;
}

// Compose interpolation: ${VAR}, ${VAR:-default}, ${VAR-default}, ${VAR:?error}, ${VAR?error},
// $VAR and $$ (a literal $). Values come from .env.example; an empty required one gets a
// placeholder, because users must fill it in and the schema only cares about its type.
const referenced = new Set();
function interpolate(text, env, where) {
  return text.replace(
    /\$\$|\$\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-?])([^}]*))?\}|\$([A-Za-z_][A-Za-z0-9_]*)/g,
    (whole, name, op, arg, bare) => {
      if (whole === "$$") return "$";
      const v = name ?? bare;
      referenced.add(v);
      if (!env.has(v)) {
        fail(where, `uses \${${v}} which .env.example does not document`);
        return "";
      }
      const value = env.get(v);
      if (op === ":-" || op === "-") return value === "" && op === ":-" ? arg : value;
      if ((op === ":?" || op === "?") && value === "") return "placeholder-for-required-" + v;
      return value;
    },
  );
}
function interpolateTree(node, env, where) {
  if (typeof node === "string") return interpolate(node, env, where);
  if (Array.isArray(node)) return node.map((n, i) => interpolateTree(n, env, `${where}[${i}]`));
  if (node && typeof node === "object") {
    return Object.fromEntries(
      Object.entries(node).map(([k, v]) => [k, interpolateTree(v, env, `${where}.${k}`)]),
    );
  }
  return node;
}

// --- 1. docker-compose.yml against the Compose Specification schema -------------------------
const composeRel = path.relative(root, composeFile) || composeFile;
const env = parseDotenv(path.join(root, ".env.example"));
const raw = parseYaml(composeFile);
let compose = null;
if (raw) {
  compose = interpolateTree(raw, env, composeRel);
  const schema = JSON.parse(fs.readFileSync(SCHEMA_FILE, "utf8"));
  const ajv = new Ajv({ allErrors: true, strict: false, allowUnionTypes: true });
  // The schema names draft-07 by its https URL; register Ajv's draft-07 meta-schema under it too,
  // so the schema itself is checked against its meta-schema rather than trusted.
  const draft07 = structuredClone(require("ajv/dist/refs/json-schema-draft-07.json"));
  draft07.$id = schema.$schema;
  ajv.addMetaSchema(draft07);
  const validate = ajv.compile(schema);
  if (validate(compose)) {
    pass(`${composeRel} conforms to the Compose Specification schema (${path.relative(toolsDir, SCHEMA_FILE)})`);
  } else {
    for (const e of validate.errors) {
      fail(composeRel, `schema: ${e.instancePath || "/"} ${e.message} ${JSON.stringify(e.params)}`);
    }
  }
  for (const [k] of env) {
    if (!referenced.has(k)) fail(".env.example", `documents ${k} but ${composeRel} never uses it`);
  }
}

// --- 2. what the schema cannot say --------------------------------------------------------
const SECRET = /(PASSWORD|SECRET|TOKEN|API_KEY)$/;
const REQUIRED_SERVICES = ["api", "ma-consumer", "postgres", "kafka", "adminer", "prometheus", "grafana"];
if (compose && raw) {
  const before = failures.length;
  const services = compose.services ?? {};
  for (const s of REQUIRED_SERVICES) if (!services[s]) fail(composeRel, `service ${s} is missing`);
  const declaredVolumes = new Set(Object.keys(compose.volumes ?? {}));
  const hostPorts = new Map();
  for (const [name, svc] of Object.entries(services)) {
    const where = `${composeRel} services.${name}`;
    const deps = Array.isArray(svc.depends_on)
      ? Object.fromEntries(svc.depends_on.map((d) => [d, { condition: "service_started" }]))
      : (svc.depends_on ?? {});
    for (const [dep, spec] of Object.entries(deps)) {
      if (!services[dep]) fail(where, `depends_on ${dep}, which is not a service`);
      else if (spec.condition === "service_healthy" && !services[dep].healthcheck) {
        fail(where, `waits for ${dep} to be healthy but ${dep} has no healthcheck`);
      }
    }
    for (const v of svc.volumes ?? []) {
      const source = typeof v === "string" ? v.split(":")[0] : v.source;
      if (!source) continue;
      if (source.startsWith(".") || source.startsWith("/")) {
        if (!fs.existsSync(path.resolve(path.dirname(composeFile), source))) {
          fail(where, `bind-mounts ${source}, which does not exist`);
        }
      } else if (!declaredVolumes.has(source)) {
        fail(where, `uses volume ${source}, which is not declared under top-level volumes`);
      }
    }
    for (const p of svc.ports ?? []) {
      const published = typeof p === "string" ? p.split(":").slice(-2, -1)[0] : String(p.published);
      if (!published) continue;
      if (hostPorts.has(published)) fail(where, `publishes host port ${published}, as does ${hostPorts.get(published)}`);
      hostPorts.set(published, name);
    }
    // Secrets only by reference: the raw (uninterpolated) value must be a ${...} and nothing else.
    const rawEnv = raw.services?.[name]?.environment ?? {};
    const entries = Array.isArray(rawEnv) ? rawEnv.map((e) => e.split(/=(.*)/s)) : Object.entries(rawEnv);
    for (const [k, v] of entries) {
      if (SECRET.test(k) && !/^\$\{[A-Za-z_][A-Za-z0-9_]*(:?[-?][^}]*)?\}$/.test(String(v ?? ""))) {
        fail(where, `environment ${k} must be a \${VAR} reference to .env, not a literal`);
      }
      if (SECRET.test(k) && /:-[^}]+\}/.test(String(v))) fail(where, `${k} must not have a default value`);
    }
  }
  if (failures.length === before) pass(`${composeRel}: dependencies, volumes, bind mounts, host ports and secret references are consistent`);
}

// --- 3. Prometheus configuration ------------------------------------------------------------
const promFile = path.join(root, "ops/prometheus/prometheus.yml");
const prom = parseYaml(promFile);
if (prom) {
  const targets = (prom.scrape_configs ?? []).flatMap((c) =>
    (c.static_configs ?? []).flatMap((s) => (s.targets ?? []).map((t) => ({ t, path: c.metrics_path ?? "/metrics" }))),
  );
  for (const want of ["api:8080", "ma-consumer:8080"]) {
    const hit = targets.find((x) => x.t === want);
    if (!hit) fail("ops/prometheus/prometheus.yml", `does not scrape ${want}`);
    else if (hit.path !== "/metrics") fail("ops/prometheus/prometheus.yml", `scrapes ${want} at ${hit.path}, not /metrics`);
    else if (compose && !compose.services?.[want.split(":")[0]]) fail("ops/prometheus/prometheus.yml", `${want} is not a compose service`);
  }
  pass("ops/prometheus/prometheus.yml parses as YAML and scrapes api:8080/metrics and ma-consumer:8080/metrics");
}

// --- 4. Grafana provisioning and dashboard --------------------------------------------------
const dsFile = path.join(root, "ops/grafana/provisioning/datasources/prometheus.yml");
const provFile = path.join(root, "ops/grafana/provisioning/dashboards/market-data-service.yml");
const dashFile = path.join(root, "ops/grafana/dashboards/market-data-service.json");
const ds = parseYaml(dsFile);
const prov = parseYaml(provFile);
const dsUid = ds?.datasources?.[0]?.uid;
if (ds) {
  const d = ds.datasources?.[0];
  if (ds.apiVersion !== 1 || d?.type !== "prometheus" || d?.url !== "http://prometheus:9090" || !dsUid) {
    fail("grafana datasource", "needs apiVersion 1 and one prometheus datasource at http://prometheus:9090 with a uid");
  }
}
if (prov && compose) {
  const providerPath = prov.providers?.[0]?.options?.path;
  const mounts = (compose.services?.grafana?.volumes ?? []).map((v) => (typeof v === "string" ? v.split(":") : [v.source, v.target]));
  const mounted = mounts.find(([src]) => path.normalize(src) === path.normalize("./ops/grafana/dashboards"));
  if (prov.apiVersion !== 1 || !providerPath) fail("grafana dashboard provider", "needs apiVersion 1 and options.path");
  else if (!mounted || mounted[1] !== providerPath) fail("grafana dashboard provider", `reads ${providerPath} but compose mounts ops/grafana/dashboards at ${mounted?.[1]}`);
}
let dashboard = null;
try {
  dashboard = JSON.parse(fs.readFileSync(dashFile, "utf8"));
} catch (e) {
  fail("ops/grafana/dashboards/market-data-service.json", `not JSON: ${e.message}`);
}
const exprs = [];
if (dashboard) {
  const ids = new Set();
  for (const p of dashboard.panels ?? []) {
    if (ids.has(p.id)) fail("dashboard", `panel id ${p.id} is used twice`);
    ids.add(p.id);
    if (p.type === "row") continue;
    if (!p.gridPos) fail("dashboard", `panel "${p.title}" has no gridPos`);
    if (p.datasource?.uid !== dsUid) fail("dashboard", `panel "${p.title}" uses datasource ${p.datasource?.uid}, not ${dsUid}`);
    if (!p.targets?.length) fail("dashboard", `panel "${p.title}" has no queries`);
    for (const t of p.targets ?? []) {
      if (!t.expr) fail("dashboard", `panel "${p.title}" has a query without expr`);
      else exprs.push({ title: p.title, expr: t.expr });
    }
  }
  if (!dashboard.uid || !dashboard.title) fail("dashboard", "needs uid and title");
  pass(`dashboard parses as JSON: ${exprs.length ? (dashboard.panels ?? []).filter((p) => p.type !== "row").length : 0} panels, ${exprs.length} PromQL queries, all on datasource ${dsUid}`);
}

// Grafana variables are not PromQL: give promtool what Grafana would send.
if (rulesOut && exprs.length) {
  const rules = {
    groups: [{
      name: "dashboard-queries",
      rules: exprs.map((x, i) => ({
        record: `dashboard:query_${i}`,
        expr: x.expr.replaceAll("$__rate_interval", "1m").replaceAll("$instance", ".*"),
      })),
    }],
  };
  fs.writeFileSync(rulesOut, YAML.stringify(rules));
}

for (const p of passed) console.log(`ok    ${p}`);
for (const f of failures) console.log(`FAIL  ${f}`);
process.exit(failures.length ? 1 : 0);
