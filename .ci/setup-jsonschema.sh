#!/usr/bin/env bash
# Installs Python's jsonschema for tests/rules.rs, which validates `cjm check
# --format sarif` against the SARIF 2.1.0 schema vendored in tests/data/sarif/.
# Safe to run again. The tests run it behind a lock (tests/common/tools.rs).
set -euo pipefail
if python3 -c "import jsonschema" 2>/dev/null; then
  echo "setup-jsonschema: already installed"
  exit 0
fi
python3 -m pip install --quiet --disable-pip-version-check jsonschema \
  || python3 -m pip install --quiet --disable-pip-version-check --user jsonschema \
  || python3 -m pip install --quiet --disable-pip-version-check --break-system-packages jsonschema
