#!/usr/bin/env bash
# Installs Debian's Chromium for tests/export_render.rs, which renders the HTML and
# SVG exports headless and checks the screenshots. Safe to run again. The tests run
# it behind a lock (tests/common/tools.rs), once per run; apt waits for its own lock
# should something else (unattended upgrades) hold it.
set -euo pipefail
if [ -x /usr/bin/chromium ]; then
  echo "setup-chromium: already installed"
  exit 0
fi
SUDO=""
if [ "$(id -u)" != 0 ]; then SUDO="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get -o DPkg::Lock::Timeout=300 update
$SUDO apt-get -o DPkg::Lock::Timeout=300 install -y --no-install-recommends chromium fonts-dejavu-core
