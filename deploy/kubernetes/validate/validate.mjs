#!/usr/bin/env node
// Validates rendered Kubernetes manifests (the output of `kubectl kustomize`, on stdin or in the
// files named) with no network:
//   1. every object against its schema: the Kubernetes OpenAPI schemas (kubernetes-models) and
//      CloudNativePG's CRD schemas (@kubernetes-models/cloudnative-pg). An unknown apiVersion or
//      kind, a wrong type, a missing required field or an unknown field fails.
//   2. the suite's deployment rules: every Deployment runs two or more replicas with probes,
//      requests and limits; every service Deployment has a PodDisruptionBudget and a
//      HorizontalPodAutoscaler and stays within its memory budget; no Secret is committed.
// Exits 1 on any failure, after printing every problem found.
import { readFileSync } from "node:fs";
import { parseAllDocuments } from "yaml";

/** Where the models of an API group live; every other group is looked up in kubernetes-models. */
const CUSTOM_GROUPS = {
  "postgresql.cnpg.io": "@kubernetes-models/cloudnative-pg/postgresql.cnpg.io",
};

/** The memory a service container may be given (the suite's budget: under 150 MB a process). */
const SERVICE_MEMORY_LIMIT_BYTES = 150_000_000;

const problems = [];
const problem = (object, message) => problems.push(`${describe(object)}: ${message}`);
const describe = (o) => `${o?.kind ?? "?"}/${o?.metadata?.name ?? "?"}`;

const source = process.argv.length > 2
  ? process.argv.slice(2).map((f) => readFileSync(f, "utf8")).join("\n---\n")
  : readFileSync(0, "utf8");
const objects = [];
for (const document of parseAllDocuments(source)) {
  if (document.errors.length > 0) {
    problems.push(`YAML: ${document.errors.map((e) => e.message).join("; ")}`);
    continue;
  }
  const object = document.toJS();
  if (object !== null && object !== undefined) {
    objects.push(object);
  }
}
if (objects.length === 0 && problems.length === 0) {
  problems.push("no objects to validate (is the input empty?)");
}

for (const object of objects) {
  await validateSchema(object);
}
checkDeploymentRules(objects);

if (problems.length > 0) {
  console.error(`Manifest validation failed: ${problems.length} problem(s) in ${objects.length} object(s):`);
  for (const p of problems) {
    console.error(`  - ${p}`);
  }
  process.exit(1);
}
const kinds = [...new Set(objects.map((o) => o.kind))].sort();
console.log(`Manifests valid: ${objects.length} object(s) (${kinds.join(", ")}).`);

/** The model class for an object's apiVersion and kind, or null when none is known. */
async function modelFor(apiVersion, kind) {
  if (typeof apiVersion !== "string" || typeof kind !== "string" || !/^[a-z0-9.]*\/?[a-z0-9]+$/.test(apiVersion)) {
    return null;
  }
  const [group, version] = apiVersion.includes("/") ? apiVersion.split("/") : ["", apiVersion];
  const module = CUSTOM_GROUPS[group]
    ? `${CUSTOM_GROUPS[group]}/${version}`
    : `kubernetes-models/${apiVersion}`;
  let models;
  try {
    models = await import(module);
  } catch {
    return null;
  }
  return Object.values(models).find(
    (m) => typeof m === "function" && m.kind === kind && m.apiVersion === apiVersion && typeof m.prototype?.validate === "function",
  ) ?? null;
}

/**
 * Schema validation, with unknown fields: the models' validators check types and required fields
 * but, like the API server's schemas, accept fields they do not know. So the object is validated
 * through proxies that record every property the validator reads: a validator reads each
 * property its schema declares, so a field of an object the validator looked into that it never
 * read is one the schema does not have. Maps (labels, data, resource lists) are iterated whole
 * and so are all known; free-form objects are never looked into and are left alone.
 */
async function validateSchema(object) {
  const Model = await modelFor(object?.apiVersion, object?.kind);
  if (Model === null) {
    problem(object, `unknown apiVersion/kind "${object?.apiVersion}" "${object?.kind}" (no schema)`);
    return;
  }
  const tracked = new Map();
  const proxied = track(object, tracked);
  try {
    Model.prototype.validate.call(proxied);
  } catch (error) {
    problem(object, `schema: ${error.message}`);
  }
  for (const path of unknownFields(object, tracked, "")) {
    problem(object, `unknown field ${path}`);
  }
}

function track(value, tracked) {
  if (value === null || typeof value !== "object") {
    return value;
  }
  if (tracked.has(value)) {
    return tracked.get(value).proxy;
  }
  const record = { read: new Set(), listed: false, proxy: null };
  record.proxy = new Proxy(value, {
    get(target, key, receiver) {
      if (typeof key === "string") {
        record.read.add(key);
      }
      return track(Reflect.get(target, key, receiver), tracked);
    },
    has(target, key) {
      if (typeof key === "string") {
        record.read.add(key);
      }
      return Reflect.has(target, key);
    },
    ownKeys(target) {
      record.listed = true;
      return Reflect.ownKeys(target);
    },
  });
  tracked.set(value, record);
  return record.proxy;
}

