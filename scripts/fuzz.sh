#!/usr/bin/env bash
# Runs the fuzz and damage suites against a release build with AddressSanitizer: release is what people run, and
# Swift checks array bounds there too, but only ASan also sees an out-of-bounds read through a pointer.
# Prints how many inputs each parser was fed. CRC32Tests runs too: the carry-less-multiply CRC-32 reads through
# a C pointer, and only ASan would see it read past a tail.
#
#   scripts/fuzz.sh           # the suites as they stand (a few minutes once built)
#   scripts/fuzz.sh --long    # many more seeded inputs (EVIDENCEKIT_FUZZ_SCALE=20, or set it yourself)
#
# A separate scratch path keeps the instrumented build from clobbering the ordinary debug build in .build.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ "${1:-}" = "--long" ]; then
    export EVIDENCEKIT_FUZZ_SCALE="${EVIDENCEKIT_FUZZ_SCALE:-20}"
fi
SUITES='CRC32Tests|MediaFuzzTests|MediaDamageTests|ChatFuzzTests|WhatsAppMalformedTests|WhatsAppPropertyTests|BundleReaderFuzzTests|HostileImageTests'
# HostileImageTests builds its images with Pillow, from the venv scripts/test.sh made.
if [ -d .build-tools/venv/bin ]; then export PATH="$(pwd)/.build-tools/venv/bin:$PATH"; fi
FLAGS=(-c release -Xswiftc -enable-testing --sanitize=address --scratch-path .build-asan)
LOG="$(mktemp)"
trap 'rm -f "$LOG"' EXIT

start=$(date +%s)
swift build --build-tests "${FLAGS[@]}"
built=$(date +%s)
# Fail on any ASan report, not only on a crash: halt_on_error makes the first one end the run.
ASAN_OPTIONS="${ASAN_OPTIONS:-halt_on_error=1:detect_leaks=0}" \
    swift test --skip-build "${FLAGS[@]}" --filter "$SUITES" 2>&1 | tee "$LOG" | grep -v '^FUZZ '
status=${PIPESTATUS[0]}
done_at=$(date +%s)

echo "inputs per parser (release + AddressSanitizer, scale ${EVIDENCEKIT_FUZZ_SCALE:-1}):"
grep '^FUZZ ' "$LOG" | awk '{ n = $NF; $1 = ""; $NF = ""; sub(/^ /, ""); sub(/ $/, ""); total[$0] += n }
    END { for (p in total) printf "  %-22s %9d\n", p, total[p] }' | sort
echo "build $((built - start)) s, tests $((done_at - built)) s"
exit "$status"
