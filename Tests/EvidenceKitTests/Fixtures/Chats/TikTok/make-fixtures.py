#!/usr/bin/env python3
"""Writes the TikTok "Download your data" fixtures. Run from this folder; the output files are committed.

`user_data_tiktok.json` mimics the JSON download of 2024 (Settings and privacy → Account → Download your data →
"All data", format JSON): `Your Activity` (with a watch history before the messages, as in real downloads),
`Direct Message` → `Direct Messages` → `ChatHistory` keyed `Chat History with <username>:`, `Profile`, with
two-space indentation. `Direct Messages.txt` mimics the TXT download of the same data: a block per conversation
`>>> Chat History with <username>::`, a blank line, then `YYYY-MM-DD HH:MM:SS UTC <sender>: <text>` lines, CRLF.
Usernames and contents are invented.
"""
import json

chats = {
    "Chat History with jake_22:": [
        {"Date": "2024-05-01 20:15:03", "From": "jake_22", "Content": "you have 24h"},
        {"Date": "2024-05-01 20:16:40", "From": "lina.v", "Content": "please delete it"},
        {"Date": "2024-05-01 20:17:00", "From": "jake_22",
         "Content": "https://www.tiktokv.com/share/video/7364000000000000000/"},
    ],
    "Chat History with sam.k:": [
        {"Date": "2024-04-02 08:00:00", "From": "sam.k", "Content": "ça va ? 🙂"},
    ],
}
data = {
    "Your Activity": {
        "Watch History": {"VideoList": [
            {"Date": "2024-05-01 19:00:00", "Link": "https://www.tiktokv.com/share/video/7364000000000000001/"}]},
        "Login History": {"LoginHistoryList": [
            {"Date": "2024-05-01 18:59:00", "IP": "192.0.2.10", "DeviceModel": "iPhone14,5"}]},
    },
    "Direct Message": {"Direct Messages": {"ChatHistory": chats}},
    "Profile": {"Profile Info": {"ProfileMap": {"userName": "lina.v"}}},
}
with open("user_data_tiktok.json", "w", encoding="utf-8") as f:
    json.dump(data, f, indent=2, ensure_ascii=False)

lines = []
for key, messages in chats.items():
    lines.append(">>> " + key.rstrip(":") + "::")
    lines.append("")
    for m in messages:
        lines.append(f"{m['Date']} UTC {m['From']}: {m['Content']}")
    lines.append("")
# A message with a line break, as the TXT form writes it: the text goes on under the header line.
lines.insert(3, "2024-05-01 20:16:10 UTC lina.v: who is this")
lines.insert(4, "what do you want")
with open("Direct Messages.txt", "w", encoding="utf-8", newline="") as f:
    f.write("\r\n".join(lines) + "\r\n")
