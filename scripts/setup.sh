#!/usr/bin/env bash
# Installs what EvidenceKit needs on a fresh Debian machine, only when it is missing.
# Sourced by scripts/demo.sh and scripts/test.sh; safe to run again.
set -euo pipefail

need=()
dpkg -s libssl-dev >/dev/null 2>&1 || need+=(libssl-dev)
dpkg -s pkg-config >/dev/null 2>&1 || need+=(pkg-config)
dpkg -s libsqlite3-dev >/dev/null 2>&1 || need+=(libsqlite3-dev)
dpkg -s zlib1g-dev >/dev/null 2>&1 || need+=(zlib1g-dev)
# The image decoders behind PDQ hashing.
for package in libturbojpeg0-dev libpng-dev libwebp-dev libheif-dev; do
  dpkg -s "$package" >/dev/null 2>&1 || need+=("$package")
done
command -v openssl >/dev/null 2>&1 || need+=(openssl)
command -v unzip >/dev/null 2>&1 || need+=(unzip)
command -v zip >/dev/null 2>&1 || need+=(zip)
command -v sha256sum >/dev/null 2>&1 || need+=(coreutils)
if [ "${EVIDENCEKIT_TEST_TOOLS:-0}" = 1 ]; then
  command -v exiftool >/dev/null 2>&1 || need+=(libimage-exiftool-perl)
  command -v bsdtar >/dev/null 2>&1 || need+=(libarchive-tools)
  python3 -c 'import venv, ensurepip' >/dev/null 2>&1 || need+=(python3-venv)
  # The summary is checked in real headless Chromium (scripts/chromium-summary-check.py); the fonts make its
  # screenshots and PDF page counts the same on every machine.
  command -v chromium >/dev/null 2>&1 || need+=(chromium)
  dpkg -s fonts-dejavu-core >/dev/null 2>&1 || need+=(fonts-dejavu-core)
fi
# scripts/bench.sh --images encodes its JPEG photos with cjpeg (libjpeg-turbo's own encoder).
if [ "${EVIDENCEKIT_BENCH_TOOLS:-0}" = 1 ]; then
  command -v cjpeg >/dev/null 2>&1 || need+=(libjpeg-turbo-progs)
fi
if [ ${#need[@]} -gt 0 ]; then
  echo "Installing: ${need[*]}"
  SUDO=""; [ "$(id -u)" = 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi
