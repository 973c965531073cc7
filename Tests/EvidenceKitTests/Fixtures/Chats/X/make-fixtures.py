#!/usr/bin/env python3
"""Writes the X (Twitter) archive fixtures. Run from this folder; the output files are committed.

`twitter-2024-05-01/` is laid out as the archive X mails since 2023 (Settings → Your account → Download an archive
of your data): `data/account.js`, `data/direct-messages.js`, `data/direct-messages-group.js` and
`data/direct_messages_media/<message id>-<file>`. Each `.js` file is `window.YTD.<name>.part0 = ` and a JSON array
written with `" : "` between key and value and two-space indentation, as X writes them. Ids and texts are invented.
"""
import json


def js(name, value):
    body = json.dumps(value, indent=2, ensure_ascii=False).replace('": ', '" : ')
    return f"window.YTD.{name}.part0 = {body}"


account = [{"account": {"email": "victim@example.org", "createdVia": "web", "username": "lina_v",
                        "accountId": "1500000000000000001", "createdAt": "2022-03-01T10:00:00.000Z",
                        "accountDisplayName": "Lina"}}]
dms = [{"dmConversation": {"conversationId": "1500000000000000001-1600000000000000002", "messages": [
    {"messageCreate": {"recipientId": "1500000000000000001", "reactions": [], "urls": [],
                       "text": "pay 200 or the photos go public", "mediaUrls": [],
                       "senderId": "1600000000000000002", "id": "1785000000000000010",
                       "createdAt": "2024-04-29T21:45:10.123Z"}},
    {"messageCreate": {"recipientId": "1600000000000000002", "reactions": [], "urls": [],
                       "text": "https://t.co/AbCdEf1234", "mediaUrls": [
                           "https://ton.twitter.com/dm/1785000000000000011/1785000000000000099/XyZ12345.jpg"],
                       "senderId": "1500000000000000001", "id": "1785000000000000011",
                       "createdAt": "2024-04-29T21:46:00.000Z"}},
]}}]
groups = [{"dmConversation": {"conversationId": "1785000000000000500", "messages": [
    {"participantsJoin": {"initiatingUserId": "1600000000000000002", "userIds": ["1500000000000000001"],
                          "createdAt": "2024-04-30T08:00:00.000Z"}},
    {"conversationNameUpdate": {"initiatingUserId": "1600000000000000002", "name": "exposed",
                                "createdAt": "2024-04-30T08:00:05.000Z"}},
    {"messageCreate": {"reactions": [], "urls": [], "text": "everyone look", "mediaUrls": [],
                       "senderId": "1600000000000000002", "id": "1785000000000000600",
                       "createdAt": "2024-04-30T08:01:00.000Z"}},
]}}]
root = "twitter-2024-05-01/data/"
for name, file, value in [("account", "account.js", account), ("direct_messages", "direct-messages.js", dms),
                          ("direct_messages_group", "direct-messages-group.js", groups)]:
    with open(root + file, "w", encoding="utf-8") as f:
        f.write(js(name, value))
with open(root + "direct_messages_media/1785000000000000011-XyZ12345.jpg", "wb") as f:
    f.write(bytes.fromhex("ffd8ffe000104a46494600010100000100010000ffd9"))
