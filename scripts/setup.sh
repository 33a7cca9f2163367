#!/usr/bin/env bash
# Installs everything the tests need on a fresh machine: npm packages from the lock file, and
# Debian's Chromium for the browser tests when it is missing (playwright-core never downloads one).
set -euo pipefail
cd "$(dirname "$0")/.."

# The exact versions of package-lock.json. `npm ci` is the usual way, but npm 11.19 writes lock files
# without other platforms' optional binaries (Biome's, esbuild's) and then refuses them in `npm ci`;
# `npm install --no-save` installs the same locked versions and leaves the lock file as it is.
npm ci --no-fund --no-audit 2>/dev/null || npm install --no-save --no-fund --no-audit

if [ ! -x /usr/bin/chromium ]; then
  echo "Installing Debian's chromium for the browser tests..."
  SUDO=""
  if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends chromium fonts-dejavu-core
fi
