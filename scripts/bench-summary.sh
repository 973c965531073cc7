#!/usr/bin/env bash
# How long Chromium takes to open the summary of a big case: a generated Android WhatsApp export of 50,000 messages
# and 2,000 small screenshot PNGs (deterministic, written with Python's zlib), added, sealed (release build),
# unzipped, then opened from file:// by scripts/chromium-summary-check.py three times. Not a test: prints the
# summary's size and each load time (navigation start to the load event, Navigation Timing) and their median.
#
#   scripts/bench-summary.sh                 # work folder: $TMPDIR/evidencekit-bench-summary (originals reused)
#   BENCH_DIR=/tmp/b BENCH_MESSAGES=5000 BENCH_SCREENSHOTS=200 scripts/bench-summary.sh
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
work="${BENCH_DIR:-${TMPDIR:-/tmp}/evidencekit-bench-summary}"
messages="${BENCH_MESSAGES:-50000}"
screenshots="${BENCH_SCREENSHOTS:-2000}"
bash scripts/setup.sh
command -v chromium >/dev/null 2>&1 || { echo "needs Chromium: apt-get install chromium fonts-dejavu-core" >&2; exit 2; }

originals="$work/originals-$messages-$screenshots"
if [ ! -f "$originals/complete" ]; then
  echo "generating $messages messages and $screenshots screenshots…" >&2
  rm -rf "$originals"
  python3 - "$originals" "$messages" "$screenshots" <<'PY'
import datetime, os, random, struct, sys, zlib

folder, message_count, screenshot_count = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
os.makedirs(os.path.join(folder, "screenshots"))
rng = random.Random(20260303)

# An Android WhatsApp export in French, as SampleEvidence's: "dd/mm/yyyy HH:MM - Author: text".
words = ("salut ça va tu es où envoie la photo maintenant sinon je montre à tes contacts arrête s'il te plaît "
         "pourquoi demain ce soir 300 € vendredi 😊 👍 <script>alert(1)</script> & \"guillemets\"").split()
moment = datetime.datetime(2026, 1, 5, 8, 0)
with open(os.path.join(folder, "WhatsApp Chat with Bench.txt"), "w", encoding="utf-8", newline="\n") as chat:
    chat.write(moment.strftime("%d/%m/%Y %H:%M") + " - Les messages et les appels sont chiffrés de bout en bout.\n")
    for _ in range(message_count):
        moment += datetime.timedelta(minutes=rng.choice([0, 1, 1, 2, 3, 10]))
        author = rng.choice(["Lucas", "Camille"])
        text = " ".join(rng.choice(words) for _ in range(rng.randint(1, 16)))
        chat.write("%s - %s: %s\n" % (moment.strftime("%d/%m/%Y %H:%M"), author, text))

def png(width, height, pixel):
    """A valid 8-bit RGB PNG; pixel(x, y) gives (r, g, b)."""
    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    rows = b"".join(b"\0" + bytes(c for x in range(width) for c in pixel(x, y)) for y in range(height))
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(rows, 9)) + chunk(b"IEND", b"")

shot = datetime.datetime(2026, 2, 1, 9, 0, 0)
for index in range(screenshot_count):
    shot += datetime.timedelta(minutes=37, seconds=index % 60)
    # Each image differs: its index, in 12 bits, drawn as bands, on a colour of its own.
    base = ((index * 67) % 256, (index * 151) % 256, (index * 29) % 256)
    bits = [(index >> bit) & 1 for bit in range(12)]
    def pixel(x, y, base=base, bits=bits):
        return (255, 255, 255) if bits[(y // 8) % 12] and x % 16 < 8 else base
    name = shot.strftime("Screenshot_%Y%m%d-%H%M%S_Instagram.png")
    with open(os.path.join(folder, "screenshots", name), "wb") as file:
        file.write(png(48, 96, pixel))
open(os.path.join(folder, "complete"), "w").close()
PY
fi

echo "Building evidence (release)…" >&2
swift build -c release --product evidence >&2
bin="$root/.build/release/evidence"

case_dir="$work/case"
bundle="$work/bench-summary.zip"
rm -rf "$case_dir" "$bundle" "${bundle%.zip}.summary.html" "$work/unpacked"
"$bin" init "$case_dir" --title "Bench summary" --timezone Europe/Brussels --id bench-summary >/dev/null
start=$(date +%s.%N)
"$bin" add --case "$case_dir" "$originals/WhatsApp Chat with Bench.txt" "$originals/screenshots" >/dev/null
"$bin" seal --case "$case_dir" --out "$bundle" >/dev/null
echo "add + seal: $(python3 -c "import sys; print(round(float(sys.argv[2]) - float(sys.argv[1]), 1))" "$start" "$(date +%s.%N)") s" >&2
unzip -q "$bundle" -d "$work/unpacked"
summary=$(find "$work/unpacked" -maxdepth 2 -name summary.html)

loads=()
for run in 1 2 3; do
  status=0
  python3 scripts/chromium-summary-check.py "$work/unpacked" --report "$work/report-$run.json" >/dev/null || status=$?
  [ "$status" = 2 ] && exit 2
  loads+=("$(python3 -c 'import json, sys; r = json.load(open(sys.argv[1])); print(r["loadMilliseconds"], r["domContentLoadedMilliseconds"], len(r["images"]), len(r["failures"]))' "$work/report-$run.json")")
done
echo "summary.html: $(( $(stat -c %s "$summary") / 1024 )) KiB for $messages messages and $screenshots screenshots"
for run in 0 1 2; do
  read -r load ready images failures <<< "${loads[$run]}"
  echo "run $((run + 1)): load event at $load ms (DOMContentLoaded $ready ms), $images images, $failures problems reported"
done
median=$(printf '%s\n' "${loads[@]}" | cut -d' ' -f1 | sort -n | sed -n 2p)
echo "Chromium load time (median of 3): $median ms"