function* unknownFields(value, tracked, path) {
  if (value === null || typeof value !== "object") {
    return;
  }
  const record = tracked.get(value);
  if (record === undefined) {
    return;
  }
  if (Array.isArray(value)) {
    for (const [i, item] of value.entries()) {
      yield* unknownFields(item, tracked, `${path}[${i}]`);
    }
    return;
  }
  const lookedInto = record.listed || record.read.size > 0;
  for (const key of Object.keys(value)) {
    if (!record.listed && lookedInto && !record.read.has(key)) {
      yield `${path}.${key}`;
      continue;
    }
    yield* unknownFields(value[key], tracked, `${path}.${key}`);
  }
}

function checkDeploymentRules(all) {
  const deployments = all.filter((o) => o.kind === "Deployment");
  for (const secret of all.filter((o) => o.kind === "Secret")) {
    problem(secret, "a Secret is rendered: secrets are created in the cluster, never committed (README: Secrets)");
  }
  for (const deployment of deployments) {
    const spec = deployment.spec ?? {};
    if (!(Number.isInteger(spec.replicas) && spec.replicas >= 2)) {
      problem(deployment, `replicas must be 2 or more (is ${spec.replicas ?? "unset, i.e. 1"})`);
    }
    const podLabels = spec.template?.metadata?.labels ?? {};
    const service = podLabels["app.kubernetes.io/component"] === "service";
    for (const container of spec.template?.spec?.containers ?? []) {
      const where = `container ${container.name}`;
      for (const probe of ["readinessProbe", "livenessProbe"]) {
        if (!container[probe]) {
          problem(deployment, `${where} has no ${probe}`);
        }
      }
      for (const kind of ["requests", "limits"]) {
        for (const resource of ["cpu", "memory"]) {
          if (container.resources?.[kind]?.[resource] === undefined) {
            problem(deployment, `${where} has no ${resource} ${kind}`);
          }
        }
      }
      const memory = bytes(container.resources?.limits?.memory);
      if (service && memory !== null && memory > SERVICE_MEMORY_LIMIT_BYTES) {
        problem(deployment, `${where}: a service's memory limit must stay within 150 MB (is ${container.resources.limits.memory})`);
      }
    }
    const namespace = deployment.metadata?.namespace;
    const sameNamespace = (o) => o.metadata?.namespace === namespace;
    const hpa = (minimumReplicas) => all.some((o) => o.kind === "HorizontalPodAutoscaler" && sameNamespace(o)
      && o.spec?.scaleTargetRef?.kind === "Deployment" && o.spec?.scaleTargetRef?.name === deployment.metadata?.name
      && (o.spec?.minReplicas ?? 1) >= minimumReplicas);
    const pdb = all.some((o) => o.kind === "PodDisruptionBudget" && sameNamespace(o) && selects(o.spec?.selector, podLabels));
    if (service && !pdb) {
      problem(deployment, "a service Deployment needs a PodDisruptionBudget selecting its pods");
    }
    if (service && !hpa(2)) {
      problem(deployment, "a service Deployment needs a HorizontalPodAutoscaler on it with minReplicas of 2 or more");
    }
  }
}

/** Whether a label selector (matchLabels and matchExpressions) selects pods with these labels. */
function selects(selector, labels) {
  if (!selector) {
    return false;
  }
  const matchLabels = Object.entries(selector.matchLabels ?? {}).every(([k, v]) => labels[k] === v);
  const matchExpressions = (selector.matchExpressions ?? []).every((e) => {
    switch (e.operator) {
      case "In": return e.values.includes(labels[e.key]);
      case "NotIn": return !e.values.includes(labels[e.key]);
      case "Exists": return e.key in labels;
      case "DoesNotExist": return !(e.key in labels);
      default: return false;
    }
  });
  return matchLabels && matchExpressions;
}

/** A Kubernetes quantity in bytes (e.g. 150M, 128Mi, 1Gi), or null when unset or unreadable. */
function bytes(quantity) {
  if (quantity === undefined || quantity === null) {
    return null;
  }
  const match = /^(\d+(?:\.\d+)?)(Ki|Mi|Gi|Ti|k|M|G|T)?$/.exec(String(quantity));
  if (!match) {
    return null;
  }
  const units = { Ki: 2 ** 10, Mi: 2 ** 20, Gi: 2 ** 30, Ti: 2 ** 40, k: 1e3, M: 1e6, G: 1e9, T: 1e12 };
  return Number(match[1]) * (units[match[2]] ?? 1);
}
