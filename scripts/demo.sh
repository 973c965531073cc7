#!/usr/bin/env bash
# The main job on the bundled sample case: build, create a case, add every SampleEvidence file
# (as listed in SampleEvidence/sample-case.tsv), seal, verify, and say where the bundle and summary are.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
bash scripts/setup.sh

echo "Building evidence (release)…"
swift build -c release --product evidence
bin="$root/.build/release/evidence"
[ -x "$bin" ] || { echo "build failed" >&2; exit 2; }

out="$root/out"
case_dir="$out/sample-case"
bundle="$out/sample-case-2026-001.zip"
rm -rf "$case_dir" "$bundle" "${bundle%.zip}.summary.html"
mkdir -p "$out"

"$bin" init "$case_dir" --title "Sextorsion Instagram et WhatsApp — mars 2026 (cas fictif)" \
  --timezone Europe/Brussels --id sample-case-2026-001 --lang fr
while IFS=$'\t' read -r path sensitive note declared; do
  [ -n "$path" ] || continue
  args=(add --case "$case_dir" "SampleEvidence/$path" --note "$note")
  [ "$sensitive" = yes ] && args+=(--sensitive)
  [ -n "${declared:-}" ] && args+=(--declared-time "$declared")
  "$bin" "${args[@]}"
done < SampleEvidence/sample-case.tsv

"$bin" list --case "$case_dir"
"$bin" seal --case "$case_dir" --out "$bundle"
"$bin" verify "$bundle" --trusted-key "$case_dir/keys/signer.pub.pem"

echo
echo "Bundle:  $bundle"
echo "Summary: ${bundle%.zip}.summary.html (images show only in summary.html inside the unzipped bundle)"
echo "Inside:  sensitive items under data/sensitive/, JSON Schemas of the manifest and messages under evidence/schema/"
echo "Case:    $case_dir"
