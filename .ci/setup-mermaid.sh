#!/usr/bin/env bash
# Installs Mermaid (and jsdom, which it needs to run under node) into
# tools/mermaid/node_modules, for tests/export.rs: every Mermaid export must pass
# Mermaid's own parser (tools/mermaid/parse.mjs). Safe to run again.
set -euo pipefail
cd "$(dirname "$0")/../tools/mermaid"
if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
  echo "setup-mermaid: node and npm are needed (apt-get install -y nodejs npm)" >&2
  exit 1
fi
if [ -f node_modules/mermaid/package.json ] && [ -f node_modules/jsdom/package.json ]; then
  echo "setup-mermaid: already installed"
else
  # package-lock.json pins every version; `npm ci` installs exactly that.
  npm ci --no-audit --no-fund --loglevel=error
fi
# Prove the parser runs: the journey example from Mermaid's documentation.
node parse.mjs --journey ../../tests/data/mermaid-docs-journey.mmd
