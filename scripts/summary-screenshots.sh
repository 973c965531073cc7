#!/usr/bin/env bash
# Makes the README's pictures of what a victim hands over: the SampleEvidence case sealed in French (release build),
# unzipped, and its summary.html captured by headless Chromium at desktop width (1280 px) and phone width (390 px),
# cut at SCREENSHOT_HEIGHT pixels so each PNG stays small. The harness checks the summary as it captures it
# (scripts/chromium-summary-check.py, Docs/summary-checks.md); its report is printed when it finds a problem.
#
#   scripts/summary-screenshots.sh     # writes Docs/images/summary-fr-desktop.png and summary-fr-phone.png
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
height="${SCREENSHOT_HEIGHT:-2400}"
bash scripts/setup.sh
command -v chromium >/dev/null 2>&1 || { echo "needs Chromium: apt-get install chromium fonts-dejavu-core" >&2; exit 2; }

echo "Building evidence (release)…"
swift build -c release --product evidence
bin="$root/.build/release/evidence"

work=$(mktemp -d "${TMPDIR:-/tmp}/evidencekit-screenshots.XXXXXX")
trap 'rm -rf "$work"' EXIT
case_dir="$work/sample-case"
bundle="$work/sample-case-2026-001.zip"
"$bin" init "$case_dir" --title "Sextorsion Instagram et WhatsApp — mars 2026 (cas fictif)" \
  --timezone Europe/Brussels --id sample-case-2026-001 >/dev/null
while IFS=$'\t' read -r path sensitive note declared; do
  [ -n "$path" ] || continue
  args=(add --case "$case_dir" "SampleEvidence/$path" --note "$note")
  [ "$sensitive" = yes ] && args+=(--sensitive)
  [ -n "${declared:-}" ] && args+=(--declared-time "$declared")
  "$bin" "${args[@]}" >/dev/null
done < SampleEvidence/sample-case.tsv

# `seal --lang` arrives with the translated summary; until then the summary is sealed in its only language.
seal_language=()
if "$bin" seal --help 2>&1 | grep -q -- '--lang'; then
  seal_language=(--lang fr)
else
  echo "note: this evidence has no seal --lang; the summary is not in French" >&2
fi
"$bin" seal --case "$case_dir" --out "$bundle" "${seal_language[@]}" >/dev/null
unzip -q "$bundle" -d "$work/unpacked"

mkdir -p Docs/images
desktop=Docs/images/summary-fr-desktop.png
phone=Docs/images/summary-fr-phone.png
status=0
python3 scripts/chromium-summary-check.py "$work/unpacked" --desktop-png "$desktop" --phone-png "$phone" \
  --screenshot-max-height "$height" --report "$work/report.json" >/dev/null || status=$?
if [ "$status" = 2 ]; then exit 2; fi
if [ "$status" = 1 ]; then
  echo "The summary has problems (the screenshots were written all the same):" >&2
  python3 -c 'import json, sys; print("\n".join("  " + f for f in json.load(open(sys.argv[1]))["failures"]))' \
    "$work/report.json" >&2
fi
for png in "$desktop" "$phone"; do
  echo "$png: $(( $(stat -c %s "$png") / 1024 )) KiB"
done
exit "$status"
