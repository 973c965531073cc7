#!/usr/bin/env bash
# Measures `evidence verify` (release build) on a bag of 100,000 items as a sealed case has them (a manifest of about
# 190 MB, a custody journal of 36 MB with a step per item, a summary of 51 MB; written by scripts/make-large-bag.py,
# not by our writer), unpacked and zipped by Info-ZIP, and on signed hostile manifests of 195 MB (just under the
# 200 MiB cap): a member holding [0,0,…], 195 million open brackets, one 195 MB string, millions of keys in one object.
# Not a test: prints wall time and peak memory (GNU time's maximum resident set size) of each run, and the verdict.
#
#   scripts/bench-verify-manifest.sh                 # work folder: $TMPDIR/evidencekit-bench-verify-manifest
#   BENCH_ITEMS=50000 BENCH_HOSTILE_MB=100 BENCH_DIR=/tmp/b scripts/bench-verify-manifest.sh
set -euo pipefail
cd "$(dirname "$0")/.."
WORK="${BENCH_DIR:-${TMPDIR:-/tmp}/evidencekit-bench-verify-manifest}"
ITEMS="${BENCH_ITEMS:-100000}"
HOSTILE_MB="${BENCH_HOSTILE_MB:-195}"
mkdir -p "$WORK"

if [ ! -x /usr/bin/time ]; then
    echo "installing GNU time (for peak memory)…" >&2
    apt-get install -y --no-install-recommends time >/dev/null 2>&1 || { apt-get update >/dev/null && apt-get install -y --no-install-recommends time >/dev/null; }
fi

# The scratch folder scripts/bench.sh uses, so the release build does not wait on the debug build's lock.
swift build -c release --scratch-path .build-release --product evidence 2>&1 | grep -E "error|warning: " | grep -v zipfoundation || true
EVIDENCE="$(swift build -c release --scratch-path .build-release --show-bin-path)/evidence"

# Runs verify on a bag (a folder, or a zip with MANIFEST_SIZE set); prints time, peak RSS and the verdict line (or
# the manifest finding).
measure() {
    local label="$1" bag="$2"
    local size="${MANIFEST_SIZE:-}"
    [ -n "$size" ] || size=$(stat -c %s "$bag/evidence/manifest.json")
    /usr/bin/time -f "%e %M" -o "$WORK/time.txt" "$EVIDENCE" verify "$bag" > "$WORK/out.txt" 2>&1 || true
    read -r seconds kilobytes < <(tail -1 "$WORK/time.txt") # after "Command exited with non-zero status" if any
    local verdict
    verdict=$(grep -E "^Result:" "$WORK/out.txt" | head -1)
    local finding
    finding=$(grep -m1 "manifest.json" "$WORK/out.txt" | grep -i "manifest-invalid\|cannot be read" | cut -c1-110 || true)
    printf "%-14s manifest %6.1f MB  %6.2f s  peak RSS %5d MB  %s %s\n" "$label" "$(echo "$size / 1000000" | bc -l)" \
        "$seconds" "$((kilobytes / 1024))" "$verdict" "$finding"
}

BAG="$WORK/sealed-$ITEMS/large-case"
if [ ! -f "$BAG.zip" ]; then
    echo "generating a bag of $ITEMS items, and its zip…" >&2
    rm -rf "$WORK/sealed-$ITEMS"
    python3 scripts/make-large-bag.py "$BAG" "$ITEMS" --sealed-case
    (cd "$WORK/sealed-$ITEMS" && zip -q -r large-case.zip large-case)
fi
echo "journal $(stat -c %s "$BAG/evidence/custody.jsonl") bytes, summary $(stat -c %s "$BAG/summary.html") bytes"
sync
measure "$ITEMS" "$BAG"
MANIFEST_SIZE=$(stat -c %s "$BAG/evidence/manifest.json") measure "$ITEMS (zip)" "$BAG.zip"

for shape in zeros deep string keys; do
    HOSTILE="$WORK/hostile-$shape-$HOSTILE_MB/large-case"
    if [ ! -f "$HOSTILE/tagmanifest-sha256.txt" ]; then
        echo "generating a $HOSTILE_MB MB hostile manifest ($shape)…" >&2
        rm -rf "$WORK/hostile-$shape-$HOSTILE_MB"
        python3 scripts/make-large-bag.py "$HOSTILE" 1 --hostile "$shape" "$HOSTILE_MB"
    fi
    measure "$shape" "$HOSTILE"
done
