#!/usr/bin/env bash
# The 1,000,000-message speed check for the chat formats added after WhatsApp (scripts/bench.sh --chat is
# WhatsApp's): generates one export per format holding BENCH_MESSAGES messages and times
# `evidence chat parse --json` on each (wall time and peak memory, GNU time, and the SHA-256 of the output, so two
# builds can be shown to print the same bytes). A generated export is written beside its final name and renamed when
# complete, so an interrupted run makes it again. Not a test.
#
#   scripts/bench-chat-formats.sh            # work folder: $TMPDIR/evidencekit-bench-formats (exports reused)
#   BENCH_MESSAGES=100000 scripts/bench-chat-formats.sh
set -euo pipefail
cd "$(dirname "$0")/.."
WORK="${BENCH_DIR:-${TMPDIR:-/tmp}/evidencekit-bench-formats}"
MESSAGES="${BENCH_MESSAGES:-1000000}"
mkdir -p "$WORK"

if [ ! -x /usr/bin/time ]; then
    echo "installing GNU time (for peak memory)…" >&2
    apt-get install -y --no-install-recommends time >/dev/null 2>&1 || { apt-get update >/dev/null && apt-get install -y --no-install-recommends time >/dev/null; }
fi

# Telegram Desktop HTML: one page holding every message (the app writes 1,000 a page; one page is the worst case
# for memory), in the app's layout: a day separator, messages, joined messages, photos, service lines.
TG="$WORK/telegram-$MESSAGES/messages.html"
if [ ! -s "$TG" ]; then
    mkdir -p "$(dirname "$TG")"
    echo "generating a Telegram HTML page of $MESSAGES messages…" >&2
    python3 - "$TG.part" "$MESSAGES" <<'PY'
import random, sys, datetime
path, total = sys.argv[1], int(sys.argv[2])
rng = random.Random(20231128)
authors = ["Alice", "Bob", "Zoë 🌸", "Jean-Éric Dupont"]
words = ("ok yes no maybe tonight photo send now please stop why &amp; &lt;b&gt; 😀 👍 ça va très bien").split()
t = datetime.datetime(2021, 1, 1, 8, 0)
with open(path, "w", encoding="utf-8") as f:
    f.write('<!DOCTYPE html>\n<html>\n <head>\n  <meta charset="utf-8"/>\n<title>Exported Data</title>\n </head>\n'
            ' <body>\n  <div class="page_wrap">\n   <div class="page_header">\n    <div class="content">\n'
            '     <div class="text bold">\nBench\n     </div>\n    </div>\n   </div>\n'
            '   <div class="page_body chat_page">\n    <div class="history">\n'
            '     <div class="message service" id="message-1">\n      <div class="body details">\n1 January 2021\n'
            '      </div>\n     </div>\n')
    last = None
    for n in range(1, total + 1):
        t += datetime.timedelta(seconds=rng.choice([5, 30, 60, 300]))
        stamp = t.strftime("%d.%m.%Y %H:%M:%S") + " UTC+01:00"
        if rng.random() < 0.01:
            f.write(f'     <div class="message service" id="message{n}">\n      <div class="body details">\n'
                    f'Alice pinned a message\n      </div>\n     </div>\n')
            continue
        author = rng.choice(authors)
        joined = author == last
        last = author
        f.write(f'     <div class="message default clearfix{" joined" if joined else ""}" id="message{n}">\n')
        if not joined:
            f.write(f'      <div class="pull_left userpic_wrap">\n       <div class="userpic userpic2" style="width: 42px; height: 42px">\n'
                    f'        <div class="initials" style="line-height: 42px">\n{author[0]}\n        </div>\n'
                    f'       </div>\n      </div>\n')
        f.write(f'      <div class="body">\n       <div class="pull_right date details" title="{stamp}">\n'
                f'{t.strftime("%H:%M")}\n       </div>\n')
        if not joined:
            f.write(f'       <div class="from_name">\n{author}\n       </div>\n')
        if rng.random() < 0.03:
            f.write(f'       <div class="media_wrap clearfix">\n        <a class="photo_wrap clearfix pull_left" '
                    f'href="photos/photo_{n}@01-01-2021_08-00-00.jpg">\n         <img class="photo" '
                    f'src="photos/photo_{n}_thumb.jpg"/>\n        </a>\n       </div>\n')
        text = " ".join(rng.choice(words) for _ in range(rng.randint(4, 11)))
        if rng.random() < 0.08:
            text += "<br>" + " ".join(rng.choice(words) for _ in range(rng.randint(2, 8)))
        f.write(f'       <div class="text">\n{text}\n       </div>\n      </div>\n     </div>\n')
    f.write('    </div>\n   </div>\n  </div>\n </body>\n</html>\n')
