#!/usr/bin/env bash
# Makes the format-2 golden bundle (Tests/EvidenceKitTests/Fixtures/GoldenV2/) from the committed golden case, and
# its README with the bundle's SHA-256. This script is the only source of that bundle: when the bundle's bytes change
# on purpose (a new summary, a new manifest field), run it again and commit what it writes, never an edited copy.
# The case is sealed from a copy, because sealing journals the seal in the case it seals.
set -euo pipefail
cd "$(dirname "$0")/.."

sealed_at="2026-12-01T12:00:00Z"
case_fixture="Tests/EvidenceKitTests/Fixtures/Golden/golden-case"
out="Tests/EvidenceKitTests/Fixtures/GoldenV2"
name="golden-case-2026-v2.zip"

swift build --product evidence 2>&1 | grep -E "error|warning: " | grep -v zipfoundation || true
bin="$(swift build --show-bin-path)/evidence"
[ -x "$bin" ] || { echo "build failed" >&2; exit 2; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp -R "$case_fixture" "$work/golden-case"
"$bin" seal --case "$work/golden-case" --out "$work/$name" --sealed-at "$sealed_at" >/dev/null
"$bin" verify "$work/$name" --trusted-key "$case_fixture/keys/signer.pub.pem" >/dev/null

mkdir -p "$out"
cp "$work/$name" "$out/$name"
sha=$(sha256sum "$out/$name" | cut -d' ' -f1)
cat > "$out/README.md" <<README
# Golden bundle, format 2

\`$name\` is the committed golden case (\`../Golden/golden-case/\`, see \`../Golden/README.md\`) sealed by
\`evidence seal --case golden-case --out $name --sealed-at $sealed_at\` in format \`evidencekit-manifest/2\`
(sensitive items under \`data/sensitive/\`, the JSON Schemas under \`evidence/schema/\`, the summary's language in
the manifest), made from a copy of the case folder.

SHA-256 \`$sha\`

\`scripts/make-golden-v2.sh\` wrote this file and the bundle, and is their only source: when the bundle's bytes change
on purpose (the summary renderer, a new manifest member), run it again and commit both. Never edit them by hand.
\`GoldenBundleTests\` checks that this bundle verifies INTACT, that its SHA-256 is the one above, and that sealing the
golden case again at the same time gives exactly these bytes. The format-1 golden bundle (\`../Golden/\`) must keep
verifying INTACT whatever this one becomes.
README
echo "$out/$name  SHA-256 $sha"
