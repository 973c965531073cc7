#!/usr/bin/env bash
# Peak memory and time of `evidence chat parse` and `evidence add` on a Telegram Desktop `result.json` whose one
# message holds a single huge string (default 120 MB of text): a hostile export must stay under 300 MB.
# Usage: scripts/bench-telegram-huge.sh [megabytes]
set -euo pipefail
megabytes="${1:-120}"
root="$(cd "$(dirname "$0")/.." && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
swift build -c release --product evidence --package-path "$root" >/dev/null
evidence="$root/.build/release/evidence"
python3 - "$megabytes" "$work/result.json" <<'PY'
import sys
megabytes, path = int(sys.argv[1]), sys.argv[2]
chunk = "threat " * (1 << 17)  # 896 KiB of plain text, no escapes
with open(path, "w") as out:
    out.write('{"name": "Bench", "type": "personal_chat", "id": 1, "messages": [\n'
              '{"id": 1, "type": "message", "date": "2024-01-01T10:00:00", "date_unixtime": "1704103200", '
              '"from": "Stalker", "from_id": "user1", "text": "')
    written = 0
    while written < megabytes * 1000 * 1000:
        out.write(chunk)
        written += len(chunk)
    out.write('"},\n{"id": 2, "type": "message", "date": "2024-01-01T10:01:00", "date_unixtime": "1704103260", '
              '"from": "Victim", "from_id": "user2", "text": "stop"}\n]}\n')
PY
echo "result.json: $(du -h "$work/result.json" | cut -f1)"
/usr/bin/time -f "chat parse --json: %e s elapsed, %M KB peak" "$evidence" chat parse --json --timezone UTC "$work/result.json" >/dev/null
/usr/bin/time -f "chat parse: %e s elapsed, %M KB peak" "$evidence" chat parse --timezone UTC "$work/result.json" >/dev/null
"$evidence" init "$work/case" --title "telegram bench" --timezone UTC >/dev/null
/usr/bin/time -f "evidence add: %e s elapsed, %M KB peak" "$evidence" add --case "$work/case" "$work/result.json" >/dev/null