PY
    mv "$TG.part" "$TG"
fi

# Snapchat My Data: one chat_history.json of every message, spread over 200 conversations.
SNAP="$WORK/snapchat-$MESSAGES/json/chat_history.json"
if [ ! -s "$SNAP" ]; then
    mkdir -p "$(dirname "$SNAP")"
    echo "generating a Snapchat chat_history.json of $MESSAGES messages…" >&2
    python3 - "$SNAP.part" "$MESSAGES" <<'PY'
import json, random, sys
path, total = sys.argv[1], int(sys.argv[2])
rng = random.Random(20240420)
words = "ok yes no maybe tonight photo send now please stop why 😀 👍 ça va très bien".split()
t = 1_700_000_000_000
conversations = {}
for n in range(total):
    t += rng.choice([500, 5_000, 60_000])
    key = f"user_{rng.randrange(200)}"
    media = rng.random() < 0.05
    conversations.setdefault(key, []).append({
        "From": rng.choice([key, "me.myself"]), "Media Type": "MEDIA" if media else "TEXT",
        "Created": "", "Content": "" if media else " ".join(rng.choice(words) for _ in range(rng.randint(3, 10))),
        "Conversation Title": None, "IsSender": False, "Created(microseconds)": t, "IsSaved": True,
        "Media IDs": f"b~{n:020d}" if media else ""})
with open(path, "w", encoding="utf-8") as f:
    json.dump(conversations, f, indent=2, ensure_ascii=False)
PY
    mv "$SNAP.part" "$SNAP"
fi

# Discord: one messages.json and one messages.csv of every message (a busy channel over years).
DJ="$WORK/discord-$MESSAGES/messages.json"
DC="$WORK/discord-$MESSAGES/messages.csv"
if [ ! -s "$DJ" ] || [ ! -s "$DC" ]; then
    mkdir -p "$(dirname "$DJ")"
    echo "generating Discord messages.json and messages.csv of $MESSAGES messages…" >&2
    python3 - "$DJ.part" "$DC.part" "$MESSAGES" <<'PY'
import csv, datetime, json, random, sys
jpath, cpath, total = sys.argv[1], sys.argv[2], int(sys.argv[3])
rng = random.Random(20230430)
words = "ok yes no maybe tonight photo send now please stop why \"quoted\", 😀 👍 ça va".split()
t = 1_600_000_000_000
rows = []
for n in range(total):
    t += rng.choice([500, 5_000, 60_000])
    stamp = datetime.datetime.fromtimestamp(t / 1000, datetime.timezone.utc)
    text = " ".join(rng.choice(words) for _ in range(rng.randint(3, 10)))
    if rng.random() < 0.05: text += "\nsecond line"
    rows.append((((t - 1420070400000) << 22) | (n & 0xFFF), stamp, text,
                 f"https://cdn.discordapp.com/attachments/1/{n}/a.png" if rng.random() < 0.03 else ""))
with open(jpath, "w", encoding="utf-8") as f:
    json.dump([{"ID": i, "Timestamp": s.strftime("%Y-%m-%d %H:%M:%S"), "Contents": c, "Attachments": a}
               for i, s, c, a in rows], f, indent=2, ensure_ascii=False)
with open(cpath, "w", encoding="utf-8", newline="") as f:
    w = csv.writer(f, lineterminator="\r\n")
    w.writerow(["ID", "Timestamp", "Contents", "Attachments"])
    for i, s, c, a in rows:
        w.writerow([i, s.strftime("%Y-%m-%d %H:%M:%S.%f+00:00"), c, a])
PY
    mv "$DJ.part" "$DJ"
    mv "$DC.part" "$DC"
fi

