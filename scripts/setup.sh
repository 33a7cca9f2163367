#!/usr/bin/env bash
# Installs everything the tests need on a fresh machine: the npm packages of package-lock.json, and
# from Debian, when missing, Chromium for the browser tests (playwright-core never downloads one) and
# LibreOffice Calc for the test that recalculates a saved workbook (test/interop/).
set -euo pipefail
cd "$(dirname "$0")/.."

# The lock file lists every platform's optional binaries (Biome's, esbuild's, the resolver's), so
# `npm ci` installs exactly the locked versions on any machine. Install scripts run only where
# package.json's allowScripts says so (the README explains each entry).
npm ci --no-fund --no-audit

missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium fonts-dejavu-core)
command -v soffice >/dev/null || missing+=(libreoffice-calc-nogui)
if [ "${#missing[@]}" -gt 0 ]; then
  echo "Installing from Debian: ${missing[*]}"
  SUDO=""
  if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" </dev/null
fi
