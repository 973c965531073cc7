#!/usr/bin/env bash
# Measures `evidence verify` (release build) on a folder bag of 100,000 items (a manifest of about 190 MB, written
# by scripts/make-large-bag.py, not by our writer) and on signed hostile manifests of 195 MB (just under the 200 MiB cap): a member holding
# [0,0,…], 195 million open brackets, one 195 MB string, millions of keys in one object. Not a test: prints wall
# time and peak memory (GNU time's maximum resident set size) of each run, and the verdict.
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

swift build -c release --product evidence 2>&1 | grep -E "error|warning: " | grep -v zipfoundation || true
EVIDENCE="$(swift build -c release --show-bin-path)/evidence"

# Runs verify on a bag; prints time, peak RSS and the verdict line (or the manifest finding).
measure() {
    local label="$1" bag="$2"
    local size
    size=$(stat -c %s "$bag/evidence/manifest.json")
    /usr/bin/time -f "%e %M" -o "$WORK/time.txt" "$EVIDENCE" verify "$bag" > "$WORK/out.txt" 2>&1 || true
    read -r seconds kilobytes < <(tail -1 "$WORK/time.txt") # after "Command exited with non-zero status" if any
    local verdict
    verdict=$(grep -E "^Result:" "$WORK/out.txt" | head -1)
    local finding
    finding=$(grep -m1 "manifest.json" "$WORK/out.txt" | grep -i "manifest-invalid\|cannot be read" | cut -c1-110 || true)
    printf "%-10s manifest %6.1f MB  %6.2f s  peak RSS %5d MB  %s %s\n" "$label" "$(echo "$size / 1000000" | bc -l)" \
        "$seconds" "$((kilobytes / 1024))" "$verdict" "$finding"
}

BAG="$WORK/items-$ITEMS/large-case"
if [ ! -f "$BAG/tagmanifest-sha256.txt" ]; then
    echo "generating a bag of $ITEMS items…" >&2
    rm -rf "$WORK/items-$ITEMS"
    python3 scripts/make-large-bag.py "$BAG" "$ITEMS"
fi
sync
measure "$ITEMS" "$BAG"

for shape in zeros deep string keys; do
    HOSTILE="$WORK/hostile-$shape-$HOSTILE_MB/large-case"
    if [ ! -f "$HOSTILE/tagmanifest-sha256.txt" ]; then
        echo "generating a $HOSTILE_MB MB hostile manifest ($shape)…" >&2
        rm -rf "$WORK/hostile-$shape-$HOSTILE_MB"
        python3 scripts/make-large-bag.py "$HOSTILE" 1 --hostile "$shape" "$HOSTILE_MB"
    fi
    measure "$shape" "$HOSTILE"
done