# X archive: one direct-messages.js of every message, over 500 conversations.
XJ="$WORK/x-$MESSAGES/direct-messages.js"
if [ ! -s "$XJ" ]; then
    mkdir -p "$(dirname "$XJ")"
    echo "generating an X direct-messages.js of $MESSAGES messages…" >&2
    python3 - "$XJ.part" "$MESSAGES" <<'PY'
import datetime, json, random, sys
path, total = sys.argv[1], int(sys.argv[2])
rng = random.Random(20240429)
words = "ok yes no maybe tonight photo send now please stop why 😀 👍 ça va".split()
t = 1_700_000_000_000
conversations = {}
for n in range(total):
    t += rng.choice([500, 5_000, 60_000])
    other = 1600000000000000000 + rng.randrange(500)
    me = 1500000000000000001
    sender, recipient = (me, other) if rng.random() < 0.5 else (other, me)
    stamp = datetime.datetime.fromtimestamp(t / 1000, datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.%f")[:-3] + "Z"
    conversations.setdefault(f"{me}-{other}", []).append({"messageCreate": {
        "recipientId": str(recipient), "reactions": [], "urls": [],
        "text": " ".join(rng.choice(words) for _ in range(rng.randint(3, 10))), "mediaUrls": [],
        "senderId": str(sender), "id": str(1785000000000000000 + n), "createdAt": stamp}})
with open(path, "w", encoding="utf-8") as f:
    f.write("window.YTD.direct_messages.part0 = ")
    json.dump([{"dmConversation": {"conversationId": k, "messages": v}} for k, v in conversations.items()], f,
              indent=2, ensure_ascii=False)
PY
    mv "$XJ.part" "$XJ"
fi

# TikTok: the JSON download and the TXT download of every message, over 300 conversations.
TJ="$WORK/tiktok-$MESSAGES/user_data_tiktok.json"
TT="$WORK/tiktok-$MESSAGES/Direct Messages.txt"
if [ ! -s "$TJ" ] || [ ! -s "$TT" ]; then
    mkdir -p "$(dirname "$TJ")"
    echo "generating TikTok JSON and TXT downloads of $MESSAGES messages…" >&2
    python3 - "$TJ.part" "$TT.part" "$MESSAGES" <<'PY'
import datetime, json, random, sys
jpath, tpath, total = sys.argv[1], sys.argv[2], int(sys.argv[3])
rng = random.Random(20240501)
words = "ok yes no maybe tonight photo send now please stop why 😀 👍 ça va".split()
t = datetime.datetime(2022, 1, 1)
chats = {}
for n in range(total):
    t += datetime.timedelta(seconds=rng.choice([1, 10, 60, 600]))
    other = f"user_{rng.randrange(300)}"
    chats.setdefault(f"Chat History with {other}:", []).append({
        "Date": t.strftime("%Y-%m-%d %H:%M:%S"), "From": rng.choice([other, "me.myself"]),
        "Content": " ".join(rng.choice(words) for _ in range(rng.randint(3, 10)))})
with open(jpath, "w", encoding="utf-8") as f:
    json.dump({"Your Activity": {"Watch History": {"VideoList": []}},
               "Direct Message": {"Direct Messages": {"ChatHistory": chats}}}, f, indent=2, ensure_ascii=False)
with open(tpath, "w", encoding="utf-8", newline="") as f:
    for key, messages in chats.items():
        f.write(">>> " + key.rstrip(":") + "::\r\n\r\n")
        for m in messages:
            f.write(f"{m['Date']} UTC {m['From']}: {m['Content']}\r\n")
        f.write("\r\n")
PY
    mv "$TJ.part" "$TJ"
    mv "$TT.part" "$TT"
fi

# Instagram HTML ("Download your information", format HTML): one page holding every message in Meta's layout
# (Meta splits a long chat over several pages; one page is the worst case for memory), English printed times, a photo in 3 %.
IG="$WORK/instagram-html-$MESSAGES/message_1.html"
if [ ! -s "$IG" ]; then
    mkdir -p "$(dirname "$IG")"
    echo "generating an Instagram HTML page of $MESSAGES messages…" >&2
    python3 - "$IG.part" "$MESSAGES" <<'PY'
import datetime, random, sys
path, total = sys.argv[1], int(sys.argv[2])
rng = random.Random(20240106)
authors = ["dana.w", "Zoë Martin"]
words = "ok yes no maybe tonight photo send now please stop why &amp; &lt;3 😀 👍 ça va".split()
t = datetime.datetime(2024, 1, 6, 0, 5)
with open(path, "w", encoding="utf-8") as f:
    f.write('<html><head><meta charset="utf-8" /><base href="../../../../" /><title>dana.w</title></head>'
            '<body class="_5vb_ _2yq _a7o5"><div class="_a706" role="main">')
    for n in range(total):
        t -= datetime.timedelta(seconds=rng.choice([60, 120, 600]))
        printed = t.strftime("%b %d, %Y ") + str(int(t.strftime("%I"))) + t.strftime(":%M ") + t.strftime("%p").lower()
        if rng.random() < 0.03:
            body = (f'<div><div><a target="_blank" href="your_instagram_activity/messages/inbox/dana_1/photos/{n}.jpg">'
                    f'<img src="your_instagram_activity/messages/inbox/dana_1/photos/{n}.jpg" class="_a6_o _3-96" />'
                    '</a></div></div>')
        else:
            body = " ".join(rng.choice(words) for _ in range(rng.randint(3, 10)))
        f.write(f'<div class="pam _3-95 _2ph- _a6-g uiBoxWhite noborder"><h2 class="_3-95 _2pim _a6-h _a6-i">'
                f'{rng.choice(authors)}</h2><div class="_3-95 _a6-p"><div><div></div><div>{body}</div><div></div>'
                f'<div></div></div></div><div class="_3-94 _a6-o">{printed}</div></div>')
    f.write('</div></body></html>')
PY
    mv "$IG.part" "$IG"
fi

# Telegram Desktop JSON ("machine-readable JSON"): one result.json of a single chat holding every message, with
# text entities, replies, photos and service messages as the app writes them.
TJSON="$WORK/telegram-json-$MESSAGES/result.json"
if [ ! -s "$TJSON" ]; then
    mkdir -p "$(dirname "$TJSON")"
    echo "generating a Telegram result.json of $MESSAGES messages…" >&2
    python3 - "$TJSON.part" "$MESSAGES" <<'PY'
import datetime, json, random, sys
path, total = sys.argv[1], int(sys.argv[2])
rng = random.Random(20231127)
authors = [("Alice", "user1"), ("Bob", "user2"), ("Zoë 🌸", "user3")]
words = "ok yes no maybe tonight photo send now please stop why 😀 👍 ça va très bien".split()
t = 1_609_488_000
with open(path, "w", encoding="utf-8") as f:
    f.write('{\n "name": "Bench",\n "type": "personal_chat",\n "id": 4815162342,\n "messages": [\n')
    for n in range(1, total + 1):
        t += rng.choice([5, 30, 60, 300])
        stamp = datetime.datetime.fromtimestamp(t, datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%S")
        if rng.random() < 0.01:
            m = {"id": n, "type": "service", "date": stamp, "date_unixtime": str(t), "actor": "Alice",
                 "actor_id": "user1", "action": "pin_message", "message_id": n - 1, "text": "", "text_entities": []}
        else:
            name, uid = rng.choice(authors)
            text = " ".join(rng.choice(words) for _ in range(rng.randint(3, 10)))
            m = {"id": n, "type": "message", "date": stamp, "date_unixtime": str(t), "from": name, "from_id": uid}
            if rng.random() < 0.1:
                m["reply_to_message_id"] = n - 1
            if rng.random() < 0.03:
                m.update({"photo": f"photos/photo_{n}@01-01-2021_08-00-00.jpg", "width": 1280, "height": 960})
            if rng.random() < 0.05:
                m["text"] = [text + " ", {"type": "link", "text": "https://example.org"}]
                m["text_entities"] = [{"type": "plain", "text": text + " "}, {"type": "link", "text": "https://example.org"}]
            else:
                m["text"] = text
                m["text_entities"] = [{"type": "plain", "text": text}]
        f.write(("" if n == 1 else ",\n") + json.dumps(m, ensure_ascii=False, indent=1).replace("\n", "\n  "))
    f.write("\n ]\n}\n")
PY
    mv "$TJSON.part" "$TJSON"
fi

# Instagram JSON ("Download your information", format JSON): one message_1.json holding every message, newest
# first, its strings escaped as Meta escapes them (each UTF-8 byte as \u00XX).
MJSON="$WORK/instagram-json-$MESSAGES/message_1.json"
if [ ! -s "$MJSON" ]; then
    mkdir -p "$(dirname "$MJSON")"
    echo "generating an Instagram message_1.json of $MESSAGES messages…" >&2
    python3 - "$MJSON.part" "$MESSAGES" <<'PY'
import json, random, sys
path, total = sys.argv[1], int(sys.argv[2])
rng = random.Random(20231226)
def meta(s):  # Meta writes each UTF-8 byte as its own \u00XX escape
    return s.encode("utf-8").decode("latin-1")
authors = [meta("Zoë 🌸"), "victim.account"]
words = "ok yes no maybe tonight photo send now please stop why 😀 👍 ça va très bien".split()
t = 1_703_509_620_123
messages = []
for n in range(total):
    t -= rng.choice([500, 5_000, 60_000])
    m = {"sender_name": rng.choice(authors), "timestamp_ms": t}
    if rng.random() < 0.03:
        m["photos"] = [{"uri": f"your_instagram_activity/messages/inbox/zoe_123/photos/{n}.jpg",
                        "creation_timestamp": t // 1000}]
    else:
        m["content"] = meta(" ".join(rng.choice(words) for _ in range(rng.randint(3, 10))))
    if rng.random() < 0.02:
        m["reactions"] = [{"reaction": meta("❤"), "actor": authors[0]}]
    m["is_geoblocked_for_viewer"] = False
    messages.append(m)
with open(path, "w", encoding="ascii") as f:
    json.dump({"participants": [{"name": a} for a in authors], "messages": messages, "title": authors[0],
               "is_still_participant": True, "thread_path": "inbox/zoe_123", "magic_words": []}, f, indent=2)
PY
    mv "$MJSON.part" "$MJSON"
fi

# SMS Backup & Restore: one sms.xml of every message, one in twenty an MMS with a small picture and a text part.
SMS="$WORK/sms-$MESSAGES/sms.xml"
if [ ! -s "$SMS" ]; then
    mkdir -p "$(dirname "$SMS")"
    echo "generating an SMS Backup & Restore file of $MESSAGES messages…" >&2
    python3 - "$SMS.part" "$MESSAGES" <<'PY'
import random, sys
from xml.sax.saxutils import quoteattr
path, total = sys.argv[1], int(sys.argv[2])
rng = random.Random(20231225)
words = "ok yes no maybe tonight photo send now please stop why 😀 👍 ça va très bien & <3 \"quoted\"".split()
t = 1_703_509_402_123
with open(path, "w", encoding="utf-8") as f:
    f.write("<?xml version='1.0' encoding='UTF-8' standalone='yes' ?>\n"
            "<!--File Created By SMS Backup & Restore v10.20.002 on 25/12/2023 15:00:00-->\n"
            '<?xml-stylesheet type="text/xsl" href="sms.xsl"?>\n'
            f'<smses count="{total}" backup_set="3b1c4a2e-0d5f-4d1e-9a8b-6c7d8e9f0a1b" backup_date="1703512800000" type="full">\n')
    for n in range(total):
        t += rng.choice([500, 5_000, 60_000])
        address = f"+3247{rng.randrange(100):02d}123456"
        body = quoteattr(" ".join(rng.choice(words) for _ in range(rng.randint(3, 10))))
        if rng.random() < 0.05:
            f.write(f'  <mms date="{t}" ct_t="application/vnd.wap.multipart.related" msg_box="{rng.choice([1, 2])}" '
                    f'address="{address}" m_id="mms-{n}" date_sent="{t - 1000}" read="1" contact_name="Alice">\n'
                    '    <parts>\n'
                    f'      <part seq="0" ct="image/jpeg" name="IMG_{n}.jpg" chset="null" cl="IMG_{n}.jpg" text="null" '
                    'data="/9j/4AAQSkZJRgABAQAAAQABAAD/2Q==" />\n'
                    f'      <part seq="0" ct="text/plain" name="null" chset="106" cl="text_0.txt" text={body} />\n'
                    '    </parts>\n    <addrs>\n'
                    f'      <addr address="{address}" type="137" charset="106" />\n'
                    '    </addrs>\n  </mms>\n')
        else:
            f.write(f'  <sms protocol="0" address="{address}" date="{t}" type="{rng.choice([1, 2])}" subject="null" '
                    f'body={body} toa="null" sc_toa="null" service_center="null" read="1" status="-1" locked="0" '
                    f'date_sent="{t - 1000}" sub_id="1" readable_date="" contact_name="Alice" />\n')
    f.write("</smses>\n")
PY
    mv "$SMS.part" "$SMS"
fi

# A mailbox (mbox) of every message: short plain-text mails, one in fifty with a small attachment.
MBOX="$WORK/mbox-$MESSAGES/inbox.mbox"
if [ ! -s "$MBOX" ]; then
    mkdir -p "$(dirname "$MBOX")"
    echo "generating an mbox of $MESSAGES messages…" >&2
    python3 - "$MBOX.part" "$MESSAGES" <<'PY'
import sys
path, total = sys.argv[1], int(sys.argv[2])
with open(path, "w", encoding="utf-8") as out:
    for i in range(total):
        head = (f"From sender{i % 50}@example.com Mon Mar  3 21:{i % 60:02d}:00 2026\n"
                f"From: Sender {i % 50} <sender{i % 50}@example.com>\nTo: victim@example.com\n"
                f"Subject: message {i}\nDate: Tue, 3 Mar 2026 21:{i % 60:02d}:{i % 60:02d} +0100\n"
                f"Message-ID: <{i}@example.com>\nMIME-Version: 1.0\n")
        if i % 50 == 0:
            out.write(head + 'Content-Type: multipart/mixed; boundary="b"\n\n--b\nContent-Type: text/plain; '
                      f'charset=utf-8\n\nBody of message {i}, ça va.\n--b\nContent-Type: image/jpeg\n'
                      'Content-Disposition: attachment; filename="photo.jpg"\nContent-Transfer-Encoding: base64\n\n'
                      '/9j/4AAQSkZJRgABAQAAAQABAAD/2Q==\n--b--\n\n')
        else:
            out.write(head + f"Content-Type: text/plain; charset=utf-8\n\nBody of message {i}, ça va.\n\n")
PY
    mv "$MBOX.part" "$MBOX"
fi

echo "building release…" >&2
# The scratch folder scripts/bench.sh uses, so the two share one release build.
swift build -c release --scratch-path .build-release --product evidence >/dev/null
BIN="$(swift build -c release --scratch-path .build-release --show-bin-path)/evidence"

measure() { # label, file
    local log="$WORK/time-$1.txt" out="$WORK/out-$1.jsonl"
    if ! /usr/bin/time -v "$BIN" chat parse --json --timezone Europe/Brussels "$2" > "$out" 2> "$log"; then
        echo "FAILED: $1" >&2; tail -20 "$log" >&2; exit 1
    fi
    local wall rss lines digest
    wall=$(grep "Elapsed (wall clock)" "$log" | awk '{print $NF}' | awk -F: '{ if (NF==3) print $1*3600+$2*60+$3; else print $1*60+$2 }')
    rss=$(grep "Maximum resident set size" "$log" | awk '{print $NF}')
    lines=$(wc -l < "$out")
    digest=$(sha256sum "$out" | cut -c1-16)
    rm -f "$out"
    printf "%-16s %9s messages  %6.1f MB  %6.2f s  %6.0f MB peak  output sha256 %s…\n" "$1" "$lines" \
        "$(stat -c %s "$2" | awk '{print $1/1e6}')" "$wall" "$(echo "$rss" | awk '{print $1/1024}')" "$digest"
}

measure telegram-json "$TJSON"
measure telegram-html "$TG"
measure instagram-json "$MJSON"
measure instagram-html "$IG"
measure snapchat "$SNAP"
measure discord-json "$DJ"
measure discord-csv "$DC"
measure x-archive "$XJ"
measure tiktok-json "$TJ"
measure tiktok-txt "$TT"
measure sms "$SMS"
measure mbox "$MBOX"
