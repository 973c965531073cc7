#!/usr/bin/env bash
# Benchmark: hashing throughput of `evidence add` (copy + SHA-256 in one read, two workers), `seal` and `verify`,
# against coreutils sha256sum (1 and 2 processes) on the same files in the same run. Warm cache.
# Usage: bash scripts/bench-hash.sh [--large]   (--large adds a 5 GiB file and reports peak memory)
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
bash scripts/setup.sh
command -v /usr/bin/time >/dev/null 2>&1 || { apt-get update -qq && apt-get install -y -qq time >/dev/null; }
swift build -c release --product evidence >/dev/null
bin="$root/.build/release/evidence"

work="$root/bench-out/hash"
rm -rf "$work" && mkdir -p "$work/data"
echo "Generating 2,000 × 1 MiB + 4 × 256 MiB of random data…"
head -c $((2000 << 20)) /dev/urandom | split -b 1M -a 4 -d - "$work/data/small-"
for i in 1 2 3 4; do head -c $((256 << 20)) /dev/urandom > "$work/data/large-$i.bin"; done
if [ "${1:-}" = --large ]; then
  echo "Generating a 5 GiB file…"
  head -c $((5 << 30)) /dev/urandom > "$work/data/video-5GiB.bin"
fi
bytes=$(du -sb "$work/data" | cut -f1)
cat "$work"/data/* > /dev/null   # warm the cache

measure() {  # label, command…  → prints seconds, MB/s, peak RSS
  local label=$1; shift
  local start end rss
  start=$(date +%s.%N)
  /usr/bin/time -f "%M" -o "$work/rss" "$@" > /dev/null
  end=$(date +%s.%N)
  rss=$(cat "$work/rss")
  python3 - "$label" "$start" "$end" "$bytes" "$rss" <<'PY'
import sys
label, start, end, size, rss = sys.argv[1], float(sys.argv[2]), float(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5])
s = end - start
print(f"{label:<42} {s:7.2f} s {size / s / 1e6:8.0f} MB/s   peak RSS {rss / 1024:7.1f} MiB")
PY
}

echo "Data: $((bytes / 1000000)) MB in $(ls "$work/data" | wc -l) files"
measure "sha256sum, 1 process" sh -c "find '$work/data' -type f -print0 | xargs -0 sha256sum"
measure "sha256sum, 2 processes" sh -c "find '$work/data' -type f -print0 | xargs -0 -P2 -n 64 sha256sum"
"$bin" init "$work/case" --title bench --timezone UTC > /dev/null
measure "evidence add (copy + SHA-256, 2 workers)" "$bin" add --case "$work/case" "$work/data"
measure "evidence seal (re-hash + zip, CRC-32)" "$bin" seal --case "$work/case" --out "$work/bundle.zip" --sealed-at 2026-01-01T00:00:00Z
measure "evidence verify (stream + SHA-256)" "$bin" verify "$work/bundle.zip"
rm -rf "$work"
