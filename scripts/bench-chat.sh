#!/usr/bin/env bash
# Benchmarks `evidence chat parse --json` against whatstk 0.9.1 on the same generated 1,000,000-line Android
# WhatsApp export, in the same run. Not a test: prints wall time and peak memory of both, and the ratio.
#
#   scripts/bench-chat.sh            # work folder: $TMPDIR/evidencekit-bench-chat (export + venv are reused)
#   BENCH_DIR=/tmp/b scripts/bench-chat.sh
set -euo pipefail
cd "$(dirname "$0")/.."
WORK="${BENCH_DIR:-${TMPDIR:-/tmp}/evidencekit-bench-chat}"
LINES="${BENCH_LINES:-1000000}"
mkdir -p "$WORK"

if [ ! -x /usr/bin/time ]; then
    echo "installing GNU time (for peak memory)…" >&2
    apt-get install -y --no-install-recommends time >/dev/null 2>&1 || { apt-get update >/dev/null && apt-get install -y --no-install-recommends time >/dev/null; }
fi

CHAT="$WORK/WhatsApp Chat with Bench.txt"
if [ ! -s "$CHAT" ] || [ "$(wc -l < "$CHAT")" -ne "$LINES" ]; then
    echo "generating $LINES lines…" >&2
    python3 - "$CHAT" "$LINES" <<'PY'
import random, sys, datetime
path, total = sys.argv[1], int(sys.argv[2])
rng = random.Random(20231225)
authors = ["Alice", "Bob", "Zoë 🌸", "+32 470 12 34 56", "Jean-Éric Dupont", "Mohammed"]
words = ("ok yes no maybe tonight tomorrow photo send now please stop why where when what who call me "
         "later see you 😀 👍 ça va très bien merci de rien à demain").split()
t = datetime.datetime(2021, 1, 1, 8, 0)
out = []
n = 0
with open(path, "w", encoding="utf-8", newline="\n") as f:
    f.write("01/01/2021, 08:00 - Messages and calls are end-to-end encrypted. No one outside of this chat, not even WhatsApp, can read or listen to them. Tap to learn more.\n")
    n = 1
    while n < total:
        t += datetime.timedelta(minutes=rng.choice([0, 0, 1, 1, 2, 5, 30]))
        head = t.strftime("%d/%m/%Y, %H:%M - ")
        r = rng.random()
        if r < 0.03:
            line = head + rng.choice(authors) + ": <Media omitted>"
        elif r < 0.04:
            line = head + rng.choice(authors) + ": This message was deleted"
        else:
            text = " ".join(rng.choice(words) for _ in range(rng.randint(4, 11)))
            line = head + rng.choice(authors) + ": " + text
        f.write(line + "\n")
        n += 1
        # Some messages run over several lines.
        while n < total and rng.random() < 0.08:
            f.write(" ".join(rng.choice(words) for _ in range(rng.randint(2, 8))) + "\n")
            n += 1
PY
fi
ls -l "$CHAT" | awk '{printf "export: %.1f MB, ", $5/1e6}' >&2
wc -l < "$CHAT" | awk '{print $1 " lines"}' >&2

if [ ! -x "$WORK/venv/bin/python" ]; then
    echo "creating venv with whatstk 0.9.1…" >&2
    python3 -m venv "$WORK/venv"
    "$WORK/venv/bin/pip" install --quiet whatstk==0.9.1
fi

echo "building release…" >&2
swift build -c release --product evidence >/dev/null
BIN="$(swift build -c release --show-bin-path)/evidence"

measure() { # label, command… → prints "seconds peakKB"
    local log="$WORK/time-$1.txt"; shift
    if ! /usr/bin/time -v "$@" > /dev/null 2> "$log"; then
        echo "FAILED: $*" >&2; tail -20 "$log" >&2; exit 1
    fi
    local wall rss
    wall=$(grep "Elapsed (wall clock)" "$log" | awk '{print $NF}' | awk -F: '{ if (NF==3) print $1*3600+$2*60+$3; else print $1*60+$2 }')
    rss=$(grep "Maximum resident set size" "$log" | awk '{print $NF}')
    echo "$wall $rss"
}

OURS=$(measure evidence "$BIN" chat parse --json --timezone Europe/Brussels "$CHAT") || exit 1
read -r OURS_S OURS_KB <<< "$OURS"
WTK=$(measure whatstk "$WORK/venv/bin/python" -c "
import sys
from whatstk import WhatsAppChat
# max_size=None: 0.9.1 refuses inputs above its default size cap otherwise.
chat = WhatsAppChat.from_source(filepath=sys.argv[1], max_size=None)
print(len(chat.df))
" "$CHAT") || exit 1
read -r WTK_S WTK_KB <<< "$WTK"
OURS_COUNT=$("$BIN" chat parse --json --timezone Europe/Brussels "$CHAT" | wc -l)

printf 'evidence chat parse --json: %6.2f s  peak %6.0f MB  (%s messages)\n' "$OURS_S" "$(echo "$OURS_KB/1024" | bc -l)" "$OURS_COUNT"
printf 'whatstk 0.9.1 from_source:  %6.2f s  peak %6.0f MB\n' "$WTK_S" "$(echo "$WTK_KB/1024" | bc -l)"
printf 'speed-up: %.1fx   (target >= 8x, our peak < 300 MB)\n' "$(echo "$WTK_S/$OURS_S" | bc -l)"
