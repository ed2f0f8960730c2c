// Checks the Kubernetes manifests offline, the way the API server and the kubelet would read
// them, so a broken manifest fails here rather than on a user's `kubectl apply`. Run by
// validate-k8s.sh, which installs the npm packages this needs (kubernetes-models, yaml).
//
//   1. every YAML document parses (duplicate keys are errors) and is an object of a kind that
//      kubernetes-models knows for its apiVersion; an unknown apiVersion/kind fails;
//   2. each object validates against its Kubernetes OpenAPI schema (kubernetes-models'
//      `new Deployment(obj).validate()` etc.): types, enums, required fields. Those schemas allow
//      fields they do not know, so a misspelled field passes them; the checks below require the
//      fields that matter (probes, resources, security context, selectors) to be present and right;
//   3. what the schemas cannot say: selectors match their pod labels, the Service, PDB and HPA
//      point at the API pods, probes hit /health/* on the container's port, the grace period
//      outlasts MDS_SHUTDOWN_TIMEOUT_SECONDS, every role runs somewhere and the relay exactly
//      once, pods are non-root with a read-only root and a writable /tmp, referenced config maps
//      and secrets exist, the secret template holds only placeholders;
//   4. every environment variable the manifests set is in the README's configuration table.
//
// usage: node validate-k8s.mjs <tools-dir> <repo-root> <manifest-dir>   exit 1 on any failure
import fs from "node:fs";
import path from "node:path";
import { createRequire } from "node:module";
import { pathToFileURL } from "node:url";

const [toolsDir, root, dir] = process.argv.slice(2);
const require = createRequire(path.join(toolsDir, "node_modules", "noop.js"));
const YAML = require("yaml");
const MODELS = path.join(toolsDir, "node_modules", "kubernetes-models");

const failures = [];
const fail = (where, message) => failures.push(`${where}: ${message}`);
const passed = [];
const pass = (message) => passed.push(message);
const rel = (f) => path.relative(root, f) || f;

// --- 1. parse every document ---------------------------------------------------------------
function yamlFiles(d) {
  return fs
    .readdirSync(d, { withFileTypes: true })
    .sort((a, b) => a.name.localeCompare(b.name))
    .flatMap((e) => {
      const p = path.join(d, e.name);
      if (e.isDirectory()) return yamlFiles(p);
      return /\.ya?ml$/.test(e.name) ? [p] : [];
    });
}
const files = yamlFiles(dir);
if (!files.length) fail(rel(dir), "holds no .yaml file");
const objects = []; // { file, index, obj }
for (const file of files) {
  const docs = YAML.parseAllDocuments(fs.readFileSync(file, "utf8"), { uniqueKeys: true });
  docs.forEach((doc, index) => {
    const where = `${rel(file)}#${index + 1}`;
    if (doc.errors.length) {
      for (const e of doc.errors) fail(where, `YAML: ${e.message.split("\n")[0]}`);
      return;
    }
    const obj = doc.toJS({ maxAliasCount: 100 });
    if (obj === null || obj === undefined) return; // an empty document (e.g. a trailing ---)
    if (typeof obj !== "object" || Array.isArray(obj)) return fail(where, "is not a mapping");
    objects.push({ file, where, obj });
  });
}

// --- 2. each object against its kubernetes-models class ------------------------------------
async function modelClass(apiVersion, kind) {
  if (typeof apiVersion !== "string" || typeof kind !== "string") return null;
  const m = /^(?:([a-z0-9.-]+)\/)?(v[0-9]+(?:(?:alpha|beta)[0-9]+)?)$/.exec(apiVersion);
  if (!m || !/^[A-Z][A-Za-z0-9]*$/.test(kind)) return null;
  const file = path.join(MODELS, m[1] ?? "", m[2], `${kind}.js`);
  if (!fs.existsSync(file)) return null;
  const cls = (await import(pathToFileURL(file).href))[kind];
  // A schema-only type (e.g. v1/Container) has no apiVersion/kind of its own: not a resource.
  return cls && cls.apiVersion === apiVersion && cls.kind === kind ? cls : null;
}
let schemaValid = 0;
for (const o of objects) {
  const { apiVersion, kind } = o.obj;
  o.kind = kind;
  const cls = await modelClass(apiVersion, kind);
  if (!cls) {
    fail(o.where, `unknown kind ${JSON.stringify(kind)} for apiVersion ${JSON.stringify(apiVersion)}`);
    continue;
  }
  try {
    new cls(o.obj).validate();
    schemaValid++;
  } catch (e) {
    const errors = e.errors ?? [{ instancePath: "", message: e.message }];
    for (const x of errors) {
      const params = x.params && Object.keys(x.params).length ? ` ${JSON.stringify(x.params)}` : "";
      fail(o.where, `schema (${apiVersion} ${kind}): ${x.instancePath || "/"} ${x.message}${params}`);
    }
  }
}
if (objects.length && schemaValid === objects.length) {
  const kinds = [...new Set(objects.map((o) => `${o.obj.apiVersion} ${o.obj.kind}`))].join(", ");
  pass(`${objects.length} objects in ${files.length} files conform to the Kubernetes schemas of kubernetes-models (${kinds})`);
}

