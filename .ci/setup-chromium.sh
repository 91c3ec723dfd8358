#!/usr/bin/env bash
# Installs Debian's Chromium for tests/export_render.rs, which renders the HTML and
# SVG exports headless and checks the screenshots. Safe to run again.
set -euo pipefail
if [ -x /usr/bin/chromium ]; then
  echo "setup-chromium: already installed"
  exit 0
fi
SUDO=""
if [ "$(id -u)" != 0 ]; then SUDO="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update
$SUDO apt-get install -y --no-install-recommends chromium fonts-dejavu-core
