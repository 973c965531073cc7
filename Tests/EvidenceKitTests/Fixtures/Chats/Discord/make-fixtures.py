#!/usr/bin/env python3
"""Writes the Discord data-package fixtures. Run from this folder; the output files are committed.

`package/` is laid out as Discord's data package ("Request all of my Data", User Settings → Data & Privacy),
`messages/index.json` naming each channel, and per channel `messages/c<id>/channel.json` and either
`messages.json` (packages since 2023: an array, `ID` a number, `Timestamp` without offset, UTC) or `messages.csv`
(older packages: `ID,Timestamp,Contents,Attachments`, `Timestamp` with microseconds and `+00:00`). Each `ID` is a
snowflake whose time agrees with `Timestamp`, as in real packages. Names and contents are invented.
"""
import csv, io, json

EPOCH = 1420070400000


def snowflake(unix_ms, seq=0):
    return ((unix_ms - EPOCH) << 22) | seq


def ms(y, mo, d, h, mi, s, frac=0):
    import calendar
    return calendar.timegm((y, mo, d, h, mi, s)) * 1000 + frac


new = [
    {"ID": snowflake(ms(2023, 4, 30, 21, 10, 43)), "Timestamp": "2023-04-30 21:10:43",
     "Contents": "stop sending me those", "Attachments": ""},
    {"ID": snowflake(ms(2023, 4, 30, 21, 12, 5)), "Timestamp": "2023-04-30 21:12:05",
     "Contents": "this is what you sent",
     "Attachments": "https://cdn.discordapp.com/attachments/1102030405060708090/1102031111111111111/screenshot.png"},
    # A record whose Timestamp and ID disagree by an hour (a forged or damaged line).
    {"ID": snowflake(ms(2023, 4, 30, 22, 0, 0)), "Timestamp": "2023-04-30 21:00:00",
     "Contents": "line 1\nline 2", "Attachments": ""},
]
with open("package/messages/c1102030405060708090/messages.json", "w", encoding="utf-8") as f:
    json.dump(new, f, indent=2, ensure_ascii=False)
with open("package/messages/c1102030405060708090/channel.json", "w", encoding="utf-8") as f:
    json.dump({"id": "1102030405060708090", "type": 1, "recipients": ["1000000000000000001", "1000000000000000002"]}, f)

out = io.StringIO()
w = csv.writer(out, lineterminator="\r\n")
w.writerow(["ID", "Timestamp", "Contents", "Attachments"])
w.writerow([snowflake(ms(2021, 3, 14, 18, 20, 31, 123)), "2021-03-14 18:20:31.123000+00:00", "hi, \"quoted\", ok", ""])
w.writerow([snowflake(ms(2021, 3, 14, 18, 21, 0)), "2021-03-14 18:21:00.000000+00:00", "two\r\nlines",
            "https://cdn.discordapp.com/attachments/713/714/a.jpg https://cdn.discordapp.com/attachments/713/715/b.mp4"])
with open("package/messages/c713000000000000000/messages.csv", "w", encoding="utf-8", newline="") as f:
    f.write(out.getvalue())
with open("package/messages/c713000000000000000/channel.json", "w", encoding="utf-8") as f:
    json.dump({"id": "713000000000000000", "type": 0, "name": "general", "guild": {"id": "712", "name": "School"}}, f)
with open("package/messages/index.json", "w", encoding="utf-8") as f:
    json.dump({"1102030405060708090": "Direct Message with jake#0", "713000000000000000": "general in School"}, f)