// --- 3. what the schemas cannot say ----------------------------------------------------------
const before = failures.length;
const NAMESPACE = "market-data";
const ROLES = ["api", "poller", "relay", "consumer"];
const byKind = (k) => objects.filter((o) => o.obj.kind === k);
const seen = new Set();
for (const o of objects) {
  const md = o.obj.metadata ?? {};
  const key = `${o.obj.kind}/${md.namespace ?? ""}/${md.name}`;
  if (seen.has(key)) fail(o.where, `${key} is defined twice`);
  seen.add(key);
  if (o.obj.kind !== "Namespace" && md.namespace !== NAMESPACE) {
    fail(o.where, `${o.obj.kind} ${md.name} must be in namespace ${NAMESPACE}, not ${md.namespace}`);
  }
}

const configMaps = new Map(byKind("ConfigMap").map((o) => [o.obj.metadata?.name, o.obj.data ?? {}]));
const secrets = new Map(
  byKind("Secret").map((o) => [o.obj.metadata?.name, { ...(o.obj.data ?? {}), ...(o.obj.stringData ?? {}) }]),
);
const settings = Object.assign({}, ...configMaps.values());
const httpPort = Number(settings.MDS_HTTP_PORT ?? 8080);
const shutdownSeconds = Number(settings.MDS_SHUTDOWN_TIMEOUT_SECONDS ?? 30);

// The template must never hold a real secret, and must not sit where `kubectl apply -f manifests/` reads.
for (const o of byKind("Secret")) {
  if (path.basename(o.file) !== "secret.example.yaml") {
    fail(o.where, "a Secret belongs only in secret.example.yaml, outside manifests/, as a template");
  }
  for (const [k, v] of Object.entries(o.obj.stringData ?? {})) {
    if (v !== "" && !String(v).includes("REPLACE_ME")) fail(o.where, `${k} must be empty or a REPLACE_ME placeholder`);
  }
  for (const k of Object.keys(o.obj.data ?? {})) fail(o.where, `${k}: use stringData placeholders, not base64 data`);
}

const matches = (selector, labels) =>
  !!selector && Object.keys(selector).length > 0 &&
  Object.entries(selector).every(([k, v]) => labels?.[k] === v);
const envOf = (c) => Object.fromEntries((c.env ?? []).map((e) => [e.name, e.value]));
const rolesOf = (dep) => {
  const c = dep.spec?.template?.spec?.containers?.[0];
  return String(envOf(c ?? {}).MDS_ROLES ?? "").split(",").map((r) => r.trim()).filter(Boolean);
};

