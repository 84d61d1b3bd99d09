#!/usr/bin/env bash
# Renders the Kubernetes manifests (the base and every overlay) with `kubectl kustomize` and
# validates every object against the Kubernetes and CloudNativePG schemas and the suite's
# deployment rules (validate.mjs). No network beyond the npm registry (npm ci). CI runs this.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
kubernetes="$(dirname "$here")"

if ! command -v kubectl >/dev/null 2>&1; then
  echo "kubectl is not installed: it renders deploy/kubernetes (kubectl kustomize). Install kubectl (1.27 or later, with kustomize built in) and run again." >&2
  exit 1
fi
if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
  echo "node and npm are not installed: they run the manifest validator (deploy/kubernetes/validate)." >&2
  exit 1
fi

(cd "$here" && npm ci --no-audit --no-fund --loglevel=error)

for target in "$kubernetes/base" "$kubernetes"/overlays/*/; do
  target="${target%/}"
  echo "kubectl kustomize ${target#"$kubernetes"/}"
  kubectl kustomize "$target" | node "$here/validate.mjs"
done
