#!/usr/bin/env bash
# Installs jq for tests/ci_doc.rs: the GitLab job in docs/ci.md reads GitLab's
# JSON with jq, and the stand-in `gh` applies the workflow's `--jq` filters with
# it, so the filters that find the job's own comment are run, not assumed. Safe
# to run again. The tests run it behind a lock (tests/common/tools.rs).
set -euo pipefail
if command -v jq >/dev/null; then
  echo "setup-jq: already installed"
  exit 0
fi
SUDO=""
if [ "$(id -u)" != 0 ]; then SUDO="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get -o DPkg::Lock::Timeout=300 update
$SUDO apt-get -o DPkg::Lock::Timeout=300 install -y --no-install-recommends jq