const deployments = byKind("Deployment");
const roleCount = Object.fromEntries(ROLES.map((r) => [r, 0]));
for (const o of deployments) {
  const d = o.obj;
  const name = d.metadata?.name;
  const where = `${rel(o.file)} Deployment ${name}`;
  const pod = d.spec?.template?.spec ?? {};
  const podLabels = d.spec?.template?.metadata?.labels ?? {};
  if (!matches(d.spec?.selector?.matchLabels, podLabels)) fail(where, "selector.matchLabels do not match the pod template's labels");
  if (pod.securityContext?.runAsNonRoot !== true) fail(where, "pod securityContext.runAsNonRoot must be true");
  if (!Number.isInteger(pod.securityContext?.runAsUser) || pod.securityContext.runAsUser === 0) {
    fail(where, "pod securityContext.runAsUser must be a non-zero number (the image's user is a name)");
  }
  const grace = pod.terminationGracePeriodSeconds ?? 30;
  const volumes = new Map((pod.volumes ?? []).map((v) => [v.name, v]));
  const annotations = d.spec?.template?.metadata?.annotations ?? {};
  if (annotations["prometheus.io/scrape"] !== "true" || annotations["prometheus.io/path"] !== "/metrics" ||
      Number(annotations["prometheus.io/port"]) !== httpPort) {
    fail(where, `pod annotations must say prometheus.io/scrape "true", path /metrics, port ${httpPort}`);
  }
  const roles = rolesOf(d);
  if (!roles.length) fail(where, "sets no MDS_ROLES");
  for (const r of roles) {
    if (!ROLES.includes(r)) fail(where, `MDS_ROLES names ${r}, not one of ${ROLES.join(",")}`);
    else roleCount[r] += 1;
  }
  if (roles.includes("relay")) {
    if (d.spec?.replicas !== 1) fail(where, "runs the relay, so it needs exactly replicas: 1 (one relay keeps per-symbol order on the topic; ADR 0006)");
    if (d.spec?.strategy?.type !== "Recreate") fail(where, "runs the relay, so it needs strategy Recreate (no two relays during a rollout)");
  }
  for (const c of pod.containers ?? []) {
    const cw = `${where} container ${c.name}`;
    if (!c.image || /:latest$/.test(c.image) || !/:[^/]+$/.test(c.image)) fail(cw, `image ${c.image} must carry a release tag, not latest`);
    const port = (c.ports ?? []).find((p) => p.containerPort === httpPort);
    if (!port) fail(cw, `declares no containerPort ${httpPort} (MDS_HTTP_PORT)`);
    const probe = (kind, wantPath) => {
      const g = c[kind]?.httpGet;
      if (!g) return fail(cw, `needs ${kind} with httpGet ${wantPath}`);
      if (g.path !== wantPath) fail(cw, `${kind} must probe ${wantPath}, not ${g.path}`);
      if (g.port !== httpPort && !(port && g.port === port.name)) fail(cw, `${kind} port ${g.port} is not the HTTP port ${httpPort}`);
    };
    probe("startupProbe", "/health/live");
    probe("livenessProbe", "/health/live");
    probe("readinessProbe", "/health/ready");
    for (const k of ["requests", "limits"]) {
      for (const r of ["cpu", "memory"]) if (c.resources?.[k]?.[r] === undefined) fail(cw, `resources.${k}.${r} is missing`);
    }
    const sc = c.securityContext ?? {};
    if (sc.allowPrivilegeEscalation !== false) fail(cw, "securityContext.allowPrivilegeEscalation must be false");
    if (sc.readOnlyRootFilesystem !== true) fail(cw, "securityContext.readOnlyRootFilesystem must be true");
    if (!(sc.capabilities?.drop ?? []).includes("ALL")) fail(cw, "securityContext.capabilities.drop must include ALL");
    for (const m of c.volumeMounts ?? []) if (!volumes.has(m.name)) fail(cw, `mounts volume ${m.name}, which the pod does not declare`);
    const tmp = (c.volumeMounts ?? []).find((m) => m.mountPath === "/tmp");
    if (!tmp || !volumes.get(tmp.name)?.emptyDir) fail(cw, "needs an emptyDir at /tmp (the JVM and Vert.x write there; the root is read-only)");
    const sleep = c.lifecycle?.preStop?.exec?.command;
    const preStopSeconds = Array.isArray(sleep) && sleep[0] === "sleep" ? Number(sleep[1]) : (c.lifecycle?.preStop?.sleep?.seconds ?? 0);
    if (!(grace > shutdownSeconds + preStopSeconds)) {
      fail(cw, `terminationGracePeriodSeconds ${grace} must exceed MDS_SHUTDOWN_TIMEOUT_SECONDS ${shutdownSeconds} + preStop ${preStopSeconds} s`);
    }
    for (const f of c.envFrom ?? []) {
      if (f.configMapRef && !configMaps.has(f.configMapRef.name)) fail(cw, `envFrom config map ${f.configMapRef.name} is not defined`);
      if (f.secretRef && !secrets.has(f.secretRef.name)) fail(cw, `envFrom secret ${f.secretRef.name} is not defined (not even in secret.example.yaml)`);
    }
    for (const e of c.env ?? []) {
      const s = e.valueFrom?.secretKeyRef;
      if (s && !(secrets.get(s.name) && s.key in secrets.get(s.name))) fail(cw, `env ${e.name} reads secret ${s.name} key ${s.key}, which is not defined`);
      const m = e.valueFrom?.configMapKeyRef;
      if (m && !(configMaps.get(m.name) && m.key in configMaps.get(m.name))) fail(cw, `env ${e.name} reads config map ${m.name} key ${m.key}, which is not defined`);
    }
    if (envOf(c).MDS_INSTANCE_ID === undefined && !(c.env ?? []).some((e) => e.name === "MDS_INSTANCE_ID")) {
      fail(cw, "should set MDS_INSTANCE_ID (the pod name) so job leases name their replica");
    }
  }
}
if (deployments.length) {
  for (const r of ROLES) if (roleCount[r] === 0) fail(rel(dir), `no Deployment runs role ${r}`);
}
if (deployments.length && roleCount.relay > 1) fail(rel(dir), `${roleCount.relay} Deployments run the relay; run exactly one`);

