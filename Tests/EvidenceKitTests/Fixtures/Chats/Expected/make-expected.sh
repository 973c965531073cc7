#!/usr/bin/env bash
# Writes what `evidence chat parse` prints (both forms: standard output, standard error and exit status) for every
# chat and e-mail fixture, read in Europe/Brussels, to chat-parse-outputs.txt beside this script.
# ChatOutputSnapshotTests compares each section with what the current build prints, so a speed change that alters
# one byte of a transcript, a JSON line, a warning or an error fails. Run it only to record a deliberate change:
#   bash Tests/EvidenceKitTests/Fixtures/Chats/Expected/make-expected.sh .build/debug/evidence
set -euo pipefail
binary="$(cd "$(dirname "$1")" && pwd)/$(basename "$1")"
here="$(cd "$(dirname "$0")" && pwd)"
fixtures="$(cd "$here/../.." && pwd)"
out="$here/chat-parse-outputs.txt"
scratch="$(mktemp -d)"
trap 'rm -rf "$scratch"' EXIT
cd "$fixtures"
: > "$out"
while IFS= read -r path; do
    for form in transcript json; do
        flags=(--timezone Europe/Brussels)
        [ "$form" = json ] && flags+=(--json)
        status=0
        "$binary" chat parse "${flags[@]}" "$path" > "$scratch/stdout" 2> "$scratch/stderr" || status=$?
        printf '=== %s %s (exit %d)\n' "$form" "$path" "$status" >> "$out"
        cat "$scratch/stdout" >> "$out"
        printf -- '--- stderr\n' >> "$out"
        cat "$scratch/stderr" >> "$out"
    done
done < <(find Chats Mail -type f ! -name '*.md' ! -name '*.py' ! -name '*.sh' ! -name '*.jpg' ! -name '*.jpeg' \
             ! -path 'Chats/Expected/*' | LC_ALL=C sort)
