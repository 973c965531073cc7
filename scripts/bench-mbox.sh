#!/usr/bin/env bash
# Times `evidence add` of a generated mbox (default 200,000 messages) in a release build, with peak memory;
# the case is then sealed and verified (a mailbox is one item and one derived file, whatever its size).
# Usage: scripts/bench-mbox.sh [messages]
set -euo pipefail
messages="${1:-200000}"
root="$(cd "$(dirname "$0")/.." && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
swift build -c release --product evidence --package-path "$root" >/dev/null
evidence="$root/.build/release/evidence"
python3 - "$messages" "$work/inbox.mbox" <<'PY'
import sys
n, path = int(sys.argv[1]), sys.argv[2]
with open(path, "w") as out:
    for i in range(n):
        out.write(f"From sender{i % 50}@example.com Mon Mar  3 21:{i % 60:02d}:00 2026\n"
                  f"From: Sender {i % 50} <sender{i % 50}@example.com>\nTo: victim@example.com\n"
                  f"Subject: message {i}\nDate: Tue, 3 Mar 2026 21:{i % 60:02d}:{i % 60:02d} +0100\n"
                  f"Message-ID: <{i}@example.com>\n\nBody of message {i}.\n\n")
PY
"$evidence" init "$work/case" --title "mbox bench" --timezone UTC >/dev/null
echo "mbox: $messages messages, $(du -h "$work/inbox.mbox" | cut -f1)"
/usr/bin/time -f "evidence add: %e s elapsed, %U s user, %M KB peak" "$evidence" add --case "$work/case" "$work/inbox.mbox" >/dev/null
/usr/bin/time -f "evidence seal: %e s elapsed, %M KB peak" "$evidence" seal --case "$work/case" --out "$work/bundle.zip" >/dev/null
/usr/bin/time -f "evidence verify: %e s elapsed, %M KB peak" "$evidence" verify "$work/bundle.zip" | grep "^Result"