// The API: one Deployment with role api, a Service, a PDB and a CPU HPA that all select it.
const apis = deployments.filter((o) => rolesOf(o.obj).includes("api"));
if (deployments.length && apis.length !== 1) fail(rel(dir), `expected exactly one Deployment with role api, found ${apis.length}`);
const api = apis[0]?.obj;
if (api) {
  const apiLabels = api.spec.template.metadata?.labels ?? {};
  const apiPorts = api.spec.template.spec.containers.flatMap((c) => c.ports ?? []);
  const services = byKind("Service").filter((o) => matches(o.obj.spec?.selector, apiLabels));
  if (!services.length) fail(rel(dir), "no Service selects the API pods");
  for (const o of services) {
    for (const p of o.obj.spec.ports ?? []) {
      const t = p.targetPort ?? p.port;
      if (!apiPorts.some((cp) => cp.name === t || cp.containerPort === t)) fail(o.where, `Service port ${p.port} targets ${t}, which no API container port is`);
    }
  }
  for (const o of byKind("Service")) {
    if (!deployments.some((d) => matches(o.obj.spec?.selector, d.obj.spec?.template?.metadata?.labels))) fail(o.where, "Service selects no pods of these Deployments");
  }
  const pdbs = byKind("PodDisruptionBudget").filter((o) => matches(o.obj.spec?.selector?.matchLabels, apiLabels));
  if (!pdbs.length) fail(rel(dir), "no PodDisruptionBudget covers the API pods");
  const hpas = byKind("HorizontalPodAutoscaler").filter(
    (o) => o.obj.spec?.scaleTargetRef?.kind === "Deployment" && o.obj.spec?.scaleTargetRef?.name === api.metadata.name,
  );
  if (hpas.length !== 1) fail(rel(dir), `expected one HorizontalPodAutoscaler on Deployment ${api.metadata.name}, found ${hpas.length}`);
  for (const o of hpas) {
    const h = o.obj;
    if (h.apiVersion !== "autoscaling/v2") fail(o.where, "use autoscaling/v2");
    if (!(h.spec.metrics ?? []).some((m) => m.type === "Resource" && m.resource?.name === "cpu")) fail(o.where, "does not scale on CPU");
    for (const p of pdbs) {
      if (p.obj.spec.minAvailable !== undefined && !(Number(h.spec.minReplicas ?? 1) > Number(p.obj.spec.minAvailable))) {
        fail(o.where, `minReplicas ${h.spec.minReplicas} must exceed the PDB's minAvailable ${p.obj.spec.minAvailable}, or no node can be drained`);
      }
    }
    if (api.spec.replicas !== undefined) fail(apis[0].where, "sets replicas although an HPA scales it; every apply would reset the HPA's choice");
  }
}
if (failures.length === before && deployments.length) {
  pass(`selectors, Service/PDB/HPA targets, probes on /health/*, resources, security contexts, /tmp, grace period > ${shutdownSeconds} s, Deployments per role (${ROLES.map((r) => `${r} ${roleCount[r]}`).join(", ")}), references and the secret template are consistent`);
}

// --- 4. environment variable names against the README's configuration table ----------------
const readme = fs.readFileSync(path.join(root, "README.md"), "utf8");
const section = readme.split(/^## /m).find((s) => s.startsWith("Configuration\n")) ?? "";
const documented = new Set();
const families = []; // `MDS_KAFKA_CLIENT_<NAME>` documents every MDS_KAFKA_CLIENT_... variable
for (const line of section.split("\n")) {
  if (!line.startsWith("| `")) continue;
  for (const m of line.split("|")[1].matchAll(/`([A-Z][A-Z0-9_]*)`/g)) documented.add(m[1]);
  for (const m of line.split("|")[1].matchAll(/`([A-Z][A-Z0-9_]*_)<NAME>`/g)) families.push(m[1]);
}
if (!documented.size) fail("README.md", "no configuration table found under ## Configuration");
const used = new Map(); // name -> where
for (const o of objects) {
  if (o.obj.kind === "ConfigMap") for (const k of Object.keys(o.obj.data ?? {})) used.set(k, o.where);
  if (o.obj.kind === "Secret") for (const k of Object.keys({ ...(o.obj.data ?? {}), ...(o.obj.stringData ?? {}) })) used.set(k, o.where);
  for (const c of o.obj.spec?.template?.spec?.containers ?? []) for (const e of c.env ?? []) used.set(e.name, o.where);
}
const undocumented = [...used].filter(([k]) => !documented.has(k) && !families.some((f) => k.startsWith(f)));
for (const [k, where] of undocumented) fail(where, `sets ${k}, which is not in the README configuration table`);
if (used.size && !undocumented.length) pass(`all ${used.size} environment variables set are in the README configuration table`);

for (const p of passed) console.log(`ok    ${p}`);
for (const f of failures) console.log(`FAIL  ${f}`);
process.exit(failures.length ? 1 : 0);
