#!/bin/sh
# Times `evidence inspect --json` over a folder of 2,000 small images (copies of the media fixtures under
# varied screenshot/photo names), with a release build. Usage: scripts/bench-inspect.sh [count]
set -eu
cd "$(dirname "$0")/.."
COUNT="${1:-2000}"
FIXTURES=Tests/EvidenceKitTests/Fixtures/Media
WORK="$(mktemp -d "${TMPDIR:-/tmp}/evidence-bench.XXXXXX")"
trap 'rm -rf "$WORK"' EXIT

set -- photo-iphone.jpg photo-le.jpg screenshot-xmp.jpg screenshot-ios.png png-times.png plain.png \
       image.webp photo.heic image.gif xmp-compressed.png
i=0
while [ "$i" -lt "$COUNT" ]; do
    for f in "$@"; do
        [ "$i" -ge "$COUNT" ] && break
        ext="${f##*.}"
        n=$(printf '%04d' "$i")
        case $((i % 5)) in
            0) name="Screenshot_20231225-14${n}.${ext}" ;;
            1) name="IMG-20231225-WA${n}.${ext}" ;;
            2) name="Screenshot 2023-12-25 at 14.03.${n}.${ext}" ;;
            3) name="PXL_20231225_130322${n}.${ext}" ;;
            *) name="image-${n}.${ext}" ;;
        esac
        cp "$FIXTURES/$f" "$WORK/$name"
        i=$((i + 1))
    done
done

swift build -c release --product evidence >/dev/null
BIN="$(swift build -c release --show-bin-path)/evidence"
echo "files: $(ls "$WORK" | wc -l), bytes: $(du -sb "$WORK" | cut -f1)"
START=$(date +%s.%N)
"$BIN" inspect --json --timezone Europe/Brussels "$WORK"/* > "$WORK.json"
END=$(date +%s.%N)
echo "evidence inspect --json over $COUNT files: $(echo "$END - $START" | bc) s"
echo "objects in output: $(grep -c '"sha256"' "$WORK.json")"
rm -f "$WORK.json"
